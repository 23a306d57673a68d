import { strict as assert } from 'node:assert';
import type { ConfigSuppression } from '../../../src/core/config';
import type { Suppression } from '../../../src/core/model';
import { rule as envRegionPin } from '../../../src/core/rules/env-region-pin';
import { rule } from '../../../src/core/rules/suppression-without-reason';
import { dep } from '../../support/deps';
import { analyseFiles, findingsOf, located, locations, runRulesOn } from '../../support/ruleTester';

describe('suppression-without-reason', () => {
  describe('over hand-built suppressions', () => {
    const pin = dep({ kind: 'region-config', service: '*', name: 'AWS_REGION', origin: 'dotenv', setsEnv: 'AWS_REGION', file: '.env', line: 3, region: 'us-east-1', regionSource: 'env' });
    const bare: Suppression = { file: '.env', line: 2, column: 1, endColumn: 35, targetLine: 3, ruleIds: ['env-region-pin'], reason: null };
    const reasoned: Suppression = { ...bare, line: 5, targetLine: 6, reason: 'local development only' };
    const configBare: ConfigSuppression = { rule: 'env-region-pin', file: '.env', reason: null, at: { file: '.outage-radar.yaml', line: 4, column: 5 } };

    it('reports inline and config suppressions without a reason; the suppression still applies', () => {
      const findings = runRulesOn([envRegionPin, rule], [pin], { suppressions: [bare, reasoned], config: { suppress: [configBare, { ...configBare, reason: 'ok', at: { file: '.outage-radar.yaml', line: 8, column: 5 } }] } });
      assert.deepEqual(located(findings), ['.env:2:1 low', '.outage-radar.yaml:4:5 low']);
      assert.equal(findings[0].message, 'outage-radar-ignore env-region-pin gives no reason: write why the risk is accepted after a colon (`outage-radar-ignore env-region-pin: <reason>`).');
      assert.match(findings[1].message, /^The suppression of env-region-pin in \.env gives no reason/);
      assert.deepEqual(findings.map((f) => f.ruleId), ['suppression-without-reason', 'suppression-without-reason']);
    });

    it('cannot itself be suppressed, and can be switched off', () => {
      const self: Suppression = { ...bare, ruleIds: ['suppression-without-reason'], targetLine: 2, line: 1 };
      assert.deepEqual(located(runRulesOn(rule, [], { suppressions: [self, bare] })), ['.env:1:1 low', '.env:2:1 low']);
      assert.deepEqual(runRulesOn(rule, [], { suppressions: [bare], config: { rules: { 'suppression-without-reason': 'off' } } }), []);
    });
  });

  describe('on a realistic workspace', () => {
    it('reports a comment without a reason, and not one with a reason', async () => {
      const map = await analyseFiles({
        '.env': '# outage-radar-ignore env-region-pin\nAWS_REGION=us-east-1\n# outage-radar-ignore env-region-pin: the local stack runs in LocalStack only\nAWS_DEFAULT_REGION=us-east-1\n',
      });
      assert.deepEqual(locations(findingsOf(map, 'suppression-without-reason')), ['.env:1:1']);
      assert.deepEqual(findingsOf(map, 'env-region-pin'), []);
    });

    it("does not take the quick fix's placeholder 'TODO: reason' for a reason; a real TODO with words is one", async () => {
      const map = await analyseFiles({
        'src/orders.ts': [
          'import { DynamoDBClient } from "@aws-sdk/client-dynamodb";',
          '// outage-radar-ignore sdk-literal-region: TODO: reason',
          'export const orders = new DynamoDBClient({ region: "us-east-1" });',
          '// outage-radar-ignore sdk-literal-region: TODO: move to AWS_REGION with the eu-west-1 launch (OPS-412)',
          'export const audit = new DynamoDBClient({ region: "us-east-1" });',
          '',
        ].join('\n'),
      });
      assert.deepEqual(locations(findingsOf(map, 'suppression-without-reason')), ['src/orders.ts:2:1']);
      assert.deepEqual(findingsOf(map, 'sdk-literal-region'), [], 'both suppressions still apply');
    });
  });
});
