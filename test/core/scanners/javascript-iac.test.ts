import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dependency } from '../../../src/core/model';
import { javascriptScanner } from '../../../src/core/scanners/javascript';
import type { ScanOutput } from '../../../src/core/scanners/types';
import { displayed } from '../../support/trace';
import { traceStep } from '../../../src/core/trace';

const CDK_APP = join(__dirname, '../../fixtures/cdk/orders-app');
const PULUMI_APP = join(__dirname, '../../fixtures/pulumi/shop');

function scan(root: string, rel: string): ScanOutput {
  return javascriptScanner.scan(rel, readFileSync(join(root, rel), 'utf8'), { languages: {} });
}

function rows(deps: Dependency[]): Array<Record<string, unknown>> {
  return deps
    .map((d) => {
      const r: Record<string, unknown> = { kind: d.kind, service: d.service, line: d.line, column: d.column, region: d.region, regionSource: d.regionSource };
      if (d.name !== undefined) r.name = d.name;
      if (d.text !== undefined) r.text = d.text;
      if (d.regionRef) r.regionRef = d.regionRef;
      return r;
    })
    .sort((a, b) => (a.line as number) - (b.line as number) || (a.column as number) - (b.column as number));
}

function at(out: ScanOutput, line: number, column: number): Dependency {
  const d = out.dependencies.find((x) => x.line === line && x.column === column);
  assert.ok(d, `no dependency at ${line}:${column}`);
  return d;
}

