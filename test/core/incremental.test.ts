import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyseWorkspace } from '../../src/core/analysis';
import { compareFacts, mapAfterRescan } from '../../src/core/incremental/positions';
import type { FileScanResult } from '../../src/core/model';
import { scanFile } from '../../src/core/scanners';
import { loadLanguages } from '../../src/node/languages';
import { fixtureFilesUnder } from '../support/fixtureFiles';

const REPO = path.resolve(__dirname, '..', '..');


const insertLine = (text: string, at: number, line: string) => {
  const lines = text.split('\n');
  return [...lines.slice(0, at), line, ...lines.slice(at)].join('\n');
};

describe('early cutoff after a rescan', () => {
  // The promise of the early-cutoff path: whatever it returns is exactly what a full analysis of
  // the new results returns. Checked over every file of the examples and the fixtures, with a
  // blank line inserted near the top, in the middle and at the end (the moves every edit makes).
  for (const folder of ['examples', 'test/fixtures/sam', 'test/fixtures/cdk', 'test/fixtures/terraform', 'test/fixtures/serverless', 'test/fixtures/pulumi', 'test/fixtures/javascript', 'test/fixtures/python', 'test/fixtures/lsp']) {
    it(`gives the map a full analysis gives, for a blank line anywhere in any file of ${folder}`, async function () {
      this.timeout(300_000);
      const languages = await loadLanguages();
      const root = path.join(REPO, folder);
      const texts = new Map(fixtureFilesUnder(root).map((f) => [f, readFileSync(path.join(root, f), 'utf8')] as const));
      const results = new Map<string, FileScanResult>([...texts].map(([f, t]) => [f, scanFile(f, t, { languages })]));
      const before = analyseWorkspace([...results.values()], { root: '.' });
      let moved = 0;
      let recomputed = 0;
      for (const [file, text] of texts) {
        const old = results.get(file);
        if (!old || old.dependencies.length + old.suppressions.length === 0) continue;
        const lineCount = text.split('\n').length;
        for (const at of [1, Math.floor(lineCount / 2), lineCount - 1]) {
          const after = scanFile(file, insertLine(text, at, ''), { languages });
          const incremental = mapAfterRescan(before, old, after);
          if (!incremental) {
            recomputed++;
            continue;
          }
          moved += incremental.kind === 'moved' ? 1 : 0;
          const cold = analyseWorkspace([...results.values()].map((r) => (r.file === file ? after : r)), { root: '.' });
          assert.deepEqual(incremental.map, cold, `${file}, blank line after line ${at}`);
        }
      }
      assert.ok(moved > 0, `the early cutoff was taken (${moved} moved, ${recomputed} recomputed)`);
    });
  }

  it('tells a moved file from an unchanged one and from a changed one', async () => {
    const languages = await loadLanguages();
    const text = ['import { S3Client } from "@aws-sdk/client-s3";', '', '// the uploads bucket lives in Ireland', 'export const s3 = new S3Client({ region: "eu-west-1" });', ''].join('\n');
    const scan = (t: string) => scanFile('src/s3.ts', t, { languages });
    const base = scan(text);
    assert.equal(compareFacts(base, scan(text.replace('lives in Ireland', 'is in Dublin'))).kind, 'same');
    const moved = compareFacts(base, scan(insertLine(text, 1, '// uploads')));
    assert.deepEqual(moved, { kind: 'moved', shift: { lastKept: 0, firstShifted: 4, delta: 1 } });
    assert.equal(compareFacts(base, scan(text.replace('eu-west-1', 'eu-central-1'))).kind, 'changed');
    // The same facts a column further right: positions other than lines never move silently.
    assert.equal(compareFacts(base, scan(text.replace('export const s3 =', 'export const  s3 ='))).kind, 'changed');
  });

  it('recomputes when a suppression comment and its target end up on both sides of the edit', async () => {
    const languages = await loadLanguages();
    const text = ['import { S3Client } from "@aws-sdk/client-s3";', '// outage-radar-ignore sdk-literal-region: the archive stays in Ireland', 'export const s3 = new S3Client({ region: "eu-west-1" });', ''].join('\n');
    const base = scanFile('src/s3.ts', text, { languages });
    assert.equal(base.suppressions.length, 1);
    assert.equal(compareFacts(base, scanFile('src/s3.ts', insertLine(text, 2, ''), { languages })).kind, 'changed');
    assert.equal(compareFacts(base, scanFile('src/s3.ts', insertLine(text, 1, ''), { languages })).kind, 'moved');
  });
});
