import { strict as assert } from 'node:assert';
import { rule } from '../../../src/core/rules/parse-problem';
import { analyseFiles, findingsOf, located, locations, runRulesOn } from '../../support/ruleTester';

describe('parse-problem', () => {
  describe('over hand-built problems', () => {
    it('reports one info finding per problem, at its line or at line 1, with the reason as message', () => {
      const findings = runRulesOn(rule, [], {
        problems: [
          { file: 'template.yaml', line: 14, column: 5, reason: 'YAML syntax: unexpected indentation', severity: 'partial' },
          { file: 'dist/bundle.js', reason: 'skipped: larger than 2 MB', severity: 'skipped' },
        ],
      });
      assert.deepEqual(located(findings), ['dist/bundle.js:1:1 info', 'template.yaml:14:5 info']);
      assert.deepEqual(findings.map((f) => f.message), ['skipped: larger than 2 MB', 'YAML syntax: unexpected indentation']);
      assert.deepEqual([findings[1].endLine, findings[1].endColumn], [15, 1]);
    });

    it('reports nothing for a workspace that parsed cleanly', () => {
      assert.deepEqual(runRulesOn(rule, []), []);
    });
  });

  describe('on a realistic workspace', () => {
    it('reports a workflow that is not valid YAML', async () => {
      const map = await analyseFiles({
        '.github/workflows/deploy.yml': 'name: deploy\non: [push]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          aws-region: [us-east-1\n',
      });
      const findings = findingsOf(map, 'parse-problem');
      assert.deepEqual(locations(findings), ['.github/workflows/deploy.yml:9:24']);
      assert.equal(findings[0].severity, 'info');
      assert.match(findings[0].message, /invalid YAML/);
    });
  });
});