describe('JavaScript scanner: AWS CDK', () => {
  it('declares one resource per construct of a stack class, keyed to the class for the CDK pass', () => {
    const out = scan(CDK_APP, 'lib/orders-stack.ts');
    const cdk = (key: string) => ({ kind: 'format', format: 'cdk', key });
    assert.deepEqual(rows(out.dependencies), [
      { kind: 'iac-resource', service: 'dynamodb', line: 15, column: 19, region: null, regionSource: 'unresolved', name: 'OrdersTable', regionRef: cdk('OrdersStack') },
      { kind: 'iac-resource', service: 's3', line: 23, column: 20, region: null, regionSource: 'unresolved', name: 'AssetsBucket', regionRef: cdk('OrdersStack') },
      { kind: 'iac-resource', service: 'lambda', line: 29, column: 21, region: null, regionSource: 'unresolved', name: 'OrdersFunction', regionRef: cdk('OrdersStack') },
      // EdgeFunction always deploys to a us-east-1 stack of its own.
      { kind: 'iac-resource', service: 'lambda', line: 39, column: 18, region: 'us-east-1', regionSource: 'global-service', name: 'EdgeAuth' },
      { kind: 'iac-resource', service: 'cloudfront', line: 45, column: 5, region: null, regionSource: 'unresolved', name: 'Cdn', regionRef: cdk('OrdersStack') },
      { kind: 'arn', service: 'sqs', line: 54, column: 19, region: 'eu-west-1', regionSource: 'literal', text: 'arn:aws:sqs:eu-west-1:123456789012:fulfilment' },
    ]);
    assert.deepEqual(at(out, 15, 19).resource, { type: 'aws-cdk-lib/aws-dynamodb.TableV2', kind: 'AWS::DynamoDB::Table', name: 'OrdersTable', replicaRegions: ['us-east-2'], attributes: { pointInTimeRecovery: true } });
    assert.deepEqual(at(out, 23, 20).resource, { type: 'aws-cdk-lib/aws-s3.Bucket', kind: 'AWS::S3::Bucket', name: 'AssetsBucket', replicaRegions: [], attributes: { physicalNames: ['orders-assets'] } });
    assert.deepEqual(at(out, 39, 18).resource, { type: 'aws-cdk-lib/aws-cloudfront.experimental.EdgeFunction', kind: 'AWS::Lambda::Function', name: 'EdgeAuth', attributes: { lambdaEdge: true, codePaths: ['edge'] } });
    // The S3 origin is the bucket's regional domain name: a regional origin without failover.
    assert.deepEqual(at(out, 45, 5).resource?.attributes, { lambdaEdge: true, originFailover: false, originDomains: ['${AssetsBucket.bucketRegionalDomainName}'] });
    assert.equal(at(out, 39, 18).global, true);
    for (const d of out.dependencies.filter((x) => x.kind === 'iac-resource')) {
      assert.equal(d.container, 'OrdersStack');
      assert.equal(d.origin, 'cdk');
    }
    assert.deepEqual(out.formatFacts, { cdk: { classes: [{ name: 'OrdersStack', extends: 'Stack', base: 'stack', line: 11 }], instantiations: [] } });
  });

  it('makes each Lambda function a deploy unit with its asset folder and environment', () => {
    const out = scan(CDK_APP, 'lib/orders-stack.ts');
    const fn = at(out, 29, 21);
    assert.deepEqual(out.deployUnits, [
      { name: 'OrdersFunction', stackFile: 'lib/orders-stack.ts', codePaths: ['lambda/orders'], line: 29, environment: { TABLE_NAME: '${table.tableName}', ASSETS_BUCKET: 'orders-assets' }, dependencyId: fn.id },
      { name: 'EdgeAuth', stackFile: 'lib/orders-stack.ts', codePaths: ['edge'], line: 39, dependencyId: at(out, 39, 18).id },
    ]);
  });

  it('turns stack and stage env regions into region-configs and records every instantiation', () => {
    const out = scan(CDK_APP, 'bin/app.ts');
    assert.deepEqual(rows(out.dependencies), [
      { kind: 'region-config', service: '*', line: 10, column: 52, region: 'eu-west-1', regionSource: 'literal', name: 'env.region', text: 'eu-west-1' },
      { kind: 'region-config', service: '*', line: 14, column: 33, region: 'eu-central-1', regionSource: 'literal', name: 'env.region', text: 'eu-central-1' },
      { kind: 'region-config', service: '*', line: 16, column: 40, region: null, regionSource: 'unresolved', name: 'env.region', text: 'process.env.CDK_DEFAULT_REGION', regionRef: { kind: 'format', format: 'cdk', key: 'Stack#Tooling' } },
    ]);
    // The region-config is scoped to the file of the stack class it configures.
    assert.deepEqual(at(out, 10, 52).scope, { file: 'lib/orders-stack.ts', appliesTo: 'deploy' });
    assert.deepEqual(at(out, 14, 33).scope, { file: 'lib/dr-stage.ts', appliesTo: 'deploy' });
    assert.deepEqual(at(out, 16, 40).scope, { file: 'bin/app.ts', appliesTo: 'deploy' });
    assert.equal(at(out, 10, 52).origin, 'cdk');
    assert.deepEqual(out.formatFacts, {
      cdk: {
        classes: [],
        instantiations: [
          { className: 'OrdersStack', key: 'OrdersStack#OrdersStack', id: 'OrdersStack', container: null, line: 9, column: 1, classFile: 'lib/orders-stack.ts', env: { line: 10, column: 52, region: 'eu-west-1' }, crossRegionReferences: true },
          { className: 'DrStage', key: 'DrStage#Dr', id: 'Dr', container: null, line: 14, column: 1, classFile: 'lib/dr-stage.ts', env: { line: 14, column: 33, region: 'eu-central-1' } },
          { className: 'Stack', key: 'Stack#Tooling', id: 'Tooling', container: null, line: 16, column: 1, core: true, env: { line: 16, column: 40, variable: 'CDK_DEFAULT_REGION', trace: [traceStep({ file: 'bin/app.ts', line: 16, column: 48 }, { kind: 'env-read', variable: 'CDK_DEFAULT_REGION' })] } },
        ],
      },
    });
  });

  it('records a stack created inside a Stage class with the stage as its container', () => {
    const out = scan(CDK_APP, 'lib/dr-stage.ts');
    assert.deepEqual(out.dependencies, []);
    assert.deepEqual(out.formatFacts, {
      cdk: {
        classes: [{ name: 'DrStage', extends: 'Stage', base: 'stage', line: 6 }],
        instantiations: [{ className: 'OrdersStack', key: 'OrdersStack#Orders', id: 'Orders', container: 'DrStage', line: 9, column: 5, classFile: 'lib/orders-stack.ts' }],
      },
    });
  });

  it('reads a CDK v1 construct library written with import = require: a Construct subclass, a certificate pinned to us-east-1', () => {
    const out = scan(join(__dirname, '../../fixtures/cdk/static-site'), 'static-site.ts');
    const key = { kind: 'format', format: 'cdk', key: 'StaticSite' };
    assert.deepEqual(rows(out.dependencies), [
      { kind: 'iac-resource', service: 's3', line: 22, column: 24, region: null, regionSource: 'unresolved', name: 'SiteBucket', regionRef: key },
      { kind: 'iac-resource', service: 'acm', line: 29, column: 28, region: 'us-east-1', regionSource: 'literal', name: 'SiteCertificate' },
      { kind: 'iac-resource', service: 'cloudfront', line: 35, column: 26, region: null, regionSource: 'unresolved', name: 'SiteDistribution', regionRef: key },
      { kind: 'iac-resource', service: 'route53', line: 43, column: 5, region: null, regionSource: 'unresolved', name: 'SiteAliasRecord', regionRef: key },
    ]);
    assert.deepEqual(at(out, 35, 26).resource, { type: '@aws-cdk/aws-cloudfront.CloudFrontWebDistribution', kind: 'AWS::CloudFront::Distribution', name: 'SiteDistribution', attributes: { originFailover: false } });
    assert.deepEqual(out.formatFacts, { cdk: { classes: [{ name: 'StaticSite', extends: 'Construct', base: 'construct', line: 15 }], instantiations: [] } });
  });

  it('reads v1 modules, aws_* namespaces, L1 constructs, stacks built in a loop and constructs placed in an inline stack', () => {
    const text = [
      "import * as cdk from '@aws-cdk/core';",
      "import * as rds from '@aws-cdk/aws-rds';",
      "import { aws_kms as kms, aws_secretsmanager, aws_ec2 as ec2, Stack } from 'aws-cdk-lib';",
      "import * as sfn from 'aws-cdk-lib/aws-stepfunctions';",
      "import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';",
      '',
      'const app = new cdk.App();',
      "for (const region of ['eu-west-1', 'eu-west-2']) {",
      '  const stack = new Stack(app, `Data-${region}`, { env: { region } });',
      "  new rds.DatabaseInstance(stack, 'Db', { engine: rds.DatabaseInstanceEngine.POSTGRES, multiAz: true });",
      "  new kms.CfnKey(stack, 'Key', { multiRegion: true });",
      "  new aws_secretsmanager.Secret(stack, 'Secret', { replicaRegions: [{ region: 'us-east-2' }] });",
      "  new ec2.Vpc(stack, 'Vpc', { natGateways: 1 });",
      "  new sfn.Pass(stack, 'Start');",
      "  new tasks.LambdaInvoke(stack, 'Invoke', { lambdaFunction: fn });",
      '}',
    ].join('\n');
    const out = javascriptScanner.scan('bin/data.ts', text, { languages: {} });
    const key = { kind: 'format', format: 'cdk', key: 'Stack#`Data-${region}`' };
    assert.deepEqual(rows(out.dependencies), [
      { kind: 'region-config', service: '*', line: 9, column: 59, region: null, regionSource: 'variable', name: 'env.region', text: 'region' },
      { kind: 'iac-resource', service: 'rds', line: 10, column: 3, region: null, regionSource: 'unresolved', name: 'Db', regionRef: key },
      { kind: 'iac-resource', service: 'kms', line: 11, column: 3, region: null, regionSource: 'unresolved', name: 'Key', regionRef: key },
      { kind: 'iac-resource', service: 'secretsmanager', line: 12, column: 3, region: null, regionSource: 'unresolved', name: 'Secret', regionRef: key },
      { kind: 'iac-resource', service: 'ec2', line: 13, column: 3, region: null, regionSource: 'unresolved', name: 'Vpc', regionRef: key },
    ]);
    assert.deepEqual(at(out, 9, 59).candidateRegions, ['eu-west-1', 'eu-west-2']);
    assert.deepEqual(at(out, 10, 3).resource, { type: '@aws-cdk/aws-rds.DatabaseInstance', kind: 'AWS::RDS::DBInstance', name: 'Db', multiAz: true });
    assert.deepEqual(at(out, 11, 3).resource, { type: 'aws-cdk-lib/aws-kms.CfnKey', kind: 'AWS::KMS::Key', name: 'Key', attributes: { multiRegion: true } });
    assert.deepEqual(at(out, 12, 3).resource, { type: 'aws-cdk-lib/aws-secretsmanager.Secret', kind: 'AWS::SecretsManager::Secret', name: 'Secret', replicaRegions: ['us-east-2'] });
    assert.deepEqual(at(out, 13, 3).resource, { type: 'aws-cdk-lib/aws-ec2.Vpc', kind: 'AWS::EC2::VPC', name: 'Vpc', attributes: { natGateways: 1 } });
    assert.equal(at(out, 10, 3).container, '`Data-${region}`');
  });
});

