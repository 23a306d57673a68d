import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dependency } from '../../../src/core/model';
import { samconfigScanner } from '../../../src/core/scanners/samconfig';
import type { ScanOutput } from '../../../src/core/scanners/types';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');

function scan(file: string, text: string): ScanOutput {
  assert.equal(samconfigScanner.accepts(file, text), true);
  return samconfigScanner.scan(file, text, { languages: {} });
}

/** The fields a region-config is about, for exact comparison. */
function regionConfig(d: Dependency): unknown {
  return {
    at: `${d.line}:${d.column}-${d.endLine}:${d.endColumn}`,
    kind: d.kind,
    service: d.service,
    name: d.name,
    text: d.text,
    region: d.region,
    regionSource: d.regionSource,
    origin: d.origin,
    scope: d.scope,
  };
}

describe('samconfig scanner', () => {
  it('reads the deploy region of each environment of samconfig.toml, scoped to the template beside it', () => {
    const file = 'sam/orders-app/samconfig.toml';
    const out = scan(file, readFileSync(join(FIXTURES, file), 'utf8'));
    assert.deepEqual(out.dependencies.map(regionConfig), [
      {
        at: '16:1-16:21', kind: 'region-config', service: '*', name: 'region', text: 'us-east-1', region: 'us-east-1',
        regionSource: 'deploy-config', origin: 'samconfig', scope: { stackFile: 'sam/orders-app/template.yaml', environment: 'default', appliesTo: 'deploy' },
      },
      // parameter_overrides mentions us-west-2: a template parameter, not where the stack goes.
      {
        at: '25:1-25:21', kind: 'region-config', service: '*', name: 'region', text: 'eu-west-1', region: 'eu-west-1',
        regionSource: 'deploy-config', origin: 'samconfig', scope: { stackFile: 'sam/orders-app/template.yaml', environment: 'prod', appliesTo: 'deploy' },
      },
    ]);
    assert.deepEqual(out.problems, []);
    assert.deepEqual(out.suppressions?.map((s) => ({ line: s.line, targetLine: s.targetLine, ruleIds: s.ruleIds })), [
      { line: 25, targetLine: 25, ruleIds: ['ci-single-region-deploy'] },
    ]);
  });

  it('reads samconfig.yaml: global regions count where deploy sets none, and template_file names the template', () => {
    const file = 'sam/inventory-app/samconfig.yaml';
    const out = scan(file, readFileSync(join(FIXTURES, file), 'utf8'));
    assert.deepEqual(out.dependencies.map(regionConfig), [
      {
        at: '6:7-6:27', kind: 'region-config', service: '*', name: 'region', text: 'eu-central-1', region: 'eu-central-1',
        regionSource: 'deploy-config', origin: 'samconfig', scope: { stackFile: 'sam/inventory-app/infra/template.yml', environment: 'default', appliesTo: 'deploy' },
      },
      // staging's deploy region wins over its global one (eu-north-1), which is therefore not reported.
      {
        at: '18:7-18:24', kind: 'region-config', service: '*', name: 'region', text: 'eu-west-1', region: 'eu-west-1',
        regionSource: 'deploy-config', origin: 'samconfig', scope: { stackFile: 'sam/inventory-app/template.yaml', environment: 'staging', appliesTo: 'deploy' },
      },
    ]);
  });

  it('takes the template beside a built template_file and keeps placeholders unresolved', () => {
    const text = [
      'version = 0.1',
      '[default.deploy.parameters]',
      'template_file = "/home/ci/work/app/.aws-sam/build/template.yml"',
      'region = "${AWS_REGION}"',
      '',
    ].join('\n');
    const out = scan('samconfig.toml', text);
    assert.deepEqual(out.dependencies.map(regionConfig), [
      {
        at: '4:1-4:25', kind: 'region-config', service: '*', name: 'region', text: '${AWS_REGION}', region: null,
        regionSource: 'unresolved', origin: 'samconfig', scope: { stackFile: 'template.yml', environment: 'default', appliesTo: 'deploy' },
      },
    ]);
  });

  it('reports broken TOML and still finds region lines by their table headers', () => {
    const text = '[default.deploy.parameters]\nregion = "ap-southeast-2"\nconfirm_changeset = \n';
    const out = scan('infra/samconfig.toml', text);
    assert.equal(out.problems.length, 1);
    assert.equal(out.problems[0].severity, 'partial');
    assert.equal(out.problems[0].line, 3);
    assert.match(out.problems[0].reason, /^TOML syntax error: .*; region lines were read line by line$/);
    assert.deepEqual(out.dependencies.map((d) => `${d.line}:${d.column} ${d.region} ${d.scope?.stackFile} ${d.scope?.environment}`), ['2:1 ap-southeast-2 infra/template.yaml default']);
  });

  it('accepts samconfig files only', () => {
    assert.equal(samconfigScanner.accepts('samconfig.toml', ''), true);
    assert.equal(samconfigScanner.accepts('app/samconfig.yml', ''), true);
    assert.equal(samconfigScanner.accepts('app/config.toml', ''), false);
    assert.equal(samconfigScanner.accepts('pyproject.toml', '[tool.poetry]\nregion = "us-east-1"'), false);
  });
});
