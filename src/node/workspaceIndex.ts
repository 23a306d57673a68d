/**
 * The workspace index: every candidate file scanned once, kept per file, and re-analysed as a
 * whole when something changes. The CLI builds one and analyses it once; the language server keeps
 * one alive, feeds it open documents and file events, and re-analyses after each change. Scanning
 * is per file (the expensive part); resolution and rules run over the cached per-file results.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { IncrementalAnalysis, type AnalysisScope } from '../core/analysis';
import type { ResolutionCounters } from '../core/incremental/resolution';
import { mapAfterRescan } from '../core/incremental/positions';
import type { OutageRadarConfig } from '../core/config';
import { defaultConfig } from '../core/config';
import type { TriviaState } from '../core/incremental/trivia';
import type { DependencyMap, FileScanResult, Problem } from '../core/model';
import { isCandidatePath } from '../core/scanners/candidates';
import type { ScanContext } from '../core/scanners/types';
import { docsBaseUrl } from './docsLocation';
import { loadLanguages } from './languages';
import { outsideRootProblem } from './insideRoot';
import { DEFAULT_MAX_FILE_BYTES, formatBytes } from './readSource';
import { AnalysisCache, analysisKey, unchangedFiles, type AnalysisContext, type FileRecord } from './analysisCache';
import { ENGINE_BUILD, ScanCache, scanSettingsKey, statAgainstCache } from './scanCache';
import { runFileJob, type FileJob, type FileJobOptions, type FileJobOutcome } from './scanFileJob';
import { canUseWorkers, ScanPool } from './scanPool';
import { loadWorkspaceConfig } from './workspaceConfig';
import { DEFAULT_IGNORED_DIRECTORIES, walkWorkspace, type WalkResult } from './workspaceFiles';

export interface WorkspaceIndexOptions {
  config?: OutageRadarConfig;
  /** problems found while loading the config (reported with the scan's problems) */
  configProblems?: Problem[];
  maxFileBytes?: number;
  keepSuppressed?: boolean;
  docsBaseUrl?: string;
  /** where the persistent scan cache lives; undefined = no cache (`--no-cache`, tests) */
  cacheDirectory?: string;
  /** worker threads: 'auto' (for large cold scans), always, or never */
  workers?: boolean | 'auto';
  /**
   * Keep the previous map after an edit that left the file's facts unchanged (moving its positions
   * when only lines moved) instead of analysing again. Default true; false is the full path the
   * bench measures against: it also switches off the cached queries (every analysis is cold).
   */
  earlyCutoff?: boolean;
  /**
   * Answer an edit that only changes a JavaScript/TypeScript file's comments, blank lines or spaces
   * by moving the previous scan result's positions instead of rescanning (`core/incremental/trivia.ts`).
   * Default true; false is the baseline the bench measures against.
   */
  triviaEdits?: boolean;
}

/** What changed in the memoised map since the server last published it. */
export type LastChange =
  /** the map is the one published: nothing to publish */
  | { kind: 'unchanged' }
  /** the published map with positions moved; only these files' diagnostics may have changed */
  | { kind: 'moved'; files: ReadonlySet<string> }
  /** analysed again (or not yet): anything may have changed */
  | { kind: 'analysed' };

/** How often each way of answering a change was taken (the recomputation tests read them). */
export interface IndexCounters {
  /** files scanned from the editor's text or from disk after the build */
  rescans: number;
  /** analyses: the cached queries whose inputs changed and the rules where dependencies changed (see {@link WorkspaceIndex.analysisScope}) */
  analyses: number;
  /** rescans whose facts were unchanged: the map was kept as it was */
  unchanged: number;
  /** rescans whose facts only moved: the map's positions in that file were moved */
  moved: number;
  /** edits of comments, blank lines or spaces answered by moving the file's previous result, without a rescan */
  trivia: number;
}

