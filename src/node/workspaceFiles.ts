/**
 * Finds the files of a workspace that can hold a dependency: honours `.gitignore` files (nested
 * ones too) and the configured `ignore` globs, skips build output and vendored code by default,
 * never follows directory symlinks (so symlink loops cannot hang a scan), and reports every
 * unreadable folder as a problem instead of failing.
 */
import { promises as fs, readdirSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import type { Problem } from '../core/model';
import { isCandidatePath } from '../core/scanners/candidates';
import { errorCode } from './readSource';
import { isInside, readWorkspaceText } from './safeRead';

/** Folders that are build output, dependencies or tool state: never scanned unless named explicitly. */
export const DEFAULT_IGNORED_DIRECTORIES = new Set([
  'node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'out', 'cdk.out', '.serverless', '.aws-sam', '.terraform',
  'coverage', '.next', '.nuxt', '.cache', '.venv', 'venv', '__pycache__', '.tox', '.mypy_cache', '.pytest_cache',
  '.idea', '.vscode-test', '.outage-radar-cache', 'bower_components', 'jspm_packages', '.pulumi', '.gradle', 'target',
]);

export interface WalkOptions {
  /** globs relative to the root (config `ignore`) */
  ignore?: string[];
  /** stop early when aborted */
  signal?: AbortSignal;
  /** called for each file as the walk finds it (the index starts its workers early from it) */
  onFile?: (file: string) => void;
}

export interface WalkResult {
  /** workspace-relative POSIX paths, sorted */
  files: string[];
  problems: Problem[];
  /**
   * The absolute path, as raw bytes, of each file whose path is not valid UTF-8 (by its entry in
   * `files`, where the invalid bytes read as U+FFFD): only through these bytes can it be opened.
   */
  rawPaths: Map<string, Buffer>;
}

/** A path for the file system: a string, or raw bytes when a name on the way is not valid UTF-8. */
type FsPath = string | Buffer;

function joinFs(dir: FsPath, name: FsPath): FsPath {
  if (typeof dir === 'string' && typeof name === 'string') return path.join(dir, name);
  return Buffer.concat([Buffer.from(dir), Buffer.from(path.sep), Buffer.from(name)]);
}

/**
 * The raw names of a folder's entries whose names are not valid UTF-8, by the name `readdir`
 * decoded for them (invalid bytes as U+FFFD); `null` for a decoded name that two raw names share.
 */
async function rawNamesOf(dir: FsPath): Promise<Map<string, Buffer | null>> {
  const names = new Map<string, Buffer | null>();
  for (const raw of await fs.readdir(dir, { encoding: 'buffer' })) {
    const decoded = raw.toString('utf8');
    if (Buffer.from(decoded).equals(raw)) continue;
    names.set(decoded, names.has(decoded) ? null : raw);
  }
  return names;
}

/** Folders listed before the walk gives the event loop a turn (an editor's server stays responsive). */
const LISTING_SLICE = 128;

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export async function walkWorkspace(root: string, targets: string[], options: WalkOptions = {}): Promise<WalkResult> {
  const files = new Set<string>();
  const problems: Problem[] = [];
  const rawPaths = new Map<string, Buffer>();
  // Links are followed only to files inside the workspace: a repository must not be able to make
  // the scan read (and its reports quote) files from elsewhere on the machine.
  const realRoot = await fs.realpath(root).catch(() => path.resolve(root));
  const userIgnore = options.ignore?.length ? picomatch(options.ignore, { dot: true }) : undefined;

  async function gitignoreOf(dir: FsPath, parent: Ignore | undefined, relDir: string): Promise<Ignore | undefined> {
    const text = await readGitignore(realRoot, joinFs(dir, '.gitignore'), relDir, problems);
    return text === undefined ? parent : withGitignore(parent, text, relDir);
  }

  let listed = 0;

  async function visit(dir: FsPath, rel: string, ig: Ignore | undefined): Promise<void> {
    if (options.signal?.aborted) return;
    let entries: import('node:fs').Dirent[];
    // Listed with blocking calls, a slice of folders at a time with a turn of the event loop between
    // slices (as statAgainstCache stats): a listing costs tens of microseconds, a promise round trip
    // through libuv's thread pool as much again, and the walk waited on each in turn.
    if (++listed % LISTING_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      problems.push({ file: rel || '.', reason: `folder not readable: ${errorCode(error)}`, severity: 'skipped' });
      return;
    }
    // The listing says whether there is a .gitignore to read: most folders have none, and asking
    // for it anyway cost a failed lookup per folder (a third of a warm scan's walk).
    const here = entries.some((e) => e.name === '.gitignore') ? await gitignoreOf(dir, ig, rel) : ig;
    let rawNames: Map<string, Buffer | null> | undefined;
    for (const entry of entries) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      // A name that is not valid UTF-8 is reported under its decoded form (U+FFFD for the invalid
      // bytes) and opened through its raw bytes, so that its file is scanned like any other.
      let child: FsPath = joinFs(dir, entry.name);
      if (entry.name.includes('\ufffd')) {
        rawNames ??= await rawNamesOf(dir).catch(() => new Map<string, Buffer | null>());
        const raw = rawNames.get(entry.name);
        if (raw === null) {
          problems.push({ file: childRel, reason: 'name is not valid UTF-8 and reads the same as another name here: skipped', severity: 'skipped' });
          continue;
        }
        if (raw) child = joinFs(dir, raw);
      }
      if (entry.isDirectory()) {
        if (DEFAULT_IGNORED_DIRECTORIES.has(entry.name)) continue;
        if (here?.ignores(`${childRel}/`) || userIgnore?.(childRel) || userIgnore?.(`${childRel}/`)) continue;
        await visit(child, childRel, here);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        if (!isCandidatePath(childRel)) continue;
        if (here?.ignores(childRel) || userIgnore?.(childRel)) continue;
        if (entry.isSymbolicLink()) {
          // Follow links to files only; a link to a folder (or a loop) is passed over.
          try {
            const st = await fs.stat(child);
            if (!st.isFile()) continue;
            if (!isInside(realRoot, await fs.realpath(child))) {
              problems.push({ file: childRel, reason: 'symbolic link to a file outside the workspace: skipped', severity: 'skipped' });
              continue;
            }
          } catch {
            problems.push({ file: childRel, reason: 'broken symbolic link', severity: 'skipped' });
            continue;
          }
        }
        files.add(childRel);
        if (typeof child !== 'string') rawPaths.set(childRel, child);
        options.onFile?.(childRel);
      }
      // FIFOs, sockets and devices are never read: reading a FIFO would block the scan.
    }
  }

  for (const target of targets.length ? targets : ['.']) {
    const abs = path.resolve(root, target);
    const rel = toPosix(path.relative(root, abs));
    let st: import('node:fs').Stats;
    try {
      st = await fs.stat(abs);
    } catch (error) {
      problems.push({ file: rel || target, reason: `not found or not readable: ${errorCode(error)}`, severity: 'skipped' });
      continue;
    }
    if (st.isDirectory()) {
      const ig = rel ? await inheritedGitignore(root, realRoot, rel, problems) : undefined;
      await visit(abs, rel === '' ? '' : rel, ig);
    } else if (st.isFile()) files.add(rel);
    else problems.push({ file: rel, reason: 'not a regular file', severity: 'skipped' });
  }
  return { files: [...files].sort(), problems, rawPaths };
}

