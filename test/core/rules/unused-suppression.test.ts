import { strict as assert } from 'node:assert';
import type { ConfigSuppression } from '../../../src/core/config';
import type { Suppression } from '../../../src/core/model';
import { rule as envRegionPin } from '../../../src/core/rules/env-region-pin';
import { rule as parseProblem } from '../../../src/core/rules/parse-problem';
import { rule } from '../../../src/core/rules/unused-suppression';
import { dep } from '../../support/deps';
import { analyseFiles, findingsOf, located, locations, runRulesOn } from '../../support/ruleTester';

describe('unused-suppression', () => {
  describe('over hand-built suppressions', () => {
    const pin = dep({ kind: 'region-config', service: '*', name: 'AWS_REGION', origin: 'dotenv', setsEnv: 'AWS_REGION', file: '.env', line: 3, region: 'us-east-1', regionSource: 'env' });
    const used: Suppression = { file: '.env', line: 2, column: 1, endColumn: 50, targetLine: 3, ruleIds: ['env-region-pin'], reason: 'LocalStack only' };
    const stale: Suppression = { file: '.env', line: 6, column: 1, endColumn: 50, targetLine: 7, ruleIds: ['env-region-pin'], reason: 'was pinned once' };
    const unknown: Suppression = { file: 'src/a.ts', line: 4, column: 30, endColumn: 80, targetLine: 4, ruleIds: ['sdk-literal-regoin'], reason: 'typo' };
    const configUsed: ConfigSuppression = { rule: 'env-region-pin', file: '.env', reason: 'dev only', at: { file: '.outage-radar.yaml', line: 3, column: 5 } };
    const configStale: ConfigSuppression = { rule: 'env-region-pin', file: 'old/.env', reason: 'moved', at: { file: '.outage-radar.yaml', line: 6, column: 5 } };

    it('reports inline and config suppressions that matched nothing, and unknown rule ids', () => {
      const findings = runRulesOn([envRegionPin, rule], [pin], { suppressions: [used, stale, unknown], config: { suppress: [configStale] } });
      assert.deepEqual(located(findings), ['.env:6:1 low', '.outage-radar.yaml:6:5 low', 'src/a.ts:4:30 low']);
      assert.equal(findings[0].message, 'outage-radar-ignore env-region-pin suppresses nothing: no env-region-pin finding is reported here any more. Remove it, so that it cannot hide a future finding.');
      assert.match(findings[1].message, /^The suppression of env-region-pin in old\/\.env suppresses nothing/);
      assert.equal(findings[2].message, 'outage-radar-ignore sdk-literal-regoin names an unknown rule id "sdk-literal-regoin" and suppresses nothing: check the spelling against docs/rules/README.md.');
    });

    it('counts config suppressions that matched as used', () => {
      assert.deepEqual(runRulesOn([envRegionPin, rule], [pin], { config: { suppress: [configUsed] } }).filter((f) => f.ruleId === 'unused-suppression'), []);
    });

    it('says nothing about suppressions of rules switched off, and explains unsuppressible rules', () => {
      assert.deepEqual(runRulesOn([envRegionPin, rule], [], { suppressions: [stale], config: { rules: { 'env-region-pin': 'off' } } }), []);
      const parse: Suppression = { ...stale, ruleIds: ['parse-problem'] };
      const findings = runRulesOn([envRegionPin, parseProblem, rule], [], { suppressions: [parse], problems: [{ file: '.env', line: 7, reason: 'bad line', severity: 'partial' }] });
      assert.deepEqual(findings.map((f) => f.ruleId), ['unused-suppression', 'parse-problem']);
      assert.match(findings[0].message, /cannot suppress parse-problem: findings about suppressions and parse problems are never suppressed/);
    });
  });

  describe('on a realistic workspace', () => {
    it('reports the comment whose rule no longer fires on its line', async () => {
      const map = await analyseFiles({
        '.env': [
          '# outage-radar-ignore env-region-pin: LocalStack only',
          'AWS_REGION=us-east-1',
          '# outage-radar-ignore env-region-pin: was pinned once',
          'LOG_LEVEL=debug',
          '',
        ].join('\n'),
      });
      assert.deepEqual(locations(findingsOf(map, 'unused-suppression')), ['.env:3:1']);
      assert.deepEqual(findingsOf(map, 'env-region-pin'), []);
    });
  });
});