export interface BuildOptions {
  paths?: string[];
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** the walk of these paths when the caller has already made it (the analysis cache's check) */
  walk?: WalkResult;
  /** each walked file's outcome, from the cache or a scan (the analysis cache's inputs) */
  onOutcome?: (outcome: FileJobOutcome) => void;
}

const READ_CONCURRENCY = 16;
/**
 * Below this many files to read, starting workers costs more than it saves. Each worker loads the
 * parsers (about half a second of CPU) while the shared trigger test lets only about one file in
 * ten of a typical repository through to a parser: a couple of thousand files hold a few hundred
 * parses, which one thread finishes in about the time the workers take to start.
 */
const WORKER_THRESHOLD = 2000;

async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const run = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
}


export class WorkspaceIndex {
  private readonly results = new Map<string, FileScanResult>();
  /** problems of files that were not scanned (too large, binary, unreadable), by file */
  private readonly hostProblems = new Map<string, Problem>();
  /** every file read and scanned, whether or not it held anything */
  private readonly scannedFiles = new Set<string>();
  private walkProblems: Problem[] = [];
  /** raw paths of files whose names are not valid UTF-8 (`WalkResult.rawPaths`), for rescans from disk */
  private rawPaths = new Map<string, Buffer>();
  private context: ScanContext | undefined;
  private cached: DependencyMap | undefined;
  private change: LastChange = { kind: 'analysed' };
  readonly counters: IndexCounters = { rescans: 0, analyses: 0, unchanged: 0, moved: 0, trivia: 0 };
  /** the resolution queries and rule runs kept between analyses (issue 12, item 3) */
  private readonly analysis = new IncrementalAnalysis();
  /** per file edited in the editor: what its next comment or blank-line edit needs (see `triviaEdits`) */
  private readonly triviaStates = new Map<string, TriviaState>();
  config: OutageRadarConfig;

  constructor(readonly root: string, private readonly options: WorkspaceIndexOptions = {}) {
    this.config = options.config ?? defaultConfig();
  }

  private async scanContext(): Promise<ScanContext> {
    this.context ??= { languages: await loadLanguages() };
    return this.context;
  }

  get fileCount(): number {
    return this.results.size;
  }

  /**
   * Walks and scans the workspace (or the given paths inside it). Files unchanged since the cache
   * was written are not read; the rest are read and scanned — on a pool of worker threads when
   * there are many of them, else in this thread. On a cold scan the workers are started as soon
   * as the walk has found enough files, so that loading their parsers overlaps the walk.
   */
  async build(options: BuildOptions = {}): Promise<WalkResult> {
    const cache = this.options.cacheDirectory ? new ScanCache(this.root, this.options.cacheDirectory, { disabledSources: this.config.disabledSources, maxFileBytes: this.options.maxFileBytes }) : undefined;
    await cache?.load();
    const jobOptions: FileJobOptions = { root: this.root, maxFileBytes: this.options.maxFileBytes, disabledSources: this.config.disabledSources, hashContent: cache !== undefined };
    const workers = this.options.workers ?? 'auto';
    const mayUseWorkers = workers !== false && canUseWorkers();
    // A warm cache is expected to serve most files: starting workers early would only cost.
    const startEarly = mayUseWorkers && (workers === true || (cache?.size ?? 0) < WORKER_THRESHOLD);
    let pool: ScanPool | undefined;
    let found = 0;
    let walk: WalkResult;
    // The try starts before the walk: workers it starts early must be stopped whatever happens next.
    try {
      walk = options.walk ?? await walkWorkspace(this.root, options.paths ?? [], {
        ignore: this.config.ignore,
        signal: options.signal,
        onFile: startEarly ? () => {
          if (++found === WORKER_THRESHOLD) pool = new ScanPool(jobOptions).start();
        } : undefined,
      });
      this.walkProblems = walk.problems;
      this.rawPaths = walk.rawPaths;
      let done = 0;
      const total = walk.files.length;
      const progress = () => options.onProgress?.(++done, total);
      const jobs: FileJob[] = [];
      if (cache) {
        for (const { file, hit } of await statAgainstCache(this.root, walk.files, cache, options.signal)) {
          if (hit) {
            const outcome: FileJobOutcome = { file, kind: 'scanned', entry: hit };
            this.acceptOutcome(outcome);
            options.onOutcome?.(outcome);
            progress();
          } else jobs.push({ file, cached: cache.entry(file), path: walk.rawPaths.get(file) });
        }
      } else for (const file of walk.files) jobs.push({ file, path: walk.rawPaths.get(file) });
      const accept = (o: FileJobOutcome) => {
        this.acceptOutcome(o);
        options.onOutcome?.(o);
        if (o.kind === 'scanned') cache?.set(o.file, o.entry);
        progress();
      };
      if (mayUseWorkers && (workers === true || jobs.length >= WORKER_THRESHOLD)) {
        pool ??= new ScanPool(jobOptions);
        await pool.run(jobs, accept, options.signal);
      } else {
        // Workers started on the walk's count are not needed after all (the cache served most files).
        void pool?.close();
        pool = undefined;
        const context = await this.scanContext();
        await forEachLimited(jobs, READ_CONCURRENCY, async (job) => {
          if (!options.signal?.aborted) accept(await runFileJob(job, context, jobOptions));
        });
      }
    } finally {
      await pool?.close();
    }
    this.sortResults();
    if (cache && !options.paths?.length && !options.signal?.aborted) {
      cache.retainOnly(new Set(walk.files));
      await cache.save();
    } else await cache?.save();
    this.invalidate();
    return walk;
  }

