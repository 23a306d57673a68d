/**
 * One summary for every view at the scale (issue 12, item 4): a generated 10k-file
 * workspace shows the same numbers in the status bar, the tree, the report and the CLI. npm test
 * runs the same check at 1,000 files (test/server/viewCounts.test.ts).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSynthetic } from '../../bench/corpus/synthetic';
import { buildOnce } from '../support/build';
import { assertViewsAgree, viewsOf } from '../support/viewCounts';

describe('every view shows the engine summary in a generated 10k-file workspace', function () {
  this.timeout(900_000);
  before(() => buildOnce());

  it('the same numbers everywhere', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-view-counts-10k-'));
    try {
      generateSynthetic(root, 10_000);
      const seen = await viewsOf(root);
      assert.ok(seen.map.summary.awsDependencies > 1000, 'the generated workspace has dependencies');
      assertViewsAgree(seen);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
