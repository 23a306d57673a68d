import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Dependency, FileScanResult } from '../../../src/core/model';
import { resolveRegions } from '../../../src/core/resolve';
import { scanFile } from '../../../src/core/scanners';
import type { TerraformFileFacts } from '../../../src/core/scanners/terraform/facts';
import { terraformScanner } from '../../../src/core/scanners/terraform';
import type { ScanContext } from '../../../src/core/scanners/types';
import { loadLanguages } from '../../../src/node/languages';

const FIXTURES = path.join(__dirname, '../../fixtures/terraform');

function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir)
    .flatMap((n) => {
      const p = path.join(dir, n);
      return statSync(p).isDirectory() ? filesUnder(p, base) : [path.relative(base, p).split(path.sep).join('/')];
    })
    .sort();
}

/** Scans a fixture folder as a workspace whose root is that folder. */
function scanFixture(name: string, context: ScanContext): Map<string, FileScanResult> {
  const dir = path.join(FIXTURES, name);
  return new Map(filesUnder(dir).map((f) => [f, scanFile(f, readFileSync(path.join(dir, f), 'utf8'), context)]));
}

/** The fields a reader checks first, in a form that diffs well. */
function brief(d: Dependency) {
  return { line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn, kind: d.kind, service: d.service, name: d.name, region: d.region, regionSource: d.regionSource };
}

/** A resource's facts without the quick-fix insertion point, which has tests of its own. */
function withoutInsertion(facts: Dependency['resource']): Dependency['resource'] {
  if (!facts?.attributes?.propertyInsertion && !facts?.attributes?.availabilityZoneAt) return facts;
  const { propertyInsertion: _insertion, availabilityZoneAt: _zone, ...attributes } = facts.attributes;
  return { ...facts, attributes };
}