describe('JavaScript scanner: CDK resilience facts', () => {
  it('reads replication, Multi-AZ, endpoint types and origin failover from L2 and L1 props', () => {
    const text = [
      "import { Stack } from 'aws-cdk-lib';",
      "import * as apigw from 'aws-cdk-lib/aws-apigateway';",
      "import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';",
      "import * as rds from 'aws-cdk-lib/aws-rds';",
      "import * as s3 from 'aws-cdk-lib/aws-s3';",
      "import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';",
      "import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';",
      'export class DataStack extends Stack {',
      '  build(primary: s3.IBucket, secondary: s3.IBucket) {',
      "    new apigw.RestApi(this, 'Api', { endpointTypes: [apigw.EndpointType.REGIONAL] });",
      "    new apigw.CfnRestApi(this, 'L1Api', { endpointConfiguration: { types: ['PRIVATE'] } });",
      "    new dynamodb.Table(this, 'Legacy', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, replicationRegions: ['eu-west-1', 'ap-southeast-2'] });",
      "    new rds.DatabaseCluster(this, 'Aurora', { engine, writer: rds.ClusterInstance.provisioned('w'), readers: [rds.ClusterInstance.provisioned('r')] });",
      "    new s3.CfnBucket(this, 'Raw', { replicationConfiguration: { role, rules: [{ status: 'Enabled', destination: { bucket: 'arn:aws:s3:::raw-dr' } }] } });",
      "    new cloudfront.Distribution(this, 'Cdn', { defaultBehavior: { origin: new origins.OriginGroup({ primaryOrigin: new origins.S3Origin(primary), fallbackOrigin: new origins.S3Origin(secondary) }) } });",
      '  }',
      '}',
    ].join('\n');
    const out = javascriptScanner.scan('lib/data-stack.ts', text, { languages: {} });
    const resources = Object.fromEntries(out.dependencies.filter((d) => d.kind === 'iac-resource').map((d) => [d.name, d.resource]));
    assert.deepEqual(resources, {
      Api: { type: 'aws-cdk-lib/aws-apigateway.RestApi', kind: 'AWS::ApiGateway::RestApi', name: 'Api', attributes: { endpointType: 'REGIONAL' } },
      L1Api: { type: 'aws-cdk-lib/aws-apigateway.CfnRestApi', kind: 'AWS::ApiGateway::RestApi', name: 'L1Api', attributes: { endpointType: 'PRIVATE' } },
      // A Table without pointInTimeRecovery has DynamoDB's default: off.
      Legacy: { type: 'aws-cdk-lib/aws-dynamodb.Table', kind: 'AWS::DynamoDB::Table', name: 'Legacy', replicaRegions: ['eu-west-1', 'ap-southeast-2'], attributes: { pointInTimeRecovery: false } },
      Aurora: { type: 'aws-cdk-lib/aws-rds.DatabaseCluster', kind: 'AWS::RDS::DBCluster', name: 'Aurora', multiAz: true, attributes: { globalCluster: false } },
      Raw: { type: 'aws-cdk-lib/aws-s3.CfnBucket', kind: 'AWS::S3::Bucket', name: 'Raw', replicaRegions: [null], attributes: { replicationDestinations: ['arn:aws:s3:::raw-dr'] } },
      Cdn: { type: 'aws-cdk-lib/aws-cloudfront.Distribution', kind: 'AWS::CloudFront::Distribution', name: 'Cdn', attributes: { originFailover: true, originDomains: ['${primary.bucketRegionalDomainName}', '${secondary.bucketRegionalDomainName}'] } },
    });
    // The method of a stack class places its constructs in that stack.
    for (const d of out.dependencies.filter((x) => x.kind === 'iac-resource')) assert.deepEqual([d.container, d.regionRef], ['DataStack', { kind: 'format', format: 'cdk', key: 'DataStack' }]);
  });
});

