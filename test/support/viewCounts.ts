/**
 * What every view shows for one workspace, read across the real LSP connection and from the built
 * CLI, and the check that they agree (issue 12 item 4). Used by test/server/viewCounts.test.ts and,
 * at 10k files, by the slow suite.
 */
import assert from 'node:assert/strict';
import { regionCountsText, regionPickItems, statusText } from '../../src/client/viewText';
import type { DependencyMap } from '../../src/core/model';
import { readReportData } from '../../src/core/render/reportData';
import { headline, UNRESOLVED_REGION } from '../../src/core/summary';
import type { StatusParams } from '../../src/shared/protocol';
import { buildReportModel } from '../../src/webview/reportModel';
import { runCli } from './cli';
import { LspTestClient } from './lspClient';

export interface Seen {
  status: StatusParams;
  map: DependencyMap;
  cliText: string;
}

export async function viewsOf(root: string): Promise<Seen> {
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
export function assertViewsAgree({ status, map, cliText }: Seen): void {
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

