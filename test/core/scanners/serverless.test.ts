import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dependency } from '../../../src/core/model';
import { cloudFormationScanner } from '../../../src/core/scanners/cloudformation';
import { serverlessScanner } from '../../../src/core/scanners/serverless';
import type { ScanOutput } from '../../../src/core/scanners/types';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');

function scan(file: string, text: string): ScanOutput {
  assert.equal(serverlessScanner.accepts(file, text), true, `${file} should be accepted`);
  return serverlessScanner.scan(file, text, { languages: {} });
}

function scanFixture(file: string): ScanOutput {
  return scan(file, readFileSync(join(FIXTURES, file), 'utf8'));
}

function summary(d: Dependency): string {
  const where = `${d.line}:${d.column}-${d.endLine}:${d.endColumn}`;
  const label = d.kind === 'iac-resource' || d.kind === 'region-config' ? d.name : d.text;
  const ref = d.regionRef?.kind === 'deploy-region' ? ` ref=${d.regionRef.stackFile}` : '';
  const type = d.resource ? ` <${d.resource.type}>` : '';
  return `${where} ${d.kind} ${d.service} ${label}${type} ${d.region ?? 'null'}/${d.regionSource}${ref} [${d.origin}]`;
}

/** The provider.region config of a service, with only the fields a test may ask about. */
function providerRegion(out: ScanOutput): Record<string, unknown> {
  const d = out.dependencies.find((x) => x.kind === 'region-config');
  assert.ok(d, 'no region-config');
  return {
    at: `${d.line}:${d.column}-${d.endLine}:${d.endColumn}`,
    name: d.name,
    text: d.text,
    region: d.region,
    regionSource: d.regionSource,
    candidateRegions: d.candidateRegions,
    scope: d.scope,
    origin: d.origin,
    trace: d.regionTrace?.map((t) => `${t.line}: ${t.reason}`),
  };
}

