import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dependency, FileScanResult } from '../../../src/core/model';
import { cdkPass } from '../../../src/core/resolve/cdk';
import { ResolutionWorkspace } from '../../../src/core/resolve/types';
import { javascriptScanner } from '../../../src/core/scanners/javascript';
import { regionOf } from '../../support/deps';
import { displayed } from '../../support/trace';

const CDK_APP = join(__dirname, '../../fixtures/cdk/orders-app');

function result(file: string, text: string): FileScanResult {
  const out = javascriptScanner.scan(file, text, { languages: {} });
  return {
    file,
    formats: ['javascript'],
    dependencies: out.dependencies,
    problems: out.problems,
    suppressions: out.suppressions ?? [],
    ...(out.deployUnits ? { deployUnits: out.deployUnits } : {}),
    ...(out.formatFacts !== undefined ? { formatFacts: { javascript: out.formatFacts } } : {}),
  };
}

function fixture(rel: string): FileScanResult {
  return result(rel, readFileSync(join(CDK_APP, rel), 'utf8'));
}

/** A region-config as another scanner emits it (env files, cdk.json, CI workflows). */
function config(file: string, line: number, fields: Partial<Dependency>): FileScanResult {
  const dep: Dependency = { id: `region-config:${file}:${line}`, provider: 'aws', service: '*', kind: 'region-config', file, line, column: 1, endLine: line, endColumn: 20, region: null, regionSource: 'literal', ...fields };
  return { file, formats: ['test'], dependencies: [dep], problems: [], suppressions: [] };
}

function resolve(results: FileScanResult[]): ResolutionWorkspace {
  const ws = new ResolutionWorkspace(results);
  cdkPass.run(ws);
  return ws;
}

function find(ws: ResolutionWorkspace, file: string, line: number, column?: number): Dependency {
  const d = ws.dependencies.find((x) => x.file === file && x.line === line && (column === undefined || x.column === column));
  assert.ok(d, `no dependency at ${file}:${line}`);
  return d;
}

