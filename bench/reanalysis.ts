/**
 * Re-analysis after an edit, in process (no language server), on the
 * synthetic corpus with the bench's 2,000-line TypeScript file added. Four kinds of edit, each
 * timed from the edited text to the map (`updateText` + `analyse`), with three configurations of
 * the same run, interleaved per kind:
 *
 * - `full`: no early cutoff and no trivia barrier (the full re-analysis every edit paid before);
 * - `cutoff`: the early cutoff only (the file is rescanned, the map kept or moved when its facts are);
 * - `trivia`: the early cutoff and the trivia barrier (a comment, blank-line or space edit of a
 *   JavaScript/TypeScript file moves its previous scan result instead of rescanning).
 *
 * The edits:
 * - a comment line inserted near the top (every position below it moves: the LSP bench's edit);
 * - a comment's words changed (nothing moves);
 * - blank lines inserted or removed near the top (every position below them moves);
 * - a region literal changed (the file's facts change: the whole workspace is analysed again).
 *
 * It also splits one full analysis into its phases (copies, resolution, rules, risk).
 *
 *   npx tsx bench/reanalysis.ts [--size 10000] [--edits 40] [--out bench/results/reanalysis-<date>.json]
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyseWorkspace } from '../src/core/analysis';
import { defaultConfig } from '../src/core/config';
import { computeRisk } from '../src/core/risk';
import { resolveRegions } from '../src/core/resolve';
import { RULES } from '../src/core/rules';
import { runRules } from '../src/core/rules/engine';
import { scanFile } from '../src/core/scanners';
import { loadLanguages, type LoadedLanguages } from '../src/node/languages';
import { WorkspaceIndex } from '../src/node/workspaceIndex';
import { Random } from './corpus/random';
import { tsSdkV3 } from './corpus/shapes';
import { benchCorporaDirectory } from './corpus/location';
import { generateSynthetic } from './corpus/synthetic';
import { median, percentile, round } from './measure/stats';

const PROJECT = path.resolve(__dirname, '..');
const argv = process.argv.slice(2);
const value = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const SIZE = Number(value('--size') ?? 10000);
const EDITS = Number(value('--edits') ?? 40);
const EDIT_FILE = 'services/edit-orders/src/handlers/orders-api.ts';
const log = (m: string) => process.stderr.write(`${m}\n`);

interface Series {
  edit: string;
  earlyCutoff: boolean;
  triviaEdits: boolean;
  edits: number;
  /** edited text → map: the file's rescan and whatever the analysis then does */
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** the same minus the file's own scan, timed just before on the same text: what the analysis adds */
  beyondScanP50Ms: number;
  beyondScanP95Ms: number;
  scanP50Ms: number;
}

function corpus(): { root: string; text: string } {
  const root = path.join(benchCorporaDirectory(), `reanalysis-${SIZE / 1000}k`);
  const text = tsSdkV3(new Random(2000), 'orders-api', 2000);
  if (!existsSync(path.join(root, EDIT_FILE))) {
    log(`generating ${SIZE} files in ${root}`);
    generateSynthetic(root, SIZE);
    mkdirSync(path.dirname(path.join(root, EDIT_FILE)), { recursive: true });
    writeFileSync(path.join(root, EDIT_FILE), text);
  }
  return { root, text };
}

function edited(kind: string, text: string, i: number): string {
  const lines = text.split('\n');
  if (kind === 'line inserted') return [lines[0], ...Array.from({ length: i + 1 }, (_, k) => `// edit ${k}`), ...lines.slice(1)].join('\n');
  if (kind === 'comment words') return text.replace(/^\/\*\* (\w+):/, `/** $1 (revision ${i}):`);
  if (kind === 'blank lines') return [lines[0], ...Array.from({ length: i % 3 }, () => ''), ...lines.slice(1)].join('\n');
  // The fallback region of the module's first client: a fact of the file.
  return text.replace(/process\.env\.AWS_REGION \?\? '[a-z0-9-]+'/, `process.env.AWS_REGION ?? '${i % 2 ? 'eu-west-1' : 'eu-central-1'}'`);
}