  /** Results in path order, whatever order the workers finished in: the analysis sees the same input every time. */
  private sortResults(): void {
    const sorted = [...this.results].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.results.clear();
    for (const [file, result] of sorted) this.results.set(file, result);
  }

  private acceptOutcome(o: FileJobOutcome): void {
    this.triviaStates.delete(o.file);
    if (o.kind === 'skipped') {
      this.results.delete(o.file);
      this.scannedFiles.delete(o.file);
      this.hostProblems.set(o.file, o.problem);
      return;
    }
    this.hostProblems.delete(o.file);
    this.scannedFiles.add(o.file);
    if (o.entry.result) this.results.set(o.file, o.entry.result);
    else this.results.delete(o.file);
  }

  private async scanFromDisk(file: string, context: ScanContext): Promise<void> {
    this.acceptOutcome(await runFileJob({ file, path: this.rawPaths.get(file) }, context, { root: this.root, maxFileBytes: this.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, disabledSources: this.config.disabledSources, hashContent: false }));
  }

  private store(file: string, result: FileScanResult): void {
    // Files no scanner understood are not kept: they cannot hold a dependency.
    if (result.formats.length === 0 && result.problems.length === 0) this.results.delete(file);
    else this.results.set(file, result);
    this.invalidate();
  }

  private invalidate(): void {
    this.cached = undefined;
    this.change = { kind: 'analysed' };
  }

  /** Rescans one file from text the editor holds (an open, possibly unsaved document). */
  async updateText(file: string, text: string): Promise<FileScanResult> {
    const tooLarge = this.openTextTooLarge(file, text);
    if (tooLarge) {
      this.results.delete(file);
      this.scannedFiles.delete(file);
      this.hostProblems.set(file, tooLarge);
      this.invalidate();
      return { file, formats: [], dependencies: [], problems: [tooLarge], suppressions: [] };
    }
    const context = await this.scanContext();
    // The file's previous state, for the early cutoff: it must have been scanned (not skipped) for
    // the memoised map to hold its facts.
    const previous = this.cached;
    const changesBefore = this.change;
    const before = this.scannedFiles.has(file) && !this.hostProblems.has(file) ? this.results.get(file) ?? emptyResult(file) : undefined;
    this.hostProblems.delete(file);
    this.scannedFiles.add(file);
    const result = this.scanEditorText(file, text, before, context);
    this.store(file, result);
    if (previous && before && this.options.earlyCutoff !== false) this.cutOff(previous, changesBefore, before, this.results.get(file) ?? emptyResult(file));
    return result;
  }

