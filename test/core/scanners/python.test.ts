import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Dependency, FileScanResult } from '../../../src/core/model';
import { resolveRegions } from '../../../src/core/resolve';
import { scanFile } from '../../../src/core/scanners';
import { pythonScanner } from '../../../src/core/scanners/python';
import type { ScanContext } from '../../../src/core/scanners/types';
import { loadLanguages } from '../../../src/node/languages';

const FIXTURES = path.join(__dirname, '../../fixtures/python');

function scanFixture(file: string, context: ScanContext): FileScanResult {
  return scanFile(file, readFileSync(path.join(FIXTURES, file), 'utf8'), context);
}

/** What a reader checks first: where, what, which service and region. */
function brief(d: Dependency) {
  return {
    at: `${d.line}:${d.column}-${d.endLine}:${d.endColumn}`,
    kind: d.kind,
    service: d.service,
    name: d.name,
    ...(d.operation ? { operation: d.operation } : {}),
    ...(d.text && d.kind !== 'sdk-client' ? { text: d.text } : {}),
    region: d.region,
    regionSource: d.regionSource,
    ...(d.candidateRegions ? { candidateRegions: d.candidateRegions } : {}),
    ...(d.regionRef ? { regionRef: d.regionRef } : {}),
    container: d.container,
  };
}

function trace(d: Dependency | undefined): string[] {
  return (d?.regionTrace ?? []).map((s) => `${s.line}:${s.column} ${s.reason}`);
}

