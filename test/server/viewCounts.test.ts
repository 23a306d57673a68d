/**
 * One summary for every view (issue 12, item 4): across the real LSP connection, the status bar
 * text, the Cloud Dependencies tree's region lines, the report's header and region table, the
 * simulate picker and `outage-radar scan --format text` show the same numbers.
 *
 * Before the summary, examples/ showed 28 findings in the status bar, 31 in the tree's us-east-1
 * node, 32 in the report's region table and 34 in the report header; 57 dependencies in the status
 * bar and 68 in the report (region settings counted as dependencies).
 *
 * The generated workspace is the bench's synthetic corpus (bench/corpus/synthetic.ts) at 1,000
 * files here; the slow suite runs the 10k (test/robustness/viewCounts10k.test.ts), and
 * OUTAGE_RADAR_VIEW_COUNTS_FILES sets another size.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSynthetic } from '../../bench/corpus/synthetic';
import { statusText } from '../../src/client/viewText';
import { buildOnce } from '../support/build';
import { REPO } from '../support/cli';
import { assertViewsAgree, viewsOf } from '../support/viewCounts';

describe('every view shows the engine summary (across the LSP connection)', function () {
  this.timeout(900_000);
  before(() => buildOnce());

  it('examples/: the same dependency and finding counts everywhere, region settings and notes apart', async () => {
    const seen = await viewsOf(path.join(REPO, 'examples'));
    const s = seen.map.summary;
    // The figures of the issue, now one set: 57 AWS dependencies (+11 region settings), 28 findings shown as problems + 6 notes.
    assert.equal(s.awsDependencies, 57);
    assert.equal(s.regionSettings, 11);
    assert.equal(s.dependencies, 68);
    assert.deepEqual([s.findings.problems, s.findings.notes, s.findings.total], [28, 6, 34]);
    const regionTotal = s.regions.reduce((n, r) => n + r.findings.total, 0);
    assert.equal(regionTotal, s.findings.total, 'a finding counts in exactly one region');
    assertViewsAgree(seen);
    assert.match(statusText(seen.status), /us-east-1: 47 · 28 findings/);
  });

  it('a generated workspace: the same numbers everywhere', async () => {
    const files = Number(process.env.OUTAGE_RADAR_VIEW_COUNTS_FILES ?? 1000);
    const root = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-view-counts-'));
    try {
      generateSynthetic(root, files);
      const seen = await viewsOf(root);
      assert.ok(seen.map.summary.awsDependencies > 100, 'the generated workspace has dependencies');
      assert.ok(seen.map.summary.regions.length > 2);
      assertViewsAgree(seen);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
