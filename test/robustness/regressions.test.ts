/**
 * The crash regressions: every input that once crashed, hung or broke the model (kept under
 * test/fixtures/robustness/<scanner>/<case>/, see its README) is scanned again through the real
 * registry under the watchdog, must be accepted by the scanner it was found with, must satisfy
 * the invariants, and must give exactly the dependencies and problems its `expected.json` lists.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { scanFile } from '../../src/core/scanners';
import { loadLanguages } from '../../src/node/languages';
import { scanResultViolations } from './invariants';
import { ScanRunner } from './scanRunner';

const ROOT = path.resolve(__dirname, '..', 'fixtures', 'robustness');

interface Expected {
  file: string;
  dependencies: string[];
  problems: string[];
}

function caseFolders(): Array<{ scanner: string; name: string; dir: string }> {
  const out: Array<{ scanner: string; name: string; dir: string }> = [];
  for (const scanner of readdirSync(ROOT)) {
    const scannerDir = path.join(ROOT, scanner);
    if (scanner === 'pending' || !statSync(scannerDir).isDirectory()) continue;
    for (const name of readdirSync(scannerDir)) out.push({ scanner, name, dir: path.join(scannerDir, name) });
  }
  return out;
}

describe('crash regressions (test/fixtures/robustness)', function () {
  this.timeout(120_000);
  const runner = new ScanRunner();
  after(() => runner.stop());

  const cases = caseFolders();
  it('has regression cases', () => assert.ok(cases.length > 0));

  for (const c of cases) {
    it(`${c.scanner}/${c.name}`, async () => {
      const expected = JSON.parse(readFileSync(path.join(c.dir, 'expected.json'), 'utf8')) as Expected;
      const text = readFileSync(path.join(c.dir, expected.file), 'utf8');
      const outcome = await runner.scan(expected.file, text);
      assert.ok(!outcome.hung, `scanning ${expected.file} did not finish within the watchdog budget`);
      assert.deepEqual(outcome.reply!.violations, []);
      assert.ok(outcome.reply!.formats.includes(c.scanner), `the ${c.scanner} scanner did not accept ${expected.file}`);
      // The exact result, in this thread (the watchdog run above proved it terminates).
      const result = scanFile(expected.file, text, { languages: await loadLanguages() });
      assert.deepEqual(scanResultViolations(expected.file, text, result), []);
      assert.deepEqual(result.dependencies.map((d) => `${d.kind} ${d.service} ${d.line}:${d.column}`), expected.dependencies);
      assert.deepEqual(result.problems.map((p) => `${p.line ?? '-'}:${p.column ?? '-'} ${p.reason}`), expected.problems);
    });
  }
});
