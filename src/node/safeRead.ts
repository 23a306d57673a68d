/**
 * The one rule for reading a small text file of a workspace outside the scan itself: `.gitignore`
 * files, the configuration file and the baseline. The repository decides what these names are — a
 * link to `/dev/zero`, `/dev/stdin`, `/proc/self/environ` or a file in the user's home, a FIFO, a
 * 40 MB file — so a read succeeds only for:
 * - a regular file (checked on the open handle: FIFOs are opened without blocking and refused, as
 *   are devices and folders),
 * - whose real path is inside the workspace when it is reached through a link (a link is refused
 *   outright when no workspace is given and the caller did not choose to follow links),
 * - of at most {@link MAX_FILE_BYTES} (counted while reading, so a file that reports size 0, as
 *   those under /proc do, or that grows, cannot pass the limit).
 * A refusal is a reason in words; it never quotes the file's contents.
 */
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { MAX_FILE_BYTES } from '../core/limits';
import { formatBytes, readAtMost } from './readSource';

export type SafeReadResult = { text: string; lossy: boolean; reason?: undefined; missing?: undefined } | { text?: undefined; reason: string; missing: boolean; outside?: boolean };

export interface SafeReadOptions {
  /** The workspace's real path: a link is followed only to a file inside it. */
  realRoot?: string;
  /** Follow links wherever they lead (a file the user named on the command line). */
  followLinks?: boolean;
  maxBytes?: number;
}

const NON_BLOCKING = constants.O_NONBLOCK ?? 0;
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/** Whether a real (symlink-free) path lies inside a real folder. */
export function isInside(realFolder: string, realPath: string): boolean {
  const rel = path.relative(realFolder, realPath);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function refused(reason: string, missing = false, outside = false): SafeReadResult {
  return outside ? { reason, missing, outside } : { reason, missing };
}

function why(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ELOOP' ? 'a symbolic link' : (code ?? 'not readable');
}

/** Reads a workspace file under the rule above: its text (UTF-8, BOM removed), or why not. */
export async function readWorkspaceText(absolute: string | Buffer, options: SafeReadOptions = {}): Promise<SafeReadResult> {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  let link: boolean;
  try {
    link = (await fs.lstat(absolute)).isSymbolicLink();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return refused(code === 'ENOENT' || code === 'ENOTDIR' ? 'not found' : why(error), code === 'ENOENT' || code === 'ENOTDIR');
  }
  if (link && !options.followLinks) {
    if (!options.realRoot) return refused('a symbolic link');
    let real: string;
    try {
      real = await fs.realpath(absolute);
    } catch {
      return refused('a broken symbolic link');
    }
    if (!isInside(options.realRoot, real)) return refused('a symbolic link to a file outside the workspace', false, true);
  }
  let handle: fs.FileHandle | undefined;
  try {
    // Not a link when lstat looked: O_NOFOLLOW keeps it so if one is swapped in before the open.
    handle = await fs.open(absolute, constants.O_RDONLY | NON_BLOCKING | (link ? 0 : NO_FOLLOW));
    const st = await handle.stat();
    if (!st.isFile()) return refused('not a regular file');
    if (st.size > maxBytes) return refused(`larger than the ${formatBytes(maxBytes)} limit`);
    const bytes = await readAtMost(handle, st.size, maxBytes);
    if (bytes.length > maxBytes) return refused(`larger than the ${formatBytes(maxBytes)} limit`);
    if (bytes.subarray(0, 8192).includes(0)) return refused('binary content');
    const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), lossy: false };
    } catch {
      return { text: new TextDecoder('utf-8').decode(body), lossy: true };
    }
  } catch (error) {
    return refused(why(error));
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
