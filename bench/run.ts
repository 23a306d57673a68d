/**
 * `npm run bench`: the performance benchmark (not a test). Generates or copies the corpora
 * (outside the repository: bench/corpus/location.ts), times whole processes (Node's start-up
 * included) against the baselines on the same trees, drives the language server for latency
 * figures, prints a table and writes bench/results/<timestamp>.json.
 *
 *   npm run bench                 1k, 10k and 50k synthetic files, the dependencies' JavaScript, the templates
 *   npm run bench -- --quick      1k and 10k only (development)
 *   options: --runs N (cold/warm runs of the small corpora, default 3), --edits N (default 100),
 *            --no-build, --dev-build, --no-lsp, --no-baselines, --out FILE, --sizes 1000,10000,
 *            --full-baselines (the estree and eslint passes on the 50k corpus too: many minutes)
 *
 * It installs nothing: a missing `rg` (Debian: `apt-get install -y ripgrep`) or GNU time
 * (`apt-get install -y time`, for peak RSS) is reported and its figures are left out.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isScriptFile } from '../src/core/scanners/javascript/parse';
import { TRIGGER_WORDS } from '../src/core/scanners/candidates';
import { DEFAULT_IGNORED_DIRECTORIES, walkWorkspace } from '../src/node/workspaceFiles';
import { benchCorporaDirectory } from './corpus/location';
import { copyDependencies, copyTemplates, templateFiles } from './corpus/real';
import { Random } from './corpus/random';
import { cfnYaml, tsSdkV3 } from './corpus/shapes';
import { generateSynthetic } from './corpus/synthetic';
import { editLatency, firstDiagnostics, type EditLatency, type FirstDiagnostics } from './measure/lsp';
import { hasGnuTime, runProcess, versionOf, type ProcessRun } from './measure/process';
import { linearFit, round } from './measure/stats';
import { cpuRatio, summarise, type Timed } from './measure/timed';

const PROJECT = path.resolve(__dirname, '..');
const CORPORA = benchCorporaDirectory();
const RESULTS = path.join(PROJECT, 'bench', 'results');
/**
 * The CLI is run from a private copy of dist/ taken right after the build: on a machine where
 * other work rebuilds dist/ meanwhile, a changed engine hash would silently invalidate the scan
 * cache between the cold and the warm runs.
 */
const DIST_COPY = path.join(CORPORA, '.dist');
const CLI = path.join(DIST_COPY, 'cli.js');
const CFN_CORPUS = path.resolve(PROJECT, '..', 'shared', 'corpus', 'aws-cloudformation-templates');
/** Bumped whenever the generator changes, so that stale generated corpora are rebuilt. */
const GENERATOR_VERSION = '1';

interface Options {
  quick: boolean;
  runs: number;
  edits: number;
  build: boolean;
  /** measure development bundles (unminified) instead of the production ones users run */
  devBuild: boolean;
  lsp: boolean;
  baselines: boolean;
  /** also run the estree and eslint baselines on the 50k corpus (adds many minutes) */
  fullBaselines: boolean;
  out?: string;
  /** synthetic sizes (development: `--sizes 1000,10000`) */
  sizes?: number[];
}

function parseOptions(argv: string[]): Options {
  const value = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  return {
    quick: argv.includes('--quick'),
    runs: Math.max(1, Number(value('--runs') ?? 3)),
    edits: Math.max(10, Number(value('--edits') ?? 100)),
    build: !argv.includes('--no-build'),
    devBuild: argv.includes('--dev-build'),
    lsp: !argv.includes('--no-lsp'),
    baselines: !argv.includes('--no-baselines'),
    fullBaselines: argv.includes('--full-baselines'),
    out: value('--out'),
    sizes: value('--sizes')?.split(',').map(Number),
  };
}

const log = (message: string) => process.stderr.write(`${message}\n`);

// ── corpora ──────────────────────────────────────────────────────────────────────────────────

interface Corpus {
  name: string;
  kind: 'synthetic' | 'dependencies' | 'templates';
  root: string;
  /** files and bytes in the tree (everything, as rg sees it before ignores) */
  files: number;
  bytes: number;
}

