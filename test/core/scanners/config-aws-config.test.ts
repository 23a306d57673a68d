import { strict as assert } from 'node:assert';
import { scanFile } from '../../../src/core/scanners';
import { awsConfigScanner } from '../../../src/core/scanners/config/aws-config';
import { fixture, scanFixture } from './config-fixture';

describe('aws-config scanner', () => {
  it('accepts committed AWS config files by path, and other INI files by their profile sections', () => {
    const config = fixture('aws-config/dot-aws/config');
    for (const file of ['.aws/config', 'ops/.aws/config', 'aws/config', 'ci/deploy.aws-config']) {
      assert.equal(awsConfigScanner.accepts(file, config), true, file);
    }
    assert.equal(awsConfigScanner.accepts('deploy/aws.ini', fixture('aws-config/deploy/aws.ini')), true);
    // A git config has sections, but no AWS profiles; a TOML or Python file is never read as INI.
    assert.equal(awsConfigScanner.accepts('.git/config', fixture('aws-config/repo/config')), false);
    assert.equal(awsConfigScanner.accepts('samconfig.toml', '[default]\nregion = "us-east-1"\n'), false);
    assert.equal(awsConfigScanner.accepts('settings.py', config), false);
    assert.equal(awsConfigScanner.accepts('k8s/deployment.yaml', fixture('k8s/deployment.yaml')), false);
  });

  it('reads profile regions, sso_region, legacy STS/S3 endpoints, ARNs and service endpoints (.aws/config)', () => {
    const out = scanFixture(awsConfigScanner, 'aws-config/dot-aws/config', '.aws/config');
    const profile = (environment: string) => ({ directory: '', environment, appliesTo: 'runtime' });
    assert.deepEqual(out.shapes, [
      { at: 'region = us-east-1', line: 3, column: 1, endLine: 3, endColumn: 19, kind: 'region-config', service: '*', name: 'region', text: 'us-east-1', origin: 'aws-config', region: 'us-east-1', regionSource: 'config-file', scope: profile('default') },
      { at: 'sts_regional_endpoints = legacy', line: 5, column: 1, endLine: 5, endColumn: 32, kind: 'endpoint', service: 'sts', name: 'sts_regional_endpoints', text: 'sts.amazonaws.com', origin: 'aws-config', region: 'us-east-1', regionSource: 'global-service', global: true },
      { at: 'region = eu-west-1', line: 11, column: 1, endLine: 11, endColumn: 19, kind: 'region-config', service: '*', name: 'region', text: 'eu-west-1', origin: 'aws-config', region: 'eu-west-1', regionSource: 'config-file', scope: profile('prod') },
      { at: 'us_east_1_regional_endpoint = legacy', line: 13, column: 3, endLine: 13, endColumn: 39, kind: 'endpoint', service: 's3', name: 'us_east_1_regional_endpoint', text: 's3.amazonaws.com', origin: 'aws-config', region: 'us-east-1', regionSource: 'global-service', global: true },
      { at: 'arn:aws:iam::210987654321:role/dr-operator', line: 17, column: 12, endLine: 17, endColumn: 54, kind: 'arn', service: 'iam', text: 'arn:aws:iam::210987654321:role/dr-operator', origin: 'aws-config', region: null, regionSource: 'unresolved', name: 'role_arn' },
      { at: 'region = us-west-2', line: 19, column: 1, endLine: 19, endColumn: 19, kind: 'region-config', service: '*', name: 'region', text: 'us-west-2', origin: 'aws-config', region: 'us-west-2', regionSource: 'config-file', scope: profile('dr') },
      { at: 'region = eu-west-1', line: 26, column: 1, endLine: 26, endColumn: 19, kind: 'region-config', service: '*', name: 'region', text: 'eu-west-1', origin: 'aws-config', region: 'eu-west-1', regionSource: 'config-file', scope: profile('dev') },
      { at: 'sso_region = us-east-1', line: 31, column: 1, endLine: 31, endColumn: 23, kind: 'region-config', service: '*', name: 'sso_region', text: 'us-east-1', origin: 'aws-config', region: 'us-east-1', regionSource: 'config-file', scope: profile('acme') },
      { at: 'https://dynamodb.eu-west-1.amazonaws.com', line: 36, column: 18, endLine: 36, endColumn: 58, kind: 'endpoint', service: 'dynamodb', text: 'dynamodb.eu-west-1.amazonaws.com', origin: 'aws-config', region: 'eu-west-1', regionSource: 'literal', name: 'endpoint_url' },
    ]);
    // `sts_regional_endpoints = regional` (line 20) and the comment line yield nothing.
    assert.equal(out.dependencies.some((d) => d.line === 20 || d.line === 1), false);
    assert.deepEqual(out.problems, []);
  });

  it('reads an INI file recognised by content (deploy/aws.ini)', () => {
    const out = scanFixture(awsConfigScanner, 'aws-config/deploy/aws.ini', 'deploy/aws.ini');
    assert.deepEqual(out.shapes, [
      { at: 'region = ap-northeast-1', line: 4, column: 1, endLine: 4, endColumn: 24, kind: 'region-config', service: '*', name: 'region', text: 'ap-northeast-1', origin: 'aws-config', region: 'ap-northeast-1', regionSource: 'config-file', scope: { directory: '', environment: 'deployer', appliesTo: 'runtime' } },
    ]);
  });

  it('reports settings outside sections and lines it cannot read, keeping the rest (broken.aws-config)', () => {
    const file = 'ci/broken.aws-config';
    const out = scanFixture(awsConfigScanner, 'aws-config/broken.aws-config', file);
    assert.deepEqual(out.shapes.map((s) => [s.line, s.name, s.region, s.scope?.environment]), [[3, 'region', 'us-east-2', 'ci']]);
    assert.deepEqual(out.problems, [{ file, line: 1, reason: 'AWS config: 3 line(s) could not be read (first: line 1, a setting before any [section]); they were skipped', severity: 'partial' }]);
  });

  it('ignores regions of sections that are not profiles and leaves placeholders unresolved', () => {
    const text = '[plugins]\nregion = us-east-1\n[profile ci]\nregion = ${AWS_REGION}\n';
    const out = awsConfigScanner.scan('.aws/config', text, { languages: {} });
    assert.deepEqual(out.dependencies.map((d) => [d.line, d.region, d.regionSource]), [[4, null, 'unresolved']]);
  });

  it('is the scanner the registry runs for .aws/config', () => {
    const result = scanFile('.aws/config', fixture('aws-config/dot-aws/config'), { languages: {} });
    assert.ok(result.formats.includes('aws-config'));
    assert.ok(result.dependencies.some((d) => d.origin === 'aws-config' && d.name === 'sso_region'));
  });
});