describe('Serverless scanner: a service with functions, events and resources', () => {
  const file = 'serverless/orders-service/serverless.yml';
  const out = scanFixture(file);
  const T = `ref=${file}`;

  it('finds the provider region, every function, every AWS event source, the resources and the ARNs', () => {
    assert.deepEqual(out.dependencies.map(summary), [
      '12:3-12:51 region-config * provider.region us-west-2/provider [serverless]',
      `29:3-29:14 iac-resource lambda createOrder <AWS::Lambda::Function> null/unresolved ${T} [serverless]`,
      `32:9-32:16 iac-resource apigateway createOrder.httpApi <serverless-event:httpApi> null/unresolved ${T} [serverless]`,
      `35:3-35:17 iac-resource lambda processPayment <AWS::Lambda::Function> null/unresolved ${T} [serverless]`,
      `40:9-40:12 iac-resource sqs processPayment.sqs <serverless-event:sqs> null/unresolved ${T} [serverless]`,
      `43:9-43:15 iac-resource dynamodb processPayment.stream <serverless-event:stream> null/unresolved ${T} [serverless]`,
      `46:3-46:16 iac-resource lambda nightlyReport <AWS::Lambda::Function> null/unresolved ${T} [serverless]`,
      `49:9-49:17 iac-resource events nightlyReport.schedule <serverless-event:schedule> null/unresolved ${T} [serverless]`,
      `50:9-50:11 iac-resource s3 nightlyReport.s3 <serverless-event:s3> null/unresolved ${T} [serverless]`,
      `53:3-53:16 iac-resource lambda healthWatcher <AWS::Lambda::Function> null/unresolved ${T} [serverless]`,
      `56:9-56:20 iac-resource events healthWatcher.eventBridge <serverless-event:eventBridge> null/unresolved ${T} [serverless]`,
      `63:5-63:16 iac-resource dynamodb OrdersTable <AWS::DynamoDB::Table> null/unresolved ${T} [serverless]`,
      `76:5-76:18 iac-resource sqs PaymentsQueue <AWS::SQS::Queue> null/unresolved ${T} [serverless]`,
      `80:5-80:14 iac-resource events OrdersBus <AWS::Events::EventBus> null/unresolved ${T} [serverless]`,
      // `${aws:region}` is the service's own region; the SNS topic ARN names its region.
      '23:21-23:84 arn dynamodb arn:aws:dynamodb:${aws:region}:*:table/${self:custom.tableName} null/unresolved [serverless]',
      '26:21-26:68 arn sns arn:aws:sns:us-east-1:123456789012:order-alerts us-east-1/literal [serverless]',
    ]);
    assert.deepEqual(out.problems, []);
  });

  it('resolves ${opt:region, self:custom.defaultRegion} to the fallback in custom, with a trace', () => {
    assert.deepEqual(providerRegion(out), {
      at: '12:3-12:51',
      name: 'provider.region',
      text: '${opt:region, self:custom.defaultRegion}',
      region: 'us-west-2',
      regionSource: 'provider',
      candidateRegions: undefined,
      scope: { stackFile: file, appliesTo: 'both' },
      origin: 'serverless',
      trace: ['6: fallback of ${opt:region, self:custom.defaultRegion} → custom.defaultRegion = us-west-2 (a --region option or variable given at deploy time overrides it)'],
    });
  });

  it('gives functions their code, environment (provider + function, variables resolved) and framework names', () => {
    const fn = out.dependencies.find((d) => d.name === 'processPayment');
    assert.deepEqual(fn?.resource, {
      type: 'AWS::Lambda::Function',
      kind: 'AWS::Lambda::Function',
      name: 'processPayment',
      attributes: {
        environment: { ORDERS_TABLE: 'orders-dev', EVENT_BUS: '${OrdersBus}', PAYMENTS_QUEUE_URL: '${PaymentsQueue}' },
        physicalNames: ['orders-service-dev-processPayment'],
        eventTypes: ['sqs', 'stream'],
        codePaths: ['serverless/orders-service/src/handlers/process-payment'],
      },
    });
    assert.deepEqual(out.deployUnits?.map((u) => `${u.name} ${u.line} ${u.codePaths.join(',')}`), [
      'createOrder 29 serverless/orders-service/src/handlers/create-order',
      'processPayment 35 serverless/orders-service/src/handlers/process-payment',
      'nightlyReport 46 serverless/orders-service/src/jobs/report',
      'healthWatcher 53 serverless/orders-service/src/jobs/health',
    ]);
    assert.equal(out.deployUnits?.[1].dependencyId, fn?.id);
    assert.deepEqual(out.deployUnits?.[0].environment, { ORDERS_TABLE: 'orders-dev', EVENT_BUS: '${OrdersBus}' });
  });

  it('records event facts: created bucket names, EventBridge sources, regional HTTP APIs', () => {
    const attrs = (name: string) => out.dependencies.find((d) => d.name === name)?.resource?.attributes;
    assert.deepEqual(attrs('nightlyReport.s3'), { physicalNames: ['orders-reports-archive'] });
    assert.deepEqual(attrs('healthWatcher.eventBridge'), { eventSources: ['aws.health'] });
    assert.deepEqual(attrs('createOrder.httpApi'), { endpointType: 'REGIONAL' });
  });

  it('reads resources through the CloudFormation code, with Serverless variables resolved in their names', () => {
    const table = out.dependencies.find((d) => d.name === 'OrdersTable');
    assert.deepEqual(table?.resource?.replicaRegions, []);
    assert.deepEqual(table?.resource?.attributes?.physicalNames, ['orders-dev']);
    assert.deepEqual(out.dependencies.find((d) => d.name === 'PaymentsQueue')?.resource?.attributes?.physicalNames, ['payments-dev']);
  });

  it('is left to this scanner: the CloudFormation scanner does not accept serverless.yml', () => {
    assert.equal(cloudFormationScanner.accepts(file, readFileSync(join(FIXTURES, file), 'utf8')), false);
  });
});