/** `.rgignore` with the walker's default-ignored folders, so that rg skips what the scanner skips (both honour .gitignore). */
function writeRgIgnore(root: string): void {
  writeFileSync(path.join(root, '.rgignore'), [...DEFAULT_IGNORED_DIRECTORIES].map((d) => `${d}/`).join('\n') + '\n');
}

function readyMarker(root: string): { files: number; bytes: number } | undefined {
  try {
    const m = JSON.parse(readFileSync(path.join(root, '..', `${path.basename(root)}.ready.json`), 'utf8'));
    return m.version === GENERATOR_VERSION ? m : undefined;
  } catch {
    return undefined;
  }
}

function markReady(root: string, files: number, bytes: number): void {
  writeFileSync(path.join(root, '..', `${path.basename(root)}.ready.json`), JSON.stringify({ version: GENERATOR_VERSION, files, bytes }));
}

function syntheticCorpus(size: number): Corpus {
  const root = path.join(CORPORA, `synthetic-${size / 1000}k`);
  let ready = readyMarker(root);
  if (!ready) {
    log(`generating ${size} files in ${root}`);
    rmSync(root, { recursive: true, force: true });
    const g = generateSynthetic(root, size);
    writeRgIgnore(root);
    markReady(root, g.files, g.bytes);
    ready = { files: g.files, bytes: g.bytes };
  }
  return { name: `synthetic ${size / 1000}k`, kind: 'synthetic', root, ...ready };
}

function dependenciesCorpus(): Corpus {
  const root = path.join(CORPORA, 'dependencies');
  let ready = readyMarker(root);
  if (!ready) {
    log(`copying the dependencies' JavaScript into ${root}`);
    rmSync(root, { recursive: true, force: true });
    const c = copyDependencies(PROJECT, root);
    writeRgIgnore(root);
    markReady(root, c.files, c.bytes);
    ready = c;
  }
  return { name: 'dependencies (real JS)', kind: 'dependencies', root, ...ready };
}

function templatesCorpus(): Corpus | undefined {
  if (!existsSync(CFN_CORPUS)) {
    log(`no template corpus at ${CFN_CORPUS}: the templates corpus is left out`);
    return undefined;
  }
  const root = path.join(CORPORA, 'cfn-templates');
  let ready = readyMarker(root);
  if (!ready) {
    rmSync(root, { recursive: true, force: true });
    const c = copyTemplates(CFN_CORPUS, root);
    writeRgIgnore(root);
    markReady(root, c.files, c.bytes);
    ready = c;
  }
  return { name: 'CloudFormation templates (real)', kind: 'templates', root, ...ready };
}

/** A service folder of the 1k corpus plus the two edit files: the workspace of the latency series. */
function editWorkspace(): { root: string; ts: string; template: string } {
  const base = syntheticCorpus(1000);
  const root = path.join(CORPORA, 'lsp-edit');
  rmSync(root, { recursive: true, force: true });
  execFileSync('cp', ['-r', base.root, root]);
  const r = new Random(2000);
  const ts = 'services/edit-orders/src/handlers/orders-api.ts';
  const template = 'services/edit-orders/template.yaml';
  mkdirSync(path.join(root, path.dirname(ts)), { recursive: true });
  writeFileSync(path.join(root, ts), tsSdkV3(r, 'orders-api', 2000));
  writeFileSync(path.join(root, template), cfnYaml(r, 'orders-api', 1500));
  return { root, ts, template };
}

// ── measurements ─────────────────────────────────────────────────────────────────────────────

async function repeat(n: number, run: () => Promise<ProcessRun>, what: string): Promise<ProcessRun[]> {
  const out: ProcessRun[] = [];
  for (let i = 0; i < n; i++) {
    const r = await run();
    if (r.code !== 0) throw new Error(`${what} exited with ${r.code}: ${r.stderr.slice(0, 2000)}`);
    out.push(r);
  }
  return out;
}

function scanArgs(root: string, extra: string[] = []): string[] {
  return [CLI, 'scan', root, '--format', 'json', '--output', '/dev/null', ...extra];
}

