/**
 * The persistent analysis cache: the dependency map of the last scan of a workspace, kept beside
 * the scan cache with everything that analysis depended on, so that a rescan whose inputs did not
 * change returns that map instead of resolving, running the rules and scoring the whole workspace
 * again (a build system's no-op check).
 *
 * The inputs are the engine build, the scan settings, the root and the targets, the configuration
 * (its parsed content and its problems), the rule documentation's base URL, whether suppressed
 * findings are kept, the walk's problems and, for every walked file in path order, its content id
 * (the scan cache's hash of its bytes) or the reason it was skipped. They are hashed into one key.
 *
 * Two ways to reuse the map:
 * - **Unchanged files** ({@link unchangedFiles}): the walk finds exactly the files of the stored
 *   analysis and each has the size and modification time recorded with it (the scan cache's own
 *   rule); their content ids are then the recorded ones, so the key can be checked without
 *   reading the scan cache at all. A file that was skipped last time (unreadable, binary, too
 *   large) is not vouched for by its times (a permission can change without them): such a
 *   workspace takes the second way.
 * - **Same inputs**: after the usual scan (cache hits and rescans), the key of what was scanned
 *   equals the stored one (files touched but not changed, a skipped file still skipped).
 *
 * Any doubt — no file, a link, a file over the size bound, text that does not parse, another
 * format or engine build, a key that differs — means a full analysis. The file is read with the
 * one safe read (no links, a regular file, bounded) and written with the one safe write.
 *
 * The file is one line of JSON for the header (format, engine, key, the file records) and one for
 * the map, so that a check that fails never parses the map.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { OutageRadarConfig } from '../core/config';
import type { DependencyMap, Problem } from '../core/model';
import { readWorkspaceText } from './safeRead';
import { cacheFilePath, ENGINE_BUILD, sameSizeAndTime } from './scanCache';
import { writeFileSafely } from './safeWrite';
import type { WalkResult } from './workspaceFiles';

const FORMAT = 'outage-radar-analysis/1';

/**
 * The largest analysis file read or written. A 50k-file workspace's map is about 50 MB of JSON;
 * a bigger one is analysed each time rather than held as one string of hundreds of megabytes.
 */
export const MAX_ANALYSIS_CACHE_BYTES = 256 * 1024 * 1024;

/** Everything besides the files that the analysis of a scan depends on. */
export interface AnalysisContext {
  /** the engine build ({@link ENGINE_BUILD}); a new build never reuses an old map */
  engine: string;
  /** `scanSettingsKey` of the scan: sources switched off, the size limit */
  settings: string;
  /** the root the map was analysed for, as given to the scan (the map's `root`) */
  root: string;
  /** the paths the scan was limited to (none: the whole root) */
  targets: readonly string[];
  config: OutageRadarConfig;
  configProblems: readonly Problem[];
  docsBaseUrl: string;
  keepSuppressed: boolean;
}

/** One walked file: scanned (with its content id and the times that vouch for it) or skipped. */
export type FileRecord = { file: string; size: number; mtimeMs: number; hash: string } | { file: string; problem: Problem };

/** A record as stored: `[file, size, mtimeMs, hash]` or `[file, problem]`. */
type StoredRecord = [string, number, number, string] | [string, Problem];

interface Header {
  format: string;
  engine: string;
  key: string;
  files: StoredRecord[];
}

/** The key of an analysis: a hash of its inputs (times left out; the content id is the file's). */
export function analysisKey(context: AnalysisContext, walkProblems: readonly Problem[], files: readonly FileRecord[]): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ ...context, targets: [...context.targets], walkProblems }));
  for (const record of files) hash.update('\n').update(JSON.stringify('hash' in record ? [record.file, record.hash] : [record.file, record.problem]));
  return hash.digest('hex');
}

/** A stored analysis whose header was read; the map is parsed only when asked for. */
export class StoredAnalysis {
  constructor(readonly key: string, readonly files: readonly FileRecord[], private readonly mapText: string) {}

  /** The stored map, or undefined when its text does not hold one. */
  map(): DependencyMap | undefined {
    try {
      const map = JSON.parse(this.mapText) as DependencyMap;
      const plausible = map && typeof map === 'object' && map.version === 1 && Array.isArray(map.dependencies) && Array.isArray(map.findings) && Array.isArray(map.problems) && map.summary !== null && typeof map.summary === 'object';
      return plausible ? map : undefined;
    } catch {
      return undefined;
    }
  }

