/**
 * The walk's rule for links, for the paths that read one file later: the refresh after an editor
 * closes a document and after a watched-file event. A file whose real path leaves the workspace
 * (a link, or a folder on its way that is a link) is not read, with the problem the walk reports;
 * the read itself keeps its own checks (a regular file, the size limit).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Problem } from '../core/model';
import { isInside } from './safeRead';

/** The problem that keeps a workspace-relative file from being read, or undefined when its real path is inside the root. */
export async function outsideRootProblem(root: string, file: string): Promise<Problem | undefined> {
  let real: string;
  try {
    real = await fs.realpath(path.join(root, file));
  } catch {
    // Missing or unreadable: the read reports that itself.
    return undefined;
  }
  const realRoot = await fs.realpath(root).catch(() => path.resolve(root));
  if (isInside(realRoot, real)) return undefined;
  return { file, reason: 'symbolic link to a file outside the workspace: skipped', severity: 'skipped' };
}
