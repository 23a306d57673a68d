import { strict as assert } from 'node:assert';
import { cdkJsonScanner } from '../../../src/core/scanners/config/cdk-json';
import { fixture, scanFixture } from './config-fixture';

describe('cdk-json scanner', () => {
  it('accepts cdk.json and cdk.context.json that hold a region, endpoint or ARN', () => {
    assert.equal(cdkJsonScanner.accepts('infra/cdk.json', fixture('cdk-json/infra/cdk.json')), true);
    assert.equal(cdkJsonScanner.accepts('infra/cdk.context.json', fixture('cdk-json/infra/cdk.context.json')), true);
    assert.equal(cdkJsonScanner.accepts('cdk.json', '{ "app": "npx ts-node bin/app.ts", "context": { "@aws-cdk/core:enableStackNameDuplicates": true } }'), false);
    assert.equal(cdkJsonScanner.accepts('infra/package.json', fixture('cdk-json/infra/cdk.json')), false);
    assert.equal(cdkJsonScanner.accepts('k8s/deployment.yaml', fixture('k8s/deployment.yaml')), false);
  });

  it('reads every region in the context by key path, and ARNs; not the app command or feature flags (infra/cdk.json)', () => {
    const out = scanFixture(cdkJsonScanner, 'cdk-json/infra/cdk.json', 'infra/cdk.json');
    const scope = { directory: 'infra', appliesTo: 'deploy' };
    assert.deepEqual(out.shapes, [
      { at: '"region": "eu-west-1"', line: 10, column: 5, endLine: 10, endColumn: 26, kind: 'region-config', service: '*', name: 'context.region', text: 'eu-west-1', origin: 'cdk-json', region: 'eu-west-1', regionSource: 'config-file', scope },
      { at: '"us-east-1"', line: 11, column: 24, endLine: 11, endColumn: 35, kind: 'region-config', service: '*', name: 'context.replicaRegions.0', text: 'us-east-1', origin: 'cdk-json', region: 'us-east-1', regionSource: 'config-file', scope },
      { at: '"us-west-2"', line: 11, column: 37, endLine: 11, endColumn: 48, kind: 'region-config', service: '*', name: 'context.replicaRegions.1', text: 'us-west-2', origin: 'cdk-json', region: 'us-west-2', regionSource: 'config-file', scope },
      { at: '"region": "eu-west-1"', line: 13, column: 44, endLine: 13, endColumn: 65, kind: 'region-config', service: '*', name: 'context.environments.prod.region', text: 'eu-west-1', origin: 'cdk-json', region: 'eu-west-1', regionSource: 'config-file', scope },
      { at: '"region": "eu-central-1"', line: 14, column: 42, endLine: 14, endColumn: 66, kind: 'region-config', service: '*', name: 'context.environments.dr.region', text: 'eu-central-1', origin: 'cdk-json', region: 'eu-central-1', regionSource: 'config-file', scope },
      { at: '"arn:aws:acm:us-east-1:123456789012:certificate/1f2e3d4c-5b6a-7980-a1b2-c3d4e5f60718"', line: 16, column: 23, endLine: 16, endColumn: 108, kind: 'arn', service: 'acm', text: 'arn:aws:acm:us-east-1:123456789012:certificate/1f2e3d4c-5b6a-7980-a1b2-c3d4e5f60718', origin: 'cdk-json', region: 'us-east-1', regionSource: 'literal', name: 'certificateArn' },
    ]);
    assert.deepEqual(out.problems, []);
    assert.deepEqual(out.suppressions, []);
  });

  it('reads the region each cached lookup was made in, not the cached values (infra/cdk.context.json)', () => {
    const out = scanFixture(cdkJsonScanner, 'cdk-json/infra/cdk.context.json', 'infra/cdk.context.json');
    const scope = { directory: 'infra', appliesTo: 'deploy' };
    const az = 'availability-zones:account=123456789012:region=eu-west-1';
    const vpc = 'vpc-provider:account=123456789012:filter.vpc-id=vpc-0a1b2c3d4e5f67890:region=eu-central-1:returnAsymmetricSubnets=true';
    assert.deepEqual(out.shapes, [
      { at: `"${az}"`, line: 2, column: 3, endLine: 2, endColumn: 61, kind: 'region-config', service: '*', name: `context.${az}`, text: az, origin: 'cdk-json', region: 'eu-west-1', regionSource: 'config-file', scope },
      { at: `"${vpc}"`, line: 7, column: 3, endLine: 7, endColumn: 123, kind: 'region-config', service: '*', name: `context.${vpc}`, text: vpc, origin: 'cdk-json', region: 'eu-central-1', regionSource: 'config-file', scope },
    ]);
  });

  it('reports invalid JSON with its line and keeps what it read (broken-cdk.json)', () => {
    const out = scanFixture(cdkJsonScanner, 'cdk-json/broken-cdk.json', 'cdk.json');
    assert.deepEqual(out.shapes.map((s) => [s.line, s.name, s.region, s.scope]), [[4, 'context.region', 'sa-east-1', { directory: '', appliesTo: 'deploy' }]]);
    assert.deepEqual(out.problems, [{ file: 'cdk.json', line: 6, column: 5, reason: 'CDK context: invalid JSON (CommaExpected); the rest was read as far as possible', severity: 'partial' }]);
  });

  it('turns JSON nested too deeply for the parser into a problem instead of throwing', () => {
    const text = `{ "context": { "region": "us-east-1", "deep": ${'['.repeat(20000)}${']'.repeat(20000)} } }`;
    const out = cdkJsonScanner.scan('cdk.json', text, { languages: {} });
    assert.deepEqual(out.dependencies, []);
    assert.equal(out.problems.length, 1);
    assert.match(out.problems[0].reason, /^CDK context: JSON could not be parsed/);
  });
});
