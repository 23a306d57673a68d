import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { runHealthCommand } from '../../src/cli/health';
import { scanWorkspace as scanWithRealScanners } from '../../src/node/workspaceIndex';
import type { HealthDocument } from '../../src/core/health/document';
import type { Dependency, DependencyMap } from '../../src/core/model';
import { summariseMap } from '../../src/core/summary';
import { awsError, closedPort, scriptedHealthApi, startHealthStandIn } from '../support/healthServer';
import type { HealthStandIn } from '../support/healthServer';
import { sealAwsEnvironment, TEST_SECRET_ACCESS_KEY } from '../node/health/awsEnvironment';
import type { SealedAwsEnvironment } from '../node/health/awsEnvironment';
import { ARNS, publicFeed, recordedHealthData } from '../node/health/wireEvents';
import { traceStep } from '../../src/core/trace';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
}

function dep(fields: Partial<Dependency> & Pick<Dependency, 'id' | 'file' | 'line' | 'column' | 'kind' | 'service'>): Dependency {
  return { provider: 'aws', endLine: fields.line, endColumn: fields.column + 20, region: null, regionSource: 'unresolved', ...fields };
}

/**
 * What the scanners and the cross-file pass make of a small SAM service: a handler writing to the
 * orders table in us-east-1 (a literal region), the table itself (deployed to us-east-1 by
 * samconfig.toml), a reporting job reading a replica in us-west-2, and a Lambda client in us-east-1.
 */
const workspaceMap: DependencyMap = {
  version: 1,
  root: '.',
  dependencies: [
    dep({ id: 'region-config:5d0c8a7e1f2b', file: 'samconfig.toml', line: 7, column: 1, kind: 'region-config', service: '*', region: 'us-east-1', regionSource: 'literal', name: 'region', text: 'us-east-1', origin: 'samconfig', scope: { stackFile: 'template.yaml', environment: 'default', appliesTo: 'deploy' } }),
    dep({ id: 'sdk-client:8a41c2d9e07b', file: 'src/handler.ts', line: 4, column: 16, kind: 'sdk-client', service: 'lambda', region: 'us-east-1', regionSource: 'literal', name: 'LambdaClient', origin: 'js-v3' }),
    dep({ id: 'sdk-client:0e6f3b91c4a2', file: 'src/orders.ts', line: 8, column: 16, kind: 'sdk-client', service: 'dynamodb', region: 'us-east-1', regionSource: 'literal', name: 'DynamoDBClient', origin: 'js-v3' }),
    dep({ id: 'sdk-call:c3b7e5a2910d', file: 'src/orders.ts', line: 19, column: 9, kind: 'sdk-call', service: 'dynamodb', region: 'us-east-1', regionSource: 'literal', name: 'PutItemCommand', operation: 'PutItem', links: ['sdk-client:0e6f3b91c4a2'], origin: 'js-v3' }),
    dep({ id: 'sdk-client:71d2a0b8f5e3', file: 'src/reports.ts', line: 5, column: 16, kind: 'sdk-client', service: 'dynamodb', region: 'us-west-2', regionSource: 'literal', name: 'DynamoDBClient', origin: 'js-v3' }),
    dep({ id: 'iac-resource:4b9e0c6d2a18', file: 'template.yaml', line: 27, column: 3, kind: 'iac-resource', service: 'dynamodb', region: 'us-east-1', regionSource: 'deploy-config', regionTrace: [traceStep({ file: 'samconfig.toml', line: 7 }, { kind: 'deploy-config', setting: 'region', value: 'us-east-1' })], name: 'OrdersTable', origin: 'sam', resource: { type: 'AWS::DynamoDB::Table', name: 'OrdersTable', attributes: { physicalNames: ['orders-prod'] } } }),
  ],
  findings: [],
  problems: [],
  summary: summariseMap([], [], { scanned: 5, skipped: 0 }),
};
workspaceMap.summary = summariseMap(workspaceMap.dependencies, workspaceMap.findings, { scanned: 5, skipped: 0 });