describe('CDK pass', () => {
  const app = () => [fixture('bin/app.ts'), fixture('lib/orders-stack.ts'), fixture('lib/dr-stage.ts'), fixture('lambda/orders/handler.ts')];

  it('gives constructs of a stack class the regions of every place it is instantiated, through stages', () => {
    const ws = resolve(app());
    const table = find(ws, 'lib/orders-stack.ts', 15);
    assert.deepEqual(regionOf(table), { region: null, regionSource: 'stack-env', candidateRegions: ['eu-west-1', 'eu-central-1'] });
    assert.deepEqual(displayed(table.regionTrace), [
      { file: 'bin/app.ts', line: 9, column: 1, reason: "new OrdersStack(…, 'OrdersStack')" },
      { file: 'bin/app.ts', line: 10, column: 52, reason: 'env.region = eu-west-1' },
      { file: 'lib/dr-stage.ts', line: 9, column: 5, reason: "new OrdersStack(…, 'Orders')" },
      { file: 'bin/app.ts', line: 14, column: 1, reason: "new DrStage(…, 'Dr')" },
      { file: 'bin/app.ts', line: 14, column: 33, reason: 'env.region = eu-central-1' },
    ]);
    for (const line of [23, 29, 45]) assert.deepEqual(regionOf(find(ws, 'lib/orders-stack.ts', line)), { region: null, regionSource: 'stack-env', candidateRegions: ['eu-west-1', 'eu-central-1'] });
    // EdgeFunction was decided by the scanner and is left alone.
    assert.deepEqual(regionOf(find(ws, 'lib/orders-stack.ts', 39)), { region: 'us-east-1', regionSource: 'global-service' });
  });

  it('gives the code of a CDK Lambda function the function\'s regions', () => {
    const ws = resolve(app());
    const call = find(ws, 'lambda/orders/handler.ts', 7);
    assert.deepEqual(regionOf(call), { region: null, regionSource: 'stack-env', candidateRegions: ['eu-west-1', 'eu-central-1'] });
    assert.deepEqual(displayed(call.regionTrace?.slice(0, 2)), [
      { file: 'lambda/orders/handler.ts', line: 7, column: 10, reason: 'no region option: the SDK reads AWS_REGION at run time' },
      { file: 'lib/orders-stack.ts', line: 29, reason: 'deployed as OrdersFunction, whose AWS_REGION is its own region' },
    ]);
  });

  it('resolves CDK_DEFAULT_REGION from the env settings of the app folder, else leaves it to deploy time', () => {
    const without = resolve(app());
    assert.deepEqual(regionOf(find(without, 'bin/app.ts', 16)), { region: null, regionSource: 'parameter' });
    const withEnv = resolve([...app(), config('.env', 3, { name: 'CDK_DEFAULT_REGION', text: 'ap-southeast-2', region: 'ap-southeast-2', setsEnv: 'CDK_DEFAULT_REGION', origin: 'dotenv', scope: { directory: '', appliesTo: 'both' } })]);
    const tooling = find(withEnv, 'bin/app.ts', 16);
    assert.deepEqual(regionOf(tooling), { region: 'ap-southeast-2', regionSource: 'env' });
    assert.deepEqual(displayed(tooling.regionTrace?.slice(-1))?.[0], { file: '.env', line: 3, column: 1, reason: 'CDK_DEFAULT_REGION = ap-southeast-2' });
    // An env file of another folder does not apply.
    const elsewhere = resolve([...app(), config('services/web/.env', 1, { name: 'AWS_REGION', text: 'eu-north-1', region: 'eu-north-1', setsEnv: 'AWS_REGION', origin: 'dotenv', scope: { directory: 'services/web', appliesTo: 'both' } })]);
    assert.deepEqual(regionOf(find(elsewhere, 'bin/app.ts', 16)), { region: null, regionSource: 'parameter' });
  });

  it('reads tryGetContext from the cdk.json of the app folder', () => {
    const text = [
      "import { App, Stack } from 'aws-cdk-lib';",
      "import * as sqs from 'aws-cdk-lib/aws-sqs';",
      'const app = new App();',
      "const stack = new Stack(app, 'Jobs', { env: { region: app.node.tryGetContext('region') } });",
      "new sqs.Queue(stack, 'JobQueue');",
    ].join('\n');
    const contextConfig = config('infra/cdk.json', 5, { name: 'context.region', text: 'ca-central-1', region: 'ca-central-1', regionSource: 'config-file', origin: 'cdk-json', scope: { directory: 'infra', appliesTo: 'deploy' } });
    const ws = resolve([result('infra/bin/jobs.ts', text), contextConfig]);
    const queue = find(ws, 'infra/bin/jobs.ts', 5);
    assert.deepEqual(regionOf(queue), { region: 'ca-central-1', regionSource: 'config-file' });
    assert.deepEqual(queue.regionTrace?.map((t) => t.reason), ["new Stack(…, 'Jobs')", "env.region = tryGetContext('region')", 'context.region = ca-central-1']);
    assert.deepEqual(regionOf(find(ws, 'infra/bin/jobs.ts', 4)), { region: 'ca-central-1', regionSource: 'config-file' });
    // Without cdk.json the value is given with --context at deploy time.
    const bare = resolve([result('infra/bin/jobs.ts', text)]);
    assert.deepEqual(regionOf(find(bare, 'infra/bin/jobs.ts', 5)), { region: null, regionSource: 'parameter' });
  });

  it('deploys environment-agnostic stacks to the region of the CI job that runs cdk deploy', () => {
    const text = [
      "import * as cdk from 'aws-cdk-lib';",
      "import * as sns from 'aws-cdk-lib/aws-sns';",
      'class AlertsStack extends cdk.Stack {',
      '  constructor(scope: cdk.App, id: string) {',
      '    super(scope, id);',
      "    new sns.Topic(this, 'Alerts');",
      '  }',
      '}',
      "new AlertsStack(new cdk.App(), 'Alerts');",
    ].join('\n');
    // The job's aws-region reaches the stack through its `cdk deploy` step (the scanner gives the step the job's region).
    const awsRegion = config('.github/workflows/deploy.yml', 20, { name: 'aws-region', text: 'us-west-1', region: 'us-west-1', regionSource: 'deploy-config', origin: 'github-actions', scope: { directory: '', environment: 'deploy', appliesTo: 'both' } });
    const cdkDeploy = config('.github/workflows/deploy.yml', 24, { name: 'deploy command', text: 'npx cdk deploy --all', container: 'cdk', region: 'us-west-1', regionSource: 'env', origin: 'github-actions', scope: { directory: '', environment: 'deploy', appliesTo: 'deploy' } });
    const ws = resolve([result('app.ts', text), awsRegion, cdkDeploy]);
    assert.deepEqual(regionOf(find(ws, 'app.ts', 6)), { region: 'us-west-1', regionSource: 'deploy-config' });
    // A job that sets a region and deploys nothing (an `aws lambda invoke`) says nothing about the stack.
    const invokeOnly = resolve([result('app.ts', text), awsRegion]);
    assert.deepEqual(regionOf(find(invokeOnly, 'app.ts', 6)), { region: null, regionSource: 'parameter' });
    const alone = resolve([result('app.ts', text)]);
    const topic = find(alone, 'app.ts', 6);
    assert.deepEqual(regionOf(topic), { region: null, regionSource: 'parameter' });
    assert.deepEqual(displayed(topic.regionTrace), [{ file: 'app.ts', line: 9, column: 1, reason: 'environment-agnostic stack: deployed to the region of the deploying profile' }]);
  });

  it('prefers the env a stack class pins in its own super() call, and removes the stack region from global table replicas', () => {
    const text = [
      "import { App, Stack, StackProps } from 'aws-cdk-lib';",
      "import { Construct } from 'constructs';",
      "import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';",
      'export class GlobalStack extends Stack {',
      '  constructor(scope: Construct, id: string, props?: StackProps) {',
      "    super(scope, id, { ...props, env: { region: 'us-east-1' } });",
      "    new dynamodb.CfnGlobalTable(this, 'Sessions', {",
      "      keySchema: [{ attributeName: 'id', keyType: 'HASH' }],",
      "      replicas: [{ region: 'us-east-1' }, { region: 'eu-west-1' }],",
      '    });',
      '  }',
      '}',
      "new GlobalStack(new App(), 'Global', { env: { region: 'ap-south-1' } });",
    ].join('\n');
    const ws = resolve([result('global.ts', text)]);
    const table = find(ws, 'global.ts', 7);
    assert.deepEqual(regionOf(table), { region: 'us-east-1', regionSource: 'stack-env' });
    assert.deepEqual(table.resource?.replicaRegions, ['eu-west-1']);
  });

  it('climbs from a construct class to the stack that instantiates it', () => {
    const root = join(__dirname, '../../fixtures/cdk/static-site');
    const ws = resolve(['static-site.ts', 'index.ts'].map((rel) => result(rel, readFileSync(join(root, rel), 'utf8'))));
    const bucket = find(ws, 'static-site.ts', 22);
    assert.deepEqual(regionOf(bucket), { region: 'eu-west-1', regionSource: 'stack-env' });
    assert.deepEqual(displayed(bucket.regionTrace), [
      { file: 'index.ts', line: 8, column: 5, reason: "new StaticSite(…, 'StaticSite')" },
      { file: 'index.ts', line: 16, column: 1, reason: "new MyStaticSiteStack(…, 'MyStaticSite')" },
      { file: 'index.ts', line: 16, column: 53, reason: 'env.region = eu-west-1' },
    ]);
    // The certificate keeps the region its own props name.
    assert.deepEqual(regionOf(find(ws, 'static-site.ts', 29)), { region: 'us-east-1', regionSource: 'literal' });
  });

  it('leaves a stack class that nothing instantiates unresolved, and ignores other formats', () => {
    const text = [
      "import { Stack } from 'aws-cdk-lib';",
      "import * as s3 from 'aws-cdk-lib/aws-s3';",
      'export class LibraryStack extends Stack {',
      "  build() { new s3.Bucket(this, 'Data'); }",
      '}',
    ].join('\n');
    const other = config('template.yaml', 4, { kind: 'iac-resource', service: 'sqs', regionRef: { kind: 'deploy-region', stackFile: 'template.yaml' }, region: null, regionSource: 'unresolved' });
    const ws = resolve([result('lib/library.ts', text), other]);
    const bucket = find(ws, 'lib/library.ts', 4);
    assert.deepEqual(regionOf(bucket), { region: null, regionSource: 'unresolved' });
    assert.deepEqual(displayed(bucket.regionTrace), [{ file: 'lib/library.ts', line: 4, column: 13, reason: 'no instantiation of LibraryStack in the workspace says where it is deployed' }]);
    assert.deepEqual(find(ws, 'template.yaml', 4).regionRef, { kind: 'deploy-region', stackFile: 'template.yaml' });
  });
});

