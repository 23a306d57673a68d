/**
 * Reads one source file safely: size limit before reading, binary detection, BOM-aware decoding
 * (UTF-8, UTF-16 LE/BE), and a problem instead of an exception for everything that goes wrong.
 * Files are opened once and stat-ed through the handle, so a read costs open, fstat, read, close.
 */
import { closeSync, constants, fstatSync, openSync, promises as fs, readSync } from 'node:fs';
import { MAX_FILE_BYTES } from '../core/limits';
import type { Problem } from '../core/model';

/** The one size limit for workspace files (src/core/limits.ts), under its historical name. */
export const DEFAULT_MAX_FILE_BYTES = MAX_FILE_BYTES;

export type ReadOutcome = { text: string; size: number; mtimeMs: number; problem?: Problem } | { text?: undefined; problem: Problem };

/** A file's bytes, or the problem that kept them from being read. */
export type BytesOutcome = { bytes: Buffer; size: number; mtimeMs: number; problem?: undefined } | { bytes?: undefined; problem: Problem };

export async function readSourceFile(absolute: string, file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<ReadOutcome> {
  const read = await readSourceBytes(absolute, file, maxBytes);
  return read.bytes ? decodeOutcome(file, read) : read;
}

/** Decodes bytes that were read; a binary file becomes a problem. */
export function decodeOutcome(file: string, read: { bytes: Buffer; size: number; mtimeMs: number }): ReadOutcome {
  const decoded = decode(read.bytes);
  if (decoded === undefined) return { problem: binaryProblem(file) };
  return {
    text: decoded.text,
    size: read.size,
    mtimeMs: read.mtimeMs,
    problem: decoded.lossy ? { file, reason: 'invalid UTF-8: read with replacement characters', severity: 'partial' } : undefined,
  };
}

export function binaryProblem(file: string): Problem {
  return { file, reason: 'binary file: skipped', severity: 'skipped' };
}

function tooLarge(file: string, size: number, maxBytes: number): Problem {
  return { file, reason: `larger than the ${formatBytes(maxBytes)} limit (${formatBytes(size)}): skipped`, severity: 'skipped' };
}

/**
 * Reads a file's bytes through one open handle: stat the handle (size limit, regular file), read,
 * close. The asynchronous form, for the calling thread (it must not block an editor's server).
 */
export async function readSourceBytes(absolute: string | Buffer, file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<BytesOutcome> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(absolute, constants.O_RDONLY | NON_BLOCKING);
    const st = await handle.stat();
    if (!st.isFile()) return { problem: { file, reason: 'not a regular file', severity: 'skipped' } };
    if (st.size > maxBytes) return { problem: tooLarge(file, st.size, maxBytes) };
    const bytes = await readAtMost(handle, st.size, maxBytes);
    if (bytes.length > maxBytes) return { problem: tooLarge(file, bytes.length, maxBytes) };
    return { bytes, size: st.size, mtimeMs: st.mtimeMs };
  } catch (error) {
    return { problem: { file, reason: `not readable: ${errorCode(error)}`, severity: 'skipped' } };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * The same read with blocking calls, for scan workers: a worker has nothing else to do while it
 * waits, and a blocking read costs a fraction of a promise round trip through libuv's thread pool
 * (which the workers and the main thread would otherwise share).
 */
export function readSourceBytesSync(absolute: string | Buffer, file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): BytesOutcome {
  let fd: number | undefined;
  try {
    fd = openSync(absolute, constants.O_RDONLY | NON_BLOCKING);
    const st = fstatSync(fd);
    if (!st.isFile()) return { problem: { file, reason: 'not a regular file', severity: 'skipped' } };
    if (st.size > maxBytes) return { problem: tooLarge(file, st.size, maxBytes) };
    let bytes = Buffer.allocUnsafe(st.size);
    let length = 0;
    for (;;) {
      if (length === bytes.length) {
        // The file grew since the stat: keep reading, within the limit.
        if (bytes.length >= maxBytes) return { problem: tooLarge(file, bytes.length + 1, maxBytes) };
        const grown = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(4096, bytes.length * 2)));
        bytes.copy(grown, 0, 0, length);
        bytes = grown;
      }
      const n = readSync(fd, bytes, length, bytes.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) return { problem: tooLarge(file, length, maxBytes) };
    return { bytes: length === bytes.length ? bytes : bytes.subarray(0, length), size: st.size, mtimeMs: st.mtimeMs };
  } catch (error) {
    return { problem: { file, reason: `not readable: ${errorCode(error)}`, severity: 'skipped' } };
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // Closing a descriptor we opened does not fail in practice; nothing to report if it does.
      }
    }
  }
}

/**
 * Reads an open file to its end, but never more than `maxBytes + 1` bytes: a result longer than
 * `maxBytes` means the file is over the limit. Sized by the stat and read on past it, because a
 * file may hold more than it reports (those under /proc report 0) or grow while it is read.
 */
export async function readAtMost(handle: fs.FileHandle, sizeHint: number, maxBytes: number): Promise<Buffer> {
  let bytes = Buffer.allocUnsafe(Math.min(maxBytes + 1, sizeHint + 1));
  let length = 0;
  for (;;) {
    if (length === bytes.length) {
      if (length > maxBytes) break;
      const grown = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(4096, length * 2)));
      bytes.copy(grown, 0, 0, length);
      bytes = grown;
    }
    const { bytesRead } = await handle.read(bytes, length, bytes.length - length, null);
    if (bytesRead === 0) break;
    length += bytesRead;
  }
  return length === bytes.length ? bytes : bytes.subarray(0, length);
}

/** An error's errno code (`ENOENT`, `EACCES`), or its message when it has none. */
export function errorCode(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e?.code ?? (error instanceof Error ? error.message : String(error));
}

/** `O_NONBLOCK` where it exists: opening a FIFO that slipped past the walk must not hang the scan. */
const NON_BLOCKING = constants.O_NONBLOCK ?? 0;

/** A UTF-16 byte order mark: such a file must be decoded before any text test. */
export function hasUtf16Bom(bytes: Buffer): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

/** Binary content: a NUL byte in the first 8 KiB of a file without a UTF-16 byte order mark. */
export function looksBinary(bytes: Buffer): boolean {
  return !hasUtf16Bom(bytes) && bytes.subarray(0, 8192).includes(0);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KiB`;
  return `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MiB`;
}

/** Decodes by byte order mark; undefined for binary content (a NUL byte in the first 8 KiB without a UTF-16 BOM). */
export function decode(buffer: Buffer): { text: string; lossy: boolean } | undefined {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buffer.subarray(2)), lossy: false };
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buffer.subarray(2)), lossy: false };
  if (looksBinary(buffer)) return undefined;
  const start = buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  const body = buffer.subarray(start);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), lossy: false };
  } catch {
    return { text: new TextDecoder('utf-8').decode(body), lossy: true };
  }
}