describe('terraform scanner', () => {
  let context: ScanContext;
  let stack: Map<string, FileScanResult>;

  before(async () => {
    context = { languages: await loadLanguages() };
    stack = scanFixture('stack', context);
  });

  it('accepts .tf, .tf.json and variable files only', () => {
    assert.equal(terraformScanner.accepts('infra/main.tf', ''), true);
    assert.equal(terraformScanner.accepts('infra/monitoring.tf.json', ''), true);
    assert.equal(terraformScanner.accepts('infra/terraform.tfvars', ''), true);
    assert.equal(terraformScanner.accepts('infra/env/prod.tfvars.json', ''), true);
    assert.equal(terraformScanner.accepts('infra/terragrunt.hcl', ''), false);
    assert.equal(terraformScanner.accepts('package.json', ''), false);
    assert.equal(terraformScanner.accepts('main.tfstate', ''), false);
  });

  it('reports the provider settings and the S3 state backend of providers.tf', () => {
    const deps = stack.get('providers.tf')?.dependencies ?? [];
    assert.deepEqual(deps.map(brief), [
      { line: 11, column: 3, endLine: 11, endColumn: 15, kind: 'iac-resource', service: 's3', name: 'backend "s3"', region: 'us-east-1', regionSource: 'literal' },
      { line: 21, column: 3, endLine: 21, endColumn: 22, kind: 'region-config', service: '*', name: 'provider.region', region: null, regionSource: 'unresolved' },
      { line: 33, column: 3, endLine: 33, endColumn: 30, kind: 'region-config', service: '*', name: 'provider.region (alias replica)', region: null, regionSource: 'unresolved' },
    ]);
    const [backend, primary, replica] = deps;
    assert.deepEqual(backend.resource, {
      type: 'terraform-backend-s3',
      name: 'acme-terraform-state',
      attributes: { physicalNames: ['acme-terraform-state'], lockTable: 'terraform-locks' },
    });
    assert.equal(primary.text, 'var.region');
    assert.equal(primary.origin, 'terraform');
    assert.deepEqual(primary.scope, { directory: '', appliesTo: 'deploy' });
    assert.deepEqual(primary.regionRef, { kind: 'format', format: 'terraform', key: '|' });
    assert.deepEqual(replica.regionRef, { kind: 'format', format: 'terraform', key: '|replica' });
  });

  it('reports one iac-resource per aws_* resource, anchored at the resource keyword, and the ARNs in strings', () => {
    const deps = stack.get('main.tf')?.dependencies ?? [];
    assert.deepEqual(deps.map(brief), [
      { line: 6, column: 1, endLine: 6, endColumn: 39, kind: 'iac-resource', service: 'dynamodb', name: 'aws_dynamodb_table.orders', region: null, regionSource: 'unresolved' },
      { line: 34, column: 1, endLine: 34, endColumn: 36, kind: 'iac-resource', service: 's3', name: 'aws_s3_bucket.invoices', region: null, regionSource: 'unresolved' },
      { line: 38, column: 1, endLine: 38, endColumn: 47, kind: 'iac-resource', service: 's3', name: 'aws_s3_bucket_versioning.invoices', region: null, regionSource: 'unresolved' },
      { line: 46, column: 1, endLine: 46, endColumn: 44, kind: 'iac-resource', service: 's3', name: 'aws_s3_bucket.invoices_replica', region: null, regionSource: 'unresolved' },
      { line: 51, column: 1, endLine: 51, endColumn: 38, kind: 'iac-resource', service: 'iam', name: 'aws_iam_role.replication', region: null, regionSource: 'unresolved' },
      { line: 64, column: 1, endLine: 64, endColumn: 62, kind: 'iac-resource', service: 's3', name: 'aws_s3_bucket_replication_configuration.invoices', region: null, regionSource: 'unresolved' },
      { line: 81, column: 1, endLine: 81, endColumn: 39, kind: 'iac-resource', service: 'rds', name: 'aws_db_instance.reporting', region: null, regionSource: 'unresolved' },
      { line: 93, column: 1, endLine: 93, endColumn: 32, kind: 'iac-resource', service: 'kms', name: 'aws_kms_key.orders', region: null, regionSource: 'unresolved' },
      { line: 98, column: 1, endLine: 98, endColumn: 51, kind: 'iac-resource', service: 'secretsmanager', name: 'aws_secretsmanager_secret.payment_api', region: null, regionSource: 'unresolved' },
      { line: 103, column: 1, endLine: 103, endColumn: 51, kind: 'iac-resource', service: 'sns', name: 'aws_sns_topic_subscription.ops_alerts', region: null, regionSource: 'unresolved' },
      // Provider v6's per-resource region: a literal needs no resolution.
      { line: 110, column: 1, endLine: 110, endColumn: 38, kind: 'iac-resource', service: 'sns', name: 'aws_sns_topic.eu_notices', region: 'eu-central-1', regionSource: 'literal' },
      { line: 104, column: 15, endLine: 104, endColumn: 62, kind: 'arn', service: 'sns', name: 'topic_arn', region: 'us-east-1', regionSource: 'literal' },
      { line: 106, column: 15, endLine: 106, endColumn: 65, kind: 'arn', service: 'sqs', name: 'endpoint', region: 'us-east-1', regionSource: 'literal' },
      { line: 113, column: 52, endLine: 113, endColumn: 98, kind: 'arn', service: 'sns', name: 'Escalation', region: 'eu-central-1', regionSource: 'literal' },
    ]);
    const table = deps[0];
    assert.deepEqual(table.regionRef, { kind: 'format', format: 'terraform', key: '|' });
    assert.equal(table.origin, 'terraform');
    assert.equal(table.container, '.');
    assert.deepEqual(withoutInsertion(table.resource), {
      type: 'aws_dynamodb_table',
      kind: 'AWS::DynamoDB::Table',
      name: 'orders',
      replicaRegions: ['us-west-2'],
      attributes: { physicalNames: ['orders'], kmsKeys: [], pointInTimeRecovery: true },
    });
    assert.deepEqual(deps[3].regionRef, { kind: 'format', format: 'terraform', key: '|replica' }, 'provider = aws.replica');
    assert.deepEqual(withoutInsertion(deps[6].resource), {
      type: 'aws_db_instance',
      kind: 'AWS::RDS::DBInstance',
      name: 'reporting',
      multiAz: false,
      attributes: { physicalNames: ['orders-reporting'], availabilityZones: ['us-east-1a'], kmsKeys: [] },
    });
    assert.deepEqual(withoutInsertion(deps[7].resource)?.attributes, { multiRegion: false });
    assert.deepEqual(deps[8].resource?.attributes?.kmsKeys, ['aws_kms_key.orders.arn']);
    assert.deepEqual(deps[8].resource?.replicaRegions, [], 'a secret without replica blocks has no replicas');
  });

  it('counts columns in UTF-16 code units after non-ASCII text on the same line', () => {
    // Line 113: `  tags   = { Team = "équipe café 🚀", Escalation = "arn:…" }` — the rocket is two UTF-16
    // code units and four UTF-8 bytes: the ARN starts at UTF-16 column 52 (byte column 56).
    const text = readFileSync(path.join(FIXTURES, 'stack/main.tf'), 'utf8');
    const arn = stack.get('main.tf')?.dependencies.find((d) => d.name === 'Escalation');
    assert.ok(arn);
    const line = text.split('\n')[arn.line - 1];
    assert.equal(line.slice(arn.column - 1, arn.endColumn - 1), '"arn:aws:sns:eu-central-1:123456789012:oncall"');
  });

  it('anchors a resource after a block comment with non-ASCII text on its line', () => {
    const text = '/* Files d\'attente — café 🚀 */ resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n';
    const dep = scanFile('queues.tf', text, context).dependencies[0];
    // "/* Files d'attente — café 🚀 */ " is 32 UTF-16 code units (37 UTF-8 bytes): the keyword starts at column 33.
    assert.deepEqual([dep.line, dep.column, dep.endLine, dep.endColumn], [1, 33, 1, 64]);
    assert.equal(text.slice(dep.column - 1, dep.endColumn - 1), 'resource "aws_sqs_queue" "jobs"');
  });

  it('does not report data sources, service principals or other providers\' resources', () => {
    const deps = [...stack.values()].flatMap((r) => r.dependencies);
    assert.equal(deps.some((d) => d.text === 's3.amazonaws.com' || d.text === 'lambda.amazonaws.com'), false);
    assert.equal(deps.some((d) => d.name?.includes('lambda_assume')), false);
    assert.equal(deps.some((d) => d.name?.startsWith('module')), false);
  });

  it('reads resources from the JSON syntax', () => {
    const deps = stack.get('monitoring.tf.json')?.dependencies ?? [];
    assert.deepEqual(deps.map(brief), [
      { line: 4, column: 7, endLine: 4, endColumn: 25, kind: 'iac-resource', service: 'monitoring', name: 'aws_cloudwatch_metric_alarm.orders_throttles', region: null, regionSource: 'unresolved' },
      { line: 20, column: 7, endLine: 20, endColumn: 19, kind: 'iac-resource', service: 'sqs', name: 'aws_sqs_queue.orders_dlq', region: null, regionSource: 'unresolved' },
      { line: 16, column: 27, endLine: 16, endColumn: 74, kind: 'arn', service: 'sns', name: 'alarm_actions', region: 'us-east-1', regionSource: 'literal' },
    ]);
    assert.deepEqual(deps[1].regionRef, { kind: 'format', format: 'terraform', key: '|replica' }, '"provider": "aws.replica"');
  });

  it('gives resources of a module folder that folder as their key', () => {
    const deps = stack.get('modules/audit-log/main.tf')?.dependencies ?? [];
    assert.deepEqual(deps.map((d) => [d.name, d.line, d.regionRef, d.container]), [
      ['aws_sqs_queue.audit', 15, { kind: 'format', format: 'terraform', key: 'modules/audit-log|' }, 'modules/audit-log'],
      ['aws_sqs_queue.audit_dr', 20, { kind: 'format', format: 'terraform', key: 'modules/audit-log|dr' }, 'modules/audit-log'],
    ]);
  });

  it('leaves providers, variables, tfvars values and module calls for the cross-file pass', () => {
    const providers = stack.get('providers.tf')?.formatFacts?.terraform as TerraformFileFacts;
    assert.deepEqual(
      providers.providers.map((p) => ({ alias: p.alias, region: p.region, line: p.line })),
      [
        { alias: '', region: { kind: 'reference', path: ['var', 'region'], text: 'var.region' }, line: 21 },
        { alias: 'replica', region: { kind: 'reference', path: ['var', 'replica_region'], text: 'var.replica_region' }, line: 33 },
      ],
    );
    const variables = stack.get('variables.tf')?.formatFacts?.terraform as TerraformFileFacts;
    assert.deepEqual(variables.variables.map((v) => [v.name, v.default, v.line]), [
      ['region', { kind: 'string', value: 'eu-west-1' }, 1],
      ['replica_region', { kind: 'string', value: 'us-west-2' }, 7],
      ['environment', undefined, 13],
    ]);
    const tfvars = stack.get('terraform.tfvars')?.formatFacts?.terraform as TerraformFileFacts;
    assert.equal(tfvars.role, 'tfvars');
    assert.equal(tfvars.autoLoaded, true);
    assert.deepEqual(tfvars.assignments.map((a) => [a.name, a.value, a.line]), [
      ['region', { kind: 'string', value: 'us-east-1' }, 1],
      ['environment', { kind: 'string', value: 'prod' }, 2],
    ]);
    const main = stack.get('main.tf')?.formatFacts?.terraform as TerraformFileFacts;
    assert.deepEqual(main.locals.map((l) => l.name), ['name_prefix']);
    assert.deepEqual(main.modules.map((m) => ({ name: m.name, folder: m.folder, providers: m.providers, arguments: Object.keys(m.arguments) })), [
      { name: 'audit_log', folder: 'modules/audit-log', providers: { aws: 'aws', 'aws.dr': 'aws.replica' }, arguments: ['name'] },
      // A registry module has no local folder: its resources are not in the workspace.
      { name: 'vpc', folder: undefined, providers: {}, arguments: ['name', 'cidr'] },
    ]);
    const replication = main.resources.find((r) => r.address === 'aws_s3_bucket_replication_configuration.invoices');
    assert.deepEqual(replication?.links, [
      { role: 'replicates-to', target: 'aws_s3_bucket.invoices_replica', slot: 0 },
      { role: 'replication-source', target: 'aws_s3_bucket.invoices' },
    ]);
  });

  it('turns half-written HCL into problems and still reports what parsed', () => {
    const result = scanFixture('broken', context).get('main.tf');
    assert.ok(result);
    assert.deepEqual(result.problems.map((p) => [p.line, p.reason, p.severity]), [
      [8, 'Terraform syntax error: missing "{"', 'partial'],
      [12, 'Terraform syntax error: missing "}"', 'partial'],
    ]);
    assert.deepEqual(result.dependencies.map((d) => [d.kind, d.name, d.line, d.region]), [
      ['region-config', 'provider.region', 2, 'eu-west-2'],
      ['iac-resource', 'aws_sqs_queue.jobs', 5, null],
      ['iac-resource', 'aws_sns_topic.alerts', 10, null],
    ]);
  });

  it('recovers resources from an ERROR node (an unterminated string)', () => {
    const text = [
      'resource "aws_s3_bucket" "uploads" {',
      '  bucket = "acme-uploads"',
      '  tags = {',
      '    Name = "uploads',
      '  }',
      '}',
      '',
    ].join('\n');
    const result = scanFile('infra/main.tf', text, context);
    assert.deepEqual(result.problems.map((p) => [p.line, p.reason]), [
      [3, 'Terraform syntax error'],
      [7, 'Terraform syntax error: missing "}"'],
    ]);
    assert.deepEqual(result.dependencies.map((d) => [d.name, d.line, d.column, d.resource?.attributes?.physicalNames]), [['aws_s3_bucket.uploads', 1, 1, ['acme-uploads']]]);
  });

  it('never throws on half-written files: every prefix of the stack, and stray brackets inside it', () => {
    for (const file of ['main.tf', 'monitoring.tf.json', 'providers.tf']) {
      const text = readFileSync(path.join(FIXTURES, 'stack', file), 'utf8');
      for (let i = 0; i <= text.length; i += 61) {
        for (const variant of [text.slice(0, i), `${text.slice(0, i)}{("[${text.slice(i)}`]) {
          const out = terraformScanner.scan(file, variant, context);
          resolveRegions([{ file, formats: ['terraform'], dependencies: out.dependencies, problems: out.problems, suppressions: [], formatFacts: { terraform: out.formatFacts } }]);
          if (variant.length === text.length) assert.deepEqual(out.problems, []);
        }
      }
    }
  });

  it('reports a problem per file when the HCL grammar is not loaded', () => {
    const result = scanFile('main.tf', 'provider "aws" {\n  region = "us-east-1"\n}\n', { languages: {} });
    assert.deepEqual(result.dependencies, []);
    assert.equal(result.problems.length, 1);
    assert.match(result.problems[0].reason, /^Terraform parser unavailable: /);
    // The JSON syntax needs no grammar.
    const json = scanFile('main.tf.json', '{"provider": {"aws": {"region": "us-east-1"}}}', { languages: {} });
    assert.deepEqual(json.dependencies.map((d) => [d.kind, d.region, d.regionSource]), [['region-config', 'us-east-1', 'literal']]);
  });

  it('reads several providers of one name in the JSON syntax', () => {
    const text = JSON.stringify({ provider: { aws: [{ region: 'us-east-1' }, { alias: 'west', region: '${var.west_region}' }] } }, null, 2);
    const result = scanFile('infra/providers.tf.json', text, context);
    assert.deepEqual(result.dependencies.map((d) => [d.name, d.line, d.region, d.regionRef]), [
      ['provider.region', 5, 'us-east-1', undefined],
      ['provider.region (alias west)', 9, null, { kind: 'format', format: 'terraform', key: 'infra|west' }],
    ]);
    const facts = result.formatFacts?.terraform as TerraformFileFacts;
    assert.deepEqual(facts.providers[1].region, { kind: 'reference', path: ['var', 'west_region'], text: 'var.west_region' });
  });

  it('reads variables, locals, module calls and the S3 backend from the JSON syntax', () => {
    const text = JSON.stringify(
      {
        terraform: { backend: { s3: { bucket: 'acme-state', key: 'app.tfstate', region: 'eu-west-1', dynamodb_table: 'locks' } } },
        variable: { region: { type: 'string', default: 'eu-west-1' } },
        locals: { replica_region: 'eu-central-1' },
        module: { queues: { source: './modules/queues', providers: { aws: 'aws.replica' }, prefix: 'orders' } },
      },
      null,
      2,
    );
    const result = scanFile('infra/main.tf.json', text, context);
    assert.deepEqual(result.dependencies.map((d) => [d.kind, d.name, d.line, d.column, d.region, d.regionSource, d.resource?.attributes]), [
      ['iac-resource', 'backend "s3"', 4, 7, 'eu-west-1', 'literal', { physicalNames: ['acme-state'], lockTable: 'locks' }],
    ]);
    const facts = result.formatFacts?.terraform as TerraformFileFacts;
    assert.deepEqual(facts.variables.map((v) => [v.name, v.default]), [['region', { kind: 'string', value: 'eu-west-1' }]]);
    assert.deepEqual(facts.locals.map((l) => [l.name, l.value]), [['replica_region', { kind: 'string', value: 'eu-central-1' }]]);
    assert.deepEqual(facts.modules.map((m) => [m.name, m.folder, m.providers, m.arguments]), [['queues', 'infra/modules/queues', { aws: 'aws.replica' }, { prefix: { kind: 'string', value: 'orders' } }]]);
  });

  it('reports a provider without region at its header, and a placeholder region as unknown', () => {
    const text = 'provider "aws" {\n  profile = "prod"\n}\n\nprovider "aws" {\n  alias  = "templated"\n  region = "REGION"\n}\n';
    const result = scanFile('main.tf', text, context);
    assert.deepEqual(result.dependencies.map((d) => [d.name, d.line, d.column, d.endColumn, d.region, d.regionSource, d.regionRef?.kind]), [
      ['provider.region', 1, 1, 15, null, 'unresolved', 'format'],
      ['provider.region (alias templated)', 7, 3, 20, null, 'unresolved', undefined],
    ]);
  });

  it('reads outage-radar-ignore comments in both comment styles', () => {
    const text = [
      '# outage-radar-ignore rds-instance-single-az: reporting replica, rebuilt from backups',
      'resource "aws_db_instance" "reporting" {',
      '  instance_class = "db.t4g.micro" // outage-radar-ignore hardcoded-availability-zone',
      '}',
    ].join('\n');
    const result = scanFile('db.tf', text, context);
    assert.deepEqual(result.suppressions.map((s) => [s.line, s.targetLine, s.ruleIds, s.reason]), [
      [1, 2, ['rds-instance-single-az'], 'reporting replica, rebuilt from backups'],
      [3, 3, ['hardcoded-availability-zone'], null],
    ]);
  });

  it('leaves facts decided by expressions unknown, and states Terraform\'s defaults for absent arguments', () => {
    const text = [
      'resource "aws_db_instance" "this" {',
      '  identifier = var.identifier',
      '  multi_az   = var.multi_az',
      '}',
      '',
      'resource "aws_db_instance" "single" {',
      '  identifier = "single"',
      '}',
      '',
      'resource "aws_lb" "this" {',
      '  load_balancer_type = var.load_balancer_type',
      '}',
      '',
      'resource "aws_kms_key" "this" {',
      '  multi_region = var.multi_region',
      '}',
    ].join('\n');
    const deps = scanFile('modules/db/main.tf', text, context).dependencies;
    assert.deepEqual(deps.map((d) => [d.name, d.resource?.multiAz, withoutInsertion(d.resource)?.attributes]), [
      ['aws_db_instance.this', null, { kmsKeys: [] }],
      ['aws_db_instance.single', false, { physicalNames: ['single'], kmsKeys: [] }],
      ['aws_lb.this', undefined, { crossZone: null }],
      ['aws_kms_key.this', undefined, { multiRegion: null }],
    ]);
  });

  it('marks alias-only provider blocks as proxies (the module\'s callers pass that provider)', () => {
    const text = 'provider "aws" {\n  alias = "replica"\n}\n\nprovider "aws" {\n  alias  = "dr"\n  region = "eu-west-1"\n}\n\nprovider "aws" {\n  alias = "audit"\n  assume_role {\n    role_arn = "arn:aws:iam::123456789012:role/audit"\n  }\n}\n\nprovider "aws" {}\n';
    const facts = scanFile('modules/queue/main.tf', text, context).formatFacts?.terraform as TerraformFileFacts;
    assert.deepEqual(facts.providers.map((p) => [p.alias, p.line, p.proxy]), [['replica', 1, true], ['dr', 7, undefined], ['audit', 10, undefined], ['', 17, undefined]]);
  });

  it('records where a quick fix may add an argument line, only where a line inserted there is valid', () => {
    const text = [
      'resource "aws_db_instance" "orders" { # the system of record',
      '\tidentifier = "orders"',
      '\tengine     = "postgres"',
      '',
      '\tdynamic "restore_to_point_in_time" {',
      '\t\tfor_each = var.restore ? [1] : []',
      '\t\tcontent {',
      '\t\t\tuse_latest_restorable_time = true',
      '\t\t}',
      '\t}',
      '}',
      '',
      'resource "aws_sqs_queue" "inline" { name = "inline" }',
      '',
      'resource "aws_kms_key" "empty" {',
      '}',
      '',
      'resource "aws_kms_key" "same_line" { description = "first"',
      '  enable_key_rotation = true',
      '}',
      '',
      'resource "aws_kms_key" "commented" {',
      '  /* a block comment before the first argument */ description = "x"',
      '}',
      '',
      'resource "aws_kms_key" "tail" { /* a comment that',
      '  spans lines */',
      '  description = "tail"',
      '}',
    ].join('\n');
    const deps = scanFile('main.tf', text, context).dependencies.filter((d) => d.kind === 'iac-resource');
    assert.deepEqual(deps.map((d) => [d.name, d.resource?.attributes?.propertyInsertion]), [
      // A comment after `{` is kept above the new line; tabs are kept; a dynamic block's key is its label.
      ['aws_db_instance.orders', { line: 1, indent: '\t', syntax: 'hcl', keys: ['identifier', 'engine', 'restore_to_point_in_time'] }],
      ['aws_sqs_queue.inline', undefined],
      ['aws_kms_key.empty', undefined],
      ['aws_kms_key.same_line', undefined],
      ['aws_kms_key.commented', undefined],
      ['aws_kms_key.tail', undefined],
    ]);
  });

  it('records no insertion point in the JSON syntax, nor in a resource whose block did not parse', () => {
    const json = '{\n  "resource": {\n    "aws_kms_key": {\n      "data": {\n        "description": "data"\n      }\n    }\n  }\n}\n';
    const [key] = scanFile('main.tf.json', json, context).dependencies;
    assert.deepEqual([key.name, key.resource?.attributes], ['aws_kms_key.data', { multiRegion: false }]);
    const broken = 'resource "aws_kms_key" "data" {\n  description = "data"\n  policy = jsonencode({\n}\n\nresource "aws_db_instance" "orders" {\n  identifier = "orders"\n}\n';
    const deps = scanFile('main.tf', broken, context).dependencies.filter((d) => d.kind === 'iac-resource');
    // The key's block lacks its `}` (error recovery nests the next resource in it); the next resource's own block is whole.
    assert.deepEqual(deps.map((d) => [d.name, d.resource?.attributes?.propertyInsertion]), [
      ['aws_kms_key.data', undefined],
      ['aws_db_instance.orders', { line: 6, indent: '  ', syntax: 'hcl', keys: ['identifier'] }],
    ]);
  });

  it('scans generated files that nest expressions or blocks thousands of levels deep, analysing up to 200 levels', () => {
    const queue = '\n\nresource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n';
    const deep = 3000;
    const files: Record<string, string> = {
      'sum.tf': `locals {\n  total = ${Array(deep).fill('var.a').join(' + ')}\n}${queue}`,
      'list.tf': `locals {\n  nested = ${'['.repeat(deep)}"arn:aws:sqs:eu-west-1:123456789012:deep"${']'.repeat(deep)}\n}${queue}`,
      'blocks.tf': `resource "aws_lambda_function" "worker" {\n${'  dynamic "x" {\n'.repeat(deep)}${'  }\n'.repeat(deep)}}${queue}`,
      'list.tf.json': `{"locals": {"nested": ${'['.repeat(deep)}1${']'.repeat(deep)}}, "resource": {"aws_sqs_queue": {"jobs": {"name": "jobs"}}}}`,
    };
    const outcome = Object.entries(files).map(([file, text]) => {
      const result = scanFile(file, text, context);
      return [file, result.dependencies.map((d) => `${d.kind} ${d.name ?? d.text}`), result.problems.map((p) => `${p.line}:${p.column} ${p.reason}`)];
    });
    const tooDeep = 'Terraform blocks or expressions nested more than 200 levels deep: not analysed past that depth';
    assert.deepEqual(outcome, [
      // An operation chain nests operations, not expressions: it is read without a depth limit.
      ['sum.tf', ['iac-resource aws_sqs_queue.jobs'], []],
      // The string past the limit is still read for ARNs (the string walk has no limit).
      // Three conversion levels per bracket (expression, collection, tuple), from depth 2 (file body, locals body): the 67th `[`.
      ['list.tf', ['iac-resource aws_sqs_queue.jobs', 'arn nested'], [`2:78 ${tooDeep}`]],
      // One level per block body: the body that would be the 201st level starts on line 201.
      ['blocks.tf', ['iac-resource aws_lambda_function.worker', 'iac-resource aws_sqs_queue.jobs'], [`201:3 ${tooDeep}`]],
      // One level per JSON value: the 201st `[`, 22 characters into the line.
      ['list.tf.json', ['iac-resource aws_sqs_queue.jobs'], [`1:223 ${tooDeep}`]],
    ]);
  });

  it('finds endpoints in heredocs at their own position', () => {
    const text = [
      'resource "aws_iam_policy" "read" {',
      '  name   = "read"',
      '  policy = <<-EOT',
      '    {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject",',
      '      "Resource": "arn:aws:s3:::acme-uploads/*"}]}',
      '  EOT',
      '}',
    ].join('\n');
    const result = scanFile('iam.tf', text, context);
    const arn = result.dependencies.find((d) => d.kind === 'arn');
    assert.deepEqual(arn && brief(arn), { line: 5, column: 20, endLine: 5, endColumn: 47, kind: 'arn', service: 's3', name: 'policy', region: null, regionSource: 'unresolved' });
  });
});