async function series(index: WorkspaceIndex, text: string, kind: string, earlyCutoff: boolean, triviaEdits: boolean, languages: LoadedLanguages): Promise<Series> {
  const samples: number[] = [];
  const scans: number[] = [];
  const beyond: number[] = [];
  // Warm-up edit, not counted (the first scan of the file compiles the parser's paths).
  await index.updateText(EDIT_FILE, edited(kind, text, 999));
  index.analyse();
  for (let i = 0; i < EDITS; i++) {
    const next = edited(kind, text, i);
    const scanStarted = performance.now();
    scanFile(EDIT_FILE, next, { languages });
    const scan = performance.now() - scanStarted;
    const started = performance.now();
    await index.updateText(EDIT_FILE, next);
    index.analyse();
    const total = performance.now() - started;
    samples.push(total);
    scans.push(scan);
    beyond.push(Math.max(0, total - scan));
  }
  await index.updateText(EDIT_FILE, text);
  index.analyse();
  return { edit: kind, earlyCutoff, triviaEdits, edits: EDITS, p50Ms: round(median(samples), 1), p95Ms: round(percentile(samples, 95), 1), maxMs: round(Math.max(...samples), 1), beyondScanP50Ms: round(median(beyond), 1), beyondScanP95Ms: round(percentile(beyond, 95), 1), scanP50Ms: round(median(scans), 1) };
}

function phases(index: WorkspaceIndex): Record<string, number> {
  const results = index.files().map((f) => index.scanResult(f)).filter((r) => r !== undefined);
  const runs: Array<Record<string, number>> = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const copies = results.map((r) => ({ ...r, dependencies: structuredClone(r.dependencies), ...(r.deployUnits ? { deployUnits: structuredClone(r.deployUnits) } : {}) }));
    const t1 = performance.now();
    const ws = resolveRegions(copies);
    const t2 = performance.now();
    const config = defaultConfig();
    runRules(RULES, { dependencies: ws.dependencies, deployUnits: copies.flatMap((r) => r.deployUnits ?? []), suppressions: copies.flatMap((r) => r.suppressions), problems: copies.flatMap((r) => r.problems), config, docsBaseUrl: 'docs/rules/' });
    const t3 = performance.now();
    const map = analyseWorkspace(results, { root: '.' });
    const t4 = performance.now();
    computeRisk(map, config);
    const t5 = performance.now();
    runs.push({ copiesMs: t1 - t0, resolutionMs: t2 - t1, rulesMs: t3 - t2, analyseWorkspaceMs: t4 - t3, riskMs: t5 - t4 });
  }
  return Object.fromEntries(Object.keys(runs[0]).map((k) => [k, round(median(runs.map((r) => r[k])), 1)]));
}

async function main(): Promise<void> {
  const { root, text } = corpus();
  const load = os.loadavg().map((l) => round(l, 2));
  log(`building the index of ${root} (load ${load.join(' ')})`);
  const built = performance.now();
  const full = new WorkspaceIndex(root, { earlyCutoff: false, triviaEdits: false, workers: false });
  await full.build();
  full.analyse();
  log(`indexed ${full.fileCount} files in ${Math.round(performance.now() - built)} ms`);
  const map = full.analyse();
  const cutoffOnly = new WorkspaceIndex(root, { triviaEdits: false, workers: false });
  await cutoffOnly.build();
  cutoffOnly.analyse();
  const incremental = new WorkspaceIndex(root, { workers: false });
  await incremental.build();
  incremental.analyse();

  const languages = await loadLanguages();
  const out: Series[] = [];
  for (const kind of ['line inserted', 'comment words', 'blank lines', 'region changed']) {
    for (const [index, cutoff, trivia] of [[full, false, false], [cutoffOnly, true, false], [incremental, true, true]] as const) {
      log(`${kind}, early cutoff ${cutoff ? 'on' : 'off'}, trivia barrier ${trivia ? 'on' : 'off'}: ${EDITS} edits`);
      out.push(await series(index, text, kind, cutoff, trivia, languages));
    }
  }
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, loadAverage: load, loadAverageAfter: os.loadavg().map((l) => round(l, 2)), node: process.version, note: 'shared machine, loaded by other work' },
    corpus: { size: SIZE, filesWithResults: full.fileCount, dependencies: map.dependencies.length, findings: map.findings.length, editedFile: EDIT_FILE, editedLines: text.split('\n').length },
    phasesOfOneFullAnalysis: phases(full),
    series: out,
    counters: { trivia: incremental.counters, earlyCutoff: cutoffOnly.counters, full: full.counters },
  };
  const file = value('--out') ?? path.join(PROJECT, 'bench', 'results', `reanalysis-${new Date().toISOString().slice(0, 10)}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}

void main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