  /**
   * The file's scan result for the editor's text: its previous result moved when the edit only
   * touched comments, blank lines or spaces (the trivia barrier), else a rescan that keeps what the
   * next such edit needs.
   */
  private scanEditorText(file: string, text: string, before: FileScanResult | undefined, context: ScanContext): FileScanResult {
    const trivia = triviaLazily();
    const options = { disabled: new Set(this.config.disabledSources) };
    const state = this.triviaStates.get(file);
    this.triviaStates.delete(file);
    if (state && before === state.result && this.options.triviaEdits !== false) {
      const outcome = trivia.moveTriviaEdit(state, text, options);
      if (outcome.kind === 'moved') {
        this.counters.trivia++;
        this.triviaStates.set(file, outcome.state);
        return outcome.state.result;
      }
    }
    const scanned = trivia.scanKeepingTrivia(file, text, context, options);
    this.counters.rescans++;
    if (scanned.state) this.triviaStates.set(file, scanned.state);
    return scanned.result;
  }

  /**
   * An open document is held to the limit of files on disk: a 46 MiB document in an editor is not
   * scanned either. UTF-8 takes at least one byte per UTF-16 unit, so only texts near the limit
   * are measured.
   */
  private openTextTooLarge(file: string, text: string): Problem | undefined {
    const limit = this.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    if (text.length * 3 <= limit) return undefined;
    const bytes = text.length > limit ? text.length : Buffer.byteLength(text, 'utf8');
    if (bytes <= limit) return undefined;
    return { file, reason: `open document larger than the ${formatBytes(limit)} limit (${text.length > limit ? 'over ' : ''}${formatBytes(bytes)}): not scanned`, severity: 'skipped' };
  }

  /**
   * Keeps the previous map when the rescanned file's facts did not change (moving its positions
   * when only its lines moved). Anything the comparison cannot vouch for leaves the map to be
   * analysed again: a wrong answer here would outlive the edit.
   */
  private cutOff(previous: DependencyMap, changesBefore: LastChange, before: FileScanResult, after: FileScanResult): void {
    const files = new Set<string>([after.file]);
    const outcome = mapAfterRescan(previous, before, after, files);
    if (!outcome) return;
    this.cached = outcome.map;
    // Changes accumulate until the server takes them: two moves before one publication publish both files.
    this.change = changesBefore;
    if (outcome.kind === 'same') this.counters.unchanged++;
    else {
      this.counters.moved++;
      if (changesBefore.kind === 'unchanged') this.change = { kind: 'moved', files };
      else if (changesBefore.kind === 'moved') this.change = { kind: 'moved', files: new Set([...changesBefore.files, ...files]) };
    }
  }

  /**
   * What changed in the map since the last call (the server calls it when it publishes): nothing,
   * some files' positions, or anything (a full analysis, or none yet).
   */
  takeChanges(): LastChange {
    const change = this.change;
    this.change = { kind: 'unchanged' };
    return change;
  }

  /** Rescans one file from disk (saved, created or changed outside the editor). */
  async refreshFromDisk(file: string): Promise<void> {
    if (!isCandidatePath(file)) return;
    // The walk's rule for links holds after file events too: a target outside the root is not read.
    const outside = await outsideRootProblem(this.root, file);
    if (outside) {
      this.remove(file);
      // The walk may have reported it already.
      if (!this.walkProblems.some((p) => p.file === file)) this.hostProblems.set(file, outside);
    } else await this.scanFromDisk(file, await this.scanContext());
    this.counters.rescans++;
    this.invalidate();
  }

  remove(file: string): void {
    this.triviaStates.delete(file);
    this.results.delete(file);
    this.scannedFiles.delete(file);
    this.hostProblems.delete(file);
    this.invalidate();
  }

  setConfig(config: OutageRadarConfig, problems: Problem[] = []): void {
    this.config = config;
    this.options.configProblems = problems;
    this.invalidate();
  }