describe('JavaScript scanner: Pulumi', () => {
  it('finds providers and resources with their services, types and replica facts', () => {
    const out = scan(PULUMI_APP, 'index.ts');
    const stack = { kind: 'format', format: 'pulumi', key: 'stack' };
    assert.deepEqual(rows(out.dependencies), [
      { kind: 'region-config', service: '*', line: 9, column: 37, region: 'us-west-2', regionSource: 'literal', name: 'aws.Provider.region', text: 'us-west-2' },
      { kind: 'iac-resource', service: 'dynamodb', line: 11, column: 18, region: null, regionSource: 'unresolved', name: 'products', regionRef: stack },
      { kind: 'iac-resource', service: 's3', line: 21, column: 16, region: null, regionSource: 'unresolved', name: 'images', regionRef: stack },
      { kind: 'iac-resource', service: 's3', line: 22, column: 18, region: 'us-west-2', regionSource: 'provider', name: 'images-dr' },
      { kind: 'iac-resource', service: 's3', line: 24, column: 1, region: null, regionSource: 'unresolved', name: 'images-replication', regionRef: stack },
      { kind: 'arn', service: 'iam', line: 25, column: 11, region: null, regionSource: 'unresolved', text: 'arn:aws:iam::123456789012:role/s3-replication' },
      { kind: 'iac-resource', service: 'iam', line: 30, column: 14, region: null, regionSource: 'unresolved', name: 'api-role', regionRef: stack },
      { kind: 'iac-resource', service: 'lambda', line: 34, column: 13, region: null, regionSource: 'unresolved', name: 'api', regionRef: stack },
      { kind: 'iac-resource', service: 'ec2', line: 42, column: 13, region: null, regionSource: 'unresolved', name: 'shop-vpc', regionRef: stack },
    ]);
    assert.deepEqual(at(out, 11, 18).resource, { type: 'aws:dynamodb/table:Table', kind: 'AWS::DynamoDB::Table', name: 'products', replicaRegions: ['us-west-2'], attributes: { pointInTimeRecovery: true } });
    // The replication config in the same program gives the source bucket a replica in the destination's region.
    assert.deepEqual(at(out, 21, 16).resource, { type: 'aws:s3/bucketV2:BucketV2', kind: 'AWS::S3::Bucket', name: 'images', replicaRegions: ['us-west-2'] });
    assert.deepEqual(displayed(at(out, 22, 18).regionTrace), [
      { file: 'index.ts', line: 9, column: 37, reason: 'region of provider dr' },
      { file: 'index.ts', line: 9, column: 45, reason: 'region "us-west-2" written here' },
    ]);
    assert.deepEqual(at(out, 9, 37).scope, { file: 'index.ts', appliesTo: 'deploy' });
    assert.equal(at(out, 42, 13).resource?.type, 'awsx:ec2:Vpc');
    assert.deepEqual(out.deployUnits, [
      { name: 'api', stackFile: 'index.ts', codePaths: ['app'], line: 34, dependencyId: at(out, 34, 13).id, environment: { TABLE_NAME: '${products.name}', DR_REGION: '${drRegion}' } },
    ]);
  });

  it('gives SDK clients inside functions the Pulumi program deploys the stack region, and reads awsx classic components', () => {
    const text = [
      'import * as aws from "@pulumi/aws";',
      'import * as awsx from "@pulumi/awsx";',
      'const counter = new aws.dynamodb.Table("counter", { attributes: [{ name: "id", type: "S" }], hashKey: "id" });',
      'const api = new awsx.classic.apigateway.API("hello", {',
      '  routes: [{ path: "/", method: "GET", eventHandler: async () => {',
      '    const client = new aws.sdk.DynamoDB.DocumentClient();',
      '    await client.update({ TableName: counter.name.get(), Key: { id: "/" } }).promise();',
      '    return { statusCode: 200, body: "" };',
      '  } }],',
      '});',
    ].join('\n');
    const out = javascriptScanner.scan('index.ts', text, { languages: {} });
    const stack = { kind: 'format', format: 'pulumi', key: 'stack' };
    assert.deepEqual(rows(out.dependencies), [
      { kind: 'iac-resource', service: 'dynamodb', line: 3, column: 17, region: null, regionSource: 'unresolved', name: 'counter', regionRef: stack },
      { kind: 'iac-resource', service: 'apigateway', line: 4, column: 13, region: null, regionSource: 'unresolved', name: 'hello', regionRef: stack },
      { kind: 'sdk-client', service: 'dynamodb', line: 6, column: 20, region: null, regionSource: 'unresolved', name: 'aws.sdk.DynamoDB.DocumentClient', regionRef: stack },
      { kind: 'sdk-call', service: 'dynamodb', line: 7, column: 11, region: null, regionSource: 'unresolved', name: 'update', regionRef: stack },
    ]);
    assert.equal(at(out, 4, 13).resource?.type, 'awsx:apigateway:API');
    assert.equal(at(out, 7, 11).operation, 'UpdateItem');
  });

  it('reads the region enum, the stack config and per-resource regions', () => {
    const text = [
      'import * as pulumi from "@pulumi/pulumi";',
      'import * as aws from "@pulumi/aws";',
      'const east = new aws.Provider("east", { region: aws.Region.USEast1 });',
      'const fromStack = new aws.Provider("configured", { region: new pulumi.Config("aws").require("region") });',
      'new aws.sqs.Queue("jobs", {}, { provider: east });',
      'new aws.sqs.Queue("audit", {}, { provider: fromStack });',
      'new aws.cloudwatch.LogGroup("logs", { region: "ap-south-1" });',
      'new aws.cloudwatch.EventRule("nightly", { scheduleExpression: "rate(1 day)" });',
    ].join('\n');
    const out = javascriptScanner.scan('infra/index.ts', text, { languages: {} });
    const stack = { kind: 'format', format: 'pulumi', key: 'stack' };
    assert.deepEqual(rows(out.dependencies), [
      { kind: 'region-config', service: '*', line: 3, column: 41, region: 'us-east-1', regionSource: 'literal', name: 'aws.Provider.region', text: 'aws.Region.USEast1' },
      { kind: 'region-config', service: '*', line: 4, column: 52, region: null, regionSource: 'unresolved', name: 'aws.Provider.region', text: 'new pulumi.Config("aws").require("region")', regionRef: stack },
      { kind: 'iac-resource', service: 'sqs', line: 5, column: 1, region: 'us-east-1', regionSource: 'provider', name: 'jobs' },
      { kind: 'iac-resource', service: 'sqs', line: 6, column: 1, region: null, regionSource: 'unresolved', name: 'audit', regionRef: stack },
      { kind: 'iac-resource', service: 'logs', line: 7, column: 1, region: 'ap-south-1', regionSource: 'literal', name: 'logs' },
      { kind: 'iac-resource', service: 'events', line: 8, column: 1, region: null, regionSource: 'unresolved', name: 'nightly', regionRef: stack },
    ]);
  });
});

