/**
 * The workspace index: every candidate file scanned once, kept per file, and re-analysed as a
 * whole when something changes. The CLI builds one and analyses it once; the language server keeps
 * one alive, feeds it open documents and file events, and re-analyses after each change. Scanning
 * is per file (the expensive part); resolution and rules run over the cached per-file results.
 */
import path from 'node:path';
import { analyseWorkspace } from '../core/analysis';
import type { OutageRadarConfig } from '../core/config';
import { defaultConfig } from '../core/config';
import type { DependencyMap, FileScanResult, Problem } from '../core/model';
import { isCandidatePath } from '../core/scanners/candidates';
import { scanFile, type ScanContext } from '../core/scanners';
import { docsBaseUrl } from './docsLocation';
import { loadLanguages } from './languages';
import { DEFAULT_MAX_FILE_BYTES, readSourceFile } from './readSource';
import { loadWorkspaceConfig } from './workspaceConfig';
import { walkWorkspace } from './workspaceFiles';

export interface WorkspaceIndexOptions {
  config?: OutageRadarConfig;
  /** problems found while loading the config (reported with the scan's problems) */
  configProblems?: Problem[];
  maxFileBytes?: number;
  keepSuppressed?: boolean;
  docsBaseUrl?: string;
}

export interface BuildOptions {
  paths?: string[];
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

const READ_CONCURRENCY = 16;

export class WorkspaceIndex {
  private readonly results = new Map<string, FileScanResult>();
  /** problems of files that were not scanned (too large, binary, unreadable), by file */
  private readonly hostProblems = new Map<string, Problem>();
  /** every file read and scanned, whether or not it held anything */
  private readonly scannedFiles = new Set<string>();
  private walkProblems: Problem[] = [];
  private context: ScanContext | undefined;
  private cached: DependencyMap | undefined;
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

  /** Walks and scans the workspace (or the given paths inside it). */
  async build(options: BuildOptions = {}): Promise<void> {
    const context = await this.scanContext();
    const walk = await walkWorkspace(this.root, options.paths ?? [], { ignore: this.config.ignore, signal: options.signal });
    this.walkProblems = walk.problems;
    let done = 0;
    const queue = [...walk.files];
    const worker = async () => {
      for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
        if (options.signal?.aborted) return;
        await this.scanFromDisk(file, context);
        options.onProgress?.(++done, walk.files.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, queue.length) }, worker));
    this.cached = undefined;
  }

  private async scanFromDisk(file: string, context: ScanContext): Promise<void> {
    const outcome = await readSourceFile(path.join(this.root, file), file, this.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
    if (outcome.text === undefined) {
      this.results.delete(file);
      this.scannedFiles.delete(file);
      this.hostProblems.set(file, outcome.problem);
      return;
    }
    this.hostProblems.delete(file);
    this.scannedFiles.add(file);
    const result = scanFile(file, outcome.text, context, { disabled: new Set(this.config.disabledSources) });
    if (outcome.problem) result.problems.unshift(outcome.problem);
    this.store(file, result);
  }

  private store(file: string, result: FileScanResult): void {
    // Files no scanner understood are not kept: they cannot hold a dependency.
    if (result.formats.length === 0 && result.problems.length === 0) this.results.delete(file);
    else this.results.set(file, result);
    this.cached = undefined;
  }

  /** Rescans one file from text the editor holds (an open, possibly unsaved document). */
  async updateText(file: string, text: string): Promise<FileScanResult> {
    const context = await this.scanContext();
    this.hostProblems.delete(file);
    this.scannedFiles.add(file);
    const result = scanFile(file, text, context, { disabled: new Set(this.config.disabledSources) });
    this.store(file, result);
    return result;
  }

  /** Rescans one file from disk (saved, created or changed outside the editor). */
  async refreshFromDisk(file: string): Promise<void> {
    if (!isCandidatePath(file)) return;
    await this.scanFromDisk(file, await this.scanContext());
    this.cached = undefined;
  }

  remove(file: string): void {
    this.results.delete(file);
    this.scannedFiles.delete(file);
    this.hostProblems.delete(file);
    this.cached = undefined;
  }

  setConfig(config: OutageRadarConfig, problems: Problem[] = []): void {
    this.config = config;
    this.options.configProblems = problems;
    this.cached = undefined;
  }

  /** Workspace-relative paths of the files that hold a scan result (the server removes a deleted folder's files). */
  files(): string[] {
    return [...this.results.keys()];
  }

  scanResult(file: string): FileScanResult | undefined {
    return this.results.get(file);
  }

  /** The dependency map of the whole workspace; memoised until the next change. */
  analyse(durationMs?: number): DependencyMap {
    if (this.cached && durationMs === undefined) return this.cached;
    const hostProblems = [...(this.options.configProblems ?? []), ...this.walkProblems, ...this.hostProblems.values()];
    this.cached = analyseWorkspace([...this.results.values()], {
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

export interface ScanWorkspaceOptions extends WorkspaceIndexOptions, BuildOptions {
  /** an explicit config file (`--config`); default: `.outage-radar.yaml` at the root */
  configFile?: string;
}

/** Scans a workspace once and returns its dependency map: the CLI's and the tests' entry point. */
export async function scanWorkspace(root: string, options: ScanWorkspaceOptions = {}): Promise<DependencyMap> {
  const started = performance.now();
  let config = options.config;
  let configProblems = options.configProblems ?? [];
  if (!config) {
    const loaded = await loadWorkspaceConfig(root, options.configFile);
    config = loaded.config;
    configProblems = loaded.problems;
  }
  const index = new WorkspaceIndex(root, { ...options, config, configProblems });
  await index.build(options);
  return index.analyse(Math.round(performance.now() - started));
}