describe('Serverless scanner: provider.region', () => {
  it('uses the framework default us-east-1, anchored at provider, when provider.region is not set', () => {
    const file = 'serverless/no-region/serverless.yml';
    const out = scanFixture(file);
    assert.deepEqual(providerRegion(out), {
      at: '3:1-3:9',
      name: 'provider.region',
      text: 'us-east-1 (provider.region is not set: the Serverless Framework default)',
      region: 'us-east-1',
      regionSource: 'default',
      candidateRegions: undefined,
      scope: { stackFile: file, appliesTo: 'both' },
      origin: 'serverless',
      trace: ['3: provider.region is not set: the Serverless Framework deploys to us-east-1 unless --region is given'],
    });
    assert.deepEqual(out.dependencies.slice(1).map(summary), [
      `9:3-9:9 iac-resource lambda resize <AWS::Lambda::Function> null/unresolved ref=${file} [serverless]`,
      `12:9-12:11 iac-resource s3 resize.s3 <serverless-event:s3> null/unresolved ref=${file} [serverless]`,
    ]);
    assert.deepEqual(out.deployUnits?.map((u) => u.codePaths), [['serverless/no-region/resizer/handler']]);
  });

  it('lists the regions of a per-stage map as candidates', () => {
    const out = scanFixture('serverless/staged/serverless.yml');
    const config = providerRegion(out);
    assert.equal(config.region, null);
    assert.equal(config.regionSource, 'provider');
    assert.deepEqual(config.candidateRegions, ['us-east-1', 'us-east-2', 'eu-west-1']);
    assert.equal(config.at, '13:3-13:54');
  });

  const cases: Array<[string, string, string | null, string]> = [
    ['a literal region', 'eu-central-1', 'eu-central-1', 'provider'],
    ['an environment variable with a quoted fallback', "${env:AWS_REGION, 'eu-west-1'}", 'eu-west-1', 'provider'],
    ['a CLI option with a double-quoted fallback', '${opt:region, "ap-south-1"}', 'ap-south-1', 'provider'],
    ['a CLI option without a fallback', '${opt:region}', null, 'unresolved'],
    ['an SSM parameter', '${ssm:/platform/region}', null, 'unresolved'],
    ['a file include', '${file(./config/${opt:stage}.yml):region}', null, 'unresolved'],
    ['unknown, unbalanced syntax', '${self:custom.region', null, 'unresolved'],
    ['a placeholder that is not a region', 'REGION', null, 'unresolved'],
  ];
  for (const [what, value, region, source] of cases) {
    it(`reads ${what}: ${value}`, () => {
      const text = `service: billing\nprovider:\n  name: aws\n  region: ${value}\nfunctions:\n  charge:\n    handler: charge.handler\n`;
      const out = scan('billing/serverless.yml', text);
      const config = providerRegion(out);
      assert.equal(config.region, region);
      assert.equal(config.regionSource, source);
      assert.equal(config.text, value);
      assert.equal(config.at, `4:3-4:${11 + value.length}`);
      assert.deepEqual(out.problems, []);
    });
  }
});

describe('Serverless scanner: formats and detection', () => {
  it('reads serverless.json with positions in the JSON text', () => {
    const text = JSON.stringify(
      { service: 'mailer', provider: { name: 'aws', region: 'eu-west-2' }, functions: { send: { handler: 'src/send.handler', events: [{ sqs: 'arn:aws:sqs:eu-west-2:123456789012:outbox' }] } } },
      null,
      2,
    );
    const out = scan('mailer/serverless.json', text);
    assert.deepEqual(out.dependencies.map(summary), [
      '5:5-5:26 region-config * provider.region eu-west-2/provider [serverless]',
      '8:5-8:11 iac-resource lambda send <AWS::Lambda::Function> null/unresolved ref=mailer/serverless.json [serverless]',
      '12:11-12:16 iac-resource sqs send.sqs <serverless-event:sqs> null/unresolved ref=mailer/serverless.json [serverless]',
      '12:18-12:61 arn sqs arn:aws:sqs:eu-west-2:123456789012:outbox eu-west-2/literal [serverless]',
    ]);
    assert.deepEqual(out.suppressions, []);
  });

  it('recognises a service file by content under another name, and ignores other clouds', () => {
    const aws = 'service: api\nprovider:\n  name: aws\n  region: us-east-2\n';
    assert.equal(serverlessScanner.accepts('deploy/sls-api.yml', aws), true);
    assert.equal(cloudFormationScanner.accepts('deploy/sls-api.yml', `${aws}resources:\n  Resources:\n    T:\n      Type: AWS::SNS::Topic\n`), false);
    const azure = 'service: api\nprovider:\n  name: azure\n  region: West US 2\n';
    assert.equal(serverlessScanner.accepts('deploy/sls-api.yml', azure), false);
    assert.deepEqual(serverlessScanner.scan('serverless.yml', azure, { languages: {} }).dependencies, []);
    assert.equal(serverlessScanner.accepts('docker-compose.yml', 'services:\n  web:\n    image: nginx\n'), false);
  });

  it('returns suppressions and reports a YAML error without throwing', () => {
    const text = 'service: api\nprovider:\n  name: aws\n  # outage-radar-ignore serverless-default-region: deployed with --region by CI\n  runtime: nodejs20.x\nfunctions:\n  a: [\n';
    const out = scan('serverless.yml', text);
    assert.deepEqual(out.suppressions?.map((s) => `${s.line}->${s.targetLine} ${s.ruleIds.join(',')} ${s.reason}`), ['4->5 serverless-default-region deployed with --region by CI']);
    assert.equal(out.problems.length > 0, true);
    assert.match(out.problems[0].reason, /^YAML syntax error/);
    assert.equal(out.dependencies[0].regionSource, 'default');
  });
});
