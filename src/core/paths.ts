/**
 * Workspace-relative POSIX paths, as every part of the engine writes them: no leading `./`, no
 * trailing `/`, and '' for the workspace root. src/core may not use node:path (it is pure), so
 * the two questions every scanner, pass and rule asks are answered here once.
 */

/** The folder of a file: `services/api/.env` → `services/api`, `.env` → ''. */
export function folderOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '' : file.slice(0, i);
}

/** Whether a path is the folder itself or lies under it ('' is the workspace root, which holds everything). */
export function isInFolder(file: string, folder: string): boolean {
  return folder === '' || file === folder || file.startsWith(`${folder}/`);
}
