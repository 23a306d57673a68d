import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultConfig } from '../../src/core/config';
import { MAX_SUGGESTIONS, parseConfigFile, type ConfigParseWork } from '../../src/core/configFile';
import { MAX_FILE_BYTES } from '../../src/core/limits';
import { RULES } from '../../src/core/rules';

const FIXTURES = path.resolve(__dirname, '../fixtures/outage-radar-config');
const read = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const KNOWN = new Set(RULES.map((r) => r.meta.id));

/** `line:column reason` of each problem, for exact assertions. */
const placed = (problems: Array<{ line?: number; column?: number; reason: string }>) => problems.map((p) => `${p.line}:${p.column} ${p.reason}`);

describe('parseConfigFile', () => {
  it('reads every setting of a complete file, with the position of each suppression', () => {
    const { config, problems } = parseConfigFile(read('full.outage-radar.yaml'), '.outage-radar.yaml', KNOWN);
    assert.deepEqual(problems, []);
    assert.deepEqual(config, {
      ...defaultConfig(),
      file: '.outage-radar.yaml',
      tier: 'MissionCritical',
      regions: { primary: 'us-east-1', secondary: ['us-west-2', 'eu-west-1'] },
      rules: {
        's3-bucket-no-cross-region-replication': 'off',
        'sdk-literal-region': { severity: 'high' },
        'route53-control-plane': { severity: 'low' },
        'lb-cross-zone-disabled': { enabled: false },
        'env-region-pin': { enabled: true },
      },
      ignore: ['legacy/**', '**/*.generated.ts'],
      suppress: [
        { rule: 'kms-key-single-region', file: 'templates/keys.json', resource: 'AuditKey', reason: 'audit logs stay in one region by law', at: { file: '.outage-radar.yaml', line: 16, column: 5 } },
        { rule: 'arn-literal-region', file: 'src/billing.ts', line: 12, reason: 'the CUR bucket exists only in us-east-1', at: { file: '.outage-radar.yaml', line: 20, column: 5 } },
      ],
      azIds: { 'us-east-1a': 'use1-az4', 'us-east-1b': 'use1-az6' },
    });
  });

  it('accepts scalars where lists are expected, and empty files', () => {
    const minimal = parseConfigFile(read('minimal.outage-radar.yaml'), '.outage-radar.yaml', KNOWN);
    assert.deepEqual(minimal.problems, []);
    assert.equal(minimal.config.tier, 'NonCritical');
    assert.deepEqual(minimal.config.ignore, ['vendor/**']);
    for (const text of ['', '# only a comment\n', '---\n']) {
      assert.deepEqual(parseConfigFile(text, '.outage-radar.yaml', KNOWN), { config: { ...defaultConfig(), file: '.outage-radar.yaml' }, problems: [] });
    }
  });

  it('reports every invalid value with its line and keeps the defaults for the bad parts only', () => {
    const { config, problems } = parseConfigFile(read('invalid.outage-radar.yaml'), 'infra/.outage-radar.yaml', KNOWN);
    assert.ok(problems.every((p) => p.file === 'infra/.outage-radar.yaml' && p.severity === 'partial'));
    assert.deepEqual(placed(problems), [
      '1:7 tier: "Critcal" is not a workload tier (MissionCritical, Critical, Important, CoreServices, NonCritical) (did you mean "Critical"?); using Important',
      '2:55 regions.secondary: "mars-north-1" is not an AWS region name (like us-east-1); ignored',
      '4:3 rules: unknown rule id "sdk-literal-regon" (did you mean "sdk-literal-region"?); the rule ids are listed in docs/rules/README.md; the setting is ignored',
      '5:44 rules.hardcoded-regional-endpoint.severity: "urgent" is not a severity (critical, high, medium, low, info); using the rule\'s default',
      '8:5 suppress: the entry has no rule; it suppresses nothing and is ignored',
      '9:22 azIds.us-east-1a: "az4" is not an AZ id (like use1-az4); ignored',
      '10:1 unknown setting "colour" (expected tier, regions, rules, ignore, suppress, azIds, includeTests); ignored',
    ]);
    assert.equal(config.tier, 'Important');
    assert.deepEqual(config.regions, { primary: 'us-east-1', secondary: ['us-west-2'] });
    assert.deepEqual(config.rules, { 'hardcoded-regional-endpoint': {} });
    // An entry without a reason is kept: the rule suppression-without-reason reports it.
    assert.deepEqual(config.suppress, [{ rule: 'env-region-pin', file: '.env', reason: null, at: { file: 'infra/.outage-radar.yaml', line: 7, column: 5 } }]);
    assert.deepEqual(config.azIds, {});
  });

  it('reports an unknown rule id in a suppression but keeps the entry for unused-suppression', () => {
    const { config, problems } = parseConfigFile('suppress:\n  - { rule: kms-key-single-regoin, file: keys.json, reason: "law" }\n', '.outage-radar.yaml', KNOWN);
    assert.deepEqual(placed(problems), ['2:5 suppress: unknown rule id "kms-key-single-regoin" (did you mean "kms-key-single-region"?); the rule ids are listed in docs/rules/README.md']);
    assert.equal(config.suppress[0].rule, 'kms-key-single-regoin');
  });

  it('survives YAML that is not a mapping or not YAML at all, never throwing', () => {
    assert.deepEqual(placed(parseConfigFile('- tier: Critical\n', 'c.yaml', KNOWN).problems), ['1:1 expected a mapping of settings (tier, regions, rules, ignore, suppress, azIds, includeTests), found a list; using the defaults']);
    const broken = parseConfigFile('tier: Critical\nrules: {\n  sdk-literal-region: off\n', 'c.yaml', KNOWN);
    assert.deepEqual(placed(broken.problems).map((p) => p.replace(/: [^;]*;/, ': …;')), ['4:1 YAML syntax: …; the settings around it may be ignored']);
    assert.equal(broken.config.tier, 'Critical');
    assert.deepEqual(placed(parseConfigFile('tier:\nrules: nope\n', 'c.yaml', KNOWN).problems), [
      '1:1 tier: has no value; using the default',
      '2:8 rules: expected a mapping of rule id to setting, found "nope"; ignored',
    ]);
  });

  it('uses the catalogue as the known rule ids by default', () => {
    assert.deepEqual(parseConfigFile('rules:\n  parse-problem: off\n', 'c.yaml').problems, []);
    assert.equal(parseConfigFile('rules:\n  not-a-rule: off\n', 'c.yaml').problems.length, 1);
  });

  it('bounds the "did you mean" work: no suggestion for ids longer than a typo, at most a fixed number per file', () => {
    // Twenty 200 KB unknown rule ids once cost 40 s of edit distance (50 KB each here, under the size limit);
    // a real typo still gets its suggestion.
    const huge = Array.from({ length: 20 }, (_, i) => `  - rule: ${String.fromCharCode(97 + i)}${'x'.repeat(50_000)}\n    file: f${i}.ts\n    reason: r`).join('\n');
    const work: ConfigParseWork = { suggestionCells: 0 };
    const { problems } = parseConfigFile(`rules:\n  sdk-literal-regoin: high\nsuppress:\n${huge}\n`, '.outage-radar.yaml', KNOWN, work);
    assert.equal(problems.length, 21);
    assert.match(problems[0].reason, /did you mean "sdk-literal-region"/);
    const longestId = Math.max(...[...KNOWN].map((id) => id.length));
    assert.ok(work.suggestionCells > 0 && work.suggestionCells <= 'sdk-literal-regoin'.length * longestId * KNOWN.size, `${work.suggestionCells} cells`);
    // A problem quotes at most the start of an id, never a file's worth of text.
    assert.ok(problems.every((p) => p.reason.length < 300), 'a problem quotes a whole key');
  });

  it('suggests for at most a fixed number of unknown ids in one file', () => {
    const typos = Array.from({ length: MAX_SUGGESTIONS + 10 }, (_, i) => `  - { rule: sdk-literal-regio${'n'.repeat(i % 2)}x, file: f${i}.ts, reason: r }`).join('\n');
    const work: ConfigParseWork = { suggestionCells: 0 };
    const { problems } = parseConfigFile(`suppress:\n${typos}\n`, '.outage-radar.yaml', KNOWN, work);
    assert.equal(problems.length, MAX_SUGGESTIONS + 10);
    assert.equal(problems.filter((p) => p.reason.includes('did you mean')).length, MAX_SUGGESTIONS);
  });

  it('does not parse a text over the 2 MiB limit (an open document reaches it without a file read)', () => {
    const work: ConfigParseWork = { suggestionCells: 0 };
    const { config, problems } = parseConfigFile(`tier: Critical\n#${'x'.repeat(MAX_FILE_BYTES)}\n`, '.outage-radar.yaml', KNOWN, work);
    assert.equal(config.tier, 'Important');
    assert.deepEqual(placed(problems), ['1:1 larger than the 2 MiB limit: not read; using the defaults']);
  });
});
