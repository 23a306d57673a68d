/**
 * Size limits shared by every reader of workspace text, so that the scan, the configuration file,
 * `.gitignore` files and the baseline are all bounded by the same figure (SECURITY.md: files over
 * 2 MiB are never read).
 */

/** The largest file read from a workspace, in bytes; a text longer than this many characters is refused too. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
