/**
 * One file's job, the same in the main thread and in a worker: read the bytes once, hash them
 * when a cache will keep the result, reject the file on its raw bytes when it holds none of the
 * shared trigger words, and only then decode and scan. Returns plain data (it crosses the worker
 * boundary).
 *
 * Most files of a real repository are rejected at the byte test: they are never decoded into a
 * JavaScript string, and no scanner looks at them.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FileScanResult, Problem } from '../core/model';
import { needsNoTrigger, TRIGGER_PATTERN } from '../core/scanners/candidates';
import type { ScanContext } from '../core/scanners/types';
import { binaryProblem, decodeOutcome, DEFAULT_MAX_FILE_BYTES, hasUtf16Bom, looksBinary, readSourceBytes, readSourceBytesSync, type BytesOutcome } from './readSource';
import type { CacheEntry } from './scanCache';
import { errorCode } from './readSource';

export interface FileJob {
  file: string;
  /** the absolute path as raw bytes, for a path that is not valid UTF-8 (`WalkResult.rawPaths`) */
  path?: Uint8Array;
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
  /**
   * Whether outcomes carry a content hash (default: yes). Only a persistent cache needs it; a
   * `--no-cache` scan skips hashing. Without it `entry.hash` is the empty string.
   */
  hashContent?: boolean;
}

type ScanFileFunction = typeof import('../core/scanners').scanFile;
let scanFileFunction: ScanFileFunction | undefined;

/**
 * The scanner registry, loaded on first use. The registry pulls in the parsers (TypeScript's
 * among them, the largest part of the bundle to initialise); a process whose files are all
 * scanned by workers, or all served from the cache, never initialises them.
 */
export function scanFileLazily(): ScanFileFunction {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  scanFileFunction ??= (require('../core/scanners') as typeof import('../core/scanners')).scanFile;
  return scanFileFunction;
}

/** A content hash of the bytes: the cache's fallback when size or modification time changed. */
export function bytesHash(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/**
 * Whether the raw bytes may matter: the file is known by name, or is UTF-16 (decoded before any
 * test), or holds a trigger word. The words are ASCII, so a Latin-1 view of UTF-8 bytes (one
 * character per byte, a plain copy) finds exactly the occurrences the decoded text has.
 */
export function bytesMayHoldDependency(file: string, bytes: Buffer): boolean {
  return needsNoTrigger(file) || hasUtf16Bom(bytes) || TRIGGER_PATTERN.test(bytes.toString('latin1'));
}

export async function runFileJob(job: FileJob, context: ScanContext, options: FileJobOptions): Promise<FileJobOutcome> {
  return finishJob(job, await readSourceBytes(fsPathOf(job, options), job.file, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES), context, options);
}

/** The same job with blocking reads (scan workers). */
export function runFileJobSync(job: FileJob, context: ScanContext, options: FileJobOptions): FileJobOutcome {
  return finishJob(job, readSourceBytesSync(fsPathOf(job, options), job.file, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES), context, options);
}

/** Where the job's file is: its raw bytes when its path is not valid UTF-8 (a worker receives them as a Uint8Array). */
function fsPathOf(job: FileJob, options: FileJobOptions): string | Buffer {
  return job.path ? Buffer.from(job.path.buffer, job.path.byteOffset, job.path.byteLength) : path.join(options.root, job.file);
}

function finishJob(job: FileJob, read: BytesOutcome, context: ScanContext, options: FileJobOptions): FileJobOutcome {
  if (!read.bytes) return { file: job.file, kind: 'skipped', problem: read.problem };
  const { bytes, size, mtimeMs } = read;
  const hash = options.hashContent === false ? '' : bytesHash(bytes);
  if (job.cached && hash && job.cached.hash === hash) {
    return { file: job.file, kind: 'scanned', entry: { ...job.cached, size, mtimeMs } };
  }
  if (looksBinary(bytes)) return { file: job.file, kind: 'skipped', problem: binaryProblem(job.file) };
  if (!bytesMayHoldDependency(job.file, bytes)) return { file: job.file, kind: 'scanned', entry: { size, mtimeMs, hash } };
  const decoded = decodeOutcome(job.file, read);
  if (decoded.text === undefined) return { file: job.file, kind: 'skipped', problem: decoded.problem };
  const result: FileScanResult = scanFileLazily()(job.file, decoded.text, context, { disabled: new Set(options.disabledSources ?? []) });
  if (decoded.problem) result.problems.unshift(decoded.problem);
  const keep = result.formats.length > 0 || result.problems.length > 0;
  return { file: job.file, kind: 'scanned', entry: { size, mtimeMs, hash, ...(keep ? { result } : {}) } };
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
