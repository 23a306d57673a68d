/**
 * One summary for every view (issue 12, item 4): across the real LSP connection, the status bar
 * text, the Cloud Dependencies tree's region lines, the report's header and region table, the
 * simulate picker and `outage-radar scan --format text` show the same numbers.
 *
 * Before the summary, examples/ showed 28 findings in the status bar, 31 in the tree's us-east-1
 * node, 32 in the report's region table and 34 in the report header; 57 dependencies in the status
 * bar and 68 in the report (region settings counted as dependencies).
 *
 * The generated workspace is the bench's synthetic corpus (bench/corpus/synthetic.ts) at 2,000
 * files by default; OUTAGE_RADAR_VIEW_COUNTS_FILES=10000 runs it at the 10k (slow on a
 * shared machine, so not the default).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSynthetic } from '../../bench/corpus/synthetic';
import { regionCountsText, regionPickItems, statusText } from '../../src/client/viewText';
import type { DependencyMap } from '../../src/core/model';
import { readReportData } from '../../src/core/render/reportData';
import { headline, UNRESOLVED_REGION } from '../../src/core/summary';
import type { StatusParams } from '../../src/shared/protocol';
import { buildReportModel } from '../../src/webview/reportModel';
import { buildOnce } from '../support/build';
import { REPO, runCli } from '../support/cli';
import { LspTestClient } from '../support/lspClient';

interface Seen {
  status: StatusParams;
  map: DependencyMap;
  cliText: string;
}

async function viewsOf(root: string): Promise<Seen> {
  const { client } = await LspTestClient.start({ rootPath: root, settings: {} });
  try {
    // A 10k workspace indexes for minutes on a loaded machine: wait for it (no wall-clock assertion).
    await client.waitFor('index ready', () => client.statuses.some((s) => s.state === 'ready' && s.filesIndexed > 0), 600_000);
    const map = await client.dependencyMap();
    assert.ok(map);
    const status = client.statuses.filter((s) => s.state === 'ready').at(-1)!;
    const cli = runCli(['scan', root, '--format', 'text', '--no-cache']);
    assert.equal(cli.code, 0, cli.stderr);
    return { status, map, cliText: cli.stdout };
  } finally {
    await client.stop();
  }
}

/** Every number each view shows, read back from its text the way a user reads it. */
function assertViewsAgree({ status, map, cliText }: Seen): void {
  const s = map.summary;
  // The status bar: the top region's dependencies and the findings shown as problems.
  const bar = statusText(status);
  assert.ok(s.topRegion);
  assert.match(bar, new RegExp(`\\$\\(globe\\) ${s.topRegion.region}: ${s.topRegion.dependencies.toLocaleString('en-US')} · ${s.findings.problems.toLocaleString('en-US')} findings?`));
  assert.deepEqual(status.summary.findings, s.findings);
  assert.equal(status.summary.awsDependencies, s.awsDependencies);

  // The report, from the same JSON the webview receives: its header and its region table.
  const data = readReportData(JSON.parse(JSON.stringify(map)));
  assert.ok(data);
  const model = buildReportModel(data);
  assert.equal(headline(data.map.summary), headline(s));
  const tableRows = model.regions.map((r) => [r.region, r.dependencies, r.findings]);
  const summaryRows = s.regions.filter((r) => r.region !== UNRESOLVED_REGION && r.dependencies > 0).map((r) => [r.region, r.dependencies, r.findings.problems]);
  assert.deepEqual(tableRows, summaryRows);
  assert.equal(model.unresolved, s.regions.find((r) => r.region === UNRESOLVED_REGION)?.dependencies ?? 0);

  // The tree's region lines and the simulate picker.
  for (const r of s.regions.filter((x) => x.dependencies > 0)) {
    const line = regionCountsText(r.dependencies, r.findings.problems);
    assert.match(line, new RegExp(`^${r.dependencies.toLocaleString('en-US')} dependenc`));
  }
  const picker = regionPickItems(map);
  for (const r of s.regions.filter((x) => x.region !== UNRESOLVED_REGION && x.dependencies > 0)) {
    const item = picker.find((p) => p.label === r.region);
    assert.ok(item, r.region);
    assert.match(item.description, new RegExp(`^${r.dependencies.toLocaleString('en-US')} dependenc`));
  }

  // `scan --format text`: the header and the per-region lines.
  const [, header] = cliText.split('\n');
  assert.equal(header.replace(/ · \d+ ms$/, ''), headline(s));
  for (const r of s.regions.filter((x) => x.dependencies > 0)) {
    const row = cliText.split('\n').find((l) => l.trimStart().startsWith(`${r.region} `));
    assert.ok(row, `no text row for ${r.region}`);
    assert.equal(Number(row.trim().split(/\s+/)[1]), r.dependencies, row);
  }
}

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
    const files = Number(process.env.OUTAGE_RADAR_VIEW_COUNTS_FILES ?? 2000);
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
