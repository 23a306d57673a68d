/**
 * Issue 13 item 2: a lookup table keyed by region (the documented way to pick a per-region Lambda
 * layer, a CloudFormation `Mappings` entry per region) is one dependency whose candidate regions
 * are the keys, and no finding; a lone ARN beside it is still pinned.
 */
import assert from 'node:assert/strict';
import { analyseFiles, findingsOf, locations } from '../../support/ruleTester';

const TS_LAYERS = `import { LayerVersion } from "aws-cdk-lib/aws-lambda";

// Lambda Powertools layer ARNs, one per region (from the Powertools documentation).
export const POWERTOOLS_LAYER_ARNS: Record<string, string> = {
  "us-east-1": "arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV2:38",
  "us-west-2": "arn:aws:lambda:us-west-2:017000801446:layer:AWSLambdaPowertoolsPythonV2:38",
  "eu-west-1": "arn:aws:lambda:eu-west-1:017000801446:layer:AWSLambdaPowertoolsPythonV2:38",
};

export const AUDIT_TOPIC = "arn:aws:sns:us-east-1:123456789012:audit";
`;

const PY_LAYERS = `import os

LAYERS = {
    "us-east-1": "arn:aws:lambda:us-east-1:580247275435:layer:LambdaInsightsExtension:38",
    "eu-central-1": "arn:aws:lambda:eu-central-1:580247275435:layer:LambdaInsightsExtension:38",
}

LAYER = LAYERS[os.environ["AWS_REGION"]]
`;

const CFN_MAPPINGS = `AWSTemplateFormatVersion: "2010-09-09"
Mappings:
  Region2S3Endpoint:
    us-east-1:
      Endpoint: s3.amazonaws.com
      Website: s3-website-us-east-1.amazonaws.com
    us-west-2:
      Endpoint: s3-us-west-2.amazonaws.com
      Website: s3-website-us-west-2.amazonaws.com
    eu-west-1:
      Endpoint: s3-eu-west-1.amazonaws.com
      Website: s3-website-eu-west-1.amazonaws.com
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      NotificationConfiguration:
        TopicConfigurations:
          - Event: s3:ObjectCreated:*
            Topic: arn:aws:sns:us-west-2:123456789012:uploads
`;

const CFN_JSON_MAPPINGS = JSON.stringify({
  Mappings: {
    AWSRegionArch2AMI: {
      'us-east-1': { LayerArn: 'arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV2:38' },
      'us-west-2': { LayerArn: 'arn:aws:lambda:us-west-2:017000801446:layer:AWSLambdaPowertoolsPythonV2:38' },
    },
  },
  Resources: { Topic: { Type: 'AWS::SNS::Topic' } },
}, null, 2);

const TF_LOCALS = `locals {
  powertools_layer = {
    "us-east-1" = "arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV2:38"
    "eu-west-1" = "arn:aws:lambda:eu-west-1:017000801446:layer:AWSLambdaPowertoolsPythonV2:38"
  }
}
`;

const tableRows = (map: Awaited<ReturnType<typeof analyseFiles>>, file: string) =>
  map.dependencies.filter((d) => d.file === file && (d.kind === 'arn' || d.kind === 'endpoint')).map((d) => `${d.line}:${d.region}:${(d.candidateRegions ?? []).join(',')}`);

