import { strict as assert } from 'node:assert';
import { scanFile } from '../../../src/core/scanners';
import { dotenvScanner } from '../../../src/core/scanners/config/dotenv';
import { fixture, scanFixture } from './config-fixture';

describe('dotenv scanner', () => {
  it('accepts .env, .env.<name> and <name>.env files that mention AWS or a region', () => {
    const text = 'AWS_REGION=us-east-1\n';
    for (const file of ['.env', 'services/api/.env.production', '.env.example', '.env.development.local', 'config/prod.env']) {
      assert.equal(dotenvScanner.accepts(file, text), true, file);
    }
    for (const file of ['src/.env.ts', 'config/.env.json', '.envrc', '.env/bin/activate', 'environment.ts', 'k8s/deployment.yaml']) {
      assert.equal(dotenvScanner.accepts(file, text), false, file);
    }
    assert.equal(dotenvScanner.accepts('.env', 'PORT=3000\nDATABASE_URL=postgres://localhost/orders\n'), false);
  });

  it('reads region variables, references between them, legacy endpoints, endpoints and ARNs (.env)', () => {
    const file = '.env';
    const out = scanFixture(dotenvScanner, 'dotenv/.env', file);
    const scope = { directory: '', appliesTo: 'runtime' };
    assert.deepEqual(out.shapes, [
      { at: 'AWS_REGION=eu-west-1', line: 2, column: 1, endLine: 2, endColumn: 21, kind: 'region-config', service: '*', name: 'AWS_REGION', text: 'eu-west-1', origin: 'dotenv', region: 'eu-west-1', regionSource: 'env', scope, setsEnv: 'AWS_REGION' },
      { at: 'AWS_DEFAULT_REGION=${AWS_REGION}', line: 3, column: 1, endLine: 3, endColumn: 33, kind: 'region-config', service: '*', name: 'AWS_DEFAULT_REGION', text: '${AWS_REGION}', origin: 'dotenv', region: 'eu-west-1', regionSource: 'env', regionTrace: [{ file, line: 2, reason: 'AWS_REGION=eu-west-1' }], scope, setsEnv: 'AWS_DEFAULT_REGION' },
      { at: 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders', line: 6, column: 11, endLine: 6, endColumn: 66, kind: 'endpoint', service: 'sqs', text: 'sqs.eu-west-1.amazonaws.com', origin: 'dotenv', region: 'eu-west-1', regionSource: 'literal', name: 'QUEUE_URL' },
      { at: '"https://dynamodb.us-east-1.amazonaws.com"', line: 7, column: 27, endLine: 7, endColumn: 69, kind: 'endpoint', service: 'dynamodb', text: 'dynamodb.us-east-1.amazonaws.com', origin: 'dotenv', region: 'us-east-1', regionSource: 'literal', name: 'AWS_ENDPOINT_URL_DYNAMODB' },
      { at: 'arn:aws:events:eu-west-1:123456789012:event-bus/orders', line: 8, column: 15, endLine: 8, endColumn: 69, kind: 'arn', service: 'events', text: 'arn:aws:events:eu-west-1:123456789012:event-bus/orders', origin: 'dotenv', region: 'eu-west-1', regionSource: 'literal', name: 'EVENT_BUS_ARN' },
      { at: 'AWS_STS_REGIONAL_ENDPOINTS=legacy', line: 9, column: 1, endLine: 9, endColumn: 34, kind: 'endpoint', service: 'sts', name: 'AWS_STS_REGIONAL_ENDPOINTS', text: 'sts.amazonaws.com', origin: 'dotenv', region: 'us-east-1', regionSource: 'global-service', global: true },
      { at: "REPLICA_REGION='us-west-2'", line: 10, column: 8, endLine: 10, endColumn: 34, kind: 'region-config', service: '*', name: 'REPLICA_REGION', text: 'us-west-2', origin: 'dotenv', region: 'us-west-2', regionSource: 'env', scope, setsEnv: 'REPLICA_REGION' },
    ]);
    assert.deepEqual(out.problems, []);
    assert.deepEqual(out.suppressions, [{ file, line: 10, column: 35, endColumn: 88, targetLine: 10, ruleIds: ['env-region-pin'], reason: 'DR replica only' }]);
  });

  it('marks an example file\'s settings as environment "example"; `regional` and comments yield nothing (.env.example)', () => {
    const out = scanFixture(dotenvScanner, 'dotenv/.env.example', '.env.example');
    assert.deepEqual(out.shapes, [
      { at: 'AWS_REGION=us-east-1', line: 2, column: 1, endLine: 2, endColumn: 21, kind: 'region-config', service: '*', name: 'AWS_REGION', text: 'us-east-1', origin: 'dotenv', region: 'us-east-1', regionSource: 'env', scope: { directory: '', appliesTo: 'runtime', environment: 'example' }, setsEnv: 'AWS_REGION' },
    ]);
  });

  it('keeps a ${X:-default} fallback as a candidate, reads `KEY: value` and skips multi-line values (config/prod.env)', () => {
    const out = scanFixture(dotenvScanner, 'dotenv/config/prod.env', 'config/prod.env');
    const scope = { directory: 'config', appliesTo: 'runtime', environment: 'prod' };
    assert.deepEqual(out.shapes, [
      { at: 'AWS_REGION=${DEPLOY_REGION:-us-west-2}', line: 2, column: 1, endLine: 2, endColumn: 39, kind: 'region-config', service: '*', name: 'AWS_REGION', text: '${DEPLOY_REGION:-us-west-2}', origin: 'dotenv', region: null, regionSource: 'unresolved', candidateRegions: ['us-west-2'], scope, setsEnv: 'AWS_REGION' },
      { at: 'CDK_DEFAULT_REGION: us-west-2', line: 3, column: 1, endLine: 3, endColumn: 30, kind: 'region-config', service: '*', name: 'CDK_DEFAULT_REGION', text: 'us-west-2', origin: 'dotenv', region: 'us-west-2', regionSource: 'env', scope, setsEnv: 'CDK_DEFAULT_REGION' },
      { at: 'AWS_S3_US_EAST_1_REGIONAL_ENDPOINT=legacy', line: 7, column: 1, endLine: 7, endColumn: 42, kind: 'endpoint', service: 's3', name: 'AWS_S3_US_EAST_1_REGIONAL_ENDPOINT', text: 's3.amazonaws.com', origin: 'dotenv', region: 'us-east-1', regionSource: 'global-service', global: true },
    ]);
    assert.deepEqual(out.problems, []);
  });

  it('reports lines that are not assignments and an unterminated quote, keeping what came before (.env.staging)', () => {
    const file = 'apps/web/.env.staging';
    const out = scanFixture(dotenvScanner, 'dotenv/.env.staging', file);
    assert.deepEqual(out.shapes.map((s) => [s.at, s.region, s.scope]), [
      ['AWS_REGION=ap-southeast-2', 'ap-southeast-2', { directory: 'apps/web', appliesTo: 'runtime', environment: 'staging' }],
    ]);
    assert.deepEqual(out.problems, [
      { file, line: 3, reason: 'dotenv: unterminated " quote in WELCOME_TEXT; the lines after it were not read', severity: 'partial' },
      { file, line: 2, reason: 'dotenv: 1 line(s) are not KEY=value assignments (first: line 2); they were skipped', severity: 'partial' },
    ]);
  });

  it('does not expand single-quoted values, and leaves placeholders unresolved', () => {
    const text = "AWS_REGION='${REGION}'\nAWS_DEFAULT_REGION=changeme\n";
    const out = dotenvScanner.scan('.env.local', text, { languages: {} });
    assert.deepEqual(out.dependencies.map((d) => [d.name, d.region, d.regionSource, d.candidateRegions, d.scope?.environment]), [
      ['AWS_REGION', null, 'unresolved', undefined, 'local'],
      ['AWS_DEFAULT_REGION', null, 'unresolved', undefined, 'local'],
    ]);
  });

  it('is the scanner the registry runs for .env', () => {
    const result = scanFile('.env', fixture('dotenv/.env'), { languages: {} });
    assert.ok(result.formats.includes('dotenv'));
    assert.ok(result.dependencies.some((d) => d.origin === 'dotenv' && d.setsEnv === 'AWS_REGION' && d.region === 'eu-west-1'));
  });
});
