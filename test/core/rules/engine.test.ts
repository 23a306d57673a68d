import { strict as assert } from 'node:assert';
import { defaultConfig, type OutageRadarConfig } from '../../../src/core/config';
import type { Dependency, Suppression } from '../../../src/core/model';
import { runRules, shiftSeverity } from '../../../src/core/rules/engine';
import type { Rule } from '../../../src/core/rules/types';
import { dep } from '../../support/deps';

const pinned: Rule = {
  meta: { id: 'test-pinned', title: 'pinned', description: 'd', defaultSeverity: 'medium', tierAware: true, category: 'code' },
  check(ctx) {
    for (const d of ctx.dependencies) if (d.region === 'us-east-1') ctx.report({ dependency: d, message: `${d.service} pinned`, severity: d.service === 'dynamodb' ? 'high' : undefined });
  },
};
const unused: Rule = {
  meta: { id: 'test-unused', title: 'unused', description: 'd', defaultSeverity: 'low', category: 'findings' },
  check(ctx) {
    for (const [s, n] of ctx.suppressionUse ?? []) if (n === 0) ctx.report({ at: { file: s.file, line: s.line, column: s.column, endLine: s.line, endColumn: s.endColumn }, message: 'unused' });
  },
};

function run(deps: Dependency[], config: Partial<OutageRadarConfig> = {}, suppressions: Suppression[] = [], keepSuppressed = false) {
  return runRules([pinned, unused], { dependencies: deps, deployUnits: [], suppressions, problems: [], config: { ...defaultConfig(), ...config }, docsBaseUrl: 'https://docs.example/rules', keepSuppressed });
}

describe('rule engine', () => {
  const ddb = dep({ id: 'a', kind: 'sdk-client', service: 'dynamodb', file: 'src/a.ts', line: 3, region: 'us-east-1', regionSource: 'literal' });
  const sqs = dep({ id: 'b', kind: 'sdk-client', service: 'sqs', file: 'src/a.ts', line: 9, region: 'us-east-1', regionSource: 'literal' });

  it('shifts severities and clamps at the ends of the scale', () => {
    assert.equal(shiftSeverity('medium', 1), 'high');
    assert.equal(shiftSeverity('critical', 1), 'critical');
    assert.equal(shiftSeverity('info', -1), 'info');
    assert.equal(shiftSeverity('low', -1), 'info');
  });

  it('applies escalations, then the workload tier, to tier-aware rules', () => {
    assert.deepEqual(run([ddb, sqs]).findings.map((f) => f.severity), ['high', 'medium']);
    assert.deepEqual(run([ddb, sqs], { tier: 'MissionCritical' }).findings.map((f) => f.severity), ['critical', 'high']);
    assert.deepEqual(run([ddb, sqs], { tier: 'NonCritical' }).findings.map((f) => f.severity), ['medium', 'low']);
  });

  it('lets the config override severity or switch a rule off', () => {
    assert.deepEqual(run([ddb, sqs], { rules: { 'test-pinned': { severity: 'info' } } }).findings.map((f) => f.severity), ['info', 'info']);
    assert.equal(run([ddb, sqs], { rules: { 'test-pinned': 'off' } }).findings.length, 0);
  });

  it('adds help URIs and fingerprints that do not depend on the line', () => {
    const [f] = run([ddb]).findings;
    assert.equal(f.helpUri, 'https://docs.example/rules/test-pinned.md');
    const moved = run([{ ...ddb, line: 40, endLine: 40 }]).findings[0];
    assert.equal(moved.fingerprint, f.fingerprint);
  });

  it('honours inline suppressions on the target line and reports the unused ones', () => {
    const used: Suppression = { file: 'src/a.ts', line: 2, column: 1, endColumn: 40, targetLine: 3, ruleIds: ['test-pinned'], reason: 'migrating in Q3' };
    const stale: Suppression = { file: 'src/a.ts', line: 20, column: 1, endColumn: 40, targetLine: 21, ruleIds: ['test-pinned'], reason: 'old' };
    const out = run([ddb, sqs], {}, [used, stale]);
    assert.deepEqual(out.findings.map((f) => `${f.ruleId}@${f.line}`), ['test-pinned@9', 'test-unused@20']);
    assert.equal(out.suppressionUse.get(used), 1);
    const kept = run([ddb], {}, [used], true).findings.find((f) => f.ruleId === 'test-pinned');
    assert.deepEqual(kept?.suppressed, { reason: 'migrating in Q3', line: 2 });
  });

  it('honours config suppressions by rule, file and resource name', () => {
    const table = dep({ id: 't', kind: 'iac-resource', service: 'dynamodb', file: 'template.json', line: 5, region: 'us-east-1', regionSource: 'deploy-config', resource: { type: 'AWS::DynamoDB::Table', name: 'AuditTable' } });
    const config = { suppress: [{ rule: 'test-pinned', file: 'template.json', resource: 'AuditTable', reason: 'kept in one region by law' }] };
    assert.equal(run([table], config).findings.length, 0);
    assert.equal(run([table], { suppress: [{ rule: 'test-pinned', file: 'template.json', resource: 'Other', reason: 'x' }] }).findings.length, 1);
  });
});