describe('python scanner', () => {
  let context: ScanContext;

  before(async () => {
    context = { languages: await loadLanguages() };
  });

  it('accepts Python files that mention boto3, botocore, AWS hosts or ARNs', () => {
    assert.equal(pythonScanner.accepts('app/worker.py', 'import boto3\n'), true);
    assert.equal(pythonScanner.accepts('app/cfg.py', 'from botocore.config import Config\n'), true);
    assert.equal(pythonScanner.accepts('app/hosts.py', 'URL = "https://sqs.eu-west-1.amazonaws.com"\n'), true);
    assert.equal(pythonScanner.accepts('app/arns.py', 'TOPIC = "arn:aws:sns:eu-west-1:123456789012:t"\n'), true);
    assert.equal(pythonScanner.accepts('app/views.py', 'import django\n'), false);
    assert.equal(pythonScanner.accepts('app/worker.ts', 'import boto3\n'), false);
  });

  it('reports the clients, calls and ARNs of a Lambda worker, with regions from os.environ', () => {
    const result = scanFixture('orders_worker/handler.py', context);
    assert.deepEqual(result.problems, []);
    const awsRegion = { kind: 'runtime-env', variable: 'AWS_REGION', fallback: 'us-east-1' };
    const archiveRegion = { kind: 'runtime-env', variable: 'ARCHIVE_REGION', fallback: 'eu-west-1' };
    assert.deepEqual(result.dependencies.map(brief), [
      { at: '16:41-16:90', kind: 'arn', service: 'sns', name: 'topic', text: 'arn:aws:sns:eu-west-1:123456789012:order-alerts', region: 'eu-west-1', regionSource: 'literal', container: 'module' },
      { at: '20:12-20:73', kind: 'sdk-client', service: 'dynamodb', name: 'boto3.resource("dynamodb")', region: null, regionSource: 'unresolved', regionRef: awsRegion, container: 'module' },
      { at: '22:7-22:26', kind: 'sdk-client', service: 'sqs', name: 'boto3.client("sqs")', region: null, regionSource: 'unresolved', regionRef: { kind: 'runtime-env' }, container: 'module' },
      { at: '23:6-23:78', kind: 'sdk-client', service: 's3', name: 'boto3.client("s3")', region: null, regionSource: 'unresolved', regionRef: archiveRegion, container: 'module' },
      { at: '24:10-24:72', kind: 'sdk-client', service: 'events', name: 'boto3.client("events")', region: 'us-west-2', regionSource: 'literal', container: 'module' },
      { at: '30:9-30:83', kind: 'sdk-call', service: 'dynamodb', name: 'table.put_item', operation: 'PutItem', text: 'env:ORDERS_TABLE', region: null, regionSource: 'unresolved', regionRef: awsRegion, container: 'handler' },
      { at: '31:9-31:114', kind: 'sdk-call', service: 's3', name: 's3.put_object', operation: 'PutObject', text: 'env:ARCHIVE_BUCKET', region: null, regionSource: 'unresolved', regionRef: archiveRegion, container: 'handler' },
      { at: '32:9-32:100', kind: 'sdk-call', service: 'sqs', name: 'sqs.delete_message', operation: 'DeleteMessage', text: 'env:QUEUE_URL', region: null, regionSource: 'unresolved', regionRef: { kind: 'runtime-env' }, container: 'handler' },
      { at: '33:5-33:99', kind: 'sdk-call', service: 'events', name: 'events.put_events', operation: 'PutEvents', region: 'us-west-2', regionSource: 'literal', container: 'handler' },
      { at: '39:16-39:59', kind: 'sdk-call', service: 'dynamodb', name: 'customers.get_item', operation: 'GetItem', text: 'customers', region: null, regionSource: 'unresolved', regionRef: awsRegion, container: 'load_customer' },
      { at: '46:13-46:38', kind: 'sdk-call', service: 'dynamodb', name: 'batch.put_item', operation: 'BatchWriteItem', text: 'env:ORDERS_TABLE', region: null, regionSource: 'unresolved', regionRef: awsRegion, container: 'backfill' },
      { at: '50:17-50:52', kind: 'sdk-call', service: 's3', name: 's3.get_paginator', operation: 'ListObjectsV2', region: null, regionSource: 'unresolved', regionRef: archiveRegion, container: 'list_archives' },
      { at: '58:20-58:39', kind: 'sdk-client', service: 'sns', name: 'boto3.client("sns")', region: null, regionSource: 'unresolved', regionRef: { kind: 'runtime-env' }, container: '__init__' },
      { at: '62:9-62:67', kind: 'sdk-call', service: 'sns', name: 'self.sns.publish', operation: 'Publish', region: null, regionSource: 'unresolved', regionRef: { kind: 'runtime-env' }, container: 'notify' },
    ]);
  });

  it('traces a region through a module constant and links calls to their client', () => {
    const deps = scanFixture('orders_worker/handler.py', context).dependencies;
    const resource = deps.find((d) => d.name === 'boto3.resource("dynamodb")');
    assert.deepEqual(trace(resource), ['15:1 REGION = os.environ.get("AWS_REGION", "us-east-1")']);
    const put = deps.find((d) => d.operation === 'PutItem');
    assert.deepEqual(put?.links, [resource?.id]);
    assert.deepEqual(trace(put), trace(resource));
    const publish = deps.find((d) => d.operation === 'Publish');
    assert.deepEqual(publish?.links, [deps.find((d) => d.name === 'boto3.client("sns")')?.id], 'self.sns is the client made in __init__');
  });

  it('counts columns in UTF-16 code units after non-ASCII text on the same line', () => {
    // Line 16 holds "équipe" and a rocket (two UTF-16 units, four UTF-8 bytes) before the ARN: UTF-16 column 41, byte column 45.
    const text = readFileSync(path.join(FIXTURES, 'orders_worker/handler.py'), 'utf8');
    const arn = scanFixture('orders_worker/handler.py', context).dependencies.find((d) => d.kind === 'arn');
    assert.ok(arn);
    assert.equal(text.split('\n')[arn.line - 1].slice(arn.column - 1, arn.endColumn - 1), '"arn:aws:sns:eu-west-1:123456789012:order-alerts"');
  });

  it('anchors a client after non-ASCII text on its line', () => {
    const text = 'import boto3\nLABEL = "file d\'attente 🚀"; sqs = boto3.client("sqs", region_name="eu-west-3")\n';
    const dep = scanFile('queue.py', text, context).dependencies[0];
    const line = text.split('\n')[1];
    // The rocket is two UTF-16 code units and four UTF-8 bytes: the call starts at UTF-16 column 36 (byte column 38).
    assert.deepEqual([dep.line, dep.column, dep.endColumn, dep.region], [2, 36, 80, 'eu-west-3']);
    assert.equal(line.slice(dep.column - 1, dep.endColumn - 1), 'boto3.client("sqs", region_name="eu-west-3")');
  });

  it('reports a script\'s hard-coded regions, its session and its endpoint_url overrides', () => {
    const result = scanFixture('scripts/migrate_orders.py', context);
    assert.deepEqual(result.dependencies.map(brief), [
      { at: '7:19-7:61', kind: 'endpoint', service: 'dynamodb', name: 'LEGACY_ENDPOINT', text: 'dynamodb.us-east-1.amazonaws.com', region: 'us-east-1', regionSource: 'literal', container: 'module' },
      { at: '8:15-8:92', kind: 'arn', service: 'kms', name: 'KMS_KEY_ARN', text: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab', region: 'us-east-1', regionSource: 'literal', container: 'module' },
      { at: '11:10-11:66', kind: 'sdk-client', service: 'dynamodb', name: 'session.client("dynamodb")', region: 'us-east-1', regionSource: 'variable', container: 'module' },
      { at: '12:10-12:64', kind: 'sdk-client', service: 'dynamodb', name: 'boto3.resource("dynamodb")', region: 'eu-central-1', regionSource: 'literal', container: 'module' },
      { at: '13:7-13:68', kind: 'sdk-client', service: 'sts', name: 'boto3.client("sts")', region: null, regionSource: 'unresolved', regionRef: { kind: 'runtime-env' }, container: 'module' },
      { at: '13:40-13:67', kind: 'endpoint', service: 'sts', name: 'endpoint_url', text: 'sts.amazonaws.com', region: 'us-east-1', regionSource: 'global-service', container: 'module' },
      { at: '17:11-17:36', kind: 'sdk-call', service: 'sts', name: 'sts.get_caller_identity', operation: 'GetCallerIdentity', region: null, regionSource: 'unresolved', regionRef: { kind: 'runtime-env' }, container: 'main' },
      { at: '19:17-19:45', kind: 'sdk-call', service: 'dynamodb', name: 'legacy.get_paginator', operation: 'Scan', region: 'us-east-1', regionSource: 'variable', container: 'main' },
      { at: '22:13-22:92', kind: 'sdk-call', service: 'dynamodb', name: 'target.put_item', operation: 'PutItem', text: 'orders-v2', region: 'eu-central-1', regionSource: 'literal', container: 'main' },
    ]);
    const legacy = result.dependencies.find((d) => d.name === 'session.client("dynamodb")');
    assert.deepEqual(trace(legacy), ['10:1 session = boto3.Session(region_name=REGION, profile_name="migration")', '6:1 REGION = "us-east-1"']);
    assert.equal(result.dependencies.find((d) => d.kind === 'endpoint' && d.service === 'sts')?.global, true);
  });

  it('follows setup_default_session, loops over region lists, cached getters, global clients, botocore sessions and resource objects', () => {
    const result = scanFixture('scripts/ops_tools.py', context);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.dependencies.map(brief), [
      { at: '13:14-13:40', kind: 'sdk-client', service: 'monitoring', name: 'boto3.client("cloudwatch")', region: 'ap-northeast-1', regionSource: 'variable', container: 'module' },
      { at: '14:21-14:64', kind: 'sdk-client', service: 'dynamodb', name: 'boto3.client("dynamodb")', region: null, regionSource: 'variable', candidateRegions: ['us-east-1', 'us-west-2'], container: 'module' },
      { at: '19:12-19:56', kind: 'sdk-client', service: 'dynamodb', name: 'boto3.resource("dynamodb")', region: 'ap-northeast-1', regionSource: 'variable', container: 'orders_table' },
      { at: '23:5-23:40', kind: 'sdk-call', service: 'dynamodb', name: 'dynamodb.Table.put_item', operation: 'PutItem', text: 'env:TABLE_NAME', region: 'ap-northeast-1', regionSource: 'variable', container: 'save' },
      { at: '32:16-32:53', kind: 'sdk-client', service: 'sqs', name: 'Session.client("sqs")', region: 'ap-northeast-1', regionSource: 'variable', container: 'sqs_client' },
      { at: '37:5-37:82', kind: 'sdk-call', service: 'sqs', name: 'sqs.send_message', operation: 'SendMessage', text: 'env:QUEUE_URL', region: 'ap-northeast-1', regionSource: 'variable', container: 'enqueue' },
      { at: '41:10-41:50', kind: 'sdk-client', service: 's3', name: 'boto3.resource("s3")', region: 'eu-west-2', regionSource: 'variable', container: 'archive' },
      { at: '42:5-42:64', kind: 'sdk-call', service: 's3', name: 's3.Bucket.upload_file', operation: 'PutObject', text: 'acme-reports', region: 'eu-west-2', regionSource: 'variable', container: 'archive' },
      { at: '43:16-43:64', kind: 'sdk-call', service: 's3', name: 's3.Bucket(BUCKET).objects.filter', operation: 'ListObjects', region: 'eu-west-2', regionSource: 'variable', container: 'archive' },
      { at: '45:11-45:102', kind: 'sdk-call', service: 's3', name: 's3.meta.client.generate_presigned_url', operation: 'GetObject', region: 'eu-west-2', regionSource: 'variable', container: 'archive' },
      { at: '50:12-50:55', kind: 'sdk-client', service: 'kinesis', name: 'boto3.client("kinesis")', region: null, regionSource: 'unresolved', container: 'make' },
      { at: '55:10-55:62', kind: 'sdk-client', service: 'ce', name: 'botocore.create_client("ce")', region: 'us-east-1', regionSource: 'literal', container: 'costs' },
      { at: '56:12-56:140', kind: 'sdk-call', service: 'ce', name: 'ce.get_cost_and_usage', operation: 'GetCostAndUsage', region: 'us-east-1', regionSource: 'literal', container: 'costs' },
      { at: '59:7-59:28', kind: 'sdk-client', service: 'sqs', name: 'boto3.resource("sqs")', region: 'ap-northeast-1', regionSource: 'variable', container: 'module' },
      { at: '60:9-60:48', kind: 'sdk-call', service: 'sqs', name: 'sqs.get_queue_by_name', operation: 'GetQueueUrl', text: 'jobs', region: 'ap-northeast-1', regionSource: 'variable', container: 'module' },
      { at: '61:1-61:37', kind: 'sdk-call', service: 'sqs', name: 'queue.send_message', operation: 'SendMessage', text: 'jobs', region: 'ap-northeast-1', regionSource: 'variable', container: 'module' },
    ]);
    const deps = result.dependencies;
    assert.deepEqual(trace(deps[0]), ['12:1 boto3.setup_default_session(region_name="ap-northeast-1")']);
    assert.deepEqual(trace(deps[1]), ['9:1 REGIONS = ["us-east-1", "us-west-2"]']);
    assert.deepEqual(trace(deps[6]), ['40:19 parameter region of archive() defaults to "eu-west-2"']);
    assert.deepEqual(trace(deps[10]), ['49:10 parameter region of make(): the caller passes the region']);
    assert.deepEqual(deps[3].links, [deps[2].id], 'orders_table() returns the table of that resource');
    assert.deepEqual(deps[5].links, [deps[4].id], 'sqs_client() returns the global client it creates');
  });

  it('takes .client("s3") on a session passed in (or from aioboto3) for a client, in a file that imports an AWS SDK', () => {
    const result = scanFixture('orders_worker/storage.py', context);
    assert.deepEqual(result.dependencies.map(brief), [
      { at: '7:25-7:78', kind: 'sdk-client', service: 'dynamodb', name: 'session.resource("dynamodb")', region: 'eu-west-1', regionSource: 'literal', container: '__init__' },
      { at: '8:32-8:50', kind: 'sdk-client', service: 's3', name: 'boto3.client("s3")', region: null, regionSource: 'unresolved', regionRef: { kind: 'runtime-env' }, container: '__init__' },
      { at: '11:9-11:57', kind: 'sdk-call', service: 'dynamodb', name: 'self.dynamodb.Table.put_item', operation: 'PutItem', text: 'items', region: 'eu-west-1', regionSource: 'literal', container: 'save' },
      { at: '12:9-12:58', kind: 'sdk-call', service: 's3', name: 'self.s3.put_object', operation: 'PutObject', text: 'b', region: null, regionSource: 'unresolved', regionRef: { kind: 'runtime-env' }, container: 'save' },
      { at: '17:16-17:36', kind: 'sdk-client', service: 's3', name: 'session.client("s3")', region: null, regionSource: 'unresolved', regionRef: { kind: 'runtime-env' }, container: 'upload' },
      { at: '18:15-18:58', kind: 'sdk-call', service: 's3', name: 's3.upload_file', operation: 'PutObject', text: 'acme-uploads', region: null, regionSource: 'unresolved', regionRef: { kind: 'runtime-env' }, container: 'upload' },
    ]);
  });

  it('reports nothing for a file whose AWS strings are only in comments and docstrings, and whose client() is not boto3', () => {
    const result = scanFixture('scripts/billing_client.py', context);
    assert.equal(pythonScanner.accepts('scripts/billing_client.py', readFileSync(path.join(FIXTURES, 'scripts/billing_client.py'), 'utf8')), true);
    assert.deepEqual(result.dependencies, []);
    assert.deepEqual(result.problems, []);
  });

  it('turns syntax errors into problems and keeps what parsed', () => {
    const result = scanFixture('scripts/broken_upload.py', context);
    assert.deepEqual(result.problems.map((p) => [p.line, p.reason, p.severity]), [[6, 'Python syntax error', 'partial']]);
    assert.deepEqual(result.dependencies.map((d) => [d.line, d.kind, d.service, d.operation ?? d.name, d.region]), [
      [3, 'sdk-client', 's3', 'boto3.client("s3")', 'ap-southeast-2'],
      [7, 'sdk-call', 's3', 'PutObject', 'ap-southeast-2'],
      [10, 'sdk-client', 'sqs', 'boto3.client("sqs")', 'ap-southeast-2'],
      [10, 'sdk-call', 'sqs', 'SendMessage', 'ap-southeast-2'],
      [11, 'endpoint', 'sqs', 'QueueUrl', 'ap-southeast-2'],
    ]);
    assert.equal(result.dependencies[1].text, 'acme-uploads', 'upload_file(Filename, Bucket, Key)');
  });

  it('never throws on half-written files: every prefix of a worker, and stray brackets inside it', () => {
    for (const file of ['orders_worker/handler.py', 'scripts/ops_tools.py']) {
      const text = readFileSync(path.join(FIXTURES, file), 'utf8');
      for (let i = 0; i <= text.length; i += 97) {
        for (const variant of [text.slice(0, i), `${text.slice(0, i)}(["{${text.slice(i)}`]) {
          const out = pythonScanner.scan(file, variant, context);
          resolveRegions([{ file, formats: ['python'], dependencies: out.dependencies, problems: out.problems, suppressions: [] }]);
        }
      }
    }
  });

  it('reports a problem per file when the Python grammar is not loaded', () => {
    const result = scanFile('app.py', 'import boto3\nboto3.client("s3")\n', { languages: {} });
    assert.deepEqual(result.dependencies, []);
    assert.equal(result.problems.length, 1);
    assert.match(result.problems[0].reason, /^Python parser unavailable: /);
  });

  it('reads the import spellings of boto3 and botocore', () => {
    const text = [
      'import boto3 as b3',
      'import boto3.session',
      'from boto3 import resource',
      'from boto3.session import Session',
      'from botocore.client import Config',
      '',
      'a = b3.client("kinesis", "eu-west-1")',
      'b = resource("s3", config=Config(region_name="eu-west-2"))',
      'c = boto3.session.Session(region_name="eu-west-3").client("sns")',
      'd = Session().resource("dynamodb", region_name="eu-north-1")',
      '',
    ].join('\n');
    const deps = scanFile('clients.py', text, context).dependencies;
    assert.deepEqual(deps.map((x) => [x.line, x.service, x.name, x.region, x.regionSource]), [
      [7, 'kinesis', 'boto3.client("kinesis")', 'eu-west-1', 'literal'],
      [8, 's3', 'boto3.resource("s3")', 'eu-west-2', 'literal'],
      [9, 'sns', 'Session.client("sns")', 'eu-west-3', 'literal'],
      [10, 'dynamodb', 'Session.resource("dynamodb")', 'eu-north-1', 'literal'],
    ]);
  });

  it('does not report methods called on objects that are not boto3 objects', () => {
    const text = [
      'import boto3',
      'import redis',
      '',
      'cache = redis.Redis(host="localhost")',
      'cache.get("orders")',
      'table = {"name": "orders"}',
      'table.get("name")',
      'def put_item(item):',
      '    return item',
      'put_item({})',
      '',
    ].join('\n');
    assert.deepEqual(scanFile('cache.py', text, context).dependencies, []);
  });

  it('gives an unknown service name no dependency, and keeps a placeholder region unknown', () => {
    const text = 'import boto3\n\nSERVICE = get_service()\nclient = boto3.client(SERVICE)\nsqs = boto3.client("sqs", region_name="REGION")\n';
    const deps = scanFile('x.py', text, context).dependencies;
    assert.deepEqual(deps.map((d) => [d.line, d.service, d.region, d.regionSource, d.regionRef]), [[5, 'sqs', null, 'unresolved', undefined]]);
  });

  it('says where a region comes from when the file cannot tell', () => {
    const text = [
      'import boto3',
      'from app.config import REGION',
      'from django.conf import settings',
      '',
      'a = boto3.client("s3", region_name=REGION)',
      'b = boto3.client("sqs", region_name=settings.AWS_REGION)',
      'c = boto3.client("sns", region_name=get_region())',
      '',
    ].join('\n');
    const deps = scanFile('clients.py', text, context).dependencies;
    assert.deepEqual(deps.map((d) => [d.service, d.region, d.regionSource, d.regionRef, trace(d)]), [
      ['s3', null, 'unresolved', undefined, ['5:36 region_name is app.config.REGION, defined in another module']],
      ['sqs', null, 'unresolved', undefined, ['6:37 region_name is django.conf.settings.AWS_REGION, defined in another module']],
      ['sns', null, 'unresolved', undefined, ['7:37 region_name = get_region() is computed at run time']],
    ]);
  });

  it('reads outage-radar-ignore comments', () => {
    const text = 'import boto3\n\n# outage-radar-ignore sdk-literal-region: batch job, region is part of its contract\nclient = boto3.client("s3", region_name="us-east-1")\n';
    const result = scanFile('job.py', text, context);
    assert.deepEqual(result.suppressions.map((s) => [s.line, s.targetLine, s.ruleIds, s.reason]), [[3, 4, ['sdk-literal-region'], 'batch job, region is part of its contract']]);
  });

  it('finds ARNs in f-strings whose account is interpolated', () => {
    const text = 'import boto3\nACCOUNT = "123456789012"\nTOPIC = f"arn:aws:sns:ap-south-1:{ACCOUNT}:alerts"\n';
    const deps = scanFile('topics.py', text, context).dependencies;
    assert.deepEqual(deps.map((d) => [d.line, d.column, d.kind, d.service, d.region, d.text]), [[3, 9, 'arn', 'sns', 'ap-south-1', 'arn:aws:sns:ap-south-1:${ACCOUNT}:alerts']]);
  });
});
