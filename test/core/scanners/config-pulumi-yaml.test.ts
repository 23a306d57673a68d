import { strict as assert } from 'node:assert';
import { pulumiYamlScanner } from '../../../src/core/scanners/config/pulumi-yaml';
import { fixture, scanFixture } from './config-fixture';

describe('pulumi-yaml scanner', () => {
  it('accepts Pulumi.yaml and Pulumi.<stack>.yaml only', () => {
    assert.equal(pulumiYamlScanner.accepts('infra/Pulumi.yaml', fixture('pulumi-yaml/infra/Pulumi.yaml')), true);
    assert.equal(pulumiYamlScanner.accepts('infra/Pulumi.prod.yaml', fixture('pulumi-yaml/infra/Pulumi.prod.yaml')), true);
    assert.equal(pulumiYamlScanner.accepts('infra/Pulumi.dev.yml', fixture('pulumi-yaml/infra/Pulumi.dev.yaml')), true);
    assert.equal(pulumiYamlScanner.accepts('infra/pulumi-config.yaml', fixture('pulumi-yaml/infra/Pulumi.prod.yaml')), false);
    assert.equal(pulumiYamlScanner.accepts('k8s/deployment.yaml', fixture('k8s/deployment.yaml')), false);
    assert.equal(pulumiYamlScanner.accepts('Pulumi.yaml', 'name: site\nruntime: nodejs\n'), false);
  });

  it('reads the project defaults as environment "default" (infra/Pulumi.yaml)', () => {
    const out = scanFixture(pulumiYamlScanner, 'pulumi-yaml/infra/Pulumi.yaml', 'infra/Pulumi.yaml');
    const scope = { directory: 'infra', environment: 'default', appliesTo: 'deploy' };
    assert.deepEqual(out.shapes, [
      { at: 'aws:region:\n    default: us-east-1', line: 8, column: 3, endLine: 9, endColumn: 23, kind: 'region-config', service: '*', name: 'aws:region', text: 'us-east-1', origin: 'pulumi-yaml', region: 'us-east-1', regionSource: 'config-file', scope },
      { at: 'orders:replicaRegion:\n    type: string\n    default: us-west-2', line: 10, column: 3, endLine: 12, endColumn: 23, kind: 'region-config', service: '*', name: 'orders:replicaRegion', text: 'us-west-2', origin: 'pulumi-yaml', region: 'us-west-2', regionSource: 'config-file', scope },
    ]);
  });

  it('reads a stack\'s aws:region and region-valued keys, and ARNs in structured values (infra/Pulumi.prod.yaml)', () => {
    const out = scanFixture(pulumiYamlScanner, 'pulumi-yaml/infra/Pulumi.prod.yaml', 'infra/Pulumi.prod.yaml');
    const scope = { directory: 'infra', environment: 'prod', appliesTo: 'deploy' };
    assert.deepEqual(out.shapes, [
      { at: 'aws:region: eu-west-1', line: 2, column: 3, endLine: 2, endColumn: 24, kind: 'region-config', service: '*', name: 'aws:region', text: 'eu-west-1', origin: 'pulumi-yaml', region: 'eu-west-1', regionSource: 'config-file', scope },
      { at: 'orders:replicaRegion: eu-central-1', line: 3, column: 3, endLine: 3, endColumn: 37, kind: 'region-config', service: '*', name: 'orders:replicaRegion', text: 'eu-central-1', origin: 'pulumi-yaml', region: 'eu-central-1', regionSource: 'config-file', scope },
      { at: 'arn:aws:iam::123456789012:role/pulumi-deploy', line: 6, column: 14, endLine: 6, endColumn: 58, kind: 'arn', service: 'iam', text: 'arn:aws:iam::123456789012:role/pulumi-deploy', origin: 'pulumi-yaml', region: null, regionSource: 'unresolved', name: 'roleArn' },
    ]);
  });

  it('leaves an encrypted aws:region unresolved and names nested regions by key path (infra/Pulumi.dev.yaml)', () => {
    const out = scanFixture(pulumiYamlScanner, 'pulumi-yaml/infra/Pulumi.dev.yaml', 'infra/Pulumi.dev.yaml');
    const scope = { directory: 'infra', environment: 'dev', appliesTo: 'deploy' };
    assert.deepEqual(out.shapes, [
      { at: 'aws:region:\n    secure: v1:AAABAFh3bG9uZ2Vyc2VjcmV0dmFsdWU=', line: 3, column: 3, endLine: 4, endColumn: 48, kind: 'region-config', service: '*', name: 'aws:region', text: 'secure', origin: 'pulumi-yaml', region: null, regionSource: 'unresolved', scope },
      { at: 'us-east-2', line: 9, column: 9, endLine: 9, endColumn: 18, kind: 'region-config', service: '*', name: 'orders:settings.regions.0', text: 'us-east-2', origin: 'pulumi-yaml', region: 'us-east-2', regionSource: 'config-file', scope },
      { at: 'us-west-1', line: 10, column: 9, endLine: 10, endColumn: 18, kind: 'region-config', service: '*', name: 'orders:settings.regions.1', text: 'us-west-1', origin: 'pulumi-yaml', region: 'us-west-1', regionSource: 'config-file', scope },
    ]);
  });

  it('reports broken YAML with its line', () => {
    const out = pulumiYamlScanner.scan('Pulumi.staging.yaml', 'config:\n  aws:region: ap-south-1\n  app:tags: {team: orders\n', { languages: {} });
    assert.deepEqual(out.dependencies.map((d) => [d.line, d.name, d.region, d.scope?.environment]), [[2, 'aws:region', 'ap-south-1', 'staging']]);
    assert.deepEqual(out.problems.map((p) => [p.line, p.severity]), [[3, 'partial']]);
  });
});