describe('CDK pass: references between constructs', () => {
  const SITE_APP = join(__dirname, '../../fixtures/cdk/replicated-site');
  const site = () => ['bin/site.ts', 'lib/certificate-stack.ts', 'lib/replica-stack.ts', 'lib/site-stack.ts'].map((rel) => result(rel, readFileSync(join(SITE_APP, rel), 'utf8')));
  const named = (ws: ResolutionWorkspace, name: string): Dependency => {
    const d = ws.dependencies.find((x) => x.kind === 'iac-resource' && x.name === name);
    assert.ok(d, `no construct ${name}`);
    return d;
  };

  it('follows a bucket passed from another stack to its stack\'s region, and names it by its bucket name', () => {
    const ws = resolve(site());
    assert.deepEqual(regionOf(named(ws, 'UploadsReplica')), { region: 'us-west-2', regionSource: 'stack-env' });
    const uploads = named(ws, 'Uploads');
    assert.deepEqual(regionOf(uploads), { region: 'eu-west-1', regionSource: 'stack-env' });
    assert.deepEqual(uploads.resource, {
      type: 'aws-cdk-lib/aws-s3.Bucket',
      kind: 'AWS::S3::Bucket',
      name: 'Uploads',
      replicaRegions: ['us-west-2'],
      attributes: { replicationDestinations: ['${props.replicaBucket}', 'shop-uploads-replica'] },
    });
    // A replica stack whose region is chosen at deploy time: the destination is named, its region stays unknown.
    const [app, ...stacks] = site();
    const atDeploy = readFileSync(join(SITE_APP, 'bin/site.ts'), 'utf8').replace("region: 'us-west-2'", 'region: process.env.CDK_DEFAULT_REGION');
    const unknown = resolve([result(app.file, atDeploy), ...stacks]);
    assert.deepEqual(regionOf(named(unknown, 'UploadsReplica')), { region: null, regionSource: 'parameter' });
    assert.deepEqual(named(unknown, 'Uploads').resource?.replicaRegions, [null]);
    assert.deepEqual(named(unknown, 'Uploads').resource?.attributes?.replicationDestinations, ['${props.replicaBucket}', 'shop-uploads-replica']);
  });

  it('writes a certificate of another stack as the ARN it will have, in its stack\'s region', () => {
    const ws = resolve(site());
    assert.deepEqual(regionOf(named(ws, 'SiteCertificate')), { region: 'us-east-1', regionSource: 'stack-env' });
    assert.equal(named(ws, 'SiteDistribution').resource?.attributes?.viewerCertificateArn, 'arn:aws:acm:us-east-1:${AWS::AccountId}:certificate/${SiteCertificate}');
    // Without the app that wires the stacks, nothing is known and nothing is changed.
    const alone = resolve(site().slice(1));
    assert.equal(named(alone, 'SiteDistribution').resource?.attributes?.viewerCertificateArn, '${props.certificate}');
    assert.deepEqual(named(alone, 'Uploads').resource?.replicaRegions, [null]);
  });

  it('gives a destination of another stack in the same file its region (the aws-s3 README cross-region example)', () => {
    const text = [
      "import { App, PhysicalName, Stack } from 'aws-cdk-lib';",
      "import * as s3 from 'aws-cdk-lib/aws-s3';",
      'const app = new App();',
      "const stack1 = new Stack(app, 'Stack1', { env: { region: 'us-east-1' } });",
      "const stack2 = new Stack(app, 'Stack2', { env: { region: 'us-west-2' } });",
      "const destinationBucket = new s3.Bucket(stack2, 'DestinationBucket', { versioned: true, bucketName: PhysicalName.GENERATE_IF_NEEDED });",
      "new s3.Bucket(stack1, 'SourceBucket', { versioned: true, replicationRules: [{ destination: destinationBucket, priority: 1 }] });",
    ].join('\n');
    const ws = resolve([result('bin/replication.ts', text)]);
    const source = named(ws, 'SourceBucket');
    assert.deepEqual(regionOf(source), { region: 'us-east-1', regionSource: 'stack-env' });
    // Same file: the construct id names the destination; no bucket name is added.
    assert.deepEqual(source.resource?.replicaRegions, ['us-west-2']);
    assert.deepEqual(source.resource?.attributes?.replicationDestinations, ['DestinationBucket']);
  });

  it('takes ARNs an app passes in props, names constructs of the same file by their ids, and counts every region a destination is deployed to', () => {
    const stacks = [
      "import { Stack, StackProps } from 'aws-cdk-lib';",
      "import * as acm from 'aws-cdk-lib/aws-certificatemanager';",
      "import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';",
      "import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';",
      "import * as s3 from 'aws-cdk-lib/aws-s3';",
      'interface EdgeProps extends StackProps { certificateArn: string; replicaArn: string }',
      'export class EdgeStack extends Stack {',
      '  constructor(scope: any, id: string, props: EdgeProps) {',
      '    super(scope, id, props);',
      "    const replica = s3.Bucket.fromBucketArn(this, 'Replica', props.replicaArn);",
      "    const site = new s3.Bucket(this, 'Site', { versioned: true, replicationRules: [{ destination: replica, priority: 1 }] });",
      "    new cloudfront.Distribution(this, 'Cdn', {",
      "      certificate: acm.Certificate.fromCertificateArn(this, 'Cert', props.certificateArn),",
      '      defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(site) },',
      '    });',
      '  }',
      '}',
      'interface BucketsProps extends StackProps { replica: s3.IBucket; certificate: acm.ICertificate }',
      'export class BucketsStack extends Stack {',
      '  constructor(scope: any, id: string, props: BucketsProps) {',
      '    super(scope, id, props);',
      "    new s3.Bucket(this, 'Data', { replicationRules: [{ destination: props.replica, priority: 1 }] });",
      "    new cloudfront.Distribution(this, 'DataCdn', { certificate: props.certificate, defaultBehavior: { origin: new origins.HttpOrigin('data.example.com') } });",
      '  }',
      '}',
      'export class CopyStack extends Stack {',
      '  readonly bucket: s3.Bucket;',
      '  readonly certificate: acm.Certificate;',
      '  constructor(scope: any, id: string, props?: StackProps) {',
      '    super(scope, id, props);',
      "    this.bucket = new s3.Bucket(this, 'Copy');",
      "    this.certificate = new acm.Certificate(this, 'DataCert', { domainName: 'data.example.com' });",
      '  }',
      '}',
    ].join('\n');
    const app = [
      "import { App } from 'aws-cdk-lib';",
      "import { BucketsStack, CopyStack, EdgeStack } from '../lib/stacks';",
      'const app = new App();',
      "new EdgeStack(app, 'Edge', { env: { region: 'us-east-1' }, certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/abc', replicaArn: 'arn:aws:s3:::site-replica-us-west-2' });",
      "const west = new CopyStack(app, 'West', { env: { region: 'us-west-2' } });",
      "const central = new CopyStack(app, 'Central', { env: { region: 'eu-central-1' } });",
      "new BucketsStack(app, 'BucketsWest', { env: { region: 'us-east-1' }, replica: west.bucket, certificate: west.certificate });",
      "new BucketsStack(app, 'BucketsCentral', { env: { region: 'us-east-1' }, replica: central.bucket, certificate: central.certificate });",
    ].join('\n');
    const ws = resolve([result('lib/stacks.ts', stacks), result('bin/app.ts', app)]);
    // An ARN passed in props is the certificate; a bucket ARN passed in props names the destination and its region.
    assert.equal(named(ws, 'Cdn').resource?.attributes?.viewerCertificateArn, 'arn:aws:acm:us-east-1:111122223333:certificate/abc');
    assert.deepEqual(named(ws, 'Site').resource?.replicaRegions, ['us-west-2']);
    assert.deepEqual(named(ws, 'Site').resource?.attributes?.replicationDestinations, ['${props.replicaArn}', 'arn:aws:s3:::site-replica-us-west-2']);
    // One copy stack deployed twice, in two regions: each deployment of the source replicates to one of them, so both
    // count; the construct (declared in the same file) is named by its id, which rules follow to both regions.
    assert.deepEqual(regionOf(named(ws, 'Copy')), { region: null, regionSource: 'stack-env', candidateRegions: ['us-west-2', 'eu-central-1'] });
    assert.deepEqual(named(ws, 'Data').resource?.replicaRegions, ['us-west-2', 'eu-central-1']);
    assert.deepEqual(named(ws, 'Data').resource?.attributes?.replicationDestinations, ['${props.replica}', 'Copy']);
    assert.equal(named(ws, 'DataCdn').resource?.attributes?.viewerCertificateArn, 'DataCert');

    const once = app.split('\n').filter((l) => !l.includes('Central')).join('\n');
    const single = resolve([result('lib/stacks.ts', stacks), result('bin/app.ts', once)]);
    assert.deepEqual(named(single, 'Data').resource?.replicaRegions, ['us-west-2']);
    assert.equal(named(single, 'DataCdn').resource?.attributes?.viewerCertificateArn, 'DataCert');
  });
});

