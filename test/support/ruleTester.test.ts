/**
 * The rule-test harness itself: a harness that passed whatever the rule did would make every rule
 * test that uses it worthless, so each way a finding can differ from its expectation must fail.
 */
import { strict as assert } from 'node:assert';
import type { Finding } from '../../src/core/model';
import { assertFindings, type ExpectedFinding } from './ruleTester';

const finding = (fields: Partial<Finding> = {}): Finding => ({
  ruleId: 'sdk-literal-region',
  severity: 'high',
  message: 'DynamoDBClient is pinned to us-east-1 in code.',
  file: 'src/orders.ts',
  line: 3,
  column: 13,
  endLine: 3,
  endColumn: 60,
  dependencyIds: [],
  ...fields,
});

const expected: ExpectedFinding = { message: /pinned to us-east-1/, line: 3, column: 13, severity: 'high' };

describe('rule-test harness (test/support/ruleTester.ts)', () => {
  it('accepts findings that match in rule, file, position, message and severity', () => {
    assertFindings('sdk-literal-region', [finding()], [expected], 'src/orders.ts');
    assertFindings('sdk-literal-region', [finding()], [{ ...expected, message: 'DynamoDBClient is pinned to us-east-1 in code.', file: 'src/orders.ts', severity: undefined }]);
    assertFindings('sdk-literal-region', [], []);
  });

  it('fails on a missing or an extra finding', () => {
    assert.throws(() => assertFindings('sdk-literal-region', [], [expected], 'src/orders.ts'), /expected 1 finding\(s\), got:/);
    assert.throws(() => assertFindings('sdk-literal-region', [finding(), finding({ line: 9 })], [expected], 'src/orders.ts'), /src\/orders\.ts:9:13 high/);
  });

  it('fails on another rule, file, line or column', () => {
    for (const wrong of [{ ruleId: 'arn-literal-region' }, { file: 'src/other.ts' }, { line: 4 }, { column: 12 }]) {
      assert.throws(() => assertFindings('sdk-literal-region', [finding(wrong)], [expected], 'src/orders.ts'), /finding 1/, JSON.stringify(wrong));
    }
  });

  it('fails on another message or severity, and on an expectation without a file when the case has several', () => {
    assert.throws(() => assertFindings('sdk-literal-region', [finding({ message: 'pinned to eu-west-1' })], [expected], 'src/orders.ts'), /finding 1: message/);
    assert.throws(() => assertFindings('sdk-literal-region', [finding()], [{ ...expected, message: 'DynamoDBClient is pinned' }], 'src/orders.ts'), /finding 1: message/);
    assert.throws(() => assertFindings('sdk-literal-region', [finding({ severity: 'medium' })], [expected], 'src/orders.ts'), /finding 1: severity/);
    assert.throws(() => assertFindings('sdk-literal-region', [finding()], [expected]), /name its file/);
  });
});
