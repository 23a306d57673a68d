/**
 * Issue 13, false findings seen on real code: each class with the wrong case and its correct
 * neighbour, through the real scanners, passes and rules (as the CLI runs them).
 */
import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/model';
import { simulateOutage } from '../../../src/core/simulate';
import { analyseFiles, findingsOf, locations } from '../../support/ruleTester';

const graded = (findings: Finding[]) => findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity}`);

const CFN_BUCKETS = (status: string) => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  ReplicaBucketArn:
    Type: String
    Default: arn:aws:s3:::orders-replica-us-west-2
Resources:
  ReplicationRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal:
              Service: s3.amazonaws.com
            Action: sts:AssumeRole
  OrdersBucket:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration:
        Status: Enabled
      ReplicationConfiguration:
        Role: !GetAtt ReplicationRole.Arn
        Rules:
          - Id: to-oregon
            Status: ${status}
            Destination:
              Bucket: !Ref ReplicaBucketArn
`;

// After the Terraform AWS provider's aws_s3_bucket_replication_configuration documentation.
const TF_REPLICATION = (status: string) => `provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "central"
  region = "eu-central-1"
}

resource "aws_s3_bucket" "destination" {
  bucket = "tf-test-bucket-destination-12345"
}

resource "aws_s3_bucket" "source" {
  provider = aws.central
  bucket   = "tf-test-bucket-source-12345"
}

resource "aws_s3_bucket_replication_configuration" "replication" {
  provider = aws.central
  role     = aws_iam_role.replication.arn
  bucket   = aws_s3_bucket.source.id

  rule {
    id     = "examplerule"
    status = "${status}"

    destination {
      bucket        = aws_s3_bucket.destination.arn
      storage_class = "STANDARD"
    }
  }
}
`;

const TF_INLINE = (status: string) => `provider "aws" {
  region = "us-east-1"
}

resource "aws_s3_bucket" "logs" {
  bucket = "orders-logs-use1"

  replication_configuration {
    role = aws_iam_role.replication.arn

    rules {
      id     = "logs"
      status = "${status}"

      destination {
        bucket = "arn:aws:s3:::orders-logs-usw2"
      }
    }
  }
}
`;

describe('S3 replication rules that are Disabled are not replication (issue 13 item 3)', () => {
  it('CloudFormation: a bucket whose only rule is Disabled gets the finding; Enabled does not', async () => {
    const disabled = await analyseFiles({ 'template.yaml': CFN_BUCKETS('Disabled') });
    assert.deepEqual(graded(findingsOf(disabled, 's3-bucket-no-cross-region-replication')), ['template.yaml:16:3 low']);
    // Enabled, to a bucket passed as a parameter: the rule cannot place it, and says so at info.
    const enabled = await analyseFiles({ 'template.yaml': CFN_BUCKETS('Enabled') });
    assert.deepEqual(graded(findingsOf(enabled, 's3-bucket-no-cross-region-replication')), ['template.yaml:16:3 info']);
  });

  it('Terraform inline replication_configuration: status = "Disabled" is no replica', async () => {
    const disabled = await analyseFiles({ 'main.tf': TF_INLINE('Disabled') });
    assert.deepEqual(graded(findingsOf(disabled, 's3-bucket-no-cross-region-replication')), ['main.tf:5:1 low']);
    // Enabled, to a bucket of another repository: region unknown, said at info.
    const enabled = await analyseFiles({ 'main.tf': TF_INLINE('Enabled') });
    assert.deepEqual(graded(findingsOf(enabled, 's3-bucket-no-cross-region-replication')), ['main.tf:5:1 info']);
  });

  it('Terraform aws_s3_bucket_replication_configuration: a Disabled rule leaves the source bucket unreplicated', async () => {
    const disabled = await analyseFiles({ 'main.tf': TF_REPLICATION('Disabled') });
    assert.deepEqual(graded(findingsOf(disabled, 's3-bucket-no-cross-region-replication')), ['main.tf:10:1 low', 'main.tf:14:1 low']);
    const enabled = await analyseFiles({ 'main.tf': TF_REPLICATION('Enabled') });
    // The destination (line 10) is the copy; the source replicates to eu-west-1 from eu-central-1.
    assert.deepEqual(graded(findingsOf(enabled, 's3-bucket-no-cross-region-replication')), []);
  });
});

