/**
 * Inputs that spend a parser's whole time budget by design (tree-sitter error recovery that turns
 * super-linear on damaged input): the scan gives up with a problem instead of hanging. Slow by
 * construction, so they run in `npm run test:slow`, not in `npm test`.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { scanFile } from '../../src/core/scanners';
import { loadLanguages } from '../../src/node/languages';

describe('scanner time budgets', () => {
  const fixed = (name: string) => readFileSync(path.join(__dirname, '..', 'fixtures', 'scanner-regressions', name), 'utf8');

  it('Terraform: damaged input that makes tree-sitter error recovery super-linear becomes a problem, not a hang', async function () {
    this.timeout(60_000);
    const out = scanFile('dev.tfvars', fixed('terraform-quadratic-parse.tfvars'), { languages: await loadLanguages() });
    assert.ok(out.problems.length > 0);
    assert.ok(out.problems.every((p) => p.file === 'dev.tfvars'));
  });
});
