/**
 * The persistent scan cache: per-file scan results keyed by path, size and modification time, with
 * a content hash as the fallback when those change (a checkout that touched a file without changing
 * it costs a read, not a parse). Entries are tied to everything that changes a file's result —
 * the engine build (a new version of the scanners never reads old results), the sources switched
 * off, the size limit — through {@link scanSettingsKey}: one JSON file per workspace root and
 * key, so switching a source off and on again finds the results of each setting, never the
 * other's.
 */
import { createHash } from 'node:crypto';
import { promises as fs, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FileScanResult } from '../core/model';
import { writeFileSafely } from './safeWrite';

declare const __ENGINE_BUILD__: string | undefined;

/** Set by the bundler to a hash of the engine's sources; unbundled runs (tests) never share a cache across processes. */
export const ENGINE_BUILD: string = typeof __ENGINE_BUILD__ === 'string' ? __ENGINE_BUILD__ : `dev-${process.pid}-${Date.now()}`;

export interface CacheEntry {
  size: number;
  mtimeMs: number;
  hash: string;
  /** absent when the file held nothing for any scanner */
  result?: FileScanResult;
}

interface CacheFile {
  engine: string;
  /** {@link scanSettingsKey} of the scans the entries come from */
  settings?: string;
  root: string;
  entries: Record<string, CacheEntry>;
}

export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** `$OUTAGE_RADAR_CACHE_DIR`, else `$XDG_CACHE_HOME/outage-radar`, else `~/.cache/outage-radar`. */
export function defaultCacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.OUTAGE_RADAR_CACHE_DIR) return env.OUTAGE_RADAR_CACHE_DIR;
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'outage-radar');
}

/** What, besides a file's bytes, decides its scan result: the scanners switched off and the size limit. */
export interface ScanSettings {
  disabledSources?: readonly string[];
  maxFileBytes?: number;
}

/** One string for the settings a cache's entries were scanned with (engine build included). */
export function scanSettingsKey(settings: ScanSettings = {}): string {
  return JSON.stringify({ engine: ENGINE_BUILD, disabled: [...new Set(settings.disabledSources ?? [])].sort(), maxFileBytes: settings.maxFileBytes ?? null });
}

/**
 * The file of a cache in `directory` for one root and one settings key (`scanSettingsKey`): the
 * scan cache and the analysis cache sit side by side under the same name, each with its extension.
 */
export function cacheFilePath(directory: string, root: string, settingsKey: string, extension: string): string {
  const rootHash = createHash('sha1').update(path.resolve(root)).digest('hex').slice(0, 16);
  const settingsHash = createHash('sha1').update(settingsKey).digest('hex').slice(0, 12);
  return path.join(directory, `${rootHash}-${settingsHash}${extension}`);
}

/**
 * Whether the file at `absolutePath` is still the regular file of the recorded size and
 * modification time: the caches' rule for "unchanged" (an unreadable path is not). A Buffer is a
 * name that is not valid UTF-8, as the walk keeps it.
 */
export function sameSizeAndTime(absolutePath: string | Buffer, size: number, mtimeMs: number): boolean {
  try {
    const st = statSync(absolutePath, { throwIfNoEntry: false });
    return st !== undefined && st.isFile() && st.size === size && st.mtimeMs === mtimeMs;
  } catch {
    return false;
  }
}

export class ScanCache {
  private entries = new Map<string, CacheEntry>();
  private dirty = false;
  readonly file: string;
  private readonly settings: string;

  constructor(readonly root: string, directory: string, settings: ScanSettings = {}) {
    this.settings = scanSettingsKey(settings);
    this.file = cacheFilePath(directory, root, this.settings, '.json');
  }

  /** Loads the cache file; a missing, corrupt or other-engine file means an empty cache. */
  async load(): Promise<void> {
    try {
      const data = JSON.parse(await fs.readFile(this.file, 'utf8')) as CacheFile;
      if (data.engine === ENGINE_BUILD && data.settings === this.settings && data.root === path.resolve(this.root) && data.entries && typeof data.entries === 'object') {
        this.entries = new Map(Object.entries(data.entries));
      }
    } catch {
      this.entries = new Map();
    }
  }

  /** How many files the cache holds. */
  get size(): number {
    return this.entries.size;
  }

  /** Whatever the cache holds for the file, current or not (the content-hash fallback needs it). */
  entry(file: string): CacheEntry | undefined {
    return this.entries.get(file);
  }

  set(file: string, entry: CacheEntry): void {
    this.entries.set(file, entry);
    this.dirty = true;
  }

  /** Drops entries of files that no longer exist, so the cache does not grow forever. */
  retainOnly(files: ReadonlySet<string>): void {
    for (const f of this.entries.keys()) {
      if (!files.has(f)) {
        this.entries.delete(f);
        this.dirty = true;
      }
    }
  }

  /** Writes atomically through the one safe write (no links); a cache that cannot be written is not an error. */
  async save(): Promise<void> {
    if (!this.dirty) return;
    const data: CacheFile = { engine: ENGINE_BUILD, settings: this.settings, root: path.resolve(this.root), entries: Object.fromEntries(this.entries) };
    try {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      await writeFileSafely(this.file, JSON.stringify(data));
      this.dirty = false;
    } catch {
      // The next scan simply starts cold.
    }
  }
}

/** Files stat-ed per slice before the event loop gets a turn (see {@link statAgainstCache}). */
const STAT_SLICE = 512;

/**
 * Compares each file's size and modification time with the cache: `hit` is the cached entry when
 * both are unchanged. Blocking `stat` calls cost a few microseconds where a promise round trip
 * through libuv's thread pool costs tens, so they run in slices with a turn of the event loop
 * between them: an editor's server stays responsive during a warm start of a large workspace.
 */
export async function statAgainstCache(root: string, files: readonly string[], cache: ScanCache, signal?: AbortSignal): Promise<{ file: string; hit?: CacheEntry }[]> {
  const out: { file: string; hit?: CacheEntry }[] = [];
  for (let start = 0; start < files.length; start += STAT_SLICE) {
    if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    if (signal?.aborted) break;
    for (const file of files.slice(start, start + STAT_SLICE)) {
      const known = cache.entry(file);
      if (!known) {
        out.push({ file });
        continue;
      }
      // A file unreadable now misses: the job reads it and reports the problem.
      out.push({ file, hit: sameSizeAndTime(path.join(root, file), known.size, known.mtimeMs) ? known : undefined });
    }
  }
  return out;
}