describe('JavaScript scanner: CDK facts the IaC rules read', () => {
  const SITE_APP = join(__dirname, '../../fixtures/cdk/replicated-site');
  const resources = (out: ScanOutput) => Object.fromEntries(out.dependencies.filter((d) => d.kind === 'iac-resource').map((d) => [d.name, d.resource]));

  it('states table point-in-time recovery, S3 destinations, CloudFront origins and certificate, and ECR replication of a stack', () => {
    const out = scan(SITE_APP, 'lib/site-stack.ts');
    assert.deepEqual(resources(out), {
      // Without pointInTimeRecovery a table has DynamoDB's default: off.
      Sessions: { type: 'aws-cdk-lib/aws-dynamodb.TableV2', kind: 'AWS::DynamoDB::Table', name: 'Sessions', replicaRegions: [], attributes: { pointInTimeRecovery: false } },
      Orders: { type: 'aws-cdk-lib/aws-dynamodb.Table', kind: 'AWS::DynamoDB::Table', name: 'Orders', replicaRegions: [], attributes: { pointInTimeRecovery: true } },
      // The destination comes through the stack's props: its region is left to the CDK pass.
      Uploads: { type: 'aws-cdk-lib/aws-s3.Bucket', kind: 'AWS::S3::Bucket', name: 'Uploads', replicaRegions: [null], attributes: { replicationDestinations: ['${props.replicaBucket}'] } },
      SiteDistribution: {
        type: 'aws-cdk-lib/aws-cloudfront.Distribution',
        kind: 'AWS::CloudFront::Distribution',
        name: 'SiteDistribution',
        attributes: {
          originFailover: true,
          originDomains: ['${Uploads.bucketRegionalDomainName}', '${props.replicaBucket.bucketRegionalDomainName}', 'api.example.com'],
          viewerCertificateArn: '${props.certificate}',
        },
      },
      Api: { type: 'aws-cdk-lib/aws-ecr.Repository', kind: 'AWS::ECR::Repository', name: 'Api' },
      RegistryReplication: { type: 'aws-cdk-lib/aws-ecr.CfnReplicationConfiguration', kind: 'AWS::ECR::ReplicationConfiguration', name: 'RegistryReplication', replicaRegions: ['us-west-2'] },
    });
    const id = (name: string) => out.dependencies.find((d) => d.name === name)?.id;
    assert.deepEqual(out.formatFacts, {
      cdk: {
        classes: [{ name: 'SiteStack', extends: 'Stack', base: 'stack', line: 15 }],
        instantiations: [],
        references: [
          { from: id('Uploads'), attribute: 'replicationDestinations', slot: 0, target: { kind: 'prop', className: 'SiteStack', path: ['replicaBucket'] } },
          { from: id('SiteDistribution'), attribute: 'viewerCertificateArn', target: { kind: 'prop', className: 'SiteStack', path: ['certificate'] } },
        ],
      },
    });
  });

  it('records the constructs stacks hold and the constructs an app passes from one stack to another', () => {
    const certificates = scan(SITE_APP, 'lib/certificate-stack.ts');
    const replica = scan(SITE_APP, 'lib/replica-stack.ts');
    assert.deepEqual(certificates.formatFacts, {
      cdk: { classes: [{ name: 'CertificateStack', extends: 'Stack', base: 'stack', line: 7, members: { certificate: { kind: 'construct', id: at(certificates, 13, 24).id } } }], instantiations: [] },
    });
    assert.deepEqual(replica.formatFacts, {
      cdk: { classes: [{ name: 'ReplicaStack', extends: 'Stack', base: 'stack', line: 6, members: { bucket: { kind: 'construct', id: at(replica, 11, 19).id } } }], instantiations: [] },
    });
    assert.deepEqual(at(replica, 11, 19).resource, { type: 'aws-cdk-lib/aws-s3.Bucket', kind: 'AWS::S3::Bucket', name: 'UploadsReplica', replicaRegions: [], attributes: { physicalNames: ['shop-uploads-replica'] } });
    const app = scan(SITE_APP, 'bin/site.ts');
    const facts = app.formatFacts as { cdk: { instantiations: Array<{ key: string; props?: unknown }> } };
    assert.deepEqual(facts.cdk.instantiations.map((i) => [i.key, i.props]), [
      ['CertificateStack#SiteCertificates', undefined],
      ['ReplicaStack#SiteReplica', undefined],
      ['SiteStack#Site', {
        certificate: { kind: 'member', instance: 'CertificateStack#SiteCertificates', path: ['certificate'] },
        replicaBucket: { kind: 'member', instance: 'ReplicaStack#SiteReplica', path: ['bucket'] },
      }],
    ]);
  });

  it('reads point-in-time recovery in every spelling, and leaves it unknown where the props may hide it', () => {
    const text = [
      "import { Stack } from 'aws-cdk-lib';",
      "import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';",
      'export class DataStack extends Stack {',
      '  build(tableProps: dynamodb.TableProps, enabled: boolean) {',
      "    const key = { name: 'pk', type: dynamodb.AttributeType.STRING };",
      "    new dynamodb.TableV2(this, 'V2On', { partitionKey: key, pointInTimeRecovery: true });",
      "    new dynamodb.TableV2(this, 'V2Spec', { partitionKey: key, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });",
      "    new dynamodb.Table(this, 'EmptySpec', { partitionKey: key, pointInTimeRecoverySpecification: {} });",
      "    new dynamodb.Table(this, 'Computed', { partitionKey: key, pointInTimeRecovery: enabled });",
      "    new dynamodb.Table(this, 'Passed', tableProps);",
      "    new dynamodb.Table(this, 'Spread', { ...tableProps, partitionKey: key });",
      "    new dynamodb.CfnTable(this, 'L1Off', { keySchema: [{ attributeName: 'pk', keyType: 'HASH' }] });",
      "    new dynamodb.CfnTable(this, 'L1On', { keySchema: [{ attributeName: 'pk', keyType: 'HASH' }], pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });",
      "    new dynamodb.CfnGlobalTable(this, 'Global', { replicas: [{ region: 'eu-west-1', pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } }, { region: 'us-east-1' }] });",
      '  }',
      '}',
    ].join('\n');
    const out = javascriptScanner.scan('lib/data-stack.ts', text, { languages: {} });
    const pitr = Object.fromEntries(out.dependencies.map((d) => [d.name, d.resource?.attributes?.pointInTimeRecovery]));
    assert.deepEqual(pitr, { V2On: true, V2Spec: true, EmptySpec: false, Computed: null, Passed: null, Spread: null, L1Off: false, L1On: true, Global: false });
  });

  it('reads S3 replication destinations: constructs of the file, imported buckets and their regions, L1 ARNs', () => {
    const text = [
      "import { PhysicalName, Stack } from 'aws-cdk-lib';",
      "import * as s3 from 'aws-cdk-lib/aws-s3';",
      'export class UploadsStack extends Stack {',
      '  build() {',
      "    const copy = new s3.Bucket(this, 'Copy', { versioned: true, bucketName: PhysicalName.GENERATE_IF_NEEDED });",
      "    const named = s3.Bucket.fromBucketName(this, 'Named', 'shop-uploads-us-west-2');",
      "    const imported = s3.Bucket.fromBucketAttributes(this, 'Imported', { bucketName: 'shop-uploads-dr', region: 'eu-central-1' });",
      "    new s3.Bucket(this, 'Uploads', {",
      '      versioned: true,',
      '      replicationRules: [{ destination: copy, priority: 1 }, { destination: named, priority: 2 }, { destination: imported, priority: 3 }],',
      '    });',
      "    new s3.CfnBucket(this, 'Raw', { replicationConfiguration: { role: 'arn:aws:iam::111122223333:role/replication', rules: [{ status: 'Enabled', destination: { bucket: copy.bucketArn } }] } });",
      "    new s3.Bucket(this, 'Plain');",
      '  }',
      '}',
    ].join('\n');
    const out = javascriptScanner.scan('lib/uploads-stack.ts', text, { languages: {} });
    assert.deepEqual(resources(out), {
      // An enum member is not a bucket name.
      Copy: { type: 'aws-cdk-lib/aws-s3.Bucket', kind: 'AWS::S3::Bucket', name: 'Copy', replicaRegions: [] },
      Uploads: { type: 'aws-cdk-lib/aws-s3.Bucket', kind: 'AWS::S3::Bucket', name: 'Uploads', replicaRegions: [null, 'us-west-2', 'eu-central-1'], attributes: { replicationDestinations: ['Copy', 'shop-uploads-us-west-2', 'shop-uploads-dr'] } },
      Raw: { type: 'aws-cdk-lib/aws-s3.CfnBucket', kind: 'AWS::S3::Bucket', name: 'Raw', replicaRegions: [null], attributes: { replicationDestinations: ['Copy'] } },
      Plain: { type: 'aws-cdk-lib/aws-s3.Bucket', kind: 'AWS::S3::Bucket', name: 'Plain', replicaRegions: [] },
    });
    const copy = out.dependencies.find((d) => d.name === 'Copy')?.id;
    const refs = (out.formatFacts as { cdk: { references: Array<{ slot?: number; target: unknown }> } }).cdk.references;
    // The destination construct of the file is recorded for the pass, which adds its stack's region.
    assert.deepEqual(refs.map((r) => [r.slot, r.target]), [[0, { kind: 'construct', id: copy }], [0, { kind: 'construct', id: copy }]]);
  });

  it('reads ECR registry replication destinations, unknown where the configuration is not written out', () => {
    const text = [
      "import { Stack } from 'aws-cdk-lib';",
      "import * as ecr from 'aws-cdk-lib/aws-ecr';",
      "const DR_REGION = 'eu-central-1';",
      'export class RegistryStack extends Stack {',
      '  build(config: ecr.CfnReplicationConfiguration.ReplicationConfigurationProperty) {',
      '    new ecr.CfnReplicationConfiguration(this, "Two", { replicationConfiguration: { rules: [',
      "      { destinations: [{ region: 'us-west-2', registryId: this.account }, { region: DR_REGION, registryId: this.account }] },",
      '      { destinations: [{ region: this.region, registryId: "222233334444" }] },',
      '    ] } });',
      '    new ecr.CfnReplicationConfiguration(this, "Passed", { replicationConfiguration: config });',
      '  }',
      '}',
    ].join('\n');
    const out = javascriptScanner.scan('lib/registry-stack.ts', text, { languages: {} });
    assert.deepEqual(Object.fromEntries(out.dependencies.map((d) => [d.name, d.resource?.replicaRegions])), { Two: ['us-west-2', 'eu-central-1', null], Passed: [null] });
  });

  it('reads L2 distribution certificates and origins: imported ARNs, the stack region in a template, constructs, every origin kind', () => {
    const text = [
      "import { Stack } from 'aws-cdk-lib';",
      "import * as acm from 'aws-cdk-lib/aws-certificatemanager';",
      "import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';",
      "import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';",
      "import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';",
      "import * as s3 from 'aws-cdk-lib/aws-s3';",
      'export class EdgeStack extends Stack {',
      '  build(vpc: any, site: s3.IBucket) {',
      "    const alb = new elbv2.ApplicationLoadBalancer(this, 'Alb', { vpc, internetFacing: true });",
      "    const certificate = new acm.Certificate(this, 'Cert', { domainName: 'www.example.com' });",
      "    new cloudfront.Distribution(this, 'Imported', {",
      "      certificate: acm.Certificate.fromCertificateArn(this, 'ImportedCert', 'arn:aws:acm:us-east-1:111122223333:certificate/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d'),",
      "      defaultBehavior: { origin: new origins.HttpOrigin('docs-origin.example.com') },",
      '    });',
      "    new cloudfront.Distribution(this, 'Templated', {",
      "      certificate: acm.Certificate.fromCertificateArn(this, 'StackCert', `arn:aws:acm:${this.region}:${this.account}:certificate/1a2b3c4d`),",
      '      defaultBehavior: { origin: new origins.LoadBalancerV2Origin(alb) },',
      "      additionalBehaviors: { '/static/*': { origin: new origins.S3StaticWebsiteOrigin(site) }, '/api/*': { origin: new origins.HttpOrigin(`api.execute-api.${this.region}.amazonaws.com`) } },",
      '    });',
      "    new cloudfront.Distribution(this, 'Owned', { certificate, defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(site) } });",
      '  }',
      '}',
    ].join('\n');
    const out = javascriptScanner.scan('lib/edge-stack.ts', text, { languages: {} });
    const attributes = Object.fromEntries(out.dependencies.filter((d) => d.service === 'cloudfront').map((d) => [d.name, d.resource?.attributes]));
    assert.deepEqual(attributes, {
      Imported: { originFailover: false, originDomains: ['docs-origin.example.com'], viewerCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d' },
      // The stack's own region is CloudFormation's ${AWS::Region}, which rules read as the stack region.
      Templated: { originFailover: false, originDomains: ['${Alb}', '${site.bucketWebsiteDomainName}', 'api.execute-api.${AWS::Region}.amazonaws.com'], viewerCertificateArn: 'arn:aws:acm:${AWS::Region}:${this.account}:certificate/1a2b3c4d', viewerCertificateInStackRegion: true },
      // A certificate construct of the file is named by its construct id.
      Owned: { originFailover: false, originDomains: ['${site.bucketRegionalDomainName}'], viewerCertificateArn: 'Cert' },
    });
    // The imported ARN is also an arn dependency, which the rule shows as the certificate's place.
    assert.deepEqual(rows(out.dependencies.filter((d) => d.kind === 'arn')), [
      { kind: 'arn', service: 'acm', line: 12, column: 77, region: 'us-east-1', regionSource: 'literal', text: 'arn:aws:acm:us-east-1:111122223333:certificate/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d' },
      { kind: 'arn', service: 'acm', line: 16, column: 74, region: null, regionSource: 'unresolved', text: 'arn:aws:acm:${this.region}:${this.account}:certificate/1a2b3c4d' },
    ]);
  });
});
