/**
 * Reads one source file safely: size limit before reading, binary detection, BOM-aware decoding
 * (UTF-8, UTF-16 LE/BE), and a problem instead of an exception for everything that goes wrong.
 */
import { promises as fs } from 'node:fs';
import type { Problem } from '../core/model';
import { errorCode } from './workspaceFiles';

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

export type ReadOutcome = { text: string; size: number; mtimeMs: number; problem?: Problem } | { text?: undefined; problem: Problem };

export async function readSourceFile(absolute: string, file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<ReadOutcome> {
  let handle: fs.FileHandle | undefined;
  try {
    const st = await fs.stat(absolute);
    if (!st.isFile()) return { problem: { file, reason: 'not a regular file', severity: 'skipped' } };
    if (st.size > maxBytes) {
      return { problem: { file, reason: `larger than the ${formatBytes(maxBytes)} limit (${formatBytes(st.size)}): skipped`, severity: 'skipped' } };
    }
    handle = await fs.open(absolute, 'r');
    const buffer = await handle.readFile();
    const decoded = decode(buffer);
    if (decoded === undefined) return { problem: { file, reason: 'binary file: skipped', severity: 'skipped' } };
    return {
      text: decoded.text,
      size: st.size,
      mtimeMs: st.mtimeMs,
      problem: decoded.lossy ? { file, reason: 'invalid UTF-8: read with replacement characters', severity: 'partial' } : undefined,
    };
  } catch (error) {
    return { problem: { file, reason: `not readable: ${errorCode(error)}`, severity: 'skipped' } };
  } finally {
    await handle?.close().catch(() => undefined);
  }
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
  const head = buffer.subarray(0, 8192);
  if (head.includes(0)) return undefined;
  const start = buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  const body = buffer.subarray(start);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), lossy: false };
  } catch {
    return { text: new TextDecoder('utf-8').decode(body), lossy: true };
  }
}