  /** Workspace-relative paths of the files that hold a scan result (the server removes a deleted folder's files). */
  files(): string[] {
    return [...this.results.keys()];
  }

  scanResult(file: string): FileScanResult | undefined {
    return this.results.get(file);
  }

  /** What the last analysis recomputed: the files whose resolution queries ran, the dependencies and files the scoped rules ran over. */
  get analysisScope(): AnalysisScope | undefined {
    return this.analysis.lastScope;
  }

  /** How the resolution queries were answered since the index was created (cold, incremental, cut off). */
  get resolutionCounters(): ResolutionCounters {
    return this.analysis.resolutionCounters;
  }

  /** The dependency map of the whole workspace; memoised until the next change. */
  analyse(durationMs?: number): DependencyMap {
    if (this.cached && durationMs === undefined) return this.cached;
    const hostProblems = [...(this.options.configProblems ?? []), ...this.walkProblems, ...this.hostProblems.values()];
    this.counters.analyses++;
    this.change = { kind: 'analysed' };
    // The bench's baseline: every analysis cold, as before the queries were cached.
    if (this.options.earlyCutoff === false) this.analysis.clear();
    this.cached = this.analysis.analyse([...this.results.values()], {
      root: this.root,
      config: this.config,
      docsBaseUrl: this.options.docsBaseUrl ?? docsBaseUrl(),
      hostProblems,
      filesSkipped: this.walkProblems.length + this.hostProblems.size,
      filesScanned: this.scannedFiles.size,
      keepSuppressed: this.options.keepSuppressed,
      durationMs,
    });
    return this.cached;
  }
}

/** At most this many files make up the deploy context of the open files (a flat folder of thousands is not read first). */
const MAX_CONTEXT_FILES = 400;

/**
 * The files that decide where the given files run, as far as is cheap to know without walking the
 * workspace: the candidate files directly in each folder from theirs up to the root (templates,
 * samconfig, serverless.yml, Terraform, CDK and Pulumi projects, `.env` files sit beside or above
 * the code they deploy) and the root's CI workflows. Workspace-relative, sorted, the files included.
 */
export async function deployContextOf(root: string, files: readonly string[]): Promise<string[]> {
  const folders = new Set<string>(['.github/workflows']);
  for (const file of files) {
    const parts = file.split('/').slice(0, -1);
    for (let i = parts.length; i >= 0; i--) folders.add(parts.slice(0, i).join('/'));
  }
  const out = new Set(files);
  for (const folder of folders) {
    if (folder.split('/').some((segment) => DEFAULT_IGNORED_DIRECTORIES.has(segment))) continue;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(path.join(root, folder), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const rel = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isFile() && isCandidatePath(rel)) out.add(rel);
      if (out.size >= MAX_CONTEXT_FILES) return [...out].sort();
    }
  }
  return [...out].sort();
}

type TriviaModule = typeof import('../core/incremental/trivia');
let triviaModule: TriviaModule | undefined;

/** The trivia barrier, loaded with the scanners it calls on the first edit (see `scanFileLazily`). */
function triviaLazily(): TriviaModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  triviaModule ??= require('../core/incremental/trivia') as TriviaModule;
  return triviaModule;
}

function emptyResult(file: string): FileScanResult {
  return { file, formats: [], dependencies: [], problems: [], suppressions: [] };
}

export interface ScanWorkspaceOptions extends WorkspaceIndexOptions, BuildOptions {
  /** an explicit config file (`--config`); default: `.outage-radar.yaml` at the root */
  configFile?: string;
  /** how the map was obtained (the tests count analyses through it) */
  onAnalysis?: (outcome: AnalysisOutcome) => void;
}

/**
 * How {@link scanWorkspace} obtained its map: `unchanged` — every file had its recorded size and
 * modification time, so the stored analysis was reused without reading the scan cache; `same-inputs`
 * — the files were scanned (from the cache or not) and the analysis's inputs were those stored;
 * `analysed` — resolution, rules and risk ran over the whole workspace.
 */
