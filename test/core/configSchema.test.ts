/**
 * The published JSON schema of `.outage-radar.yaml` (schemas/outage-radar.schema.json, draft-07,
 * used by the YAML extension's `yamlValidation`) accepts the example configurations, rejects the
 * invalid one, and lists exactly the catalogue's rule ids.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { RULES } from '../../src/core/rules';

const ROOT = path.resolve(__dirname, '../..');
const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas/outage-radar.schema.json'), 'utf8'));
const example = (name: string) => parse(readFileSync(path.join(ROOT, 'test/fixtures/outage-radar-config', name), 'utf8'));

describe('outage-radar.schema.json', () => {
  const ajv = new Ajv({ allErrors: true, strict: true });
  const validate = ajv.compile(schema);
  const errors = () => (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);

  it('is a draft-07 schema', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  });

  it('accepts the example configurations', () => {
    for (const name of ['full.outage-radar.yaml', 'minimal.outage-radar.yaml']) {
      assert.ok(validate(example(name)), `${name}: ${errors().join('; ')}`);
    }
  });

  it('accepts the configuration example of docs/rules/README.md', () => {
    const readme = readFileSync(path.join(ROOT, 'docs/rules/README.md'), 'utf8');
    const block = /```yaml config-example\n([\s\S]*?)```/.exec(readme);
    assert.ok(block, 'the README has a config-example block');
    assert.ok(validate(parse(block[1])), errors().join('; '));
  });

  it('rejects the invalid configuration, value by value', () => {
    assert.equal(validate(example('invalid.outage-radar.yaml')), false);
    const paths = new Set((validate.errors ?? []).map((e) => e.instancePath));
    for (const p of ['/tier', '/regions/secondary/1', '/rules', '/rules/hardcoded-regional-endpoint', '/suppress/0', '/suppress/1', '/azIds/us-east-1a', '']) {
      assert.ok(paths.has(p), `no error at ${p}: ${errors().join('; ')}`);
    }
  });

  it('lists exactly the rule ids of the catalogue', () => {
    assert.deepEqual([...schema.definitions.ruleId.enum].sort(), RULES.map((r) => r.meta.id).sort());
  });
});