interface CorpusResult {
  name: string;
  kind: Corpus['kind'];
  files: number;
  megabytes: number;
  /** files the walker hands to the scan (candidate names, ignores applied) */
  candidates: number;
  scriptFiles: number;
  cold: Timed & { filesPerSec: number; mbPerSec: number };
  /** first run with a cache directory (writes the cache) */
  coldWithCache: Timed;
  warm: Timed & { percentOfCold: number };
  /** ratio = our cold wall time / rg's; cpuRatio the same in CPU time */
  rg: (Timed & { ratio: number; cpuRatio: number | null }) | null;
  /** ratio = the baseline's wall time / our cold scan's (how many times faster we are); cpuRatio in CPU time */
  estree: (Timed & { ratio: number; cpuRatio: number | null; files: number }) | null;
  eslint: (Timed & { ratio: number; cpuRatio: number | null; files: number }) | null;
  cfnLint: (Timed & { ratio: number; cpuRatio: number | null; templates: number }) | null;
}

const RG_ARGS = ['-l', '-F', '--hidden', '--no-require-git', ...TRIGGER_WORDS.flatMap((w) => ['-e', w])];

function eslintConfig(): string {
  const file = path.join(CORPORA, 'eslint.bench.config.mjs');
  const ignores = [...DEFAULT_IGNORED_DIRECTORIES].map((d) => `**/${d}/**`);
  writeFileSync(
    file,
    `// Written by bench/run.ts: typescript-eslint's parser and no rules, over the files the scanner reads.\n` +
      // The corpora live outside the project: the package is imported by its absolute location.
      `import tseslint from ${JSON.stringify(pathToFileURL(require.resolve('typescript-eslint')).href)};\n` +
      `export default [\n  { ignores: ${JSON.stringify([...ignores, '**/*.d.ts', '**/*.min.js'])} },\n` +
      `  { files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'], languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } }, linterOptions: { reportUnusedDisableDirectives: 'off' }, rules: {} },\n];\n`,
  );
  return file;
}

