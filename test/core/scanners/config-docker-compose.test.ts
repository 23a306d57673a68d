import { strict as assert } from 'node:assert';
import { dockerComposeScanner } from '../../../src/core/scanners/config/docker-compose';
import { fixture, scanFixture } from './config-fixture';

describe('docker-compose scanner', () => {
  it('accepts compose files by name when they mention AWS or a region', () => {
    const text = fixture('docker-compose/docker-compose.yml');
    for (const file of ['docker-compose.yml', 'ops/docker-compose.prod.yaml', 'compose.yaml', 'compose-local.yml', 'docker-compose-ci.yml']) {
      assert.equal(dockerComposeScanner.accepts(file, text), true, file);
    }
    assert.equal(dockerComposeScanner.accepts('k8s/deployment.yaml', fixture('k8s/deployment.yaml')), false);
    assert.equal(dockerComposeScanner.accepts('composer.yml', text), false);
    // A compose file without AWS variables is not read at all.
    assert.equal(dockerComposeScanner.accepts('docker-compose.override.yml', fixture('docker-compose/docker-compose.override.yml')), false);
  });

  it('reads map and list environments, scopes each service to its build context, and leaves env_file alone (docker-compose.yml)', () => {
    const out = scanFixture(dockerComposeScanner, 'docker-compose/docker-compose.yml', 'docker-compose.yml');
    const api = { directory: 'services/api', environment: 'api', appliesTo: 'runtime' };
    assert.deepEqual(out.shapes, [
      { at: 'AWS_REGION: eu-west-1', line: 9, column: 7, endLine: 9, endColumn: 28, kind: 'region-config', service: '*', name: 'AWS_REGION', text: 'eu-west-1', origin: 'docker-compose', region: 'eu-west-1', regionSource: 'env', scope: api, setsEnv: 'AWS_REGION' },
      { at: 'AWS_DEFAULT_REGION: ${AWS_DEFAULT_REGION:-eu-west-1}', line: 10, column: 7, endLine: 10, endColumn: 59, kind: 'region-config', service: '*', name: 'AWS_DEFAULT_REGION', text: '${AWS_DEFAULT_REGION:-eu-west-1}', origin: 'docker-compose', region: null, regionSource: 'unresolved', candidateRegions: ['eu-west-1'], scope: api, setsEnv: 'AWS_DEFAULT_REGION' },
      { at: 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders', line: 12, column: 18, endLine: 12, endColumn: 73, kind: 'endpoint', service: 'sqs', text: 'sqs.eu-west-1.amazonaws.com', origin: 'docker-compose', region: 'eu-west-1', regionSource: 'literal', name: 'QUEUE_URL' },
      { at: 'AWS_REGION=eu-west-1', line: 18, column: 9, endLine: 18, endColumn: 29, kind: 'region-config', service: '*', name: 'AWS_REGION', text: 'eu-west-1', origin: 'docker-compose', region: 'eu-west-1', regionSource: 'env', scope: { directory: '', environment: 'worker', appliesTo: 'runtime' }, setsEnv: 'AWS_REGION' },
      { at: 'AWS_STS_REGIONAL_ENDPOINTS=legacy', line: 19, column: 10, endLine: 19, endColumn: 43, kind: 'endpoint', service: 'sts', name: 'AWS_STS_REGIONAL_ENDPOINTS', text: 'sts.amazonaws.com', origin: 'docker-compose', region: 'us-east-1', regionSource: 'global-service', global: true },
      { at: 'arn:aws:sns:eu-west-1:123456789012:order-events', line: 21, column: 19, endLine: 21, endColumn: 66, kind: 'arn', service: 'sns', text: 'arn:aws:sns:eu-west-1:123456789012:order-events', origin: 'docker-compose', region: 'eu-west-1', regionSource: 'literal', name: 'TOPIC_ARN' },
    ]);
    assert.deepEqual(out.problems, []);
  });

  it('gives each service that uses an anchored environment its own setting; remote build contexts keep the file\'s folder (compose.dev.yaml)', () => {
    const out = scanFixture(dockerComposeScanner, 'docker-compose/compose.dev.yaml', 'deploy/compose.dev.yaml');
    assert.deepEqual(out.shapes.map((s) => [s.at, s.line, s.region, s.setsEnv, s.scope]), [
      ['AWS_REGION: us-east-2', 2, 'us-east-2', 'AWS_REGION', { directory: 'api', environment: 'api', appliesTo: 'runtime' }],
      ['AWS_DEFAULT_REGION: us-east-2', 3, 'us-east-2', 'AWS_DEFAULT_REGION', { directory: 'api', environment: 'api', appliesTo: 'runtime' }],
      ['AWS_REGION: us-east-2', 2, 'us-east-2', 'AWS_REGION', { directory: 'deploy', environment: 'jobs', appliesTo: 'runtime' }],
      ['AWS_DEFAULT_REGION: us-east-2', 3, 'us-east-2', 'AWS_DEFAULT_REGION', { directory: 'deploy', environment: 'jobs', appliesTo: 'runtime' }],
    ]);
    assert.equal(new Set(out.dependencies.map((d) => d.id)).size, 4);
  });

  it('reports broken YAML and keeps the services read before it', () => {
    const text = 'services:\n  api:\n    environment:\n      AWS_REGION: eu-west-3\n  worker:\n    environment: [AWS_REGION=eu-west-3\n';
    const out = dockerComposeScanner.scan('docker-compose.yml', text, { languages: {} });
    assert.deepEqual(out.dependencies.map((d) => [d.line, d.name, d.region, d.scope?.environment]), [[4, 'AWS_REGION', 'eu-west-3', 'api'], [6, 'AWS_REGION', 'eu-west-3', 'worker']]);
    assert.deepEqual(out.problems.map((p) => [p.line, p.severity]), [[6, 'partial']]);
  });
});