describe('CDK pass: references that lead nowhere', () => {
  it('stops on a construct that passes its own props to itself, and on references to nothing', () => {
    const text = [
      "import { App, Stack } from 'aws-cdk-lib';",
      "import { Construct } from 'constructs';",
      "import * as s3 from 'aws-cdk-lib/aws-s3';",
      'export class Mirror extends Construct {',
      '  constructor(scope: Construct, id: string, props: { target: s3.IBucket; depth: number }) {',
      '    super(scope, id);',
      "    new s3.Bucket(this, 'Source', { replicationRules: [{ destination: props.target, priority: 1 }] });",
      "    if (props.depth > 0) new Mirror(this, 'Inner', { target: props.target, depth: props.depth - 1 });",
      '  }',
      '}',
      "const stack = new Stack(new App(), 'Mirrors', { env: { region: 'eu-west-1' } });",
      "new Mirror(stack, 'Outer', { target: stack.missing, depth: 2 });",
    ].join('\n');
    const ws = resolve([result('lib/mirror.ts', text)]);
    const source = ws.dependencies.find((d) => d.name === 'Source');
    assert.deepEqual(source?.resource?.replicaRegions, [null]);
    assert.deepEqual(source?.resource?.attributes?.replicationDestinations, ['${props.target}']);
  });
});
