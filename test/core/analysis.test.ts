import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { analyseWorkspace } from '../../src/core/analysis';
import type { FileScanResult } from '../../src/core/model';
import { scanFile } from '../../src/core/scanners';
import { isCandidatePath } from '../../src/core/scanners/candidates';
import { loadLanguages } from '../../src/node/languages';
import { BUDGET_BOUND_FIXTURES } from '../support/fixtures';

const REPO = path.resolve(__dirname, '..', '..');

function filesUnder(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...filesUnder(dir, child));
    else if (entry.isFile() && isCandidatePath(child) && !BUDGET_BOUND_FIXTURES.has(child) && statSync(path.join(dir, child)).size < 256 * 1024) out.push(child);
  }
  return out;
}

describe('analyseWorkspace', () => {
  // The server keeps per-file results and analyses them again after every edit: an analysis that
  // changed them (a pass settling a cached dependency, adding a deploy unit twice) would make each
  // keystroke's answer depend on the ones before it.
  for (const folder of ['examples', 'test/fixtures']) {
    it(`leaves the scan results of ${folder} unchanged, and gives the same map twice`, async function () {
      this.timeout(120_000);
      const languages = await loadLanguages();
      const root = path.join(REPO, folder);
      const results: FileScanResult[] = filesUnder(root).map((file) => scanFile(file, readFileSync(path.join(root, file), 'utf8'), { languages }));
      const before = JSON.stringify(results);
      const first = analyseWorkspace(results, { root: '.' });
      assert.equal(JSON.stringify(results), before);
      const second = analyseWorkspace(results, { root: '.' });
      assert.equal(JSON.stringify(results), before);
      assert.deepEqual(second, first);
      assert.ok(first.dependencies.length > 10);
    });
  }
});
