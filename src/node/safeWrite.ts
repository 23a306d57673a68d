/**
 * The one way Outage Radar writes a file (the baseline, `scan --output`, the scan cache).
 *
 * The tool runs in repositories it did not write, and the names it writes to are often the
 * repository's (`.outage-radar-baseline.json`, the CI recipe's `outage-radar.sarif`). So:
 * - A target that is a symbolic link — dangling or not — is refused, and so is a link in any folder
 *   between the base (the current directory or the scanned root) and the target: a repository
 *   that ships the name as a link to `~/.bashrc` must not get that file replaced.
 * - A target that exists must be a regular file (not a folder, FIFO or device such as `/dev/full`).
 * - The text goes to a new temporary file in the same folder, opened with `O_CREAT | O_EXCL |
 *   O_NOFOLLOW`, and is renamed over the target. `rename` replaces a link itself, never the file it
 *   points at, so even a link planted between the check and the write changes nothing outside the
 *   folder; and a kill half-way leaves either the old file or the new one, never a truncated one.
 * - {@link checkWriteTarget} makes the same checks and creates (then removes) a probe temporary
 *   file, so the CLI can refuse an unusable path before it spends a scan on it.
 *
 * Failures are {@link WriteTargetError}s whose message is one line naming the path and the reason.
 */
import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class WriteTargetError extends Error {
  constructor(readonly target: string, reason: string) {
    super(`cannot write ${target}: ${reason}`);
    this.name = 'WriteTargetError';
  }
}

export interface SafeWriteOptions {
  /**
   * The folder the path was given relative to (the current directory, or the scanned root for the
   * default baseline). No folder between it and the target may be a link. A target outside it is
   * checked from its own folder only: a path the user typed in full is the user's choice.
   */
  base?: string;
  /** How the target is named in error messages (default: the absolute path). */
  display?: string;
}

const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/** Why an errno stopped a write, in words a user can act on. */
function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'the folder does not exist';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'ELOOP':
      return 'the path is a symbolic link';
    case 'EISDIR':
      return 'it is a folder';
    default:
      return code ?? (error instanceof Error ? error.message.split('\n')[0] : String(error));
  }
}

function isInside(folder: string, target: string): boolean {
  const rel = path.relative(folder, target);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * The null device named as it is (`--output /dev/null`, how scripts and the bench throw output
 * away): writing there discards, so nothing is written at all. Only the device itself, not a link
 * to it, and no other device: `/dev/full` or a FIFO is still refused before the scan.
 */
async function isNullDevice(target: string): Promise<boolean> {
  if (target !== os.devNull && target !== '/dev/null') return false;
  return fs.lstat(target).then((st) => st.isCharacterDevice(), () => false);
}

/** Checks the target and the folders leading to it; returns the target's mode when it exists. */
async function inspect(target: string, shown: string, base: string | undefined): Promise<number | undefined> {
  const folder = path.dirname(target);
  // Folders the base does not vouch for are checked from the target's own folder only.
  if (base && isInside(path.resolve(base), folder)) {
    let current = path.resolve(base);
    for (const part of path.relative(current, folder).split(path.sep)) {
      current = path.join(current, part);
      let st;
      try {
        st = await fs.lstat(current);
      } catch (error) {
        throw new WriteTargetError(shown, describe(error));
      }
      if (st.isSymbolicLink()) throw new WriteTargetError(shown, `${path.relative(base, current)} is a symbolic link; refusing to write through it`);
      if (!st.isDirectory()) throw new WriteTargetError(shown, `${path.relative(base, current)} is not a folder`);
    }
  }
  try {
    const st = await fs.stat(folder);
    if (!st.isDirectory()) throw new WriteTargetError(shown, 'a part of the path is not a folder');
  } catch (error) {
    if (error instanceof WriteTargetError) throw error;
    throw new WriteTargetError(shown, describe(error));
  }
  let st;
  try {
    st = await fs.lstat(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new WriteTargetError(shown, describe(error));
  }
  if (st.isSymbolicLink()) throw new WriteTargetError(shown, 'it is a symbolic link; refusing to write through it');
  if (st.isDirectory()) throw new WriteTargetError(shown, 'it is a folder');
  if (!st.isFile()) throw new WriteTargetError(shown, 'it is not a regular file (a device, FIFO or socket)');
  return st.mode & 0o7777;
}

/** A fresh temporary file beside the target that no one else can have created or linked. */
async function createTemporary(target: string, shown: string, mode: number | undefined): Promise<{ file: string; handle: fs.FileHandle }> {
  const file = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW, mode ?? 0o666);
    return { file, handle };
  } catch (error) {
    throw new WriteTargetError(shown, describe(error));
  }
}

/**
 * Checks that `target` can be written as {@link writeFileSafely} would write it — no link, a
 * regular file or nothing, a folder that exists and takes a new file — without changing anything.
 */
export async function checkWriteTarget(target: string, options: SafeWriteOptions = {}): Promise<void> {
  const absolute = path.resolve(target);
  if (await isNullDevice(absolute)) return;
  const shown = options.display ?? absolute;
  const mode = await inspect(absolute, shown, options.base);
  const probe = await createTemporary(absolute, shown, mode);
  await probe.handle.close().catch(() => undefined);
  await fs.rm(probe.file, { force: true }).catch(() => undefined);
}

/** Writes `data` to `target` atomically, refusing links and anything but a regular file. */
export async function writeFileSafely(target: string, data: string | Uint8Array | Iterable<string>, options: SafeWriteOptions = {}): Promise<void> {
  const absolute = path.resolve(target);
  if (await isNullDevice(absolute)) return;
  const shown = options.display ?? absolute;
  const mode = await inspect(absolute, shown, options.base);
  const temporary = await createTemporary(absolute, shown, mode);
  try {
    try {
      if (typeof data === 'string' || data instanceof Uint8Array) await temporary.handle.writeFile(data);
      else for (const block of data) await temporary.handle.write(block);
      // Through the handle, not the name: the umask applied at creation; an existing file keeps its mode.
      if (mode !== undefined) await temporary.handle.chmod(mode);
      await temporary.handle.sync();
    } finally {
      await temporary.handle.close();
    }
    await fs.rename(temporary.file, absolute);
  } catch (error) {
    await fs.rm(temporary.file, { force: true }).catch(() => undefined);
    throw error instanceof WriteTargetError ? error : new WriteTargetError(shown, describe(error));
  }
}