export type AnalysisOutcome = { kind: 'unchanged' | 'same-inputs' | 'analysed'; analyses: number };

/**
 * Scans a workspace once and returns its dependency map: the CLI's and the tests' entry point.
 * With a cache directory, the analysis of the last scan is reused when none of its inputs changed
 * (src/node/analysisCache.ts); only `summary.durationMs` is of this run.
 */
export async function scanWorkspace(root: string, options: ScanWorkspaceOptions = {}): Promise<DependencyMap> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let config = options.config;
  let configProblems = options.configProblems ?? [];
  if (!config) {
    const loaded = await loadWorkspaceConfig(root, options.configFile);
    config = loaded.config;
    configProblems = loaded.problems;
  }
  const index = new WorkspaceIndex(root, { ...options, config, configProblems });
  if (!options.cacheDirectory) {
    await index.build(options);
    const map = index.analyse(elapsed());
    options.onAnalysis?.({ kind: 'analysed', analyses: index.counters.analyses });
    return map;
  }
  const settings = scanSettingsKey({ disabledSources: config.disabledSources, maxFileBytes: options.maxFileBytes });
  const cache = new AnalysisCache(root, options.cacheDirectory, settings);
  const context: AnalysisContext = {
    engine: ENGINE_BUILD,
    settings,
    // As given: the map's `root` is this string (the cache file is chosen by the resolved path).
    root,
    targets: options.paths ?? [],
    config,
    configProblems,
    docsBaseUrl: options.docsBaseUrl ?? docsBaseUrl(),
    keepSuppressed: options.keepSuppressed === true,
  };
  const stored = await cache.load();
  // The stored files' times are checked before the scan cache is read at all: when every one is
  // unchanged, the per-file results are neither decoded nor needed.
  let walk = options.walk;
  if (stored && !options.signal?.aborted) {
    walk ??= await walkWorkspace(root, options.paths ?? [], { ignore: config.ignore, signal: options.signal });
    const files = unchangedFiles(root, walk, stored);
    const map = files && !options.signal?.aborted && analysisKey(context, walk.problems, files) === stored.key ? stored.map() : undefined;
    if (map) {
      map.summary.durationMs = elapsed();
      options.onAnalysis?.({ kind: 'unchanged', analyses: index.counters.analyses });
      return map;
    }
  }
  const outcomes = new Map<string, FileRecord>();
  walk = await index.build({
    ...options,
    walk,
    onOutcome: (o) => outcomes.set(o.file, o.kind === 'scanned' ? { file: o.file, size: o.entry.size, mtimeMs: o.entry.mtimeMs, hash: o.entry.hash } : { file: o.file, problem: o.problem }),
  });
  const files = walk.files.map((file) => outcomes.get(file));
  // An aborted scan, or a file scanned without a content id, is not a set of inputs to store.
  const complete = !options.signal?.aborted && files.every((r) => r !== undefined && !('hash' in r && !r.hash));
  const records = files as FileRecord[];
  const key = complete ? analysisKey(context, walk.problems, records) : undefined;
  const reused = key !== undefined && stored?.key === key ? stored.map() : undefined;
  if (reused && stored) {
    reused.summary.durationMs = elapsed();
    // The files' times changed (a checkout that rewrote them): store the new ones, so that the next
    // scan takes the unchanged path again; the map's text is written as it was read.
    if (!sameTimes(stored.files, records)) await cache.save(key!, records, stored.text);
    options.onAnalysis?.({ kind: 'same-inputs', analyses: index.counters.analyses });
    return reused;
  }
  const map = index.analyse(elapsed());
  if (key !== undefined) await cache.save(key, records, map);
  options.onAnalysis?.({ kind: 'analysed', analyses: index.counters.analyses });
  return map;
}

function sameTimes(a: readonly FileRecord[], b: readonly FileRecord[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.file !== y.file || 'hash' in x !== 'hash' in y) return false;
    if ('hash' in x && 'hash' in y && (x.size !== y.size || x.mtimeMs !== y.mtimeMs)) return false;
  }
  return true;
}