  /** The map's stored text (written again unparsed when only the files' times changed). */
  get text(): string {
    return this.mapText;
  }
}

export interface AnalysisCacheOptions {
  /** the engine build the cache belongs to (default: this one) */
  engine?: string;
  /** the largest file read or written (default {@link MAX_ANALYSIS_CACHE_BYTES}) */
  maxBytes?: number;
}

export class AnalysisCache {
  readonly file: string;
  private readonly engine: string;
  private readonly maxBytes: number;

  /** `settings` is the scan cache's settings key: one analysis per root and settings, as for the scan cache. */
  constructor(root: string, directory: string, settings: string, options: AnalysisCacheOptions = {}) {
    this.file = cacheFilePath(directory, root, settings, '.analysis.json');
    this.engine = options.engine ?? ENGINE_BUILD;
    this.maxBytes = options.maxBytes ?? MAX_ANALYSIS_CACHE_BYTES;
  }

  /** The stored analysis of this engine build, or undefined (missing, a link, too large, corrupt, other format or build). */
  async load(): Promise<StoredAnalysis | undefined> {
    const read = await readWorkspaceText(this.file, { maxBytes: this.maxBytes });
    if (read.text === undefined || read.lossy) return undefined;
    const newline = read.text.indexOf('\n');
    if (newline < 0) return undefined;
    let header: Header;
    try {
      header = JSON.parse(read.text.slice(0, newline)) as Header;
    } catch {
      return undefined;
    }
    if (!header || header.format !== FORMAT || header.engine !== this.engine || typeof header.key !== 'string' || !Array.isArray(header.files)) return undefined;
    const files: FileRecord[] = [];
    for (const stored of header.files) {
      const record = fromStored(stored);
      if (!record) return undefined;
      files.push(record);
    }
    return new StoredAnalysis(header.key, files, read.text.slice(newline + 1));
  }

  /**
   * Stores the map under its key, through the one safe write (no links, atomic). `map` is the map
   * itself or its JSON text. A cache that cannot be written, or a map over the bound, is not an
   * error: the next scan analyses again.
   */
  async save(key: string, files: readonly FileRecord[], map: DependencyMap | string): Promise<boolean> {
    try {
      const header: Header = { format: FORMAT, engine: this.engine, key, files: files.map(toStored) };
      const headerText = JSON.stringify(header);
      const mapText = typeof map === 'string' ? map : JSON.stringify(map);
      // Characters, not bytes: a map of ASCII (nearly all of one) is the same size in bytes.
      if (headerText.length + mapText.length + 1 > this.maxBytes) {
        await fs.rm(this.file, { force: true }).catch(() => undefined);
        return false;
      }
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      await writeFileSafely(this.file, [headerText, '\n', mapText]);
      return true;
    } catch {
      return false;
    }
  }
}

function toStored(record: FileRecord): StoredRecord {
  return 'hash' in record ? [record.file, record.size, record.mtimeMs, record.hash] : [record.file, record.problem];
}

function fromStored(stored: unknown): FileRecord | undefined {
  if (!Array.isArray(stored) || typeof stored[0] !== 'string') return undefined;
  if (stored.length === 4 && typeof stored[1] === 'number' && typeof stored[2] === 'number' && typeof stored[3] === 'string') {
    return { file: stored[0], size: stored[1], mtimeMs: stored[2], hash: stored[3] };
  }
  const problem = stored[1] as Problem | undefined;
  if (stored.length === 2 && problem && typeof problem === 'object' && typeof problem.file === 'string' && typeof problem.reason === 'string') return { file: stored[0], problem };
  return undefined;
}

/**
 * The stored records when the walk found exactly the stored files and each still has its
 * recorded size and modification time (the scan cache's rule for "unchanged"); undefined at the
 * first difference, or when a stored file was skipped (its times cannot vouch for it).
 */
export function unchangedFiles(root: string, walk: WalkResult, stored: StoredAnalysis): readonly FileRecord[] | undefined {
  if (walk.files.length !== stored.files.length) return undefined;
  for (let i = 0; i < walk.files.length; i++) {
    const record = stored.files[i];
    if (record.file !== walk.files[i] || !('hash' in record) || !record.hash) return undefined;
    if (!sameSizeAndTime(walk.rawPaths.get(record.file) ?? path.join(root, record.file), record.size, record.mtimeMs)) return undefined;
  }
  return stored.files;
}
