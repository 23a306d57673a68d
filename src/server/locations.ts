/**
 * The one place that turns the engine's locations into LSP's and back: workspace-relative POSIX
 * paths ↔ absolute `file:` URIs, and 1-based, end-exclusive spans ↔ 0-based LSP ranges. Both
 * count columns in UTF-16 code units, so only the base changes.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Position, Range } from 'vscode-languageserver/node';
import type { Span } from '../core/model';

/** A workspace folder as the server sees it: its absolute path and the client's URI for it. */
export interface FolderLocation {
  /** absolute file-system path, no trailing separator */
  readonly root: string;
}

/** The absolute `file:` URI of a workspace-relative path. */
export function uriOfFile(folder: FolderLocation, file: string): string {
  return pathToFileURL(path.join(folder.root, ...file.split('/'))).href;
}

/** The absolute path of a `file:` URI, or undefined for other schemes (untitled, git, vscode-notebook …). */
export function pathOfUri(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.resolve(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

/** The workspace-relative POSIX path of an absolute path inside the folder, else undefined. */
export function fileInFolder(folder: FolderLocation, absolute: string): string | undefined {
  const rel = path.relative(folder.root, absolute);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

export function rangeOfSpan(span: Span): Range {
  const start = { line: Math.max(0, span.line - 1), character: Math.max(0, span.column - 1) };
  const end = { line: Math.max(0, span.endLine - 1), character: Math.max(0, span.endColumn - 1) };
  // A span that ends before it starts (never produced on purpose) is shown as an empty range.
  return end.line < start.line || (end.line === start.line && end.character < start.character) ? { start, end: start } : { start, end };
}

/** The range of a location known only by line (and maybe column): the line's start, or the column. */
export function rangeOfLine(line: number, column?: number): Range {
  const at = { line: Math.max(0, line - 1), character: Math.max(0, (column ?? 1) - 1) };
  return { start: at, end: at };
}

/** Whether a 0-based LSP position lies in a span (its end counts as inside, as editors place the caret). */
export function spanContains(span: Span, position: Position): boolean {
  const line = position.line + 1;
  const column = position.character + 1;
  if (line < span.line || line > span.endLine) return false;
  if (line === span.line && column < span.column) return false;
  if (line === span.endLine && column > span.endColumn) return false;
  return true;
}

/** Whether two 0-based ranges overlap or touch. */
export function rangesTouch(a: Range, b: Range): boolean {
  const before = (p: Position, q: Position) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** A span's size, for picking the most specific of nested constructs. */
export function spanSize(span: Span): number {
  return (span.endLine - span.line) * 100_000 + (span.endColumn - span.column);
}