describe('region-keyed lookup tables are one dependency, not a pin per entry (issue 13 item 2)', () => {
  it('TypeScript: one layer dependency with three candidates and no finding; the lone topic ARN is pinned', async () => {
    const map = await analyseFiles({ 'lib/layers.ts': TS_LAYERS });
    assert.deepEqual(tableRows(map, 'lib/layers.ts'), ['5:null:eu-west-1,us-east-1,us-west-2', '10:us-east-1:']);
    assert.deepEqual(locations(findingsOf(map, 'arn-literal-region')), ['lib/layers.ts:10:28']);
    const layer = map.dependencies.find((d) => d.line === 5);
    assert.equal(layer?.text, 'arn:aws:lambda:*:017000801446:layer:AWSLambdaPowertoolsPythonV2:38');
  });

  it('Python dict', async () => {
    const map = await analyseFiles({ 'app/layers.py': PY_LAYERS });
    assert.deepEqual(tableRows(map, 'app/layers.py'), ['4:null:eu-central-1,us-east-1']);
    assert.deepEqual(findingsOf(map, 'arn-literal-region'), []);
  });

  it('CloudFormation YAML Mappings keyed by region: one endpoint per column, no hardcoded-regional-endpoint; the topic ARN stays', async () => {
    const map = await analyseFiles({ 'template.yaml': CFN_MAPPINGS });
    assert.deepEqual(findingsOf(map, 'hardcoded-regional-endpoint'), []);
    const endpoints = map.dependencies.filter((d) => d.kind === 'endpoint').map((d) => `${d.line}:${d.region}:${(d.candidateRegions ?? []).join(',')}`);
    // s3.amazonaws.com (line 5), the legacy global host, is the us-east-1 entry of its column.
    assert.deepEqual(endpoints, ['5:null:eu-west-1,us-east-1,us-west-2', '6:null:eu-west-1,us-east-1,us-west-2']);
    assert.deepEqual(findingsOf(map, 's3-legacy-global-endpoint'), []);
    assert.deepEqual(locations(findingsOf(map, 'arn-literal-region')), ['template.yaml:20:20']);
  });

  it('CloudFormation JSON Mappings', async () => {
    const map = await analyseFiles({ 'template.json': CFN_JSON_MAPPINGS });
    assert.deepEqual(tableRows(map, 'template.json').map((r) => r.split(':').slice(1).join(':')), ['null:us-east-1,us-west-2']);
    assert.deepEqual(findingsOf(map, 'arn-literal-region'), []);
  });

  it('Terraform locals map', async () => {
    const map = await analyseFiles({ 'layers.tf': TF_LOCALS });
    assert.deepEqual(tableRows(map, 'layers.tf'), ['3:null:eu-west-1,us-east-1']);
    assert.deepEqual(findingsOf(map, 'arn-literal-region'), []);
  });

  it('a table whose values name another region than their key (a failover map) is not collapsed', async () => {
    const text = `export const FAILOVER = {\n  "us-east-1": "arn:aws:sns:us-west-2:123456789012:alerts",\n  "us-west-2": "arn:aws:sns:us-east-1:123456789012:alerts",\n};\n`;
    const map = await analyseFiles({ 'src/failover.ts': text });
    assert.deepEqual(tableRows(map, 'src/failover.ts'), ['2:us-west-2:', '3:us-east-1:']);
  });
});

describe('a region-keyed table whose entries differ in shape is still one table', () => {
  it('s3-<region>.amazonaws.com beside s3.cn-north-1.amazonaws.com.cn (AWS CloudFormation sample templates)', async () => {
    const template = `AWSTemplateFormatVersion: "2010-09-09"
Mappings:
  Region2Examples:
    us-west-2:
      Examples: https://s3-us-west-2.amazonaws.com/cloudformation-examples-us-west-2
    eu-west-1:
      Examples: https://s3-eu-west-1.amazonaws.com/cloudformation-examples-eu-west-1
    cn-north-1:
      Examples: https://s3.cn-north-1.amazonaws.com.cn/cloudformation-examples-cn-north-1
Resources:
  Topic:
    Type: AWS::SNS::Topic
`;
    const map = await analyseFiles({ 'template.yaml': template });
    assert.deepEqual(findingsOf(map, 'hardcoded-regional-endpoint'), []);
    assert.deepEqual(tableRows(map, 'template.yaml'), ['5:null:cn-north-1,eu-west-1,us-west-2']);
  });
});

describe('a container image URI is not an endpoint override', () => {
  it('is reported low, with image advice; an SQS queue URL beside it stays medium', async () => {
    const template = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  ImageUri:
    Type: String
    Default: 123456789012.dkr.ecr.us-east-2.amazonaws.com/hello-app-runner:latest
  QueueUrl:
    Type: String
    Default: https://sqs.eu-west-1.amazonaws.com/123456789012/orders
Resources:
  Topic:
    Type: AWS::SNS::Topic
`;
    const map = await analyseFiles({ 'template.yaml': template });
    assert.deepEqual(findingsOf(map, 'hardcoded-regional-endpoint').map((f) => `${f.line} ${f.severity} ${f.message.slice(0, 14)}`), ['5 low Image registry', '8 medium Endpoint sqs.e']);
  });
});
