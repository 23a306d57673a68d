/**
 * Regressions found by the fuzz and robustness suites in scanners whose fixes landed outside
 * those suites; each input is inline so that the case stays fixed whatever happens to the seeds.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { scanFile } from '../../../src/core/scanners';
import { loadLanguages } from '../../../src/node/languages';
import { cloudFormationScanner } from '../../../src/core/scanners/cloudformation';
import { javascriptScanner } from '../../../src/core/scanners/javascript';

describe('scanner regressions', () => {
  it('JavaScript: a syntax error after U+2029 is placed on LSP lines (TypeScript counts U+2028/U+2029 as line breaks)', () => {
    const text = "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\n\u2029new DynamoDBClient({ region: 'us-east-1' }) +;\n";
    const out = javascriptScanner.scan('src/app.ts', text, { languages: {} });
    assert.equal(out.problems.length, 1);
    assert.equal(out.problems[0].line, 2);
    assert.ok(out.problems[0].line <= text.split(/\r\n|\r|\n/).length);
  });

  it('CloudFormation: detection stays linear on a long run of newlines (the sign regex once rescanned the run from every position)', () => {
    // 200,000 newlines took minutes with the quadratic pattern; linear, it is instant. The mocha
    // timeout turns a regression into a failure; nothing here measures time.
    const text = `${'\n'.repeat(200_000)}Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n`;
    assert.equal(cloudFormationScanner.accepts('template.yaml', text), true);
    assert.equal(cloudFormationScanner.accepts('notes.yaml', '\n'.repeat(200_000)), false);
  });

  describe('inputs the robustness suite found, kept in test/fixtures/scanner-regressions/', () => {
    const fixed = (name: string) => readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'scanner-regressions', name), 'utf8');

    // The damaged Terraform input that spends the parser's whole time budget by design lives in
    // the slow suite (test/robustness/parserBudget.test.ts).

    for (const name of ['terraform-deep-expression.tf', 'terraform-deep-list.tf']) {
      it(`Terraform: ${name} (thousands of nesting levels) is scanned without a stack overflow`, async () => {
        const out = scanFile('main.tf', fixed(name), { languages: await loadLanguages() });
        assert.deepEqual(out.formats, ['terraform']);
        // The registry turns a thrown scanner into "terraform scanner failed: Maximum call stack size exceeded".
        assert.ok(!out.problems.some((p) => /scanner failed/.test(p.reason)), JSON.stringify(out.problems));
      });
    }

    it('CloudFormation and JavaScript: the original fuzz inputs', async () => {
      const languages = await loadLanguages();
      assert.equal(scanFile('template.yaml', fixed('cloudformation-newline-run.yaml'), { languages }).problems.some((p) => /failed/.test(p.reason)), false);
      const js = fixed('javascript-paragraph-separator.ts');
      const lines = js.split(/\r\n|\r|\n/).length;
      for (const p of scanFile('src/app.ts', js, { languages }).problems) assert.ok((p.line ?? 1) <= lines);
    });
  });
});
