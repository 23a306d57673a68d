/**
 * The real-code regression suite (test/fixtures/real-code, see its README): for each workspace,
 * exactly the findings a reviewer expects at low severity or above, and the regions of the
 * dependencies it lists. `npx tsx bench/precision.ts` prints the same comparison as precision and
 * recall per rule.
 */
import assert from 'node:assert/strict';
import { caseNames, runCase } from '../../bench/precisionSuite';

describe('real-code regression suite', () => {
  for (const name of caseNames()) {
    it(name, async () => {
      const r = await runCase(name);
      assert.deepEqual(r.actual, [...r.expected.findings].sort(), `${name}: findings at low or above`);
      assert.deepEqual(r.regionMisses, [], `${name}: regions`);
    });
  }
});