describe('Terraform finds a replication destination region in the workspace (issue 13 item 4)', () => {
  it('the documentation example: a destination bucket of the default provider is in eu-west-1, the source in eu-central-1', async () => {
    const map = await analyseFiles({ 'main.tf': TF_REPLICATION('Enabled') });
    const config = map.dependencies.find((d) => d.resource?.type === 'aws_s3_bucket_replication_configuration');
    assert.deepEqual(config?.resource?.replicaRegions, ['eu-west-1']);
    const source = map.dependencies.find((d) => d.resource?.name === 'source');
    assert.equal(source?.region, 'eu-central-1');
  });

  it('a destination ARN of another repository is placed by the region in its name, as CloudFormation does', async () => {
    const tf = await analyseFiles({ 'main.tf': TF_INLINE('Enabled').replace('orders-logs-usw2', 'orders-logs-us-west-2') });
    assert.deepEqual(tf.dependencies.find((d) => d.resource?.name === 'logs')?.resource?.replicaRegions, ['us-west-2']);
    assert.deepEqual(graded(findingsOf(tf, 's3-bucket-no-cross-region-replication')), []);
    const cfn = await analyseFiles({ 'template.yaml': CFN_BUCKETS('Enabled').replace('Bucket: !Ref ReplicaBucketArn', 'Bucket: arn:aws:s3:::orders-logs-us-west-2') });
    assert.deepEqual(graded(findingsOf(cfn, 's3-bucket-no-cross-region-replication')), []);
  });

  it('a bucket declared in the workspace outweighs the region its name suggests', async () => {
    const map = await analyseFiles({ 'main.tf': TF_REPLICATION('Enabled').replace('tf-test-bucket-destination-12345', 'orders-us-east-1').replace('aws_s3_bucket.destination.arn', '"arn:aws:s3:::orders-us-east-1"') });
    const config = map.dependencies.find((d) => d.resource?.type === 'aws_s3_bucket_replication_configuration');
    assert.deepEqual(config?.resource?.replicaRegions, ['eu-west-1']);
  });
});

const CFN_AURORA = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AuroraInstance:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-postgresql
      DBInstanceClass: db.r6g.large
      DBClusterIdentifier: !ImportValue shared-aurora-cluster-id
  ReportsDb:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.medium
      AllocatedStorage: "20"
`;

const CFN_AURORA_NO_CLUSTER = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AuroraInstance:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-mysql
      DBInstanceClass: db.r6g.large
`;

const TF_AURORA = `resource "aws_db_instance" "aurora" {
  identifier     = "orders-aurora-1"
  engine         = "aurora-mysql"
  instance_class = "db.r6g.large"
}

resource "aws_db_instance" "reports" {
  identifier        = "reports"
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 20
}
`;

const CDK_AURORA = `import * as cdk from "aws-cdk-lib";
import * as rds from "aws-cdk-lib/aws-rds";

export class DbStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    new rds.CfnDBInstance(this, "AuroraWriter", { engine: "aurora-postgresql", dbInstanceClass: "db.r6g.large" });
    new rds.CfnDBInstance(this, "Reports", { engine: "postgres", dbInstanceClass: "db.t3.medium", allocatedStorage: "20" });
  }
}
`;

describe('an Aurora DB instance is not told to set Multi-AZ (issue 13 item 6)', () => {
  it('CloudFormation: only the postgres instance gets the finding', async () => {
    const map = await analyseFiles({ 'template.yaml': CFN_AURORA });
    assert.deepEqual(locations(findingsOf(map, 'rds-instance-single-az')), ['template.yaml:9:3']);
    const alone = await analyseFiles({ 'template.yaml': CFN_AURORA_NO_CLUSTER });
    assert.deepEqual(locations(findingsOf(alone, 'rds-instance-single-az')), []);
  });

  it('Terraform: aws_db_instance with an aurora engine is the cluster\'s business', async () => {
    const map = await analyseFiles({ 'main.tf': TF_AURORA });
    assert.deepEqual(locations(findingsOf(map, 'rds-instance-single-az')), ['main.tf:7:1']);
  });

  it('CDK: CfnDBInstance with an aurora engine is not reported, the postgres one is', async () => {
    const map = await analyseFiles({ 'lib/db-stack.ts': CDK_AURORA });
    assert.deepEqual(findingsOf(map, 'rds-instance-single-az').map((f) => f.line), [8]);
  });
});

