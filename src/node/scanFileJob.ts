/**
 * One file's job, the same in the main thread and in a worker: stat, consult the cache, read,
 * hash, scan. Returns plain data (it crosses the worker boundary).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FileScanResult, Problem } from '../core/model';
import { scanFile, type ScanContext } from '../core/scanners';
import { DEFAULT_MAX_FILE_BYTES, readSourceFile } from './readSource';
import { contentHash, type CacheEntry } from './scanCache';
import { errorCode } from './workspaceFiles';

export interface FileJob {
  file: string;
  /** the cached entry known to the caller, for the content-hash fallback */
  cached?: CacheEntry;
}

export type FileJobOutcome =
  | { file: string; kind: 'scanned'; entry: CacheEntry }
  | { file: string; kind: 'skipped'; problem: Problem };

export interface FileJobOptions {
  root: string;
  maxFileBytes?: number;
  disabledSources?: string[];
}

export async function runFileJob(job: FileJob, context: ScanContext, options: FileJobOptions): Promise<FileJobOutcome> {
  const absolute = path.join(options.root, job.file);
  const outcome = await readSourceFile(absolute, job.file, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  if (outcome.text === undefined) return { file: job.file, kind: 'skipped', problem: outcome.problem };
  const hash = contentHash(outcome.text);
  if (job.cached && job.cached.hash === hash) {
    return { file: job.file, kind: 'scanned', entry: { ...job.cached, size: outcome.size, mtimeMs: outcome.mtimeMs } };
  }
  const result: FileScanResult = scanFile(job.file, outcome.text, context, { disabled: new Set(options.disabledSources ?? []) });
  if (outcome.problem) result.problems.unshift(outcome.problem);
  const keep = result.formats.length > 0 || result.problems.length > 0;
  return { file: job.file, kind: 'scanned', entry: { size: outcome.size, mtimeMs: outcome.mtimeMs, hash, ...(keep ? { result } : {}) } };
}

/** Size and modification time without reading, for the cache's first check. */
export async function statFile(root: string, file: string): Promise<{ size: number; mtimeMs: number } | undefined> {
  try {
    const st = await fs.stat(path.join(root, file));
    return st.isFile() ? { size: st.size, mtimeMs: st.mtimeMs } : undefined;
  } catch (error) {
    void errorCode(error);
    return undefined;
  }
}