/** The .gitignore rules of the folders above a target inside the root. */
async function inheritedGitignore(root: string, realRoot: string, rel: string, problems: Problem[]): Promise<Ignore | undefined> {
  const parts = rel.split('/');
  let ig: Ignore | undefined;
  for (let i = 0; i < parts.length; i++) {
    const dirRel = parts.slice(0, i).join('/');
    const text = await readGitignore(realRoot, path.join(root, dirRel, '.gitignore'), dirRel, problems);
    if (text !== undefined) ig = withGitignore(ig, text, dirRel);
  }
  return ig;
}

/**
 * A folder's .gitignore through the one safe-read rule (src/node/safeRead.ts): a regular file
 * inside the workspace, under the size limit. A link to `/dev/zero` or `/dev/stdin`, a FIFO or a
 * huge file is reported and ignored; a missing one is simply absent.
 */
async function readGitignore(realRoot: string, absolute: FsPath, relDir: string, problems: Problem[]): Promise<string | undefined> {
  const read = await readWorkspaceText(absolute, { realRoot });
  if (read.text !== undefined) return read.text;
  if (!read.missing) problems.push({ file: relDir ? `${relDir}/.gitignore` : '.gitignore', reason: `${read.reason}: ignored`, severity: 'skipped' });
  return undefined;
}

/** The parent's rules plus a .gitignore's, whose patterns are relative to its folder: prefixed with the folder. */
function withGitignore(parent: Ignore | undefined, text: string, relDir: string): Ignore {
  const ig = ignore();
  if (parent) ig.add(parent);
  const lines = text.split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('#'));
  ig.add(relDir ? lines.map((l) => prefixPattern(l, relDir)) : lines);
  return ig;
}

function prefixPattern(line: string, relDir: string): string {
  const negated = line.startsWith('!');
  const body = negated ? line.slice(1) : line;
  // A pattern without a slash (other than a trailing one) matches at any depth below its folder.
  const anchored = body.replace(/\/$/, '').includes('/');
  const prefixed = anchored ? `${relDir}/${body.replace(/^\//, '')}` : `${relDir}/**/${body}`;
  return negated ? `!${prefixed}` : prefixed;
}