describe('outage-radar health', () => {
  let aws: SealedAwsEnvironment;
  let standIn: HealthStandIn;
  let cwd: string;
  const scans: Array<[string, string[]]> = [];
  const scanWorkspace = async (root: string, paths: string[]): Promise<DependencyMap> => {
    scans.push([root, paths]);
    return workspaceMap;
  };

  async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await runHealthCommand(argv, { stdout, stderr, cwd, env }, scanWorkspace);
    return { code, stdout: stdout.text, stderr: stderr.text };
  }

  beforeEach(async () => {
    aws = sealAwsEnvironment();
    aws.useStaticCredentials();
    cwd = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-health-'));
    scans.length = 0;
    const data = recordedHealthData();
    // The Health stand-in reports two open issues: DynamoDB in us-east-1 and Lambda in eu-west-1.
    data.events = data.events.filter((e) => e.arn === ARNS.dynamodb || e.arn === ARNS.lambda);
    standIn = await startHealthStandIn({ operations: scriptedHealthApi(data), publicFeed: { body: publicFeed(), etag: '"v1"' } });
  });
  afterEach(async () => {
    await standIn.close();
    rmSync(cwd, { recursive: true, force: true });
    aws.restore();
  });

  it('ties the open DynamoDB issue in us-east-1 to exactly the us-east-1 DynamoDB dependencies, and the eu-west-1 Lambda issue to nothing', async () => {
    const { code, stdout, stderr } = await run(['.', '--format', 'json'], { ...process.env, AWS_ENDPOINT_URL_HEALTH: standIn.url });
    assert.equal(stderr, '');
    assert.equal(code, 0);
    assert.deepEqual(scans, [[cwd, []]]);
    const doc = JSON.parse(stdout) as HealthDocument;
    assert.equal(doc.source, 'api');
    assert.match(doc.fetchedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.deepEqual(doc.events.map((e) => ({ ...e, description: e.description.slice(0, 40) })), [
      {
        arn: ARNS.dynamodb,
        service: 'dynamodb',
        healthService: 'DYNAMODB',
        region: 'us-east-1',
        eventTypeCode: 'AWS_DYNAMODB_OPERATIONAL_ISSUE',
        category: 'issue',
        statusCode: 'open',
        startTime: '2026-11-26T15:45:06Z',
        lastUpdatedTime: '2026-11-26T16:40:00Z',
        description: '[08:40 AM PST] We continue to investigat',
        affected: [
          { file: 'src/orders.ts', line: 8, service: 'dynamodb', region: 'us-east-1' },
          { file: 'src/orders.ts', line: 19, service: 'dynamodb', region: 'us-east-1' },
          { file: 'template.yaml', line: 27, service: 'dynamodb', region: 'us-east-1' },
        ],
      },
      {
        arn: ARNS.lambda,
        service: 'lambda',
        healthService: 'LAMBDA',
        region: 'eu-west-1',
        eventTypeCode: 'AWS_LAMBDA_OPERATIONAL_ISSUE',
        category: 'issue',
        statusCode: 'open',
        startTime: '2026-11-26T16:02:13Z',
        lastUpdatedTime: '2026-11-26T16:30:00Z',
        description: '[08:30 AM PST] We are investigating incr',
        affected: [],
      },
    ]);
    assert.ok(standIn.requests.every((r) => r.signingRegion === 'us-east-1'));
  });

  it('does the same end to end, with the real scanners over a SAM service on disk', async () => {
    const files: Record<string, string> = {
      'template.yaml': [
        "AWSTemplateFormatVersion: '2010-09-09'",
        'Transform: AWS::Serverless-2016-10-31',
        'Description: Orders service',
        '',
        'Resources:',
        '  OrdersTable:',
        '    Type: AWS::DynamoDB::Table',
        '    Properties:',
        '      BillingMode: PAY_PER_REQUEST',
        '      AttributeDefinitions:',
        '        - AttributeName: id',
        '          AttributeType: S',
        '      KeySchema:',
        '        - AttributeName: id',
        '          KeyType: HASH',
        '',
        '  OrdersFunction:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      Handler: src/orders.handler',
        '      Runtime: nodejs20.x',
        '      Environment:',
        '        Variables:',
        '          TABLE_NAME: !Ref OrdersTable',
        '',
      ].join('\n'),
      'samconfig.toml': 'version = 0.1\n\n[default.deploy.parameters]\nstack_name = "orders"\nregion = "us-east-1"\ncapabilities = "CAPABILITY_IAM"\n',
      'src/orders.ts': [
        "import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';",
        '',
        "const client = new DynamoDBClient({ region: 'us-east-1' });",
        '',
        'export async function handler(event: { id: string }) {',
        '  await client.send(new PutItemCommand({ TableName: process.env.TABLE_NAME, Item: { id: { S: event.id } } }));',
        '}',
        '',
      ].join('\n'),
      'src/reports.ts': "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\n\nexport const reports = new DynamoDBClient({ region: 'us-west-2' });\n",
      'src/notify.ts': "import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';\n\nconst lambda = new LambdaClient({ region: 'us-east-1' });\n\nexport const notify = () => lambda.send(new InvokeCommand({ FunctionName: 'notifier' }));\n",
    };
    mkdirSync(path.join(cwd, 'src'));
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(cwd, file), text);
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await runHealthCommand(['.', '--format', 'json'], { stdout, stderr, cwd, env: { ...process.env, AWS_ENDPOINT_URL_HEALTH: standIn.url } }, (root, paths) => scanWithRealScanners(root, { paths }));
    assert.equal(code, 0, stderr.text);
    const doc = JSON.parse(stdout.text) as HealthDocument;
    assert.deepEqual(doc.events.map((e) => [e.healthService, e.region, e.affected]), [
      ['DYNAMODB', 'us-east-1', [
        { file: 'src/orders.ts', line: 3, service: 'dynamodb', region: 'us-east-1' },
        { file: 'src/orders.ts', line: 6, service: 'dynamodb', region: 'us-east-1' },
        { file: 'template.yaml', line: 6, service: 'dynamodb', region: 'us-east-1' },
      ]],
      ['LAMBDA', 'eu-west-1', []],
    ]);
  });

  it('prints one readable block per event with its file:line list', async () => {
    const { code, stdout } = await run([], { ...process.env, AWS_ENDPOINT_URL_HEALTH: standIn.url });
    assert.equal(code, 0);
    assert.deepEqual(scans, [[cwd, []]]);
    const blocks = stdout.split('\n\n');
    assert.match(blocks[0], /^AWS Health — 2 open or upcoming events from the AWS Health API \(fetched \S+\)\n1 of them affects this workspace\.$/);
    assert.match(blocks[1], /^open issue · DYNAMODB · us-east-1 · since 2026-11-26T15:45:06Z\n/);
    assert.ok(blocks[1].endsWith([
      '  Affects 3 places:',
      '    src/orders.ts:8   dynamodb us-east-1',
      '    src/orders.ts:19  dynamodb us-east-1',
      '    template.yaml:27  dynamodb us-east-1',
    ].join('\n')), blocks[1]);
    assert.match(blocks[2], /Affects nothing in this workspace\.\n$/);
  });

  it('falls back to the public dashboard without a support plan, says so on stderr and in the JSON, and exits 0', async () => {
    standIn.enqueue('DescribeEvents', awsError('SubscriptionRequiredException', 'The AWS Support plan for this account does not include AWS Health API access.'));
    const { code, stdout, stderr } = await run(['--format', 'json'], { ...process.env, AWS_ENDPOINT_URL_HEALTH: standIn.url, OUTAGE_RADAR_PUBLIC_HEALTH_URL: standIn.feedUrl });
    const note = 'The AWS Health API needs a Business, Enterprise On-Ramp or Enterprise Support plan (SubscriptionRequiredException); using the public AWS Health Dashboard instead.';
    assert.equal(code, 0);
    assert.equal(stderr, `outage-radar: ${note}\n`);
    const doc = JSON.parse(stdout) as HealthDocument;
    assert.equal(doc.source, 'public');
    assert.equal(doc.note, note);
    // the public "Multiple services" event reaches DynamoDB and Lambda in us-east-1; its recovered EC2 part and the resolved event are not listed
    assert.deepEqual(doc.events.map((e) => [e.healthService, e.region, e.affected.map((a) => `${a.file}:${a.line}`)]), [
      ['DYNAMODB', 'us-east-1', ['src/orders.ts:8', 'src/orders.ts:19', 'template.yaml:27']],
      ['LAMBDA', 'us-east-1', ['src/handler.ts:4']],
      ['LAMBDA', 'eu-west-1', []],
      ['SQS', 'us-east-1', []],
      ['CLOUDFRONT', 'global', []],
    ]);
  });

  it('with --source api, names the support-plan requirement and the fallback, and exits 2', async () => {
    standIn.enqueue('DescribeEvents', awsError('SubscriptionRequiredException', 'The AWS Support plan for this account does not include AWS Health API access.'));
    const { code, stdout, stderr } = await run(['--source', 'api'], { ...process.env, AWS_ENDPOINT_URL_HEALTH: standIn.url });
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.equal(stderr, 'outage-radar: no AWS Health source worked. The AWS Health API needs a Business, Enterprise On-Ramp or Enterprise Support plan (SubscriptionRequiredException). Use --source public (or auto) to read the public AWS Health Dashboard, which needs no credentials or support plan.\n');
  });

  it('exits 2 when no source worked', async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    const port = await closedPort();
    const { code, stderr } = await run([], { ...process.env, AWS_ENDPOINT_URL_HEALTH: standIn.url, OUTAGE_RADAR_PUBLIC_HEALTH_URL: `http://127.0.0.1:${port}/public/currentevents` });
    assert.equal(code, 2);
    assert.equal(stderr, 'outage-radar: no AWS Health source worked. No usable AWS credentials for the AWS Health API (Could not load credentials from any providers). The public AWS Health Dashboard did not work either: The public AWS Health Dashboard could not be reached (ECONNREFUSED). Pick a profile with --profile NAME, or sign in (e.g. aws sso login).\n');
  });

  it('uses the profile named by --profile', async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    aws.writeCredentials('[incident-readonly]\naws_access_key_id = AKIAINCIDENTREADONLY\naws_secret_access_key = incident/secret/0000000000000000000000\n');
    const { code } = await run(['--profile', 'incident-readonly'], { ...process.env, AWS_ENDPOINT_URL_HEALTH: standIn.url });
    assert.equal(code, 0);
    assert.ok(standIn.requests.length > 0 && standIn.requests.every((r) => r.accessKeyId === 'AKIAINCIDENTREADONLY'));
  });

  it('scans a single file from its folder, like the other commands', async () => {
    writeFileSync(path.join(cwd, 'template.yaml'), 'Resources: {}\n');
    const { code } = await run(['template.yaml'], { ...process.env, AWS_ENDPOINT_URL_HEALTH: standIn.url });
    assert.equal(code, 0);
    assert.deepEqual(scans, [[cwd, ['template.yaml']]]);
  });

  it('rejects usage errors with exit code 2', async () => {
    const env = { ...process.env, AWS_ENDPOINT_URL_HEALTH: standIn.url };
    const cases: Array<[string[], RegExp]> = [
      [['--format', 'sarif'], /^outage-radar: --format takes text or json, not "sarif"\nusage: outage-radar health /],
      [['--source', 'phd'], /^outage-radar: --source takes auto, api, public, not "phd"\n/],
      [['--region', 'us-east-1'], /^outage-radar: Unknown option '--region'/],
      [['no-such-folder'], /^outage-radar: cannot scan no-such-folder: no such file or folder\n/],
    ];
    for (const [argv, message] of cases) {
      const { code, stderr, stdout } = await run(argv, env);
      assert.equal(code, 2, argv.join(' '));
      assert.match(stderr, message);
      assert.equal(stdout, '');
    }
    assert.deepEqual(standIn.requests, [], 'nothing is fetched on a usage error');
    assert.equal((await run(['--help'], env)).code, 0);
  });

  it('never writes the secret key, even when the server echoes it', async () => {
    standIn.enqueue('DescribeEvents', awsError('AccessDeniedException', `Signature mismatch for secret ${TEST_SECRET_ACCESS_KEY}`));
    const port = await closedPort();
    const { code, stdout, stderr } = await run(['--source', 'api'], { ...process.env, AWS_ENDPOINT_URL_HEALTH: standIn.url, OUTAGE_RADAR_PUBLIC_HEALTH_URL: `http://127.0.0.1:${port}/x` });
    assert.equal(code, 2);
    assert.equal(stderr, 'outage-radar: no AWS Health source worked. The AWS Health API refused the credentials (AccessDeniedException: Signature mismatch for secret [redacted]). Use --source public (or auto) to read the public AWS Health Dashboard, which needs no credentials or support plan.\n');
    assert.equal(`${stdout}${stderr}`.includes(TEST_SECRET_ACCESS_KEY), false);
  });
});