async function measureCorpus(corpus: Corpus, options: Options, tools: Tools): Promise<CorpusResult> {
  const large = corpus.files >= 50000;
  const runs = large ? 1 : options.runs;
  const walk = await walkWorkspace(corpus.root, []);
  const scripts = walk.files.filter(isScriptFile);
  const listFile = path.join(CORPORA, `${path.basename(corpus.root)}.scripts.txt`);
  writeFileSync(listFile, scripts.map((f) => path.join(corpus.root, f)).join('\n') + '\n');

  log(`${corpus.name}: cold scan ×${runs}`);
  const phaseEnv = { ...process.env, OUTAGE_RADAR_BENCH_PHASES: '1' };
  const cold = summarise(await repeat(runs, () => runProcess(process.execPath, scanArgs(corpus.root, ['--no-cache']), { env: phaseEnv, sampleRss: true }), 'cold scan'));
  const cacheDir = path.join(CORPORA, '.cache', path.basename(corpus.root));
  rmSync(cacheDir, { recursive: true, force: true });
  const env = { ...process.env, OUTAGE_RADAR_CACHE_DIR: cacheDir };
  log(`${corpus.name}: scan writing the cache, then warm rescans ×${runs}`);
  const coldWithCache = summarise(await repeat(1, () => runProcess(process.execPath, scanArgs(corpus.root), { env }), 'cold scan with cache'));
  const warm = summarise(await repeat(runs, () => runProcess(process.execPath, scanArgs(corpus.root), { env }), 'warm scan'));

  let rg: CorpusResult['rg'] = null;
  if (tools.rg) {
    const r = summarise(await repeat(Math.max(3, runs), async () => {
      const run = await runProcess('rg', [...RG_ARGS, corpus.root]);
      // rg exits 1 when nothing matched: not an error here.
      return { ...run, code: run.code === 1 ? 0 : run.code };
    }, 'rg'));
    rg = { ...r, ratio: round(cold.medianMs / r.medianMs, 2), cpuRatio: cpuRatio(cold, r) };
  }
  let estree: CorpusResult['estree'] = null;
  let eslint: CorpusResult['eslint'] = null;
  if (options.baselines && scripts.length > 0 && (!large || options.fullBaselines)) {
    log(`${corpus.name}: typescript-estree parse of ${scripts.length} JS/TS files`);
    const e = summarise(await repeat(large ? 1 : Math.min(runs, 2), () => runProcess(process.execPath, [path.join(PROJECT, 'bench', 'baselines', 'estree-parse.mjs'), listFile]), 'estree parse'));
    estree = { ...e, files: scripts.length, ratio: round(e.medianMs / cold.medianMs, 2), cpuRatio: cpuRatio(e, cold) };
    log(`${corpus.name}: eslint (typescript-eslint parser, no rules)`);
    const config = eslintConfig();
    const l = summarise(await repeat(1, async () => {
      const run = await runProcess(process.execPath, [path.join(PROJECT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--config', config, '--no-warn-ignored', '--format', 'json', '.'], { cwd: corpus.root, timeoutMs: 20 * 60 * 1000 });
      // Exit 1 means lint problems (parse errors in real code): the pass itself ran.
      return { ...run, code: run.code === 1 ? 0 : run.code };
    }, 'eslint'));
    eslint = { ...l, files: scripts.length, ratio: round(l.medianMs / cold.medianMs, 2), cpuRatio: cpuRatio(l, cold) };
  }
  let cfnLint: CorpusResult['cfnLint'] = null;
  if (options.baselines && corpus.kind === 'templates' && tools.cfnLint) {
    const templates = templateFiles(corpus.root);
    const list = path.join(CORPORA, 'cfn-templates.list.txt');
    writeFileSync(list, templates.join('\n') + '\n');
    log(`${corpus.name}: npm cfn-lint over ${templates.length} templates`);
    const c = summarise(await repeat(1, () => runProcess(process.execPath, [path.join(PROJECT, 'bench', 'baselines', 'cfn-lint.mjs'), list], { timeoutMs: 20 * 60 * 1000 }), 'cfn-lint'));
    cfnLint = { ...c, templates: templates.length, ratio: round(c.medianMs / cold.medianMs, 2), cpuRatio: cpuRatio(c, cold) };
  }
  const seconds = cold.medianMs / 1000;
  return {
    name: corpus.name,
    kind: corpus.kind,
    files: corpus.files,
    megabytes: round(corpus.bytes / 1024 / 1024),
    candidates: walk.files.length,
    scriptFiles: scripts.length,
    cold: { ...cold, filesPerSec: round(corpus.files / seconds, 0), mbPerSec: round(corpus.bytes / 1024 / 1024 / seconds) },
    coldWithCache,
    warm: { ...warm, percentOfCold: round((100 * warm.medianMs) / cold.medianMs) },
    rg,
    estree,
    eslint,
    cfnLint,
  };
}

// ── report ───────────────────────────────────────────────────────────────────────────────────

interface Tools {
  rg: string | null;
  gnuTime: boolean;
  eslint: string | null;
  cfnLint: string | null;
  typescriptEstree: string | null;
}

function packageVersion(name: string): string | null {
  try {
    return JSON.parse(readFileSync(path.join(PROJECT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r, k) => {
    const line = r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ');
    return k === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}` : line;
  }).join('\n');
}

const fmt = (ms: number | undefined | null) => (ms === undefined || ms === null || !Number.isFinite(ms) ? '—' : ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const times = (x: number | undefined | null) => (x === undefined || x === null || !Number.isFinite(x) ? '—' : `${x.toFixed(x >= 10 ? 0 : 1)}×`);

interface Target {
  target: string;
  measured: string;
  met: boolean | null;
}

function targets(corpora: CorpusResult[], edits: EditLatency[], quick: boolean): Target[] {
  const synthetic = corpora.filter((c) => c.kind === 'synthetic').sort((a, b) => b.files - a.files);
  const largest = synthetic[0];
  const label = largest ? `${largest.name}${quick ? ' (quick run: the 50k corpus was not measured)' : ''}` : 'no corpus';
  const out: Target[] = [];
  if (largest) {
    out.push({ target: `cold scan within 5× of rg (${label}; stretch 3×)`, measured: largest.rg ? `${times(largest.rg.ratio)} rg (${fmt(largest.cold.medianMs)} vs ${fmt(largest.rg.medianMs)}; CPU ${times(largest.rg.cpuRatio)})` : 'rg not installed', met: largest.rg ? largest.rg.ratio <= 5 : null });
    out.push({ target: `warm rescan under 10% of cold (${label})`, measured: `${largest.warm.percentOfCold}% (${fmt(largest.warm.medianMs)} vs ${fmt(largest.cold.medianMs)})`, met: largest.warm.percentOfCold < 10 });
  }
  for (const c of corpora.filter((x) => x.kind !== 'synthetic' && x.rg)) {
    out.push({ target: `cold scan within 5× of rg (${c.name})`, measured: `${times(c.rg!.ratio)} rg (${fmt(c.cold.medianMs)} vs ${fmt(c.rg!.medianMs)})`, met: c.rg!.ratio <= 5 });
  }
  // Issue 14: 400 MB at 50k files, 250 MB at 10k.
  for (const [files, limit] of [[10000, 250], [50000, 400]] as const) {
    const c = synthetic.find((x) => x.files === files);
    if (c) out.push({ target: `peak RSS at most ${limit} MB (${c.name})`, measured: c.cold.peakRssMb === null ? 'GNU time not installed' : `${Math.round(c.cold.peakRssMb)} MB${c.cold.rssByPhase?.workers ? ` (sampled: ${c.cold.rssByPhase.beforeWorkers} MB before the workers, ${c.cold.rssByPhase.workers} MB while they scan, ${c.cold.rssByPhase.afterWorkers} MB after)` : ''}`, met: c.cold.peakRssMb === null ? null : c.cold.peakRssMb <= limit });
  }
  const withEslint = corpora.filter((c) => c.eslint).sort((a, b) => b.files - a.files);
  for (const c of withEslint) out.push({ target: `≥10× faster than eslint over the same JS/TS (${c.name})`, measured: `${times(c.eslint!.ratio)} (${fmt(c.cold.medianMs)} vs ${fmt(c.eslint!.medianMs)})`, met: c.eslint!.ratio >= 10 });
  const ts = edits.find((e) => e.mode === 'flushed' && e.file.endsWith('.ts'));
  if (ts) out.push({ target: 'p95 re-analysis under 30 ms (2,000-line TS file)', measured: `${ts.p95Ms} ms flushed; ${edits.find((e) => e.mode === 'typed' && e.file.endsWith('.ts'))?.p95Ms} ms as typed (incl. the 150 ms debounce)`, met: ts.p95Ms < 30 });
  return out;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = performance.now();
  mkdirSync(CORPORA, { recursive: true });
  mkdirSync(RESULTS, { recursive: true });
  const tools: Tools = {
    rg: await versionOf('rg'),
    gnuTime: hasGnuTime(),
    eslint: packageVersion('eslint'),
    cfnLint: packageVersion('cfn-lint'),
    typescriptEstree: packageVersion('@typescript-eslint/typescript-estree'),
  };
  if (!tools.rg) log('rg (ripgrep) is not installed: the I/O-floor baseline is left out. Install it with: apt-get install -y ripgrep');
  if (!tools.gnuTime) log('GNU time (/usr/bin/time) is not installed: peak RSS is left out. Install it with: apt-get install -y time');
  if (!tools.cfnLint) log('the npm cfn-lint package is not installed (npm install): the cfn-lint baseline is left out');
  // Production bundles, as the .vsix and the npm package ship them: the development bundles
  // (unminified, three times the size) cost each of the three threads of a cold scan its own
  // larger source and code, 83 MB of the 10k scan's peak of 438 MB.
  const buildArgs = options.devBuild ? [] : ['--production'];
  if (options.build) {
    log(`building dist/ (node scripts/build.mjs ${buildArgs.join(' ')})`);
    execFileSync(process.execPath, ['scripts/build.mjs', ...buildArgs], { cwd: PROJECT, stdio: 'inherit' });
  }
  rmSync(DIST_COPY, { recursive: true, force: true });
  execFileSync('cp', ['-r', path.join(PROJECT, 'dist'), DIST_COPY]);
  const loadBefore = os.loadavg();
  const sizes = options.sizes ?? (options.quick ? [1000, 10000] : [1000, 10000, 50000]);
  const corpora: Corpus[] = [...sizes.map(syntheticCorpus), dependenciesCorpus()];
  const templates = templatesCorpus();
  if (templates) corpora.push(templates);

  const results: CorpusResult[] = [];
  for (const corpus of corpora) results.push(await measureCorpus(corpus, options, tools));

  const timeout = 15 * 60 * 1000;
  const firsts: (FirstDiagnostics & { corpus: string })[] = [];
  let edits: EditLatency[] = [];
  if (options.lsp) {
    for (const size of sizes) {
      log(`language server: first diagnostics and memory, synthetic ${size / 1000}k`);
      firsts.push({ corpus: `synthetic ${size / 1000}k`, ...(await firstDiagnostics(syntheticCorpus(size).root, timeout)) });
    }
    const ws = editWorkspace();
    log(`language server: ${options.edits} edits ×2 to a 2,000-line TypeScript file`);
    edits = await editLatency(ws.root, ws.ts, 'typescript', options.edits, 60000);
    log(`language server: ${options.edits} edits ×2 to a 1,500-line CloudFormation template`);
    edits.push(...(await editLatency(ws.root, ws.template, 'yaml', options.edits, 60000)));
  }

  const synthetic = results.filter((r) => r.kind === 'synthetic');
  const xs = synthetic.map((r) => r.files);
  const timeFit = linearFit(xs, synthetic.map((r) => r.cold.medianMs));
  const rss = synthetic.map((r) => r.cold.peakRssMb);
  const memoryFit = rss.every((x): x is number => x !== null) ? linearFit(xs, rss as number[]) : null;
  const cpus = synthetic.map((r) => r.cold.cpuMs);
  // CPU time is the steadier measure on a shared machine: other work stretches wall time unevenly.
  const cpuFit = cpus.every((x): x is number => x !== null) ? linearFit(xs, cpus as number[]) : null;
  const scaling = {
    corpora: synthetic.map((r) => ({ files: r.files, coldMs: r.cold.medianMs, coldCpuMs: r.cold.cpuMs, peakRssMb: r.cold.peakRssMb })),
    time: { msPerFile: round(timeFit.slope, 3), interceptMs: round(timeFit.intercept), r2: round(timeFit.r2, 4) },
    cpu: cpuFit ? { msPerFile: round(cpuFit.slope, 3), interceptMs: round(cpuFit.intercept), r2: round(cpuFit.r2, 4) } : null,
    memory: memoryFit ? { mbPerThousandFiles: round(memoryFit.slope * 1000, 2), interceptMb: round(memoryFit.intercept), r2: round(memoryFit.r2, 4) } : null,
  };
  const goals = targets(results, edits, options.quick);
  const cpu = os.cpus();
  const report = {
    date: new Date().toISOString(),
    quick: options.quick,
    machine: {
      cpu: cpu[0]?.model ?? 'unknown',
      cores: os.availableParallelism?.() ?? cpu.length,
      memoryGb: round(os.totalmem() / 1024 ** 3),
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      loadAverageBefore: loadBefore.map((x) => round(x, 2)),
      loadAverageAfter: os.loadavg().map((x) => round(x, 2)),
    },
    tools: { ...tools, peakRss: tools.gnuTime ? 'GNU time %M (maximum resident set size of the whole process, worker threads included)' : null },
    method: {
      build: !options.build ? 'the bundles dist/ held (--no-build)' : options.devBuild ? 'development bundles (--dev-build: unminified, with source maps)' : 'production bundles (minified, as the .vsix and the npm package ship them)',
      cold: 'node dist/cli.js scan DIR --no-cache --format json --output /dev/null, whole process from spawn to exit; median',
      warm: 'same command with OUTAGE_RADAR_CACHE_DIR set, after one run that wrote the cache; median',
      rg: `rg ${RG_ARGS.join(' ')} DIR (the shared trigger words; .rgignore with the walker's default-ignored folders; both honour .gitignore)`,
      estree: 'bench/baselines/estree-parse.mjs: @typescript-eslint/typescript-estree parse of the JS/TS files the walker finds, one process',
      eslint: 'eslint with typescript-eslint\'s parser and no rules over the same tree (flat config ignoring the same folders), whole process; with estree left out on the 50k corpus unless --full-baselines',
      cfnLint: 'bench/baselines/cfn-lint.mjs: npm cfn-lint validateFile over every template, one process',
      lsp: 'node dist/server.js --stdio through test/support/lspClient.ts; latency = didChange sent → publishDiagnostics of that file received',
    },
    corpora: results,
    lsp: { firstDiagnostics: firsts, edits },
    scaling,
    targets: goals,
    benchSeconds: round((performance.now() - started) / 1000),
  };
  const out = options.out ?? path.join(RESULTS, `${report.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(out, JSON.stringify(report, null, 2) + '\n');

  const rows = [['corpus', 'files', 'MB', 'cold', 'cold CPU', 'files/s', 'MB/s', 'peak RSS', 'warm', 'warm/cold', 'rg', 'cold/rg', 'estree', 'eslint', 'eslint/cold', 'cfn-lint/cold']];
  for (const r of results) {
    rows.push([r.name, String(r.files), String(r.megabytes), fmt(r.cold.medianMs), fmt(r.cold.cpuMs), String(r.cold.filesPerSec), String(r.cold.mbPerSec), r.cold.peakRssMb === null ? '—' : `${Math.round(r.cold.peakRssMb)} MB`, fmt(r.warm.medianMs), `${r.warm.percentOfCold}%`, fmt(r.rg?.medianMs), times(r.rg?.ratio), fmt(r.estree?.medianMs), fmt(r.eslint?.medianMs), times(r.eslint?.ratio), times(r.cfnLint?.ratio)]);
  }
  console.log(`\nOutage Radar benchmark — ${report.machine.cpu}, ${report.machine.cores} cores, ${report.machine.memoryGb} GB, ${report.machine.os}, Node ${process.version}; load average ${report.machine.loadAverageBefore.join(' ')} → ${report.machine.loadAverageAfter.join(' ')}\n`);
  console.log(table(rows));
  console.log('\nPeak RSS by phase (cold scan, sampled every 100 ms; median over runs)');
  console.log(table([['corpus', 'before workers (start-up, walk)', 'workers scanning', 'after workers (analysis, output)', 'no workers', 'whole run (GNU time)'], ...results.map((r) => {
    const p = r.cold.rssByPhase;
    const mb = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x)} MB`);
    return [r.name, mb(p?.beforeWorkers), mb(p?.workers), mb(p?.afterWorkers), mb(p?.withoutWorkers), mb(r.cold.peakRssMb)];
  })]));
  console.log(`\nScaling (synthetic, least squares over ${xs.length} sizes): wall ${scaling.time.msPerFile} ms per file (R² ${scaling.time.r2})${scaling.cpu ? `, CPU ${scaling.cpu.msPerFile} ms per file (R² ${scaling.cpu.r2})` : ''}${scaling.memory ? `, peak RSS ${scaling.memory.mbPerThousandFiles} MB per 1,000 files (R² ${scaling.memory.r2})` : ''}`);
  if (firsts.length) {
    console.log('\nLanguage server: first diagnostics after opening / memory after indexing');
    console.log(table([['workspace', 'spawn → first diagnostics', 'initialize → first diagnostics', 'index ready', 'files indexed', 'VmHWM', 'VmRSS'], ...firsts.map((f) => [f.corpus, fmt(f.fromSpawnMs), fmt(f.fromInitializeMs), fmt(f.indexReadyFromSpawnMs), String(f.filesIndexed), f.peakRssMb === null ? '—' : `${Math.round(f.peakRssMb)} MB`, f.rssMb === null ? '—' : `${Math.round(f.rssMb)} MB`])]));
  }
  if (edits.length) {
    console.log('\nLanguage server: re-analysis latency (didChange → publishDiagnostics)');
    console.log(table([['file', 'lines', 'edits', 'mode', 'p50', 'p95', 'p99', 'max'], ...edits.map((e) => [e.file, String(e.lines), String(e.edits), e.mode, `${e.p50Ms} ms`, `${e.p95Ms} ms`, `${e.p99Ms} ms`, `${e.maxMs} ms`])]));
  }
  console.log('\nTargets');
  console.log(table([['target', 'measured', 'met'], ...goals.map((g) => [g.target, g.measured, g.met === null ? 'n/a' : g.met ? 'yes' : 'no'])]));
  console.log(`\nwritten to ${path.relative(PROJECT, out)} in ${report.benchSeconds} s`);
  if (options.build && !options.devBuild) {
    // Leave dist/ as development bundles again: the tests and the profiles' source maps expect them.
    log('rebuilding dist/ as development bundles');
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: PROJECT, stdio: 'inherit' });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