const CFN_DISTRIBUTION = (members: string) => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  SiteDistribution:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
          - Id: primary
            DomainName: site-primary.s3.us-east-1.amazonaws.com
            S3OriginConfig: {}
          - Id: secondary
            DomainName: site-secondary.s3.us-west-2.amazonaws.com
            S3OriginConfig: {}
        OriginGroups:
          Quantity: 1
          Items:
            - Id: site-group
              FailoverCriteria:
                StatusCodes:
                  Quantity: 2
                  Items: [500, 503]
              Members:
${members}
        DefaultCacheBehavior:
          TargetOriginId: site-group
          ViewerProtocolPolicy: redirect-to-https
          CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6
`;

const ONE_MEMBER = `                Quantity: 1
                Items:
                  - OriginId: primary`;
const TWO_MEMBERS = `                Quantity: 2
                Items:
                  - OriginId: primary
                  - OriginId: secondary`;

const TF_DISTRIBUTION = (members: string) => `resource "aws_cloudfront_distribution" "site" {
  enabled = true

  origin {
    origin_id   = "primary"
    domain_name = "site-primary.s3.us-east-1.amazonaws.com"
  }

  origin {
    origin_id   = "secondary"
    domain_name = "site-secondary.s3.us-west-2.amazonaws.com"
  }

  origin_group {
    origin_id = "site-group"

    failover_criteria {
      status_codes = [500, 503]
    }
${members}
  }

  default_cache_behavior {
    target_origin_id       = "site-group"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
  }
}
`;

describe('an origin group with fewer than two members is not origin failover (issue 13 item 7)', () => {
  it('CloudFormation', async () => {
    const one = await analyseFiles({ 'template.yaml': CFN_DISTRIBUTION(ONE_MEMBER) });
    assert.deepEqual(locations(findingsOf(one, 'cloudfront-no-origin-failover')), ['template.yaml:3:3']);
    const two = await analyseFiles({ 'template.yaml': CFN_DISTRIBUTION(TWO_MEMBERS) });
    assert.deepEqual(locations(findingsOf(two, 'cloudfront-no-origin-failover')), []);
  });

  it('Terraform', async () => {
    const one = await analyseFiles({ 'main.tf': TF_DISTRIBUTION('\n    member {\n      origin_id = "primary"\n    }') });
    assert.deepEqual(locations(findingsOf(one, 'cloudfront-no-origin-failover')), ['main.tf:1:1']);
    const two = await analyseFiles({ 'main.tf': TF_DISTRIBUTION('\n    member {\n      origin_id = "primary"\n    }\n\n    member {\n      origin_id = "secondary"\n    }') });
    assert.deepEqual(locations(findingsOf(two, 'cloudfront-no-origin-failover')), []);
  });
});

// A Terraform bucket policy written as a heredoc, after the CloudWatch Logs / VPC Flow Logs
// delivery documentation: the principals are services, the endpoint below is a real one.
const TF_POLICY_HEREDOC = `resource "aws_s3_bucket_policy" "flow_logs" {
  bucket = aws_s3_bucket.flow_logs.id
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AWSLogDeliveryWrite",
      "Effect": "Allow",
      "Principal": { "Service": "delivery.logs.amazonaws.com" },
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::flow-logs-bucket/*",
      "Condition": { "StringEquals": { "aws:SourceService": "delivery.logs.amazonaws.com" } }
    },
    {
      "Effect": "Allow",
      "Principal": { "Service": ["lambda.amazonaws.com", "states.eu-west-1.amazonaws.com"] },
      "Action": "sts:AssumeRole"
    }
  ]
}
POLICY
}

resource "aws_cloudwatch_log_subscription_filter" "ship" {
  name            = "ship"
  log_group_name  = "/aws/lambda/orders"
  filter_pattern  = ""
  destination_arn = aws_kinesis_stream.logs.arn
  distribution    = "https://logs.eu-west-1.amazonaws.com"
}
`;

const CFN_KEY_POLICY = JSON.stringify({
  Resources: {
    LogsKey: {
      Type: 'AWS::KMS::Key',
      Properties: {
        KeyPolicy: {
          Statement: [{ Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 'kms:GenerateDataKey*', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } }],
        },
      },
    },
  },
}, null, 2);

describe('service principals in IAM policies are not endpoints (issue 13 item 8)', () => {
  it('Terraform heredoc policy: principals and condition values are not endpoints; the real endpoint is', async () => {
    const map = await analyseFiles({ 'main.tf': TF_POLICY_HEREDOC });
    assert.deepEqual(map.dependencies.filter((d) => d.kind === 'endpoint').map((d) => `${d.line}:${d.text}`), ['30:logs.eu-west-1.amazonaws.com']);
  });

  it('CloudFormation JSON: a region-less principal and a kms:ViaService value are not endpoints', async () => {
    const map = await analyseFiles({ 'template.json': CFN_KEY_POLICY });
    assert.deepEqual(map.dependencies.filter((d) => d.kind === 'endpoint').map((d) => d.text), []);
  });

  it('a policy in a JavaScript string: principals are not endpoints, a computed endpoint still is', async () => {
    const text = [
      'const region = process.env.AWS_REGION;',
      'export const trust = `{"Principal": {"Service": ["delivery.logs.amazonaws.com", "states.${region}.amazonaws.com"]}}`;',
      'export const queue = `https://sqs.${region}.amazonaws.com/123456789012/jobs`;',
    ].join('\n');
    const map = await analyseFiles({ 'src/policy.ts': text });
    assert.deepEqual(map.dependencies.filter((d) => d.kind === 'endpoint').map((d) => `${d.line}:${d.text}`), ['3:sqs.*.amazonaws.com']);
  });
});

const CDK_GLOBAL_STACK = (replicas: string) => `import { Stack, StackProps } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import { Construct } from "constructs";

const HOME_REGIONS = ["us-east-1", "eu-west-1"];

export interface GlobalTableStackProps extends StackProps {
  regions: string[];
}

export class GlobalTableStack extends Stack {
  constructor(scope: Construct, id: string, props: GlobalTableStackProps) {
    super(scope, id, props);

    new dynamodb.CfnGlobalTable(this, "Orders", {
      tableName: "orders",
      attributeDefinitions: [{ attributeName: "pk", attributeType: "S" }],
      keySchema: [{ attributeName: "pk", keyType: "HASH" }],
      billingMode: "PAY_PER_REQUEST",
      streamSpecification: { streamViewType: "NEW_AND_OLD_IMAGES" },
      replicas: ${replicas},
    });

    new dynamodb.TableV2(this, "Sessions", {
      partitionKey: { name: "id", type: dynamodb.AttributeType.STRING },
    });
  }
}
`;

const CDK_APP = `import { App } from "aws-cdk-lib";
import { GlobalTableStack } from "../lib/global-table-stack";

const app = new App();
new GlobalTableStack(app, "GlobalTables", { env: { region: "us-east-1" }, regions: ["us-east-1", "eu-west-1"] });
`;

describe('a CDK global table whose replicas are computed is replicated (issue 13 item 1)', () => {
  const run = async (replicas: string) => {
    const map = await analyseFiles({ 'lib/global-table-stack.ts': CDK_GLOBAL_STACK(replicas), 'bin/app.ts': CDK_APP });
    const outage = simulateOutage(map, 'us-east-1');
    return {
      findings: findingsOf(map, 'dynamodb-table-not-global').map((f) => `${f.line} ${f.severity}`),
      failing: outage.failing.filter((e) => e.service === 'dynamodb').map((e) => e.component),
      surviving: outage.surviving.filter((e) => e.service === 'dynamodb').map((e) => `${e.component}: ${e.detail}`),
      orders: map.dependencies.find((d) => d.resource?.name === 'Orders')?.resource,
    };
  };

  it('regions passed in props: no finding, surviving in simulation; the plain TableV2 beside it is reported and fails', async () => {
    const r = await run('props.regions.map((region) => ({ region, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } }))');
    assert.deepEqual(r.findings, ['24 medium']);
    assert.deepEqual(r.failing, ['Sessions']);
    assert.deepEqual(r.surviving, ['Orders: replicas in regions the code computes (not listed in the workspace)']);
    assert.equal(r.orders?.replicated, true);
  });

  it('regions of a const array: the replica regions are read, the own region removed', async () => {
    const r = await run('HOME_REGIONS.map((region) => {\n        return { region };\n      })');
    assert.deepEqual(r.orders?.replicaRegions, ['eu-west-1']);
    assert.equal(r.orders?.replicated, undefined);
    assert.deepEqual(r.findings, ['26 medium']);
    assert.deepEqual(r.surviving, ['Orders: replica in eu-west-1']);
  });

  it('a literal list with only the stack region is still a single-region table', async () => {
    const r = await run('[{ region: "us-east-1" }]');
    assert.deepEqual(r.findings, ['15 medium', '24 medium']);
    assert.deepEqual(r.failing, ['Orders', 'Sessions']);
  });
});

describe('Pulumi resources follow the same facts (issue 13 items 1, 3, 6, 7)', () => {
  const PULUMI = `import * as aws from "@pulumi/aws";

const regions = ["us-east-1", "eu-west-1"].filter((r) => r !== "");

const orders = new aws.dynamodb.Table("orders", {
  attributes: [{ name: "id", type: "S" }],
  hashKey: "id",
  streamEnabled: true,
  streamViewType: "NEW_AND_OLD_IMAGES",
  replicas: regions.map((regionName) => ({ regionName })),
});

const aurora = new aws.rds.Instance("aurora-writer", {
  engine: "aurora-postgresql",
  instanceClass: "db.r6g.large",
});

const reports = new aws.rds.Instance("reports", {
  engine: "postgres",
  instanceClass: "db.t3.medium",
  allocatedStorage: 20,
});

const logs = new aws.s3.BucketV2("logs", {
  replicationConfiguration: {
    role: "arn:aws:iam::123456789012:role/replication",
    rules: [{ id: "paused", status: "Disabled", destination: { bucket: "arn:aws:s3:::logs-replica-us-west-2" } }],
  },
});

const site = new aws.cloudfront.Distribution("site", {
  enabled: true,
  origins: [{ originId: "primary", domainName: "site.s3.us-east-1.amazonaws.com" }],
  originGroups: [{ originId: "group", failoverCriteria: { statusCodes: [503] }, members: [{ originId: "primary" }] }],
  defaultCacheBehavior: { targetOriginId: "group", viewerProtocolPolicy: "redirect-to-https", allowedMethods: ["GET", "HEAD"], cachedMethods: ["GET", "HEAD"] },
  restrictions: { geoRestriction: { restrictionType: "none" } },
  viewerCertificate: { cloudfrontDefaultCertificate: true },
});
`;
  it('computed replicas, an Aurora instance, a Disabled rule and a one-member origin group', async () => {
    const map = await analyseFiles({ 'index.ts': PULUMI });
    assert.deepEqual(findingsOf(map, 'dynamodb-table-not-global').map((f) => f.line), []);
    assert.deepEqual(findingsOf(map, 'rds-instance-single-az').map((f) => f.line), [18]);
    assert.deepEqual(findingsOf(map, 's3-bucket-no-cross-region-replication').filter((f) => f.severity !== 'info').map((f) => f.line), [24]);
    assert.deepEqual(findingsOf(map, 'cloudfront-no-origin-failover').map((f) => f.line), [31]);
  });
});

describe('CDK CfnBucket replication rules with status Disabled are not replication (issue 13 item 3)', () => {
  const stack = (status: string) => `import * as cdk from "aws-cdk-lib";
import * as s3 from "aws-cdk-lib/aws-s3";

export class LogsStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id, { env: { region: "us-east-1" } });
    new s3.CfnBucket(this, "Logs", {
      versioningConfiguration: { status: "Enabled" },
      replicationConfiguration: {
        role: "arn:aws:iam::123456789012:role/replication",
        rules: [{ status: "${status}", destination: { bucket: "arn:aws:s3:::logs-replica-us-west-2" } }],
      },
    });
  }
}
`;
  it('Disabled: the bucket is reported; Enabled to a bucket named for us-west-2: not reported', async () => {
    const disabled = await analyseFiles({ 'lib/logs-stack.ts': stack('Disabled') });
    assert.deepEqual(graded(findingsOf(disabled, 's3-bucket-no-cross-region-replication')), ['lib/logs-stack.ts:7:5 low']);
    const enabled = await analyseFiles({ 'lib/logs-stack.ts': stack('Enabled') });
    assert.deepEqual(graded(findingsOf(enabled, 's3-bucket-no-cross-region-replication')), []);
  });
});
