/**
 * An invalidation barrier for edits that cannot change a file's tokens (rust-analyzer's item tree
 * plays this role for bodies): a comment's words, blank or `//` comment lines added or removed at a
 * line start, spaces between tokens. For such an edit of a JavaScript/TypeScript file the new scan
 * result is the old one with its positions moved, so the editor skips the rescan (the parse is
 * nearly all of a file's scan) and hands the moved result to the early cutoff
 * (`positions.ts`).
 *
 * The proof, from what the last full scan of the file left ({@link TriviaState}):
 * - the tokens are unchanged: the edit lies inside one comment and neither ends it nor adds or
 *   removes its only line break (a line break inside a block comment counts for automatic semicolon
 *   insertion), or it is whole blank / `//` lines at a line start, or spaces beside whitespace,
 *   in code (not inside a string, template, regular expression or JSX: the *opaque* ranges, taken
 *   from the syntax tree, outside of which `//` and `/*` always open a comment);
 * - the scanner did not read the edited text: ids, trace texts and props checks are slices of the
 *   text, and the scan records every range it slices (`ScanState.reads`); an edit inside one is
 *   refused, as is one within reach of the line-based region-keyed table check
 *   (`collapseRegionKeyedTables`, which reads lines above ARN and endpoint literals);
 * - what the scanners decide from the whole text is unchanged: which scanners accept it, the
 *   minified-bundle test, the scanner's text switches, and no suppression comment on either side.
 *
 * Anything else (a suppression comment, a template literal, JSX, a hashbang, a parse failure, a problem in the
 * result, a position the move cannot place) falls back to the full rescan. The differential test
 * (`test/core/trivia.test.ts`) checks the promise against full rescans of every JavaScript and
 * TypeScript file of the examples and the fixtures.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FileScanResult } from '../model';
import { LineIndex } from '../positions';
import { acceptingScanners, scanFile, type ScanContext, type ScanFileOptions } from '../scanners';
import { looksMinified, isScriptFile } from '../scanners/javascript/parse';
import { TEXT_SWITCHES } from '../scanners/javascript/scanSource';
import { MAX_KEY_DISTANCE } from '../scanners/literals';
import { SUPPRESSION_MARKER } from '../scanners/suppressions';

/**
 * What one file's last scan leaves for the next edit: its text and result, the opaque ranges of its
 * syntax tree and the ranges the scanner read (sorted start/end pairs). Kept per open file, outside
 * the cached and transferred `FileScanResult`.
 */
export interface TriviaState {
  readonly file: string;
  readonly text: string;
  readonly result: FileScanResult;
  /** strings, templates, regular expressions and JSX: sorted, disjoint [start, end) pairs */
  readonly opaque: readonly number[];
  /** the ranges the scanner read, merged: sorted, disjoint [start, end) pairs */
  readonly reads: readonly number[];
  /** the lines of `text` (an edit then indexes only its new text) */
  readonly lines: LineIndex;
}

/** Why an edit was not moved (the tests assert the refusals they expect). */
export type TriviaRefusal =
  | 'not-trivia'
  | 'inside-literal'
  | 'read-by-scanner'
  | 'near-table'
  | 'whole-text'
  | 'unplaceable';

export type TriviaOutcome = { kind: 'moved'; state: TriviaState } | { kind: 'refused'; reason: TriviaRefusal };

/**
 * Scans a file as `scanFile` does and keeps, for a JavaScript/TypeScript file that parsed cleanly,
 * what the next trivia edit needs. No state for other files, for a result with problems, or for
 * text with a suppression comment.
 */
export function scanKeepingTrivia(file: string, text: string, context: ScanContext, options: ScanFileOptions = {}): { result: FileScanResult; state?: TriviaState } {
  if (!isScriptFile(file) || text.includes(SUPPRESSION_MARKER)) return { result: scanFile(file, text, context, options) };
  let syntax: { opaque: number[]; reads: number[] } | undefined;
  const result = scanFile(file, text, {
    ...context,
    javascriptSyntax: (program, reads) => {
      syntax = { opaque: opaqueRanges(program, hashbangEnd(text)), reads: mergeRanges(reads) };
    },
  }, options);
  if (!syntax || result.formats.length !== 1 || result.formats[0] !== 'javascript' || result.problems.length > 0) return { result };
  return { result, state: { file, text, result, ...syntax, lines: new LineIndex(text) } };
}

/**
 * The state after `text` replaced the state's text, when the edit provably cannot change the scan
 * result beyond its positions; otherwise the reason to rescan.
 */
export function moveTriviaEdit(state: TriviaState, text: string, options: ScanFileOptions = {}): TriviaOutcome {
  if (text === state.text) return { kind: 'moved', state };
  const edit = findEdit(state.text, text);
  // A hashbang (`#!/usr/bin/env node`, CDK apps) is a comment only at the very start: it is opaque, and nothing goes before it.
  if (edit.start === 0 && state.text.startsWith('#!')) return { kind: 'refused', reason: 'inside-literal' };
  const kind = classify(state, text, edit);
  if (kind !== 'comment' && kind !== 'lines' && kind !== 'spaces') return { kind: 'refused', reason: kind };
  if (touchesRanges(state.reads, edit)) return { kind: 'refused', reason: 'read-by-scanner' };
  const before = state.lines;
  const after = new LineIndex(text);
  if (nearRegionTable(state.result, before, edit, Math.abs(after.lineCount - before.lineCount))) return { kind: 'refused', reason: 'near-table' };
  if (!sameWholeTextVerdicts(state.file, state.text, text, options)) return { kind: 'refused', reason: 'whole-text' };
  const result = moveResult(state.result, edit, before, after);
  if (!result) return { kind: 'refused', reason: 'unplaceable' };
  return { kind: 'moved', state: { file: state.file, text, result, opaque: shiftRanges(state.opaque, edit), reads: shiftRanges(state.reads, edit), lines: after } };
}

/** One contiguous replacement: old [start, oldEnd) became new [start, newEnd). */
export interface TextEdit {
  start: number;
  oldEnd: number;
  newEnd: number;
}

const CHUNK = 1024;

/** The smallest single replacement that turns `before` into `after` (common prefix, then common suffix). */
export function findEdit(before: string, after: string): TextEdit {
  const max = Math.min(before.length, after.length);
  let start = 0;
  // Whole chunks first (string comparison is a memory compare), then characters.
  while (start + CHUNK <= max && before.slice(start, start + CHUNK) === after.slice(start, start + CHUNK)) start += CHUNK;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  const room = max - start;
  while (suffix + CHUNK <= room && before.slice(before.length - suffix - CHUNK, before.length - suffix) === after.slice(after.length - suffix - CHUNK, after.length - suffix)) suffix += CHUNK;
  while (suffix < room && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}

const LINE_BREAK = /[\n\r\u2028\u2029]/;

/** Line terminators as TypeScript's scanner counts them (they end a `//` comment). */
function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}
/** Whole lines, each blank or spaces and a `//` comment, each ended by `\n` or `\r\n`. */
const TRIVIA_LINES = /^(?:[ \t]*(?:\/\/[^\n\r\u2028\u2029]*)?\r?\n)+$/;
const SPACES = /^[ \t]+$/;

/** A space, tab or line break, or -1 for either end of the text: nothing a token could continue over. */
function separates(c: number): boolean {
  return c === -1 || c === 32 || c === 9 || c === 10 || c === 13;
}

function isLineStart(text: string, at: number): boolean {
  if (at === 0) return true;
  const c = text.charCodeAt(at - 1);
  // Between `\r` and `\n` is inside one line break, not a line start.
  return c === 10 || (c === 13 && text.charCodeAt(at) !== 10);
}

/**
 * Decides what the edit is, or why it is not trivia. The edit may be moved left over equal text
 * (inserting a blank line after a blank line can be read at either): the first placement that
 * proves it counts, and `edit` is updated to it.
 */
function classify(state: TriviaState, after: string, edit: TextEdit): 'comment' | 'lines' | 'spaces' | TriviaRefusal {
  const before = state.text;
  const at = contextAt(before, state.opaque, edit.start);
  if (at === undefined) return 'inside-literal';
  if (at.kind !== 'code') return commentEdit(before, after, edit, at) ? 'comment' : 'not-trivia';
  const removed = before.slice(edit.start, edit.oldEnd);
  const inserted = after.slice(edit.start, edit.newEnd);
  if (removed && inserted) return 'not-trivia';
  const changed = removed || inserted;
  // Whole lines at a line start, placed as far left as equal text allows.
  for (let k = 0; k <= changed.length && edit.start - k >= 0; k++) {
    const text = k === 0 ? changed : before.slice(edit.start - k, edit.start) + changed.slice(0, changed.length - k);
    if (k > 0 && before.slice(edit.start - k, edit.start) !== changed.slice(changed.length - k)) break;
    const start = edit.start - k;
    if (!isLineStart(before, start) || !TRIVIA_LINES.test(text)) continue;
    const there = k === 0 ? at : contextAt(before, state.opaque, start);
    if (there?.kind !== 'code') continue;
    edit.start = start;
    edit.oldEnd -= k;
    edit.newEnd -= k;
    return 'lines';
  }
  // Spaces with whitespace, a line break or an end of the text beside them after the edit: no
  // token is split (a token holds no whitespace) and none is joined to its neighbour.
  if (SPACES.test(changed)) {
    const left = edit.start === 0 ? -1 : before.charCodeAt(edit.start - 1);
    const right = edit.oldEnd === before.length ? -1 : before.charCodeAt(edit.oldEnd);
    if (separates(left) || separates(right)) return 'spaces';
  }
  return 'not-trivia';
}

export type LexicalContext = { kind: 'code' } | { kind: 'line-comment' | 'block-comment'; start: number; end: number };

/**
 * Whether `offset` of `text` is in code or inside which comment; undefined inside an opaque range.
 * Lexes from the end of the nearest opaque range before it: outside those ranges the only tokens
 * are names, numbers, punctuators and comments, so `//` and `/*` always open a comment.
 */
export function contextAt(text: string, opaque: readonly number[], offset: number): LexicalContext | undefined {
  // The last opaque range that starts before the offset.
  let lo = 0;
  let hi = opaque.length / 2 - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (opaque[2 * mid] < offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found >= 0 && opaque[2 * found + 1] > offset) return undefined;
  let i = found >= 0 ? opaque[2 * found + 1] : 0;
  while (i < offset) {
    if (text.charCodeAt(i) === 47) {
      const next = text.charCodeAt(i + 1);
      if (next === 47) {
        let end = i + 2;
        while (end < text.length && !isLineBreak(text.charCodeAt(end))) end++;
        if (offset <= end) return { kind: 'line-comment', start: i, end };
        i = end;
        continue;
      }
      if (next === 42) {
        const close = text.indexOf('*/', i + 2);
        const end = close < 0 ? text.length : close + 2;
        if (offset < end) return { kind: 'block-comment', start: i, end };
        i = end;
        continue;
      }
    }
    i++;
  }
  return { kind: 'code' };
}

/** An edit inside one comment's text that leaves it one comment with the same line-break presence. */
function commentEdit(before: string, after: string, edit: TextEdit, comment: { kind: 'line-comment' | 'block-comment'; start: number; end: number }): boolean {
  const bodyEnd = comment.kind === 'line-comment' ? comment.end : comment.end - 2;
  if (edit.start < comment.start + 2 || edit.oldEnd > bodyEnd) return false;
  const delta = edit.newEnd - edit.oldEnd;
  const old = before.slice(comment.start, comment.end);
  const now = after.slice(comment.start, comment.end + delta);
  if (comment.kind === 'line-comment') return !LINE_BREAK.test(now);
  return now.endsWith('*/') && now.indexOf('*/', 2) === now.length - 2 && LINE_BREAK.test(old) === LINE_BREAK.test(now);
}

/** Whether the edit changes the text of one of the (sorted, disjoint) ranges. */
function touchesRanges(ranges: readonly number[], edit: TextEdit): boolean {
  for (let i = 0; i < ranges.length; i += 2) {
    const start = ranges[i];
    const end = ranges[i + 1];
    if (start >= Math.max(edit.oldEnd, edit.start + 1)) break;
    const touched = edit.oldEnd === edit.start ? start < edit.start && edit.start < end : edit.start < end && edit.oldEnd > start;
    if (touched) return true;
  }
  return false;
}

/**
 * Region-keyed tables (`collapseRegionKeyedTables`) are found by reading the lines above ARN and
 * endpoint literals and the distance between them: an edit within reach of one is refused.
 */
function nearRegionTable(result: FileScanResult, lines: LineIndex, edit: TextEdit, linesMoved: number): boolean {
  const first = lines.position(edit.start).line;
  const last = lines.position(edit.oldEnd).line;
  const reach = MAX_KEY_DISTANCE + 2 + linesMoved;
  const near = (line: number) => last >= line - reach && first <= line;
  for (const d of result.dependencies) {
    if (d.kind !== 'arn' && d.kind !== 'endpoint') continue;
    if (near(d.line) || d.regionTrace?.some((t) => near(t.line))) return true;
  }
  return false;
}

/** What the scanners decide from the whole text: which accept it, minified, the JS scanner's switches, suppressions. */
function sameWholeTextVerdicts(file: string, before: string, after: string, options: ScanFileOptions): boolean {
  if (after.includes(SUPPRESSION_MARKER) || before.startsWith('#!') !== after.startsWith('#!') || looksMinified(after)) return false;
  for (const s of TEXT_SWITCHES) if (before.includes(s) !== after.includes(s)) return false;
  const accepting = acceptingScanners(file, after, options);
  return accepting.length === 1 && accepting[0].id === 'javascript';
}

/** Keys that hold a position, besides the pairs the move understands: anything else refuses. */
const POSITION_LIKE = /line|column|offset|position|^start|^end|^pos$/i;
const QUOTED_LINE = /\bline \d/i;

class Unplaceable extends Error {}

/**
 * The result with every position moved by the edit (the result itself when none moved), or
 * undefined when a position lies inside the edited text or in a form the move does not know (a
 * number under an unknown position-like key, a sentence quoting a line).
 */
function moveResult(result: FileScanResult, edit: TextEdit, before: LineIndex, after: LineIndex): FileScanResult | undefined {
  const delta = edit.newEnd - edit.oldEnd;
  const start = (line: number, column: number) => {
    const o = before.offset(line, column);
    if (o < edit.start) return { line, column };
    if (o >= edit.oldEnd) return after.position(o + delta);
    throw new Unplaceable();
  };
  const end = (line: number, column: number) => {
    const o = before.offset(line, column);
    if (o <= edit.start) return { line, column };
    if (o >= edit.oldEnd) return after.position(o + delta);
    throw new Unplaceable();
  };
  const lineOnly = (line: number) => start(line, 1).line;
  // Everything is copied (the early cutoff collects the lines of both results value by value, so a
  // shared object would hide its lines from it); when nothing moved the result itself is returned.
  let moved = false;
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') {
      if (QUOTED_LINE.test(value)) throw new Unplaceable();
      return value;
    }
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map(walk);
    const record = value as Record<string, unknown>;
    // A position in another file (none today: a scanner sees one file) is not the edit's to move.
    if (typeof record.file === 'string' && record.file !== result.file && Object.keys(record).some((k) => POSITION_LIKE.test(k))) throw new Unplaceable();
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record)) {
      const v = record[key];
      if (typeof v === 'number' && POSITION_LIKE.test(key) && key !== 'line' && key !== 'column' && key !== 'endLine' && key !== 'endColumn' && key !== 'targetLine') throw new Unplaceable();
      out[key] = walk(v);
    }
    const set = (key: string, value: unknown) => {
      if (value !== record[key]) moved = true;
      out[key] = value;
    };
    placePair(record, set, 'line', 'column', start, lineOnly);
    placePair(record, set, 'endLine', 'endColumn', end, lineOnly);
    if (typeof record.targetLine === 'number') set('targetLine', lineOnly(record.targetLine));
    return out;
  };
  try {
    const out = walk(result) as FileScanResult;
    return moved ? out : result;
  } catch (error) {
    if (error instanceof Unplaceable) return undefined;
    throw error;
  }
}

function placePair(record: Record<string, unknown>, set: (key: string, value: unknown) => void, lineKey: string, columnKey: string, move: (line: number, column: number) => { line: number; column: number }, lineOnly: (line: number) => number): void {
  const line = record[lineKey];
  if (typeof line !== 'number') {
    if (typeof record[columnKey] === 'number') throw new Unplaceable();
    return;
  }
  const column = record[columnKey];
  if (typeof column === 'number') {
    const moved = move(line, column);
    set(lineKey, moved.line);
    set(columnKey, moved.column);
  } else set(lineKey, lineOnly(line));
}

/** Ranges after the edit: ends at or before its start stay, starts at or after its old end move. */
function shiftRanges(ranges: readonly number[], edit: TextEdit): number[] {
  const delta = edit.newEnd - edit.oldEnd;
  const out = new Array<number>(ranges.length);
  for (let i = 0; i < ranges.length; i += 2) {
    out[i] = ranges[i] < edit.start ? ranges[i] : ranges[i] + delta;
    out[i + 1] = ranges[i + 1] <= edit.start ? ranges[i + 1] : ranges[i + 1] + delta;
  }
  return out;
}

/** The end of a hashbang line (`#!…`, which TypeScript reads as a comment at the start of the file only), or 0. */
function hashbangEnd(text: string): number {
  if (!text.startsWith('#!')) return 0;
  let end = 2;
  while (end < text.length && !isLineBreak(text.charCodeAt(end))) end++;
  return end;
}

/** Sorted, disjoint ranges covering the given start/end pairs (touching ranges stay apart). */
export function mergeRanges(pairs: readonly number[]): number[] {
  const order: Array<[number, number]> = [];
  for (let i = 0; i < pairs.length; i += 2) if (pairs[i + 1] > pairs[i]) order.push([pairs[i], pairs[i + 1]]);
  order.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: number[] = [];
  for (const [start, end] of order) {
    const last = out.length - 1;
    if (last > 0 && start < out[last]) out[last] = Math.max(out[last], end);
    else out.push(start, end);
  }
  return out;
}

/**
 * The ranges of the syntax tree where `//`, `/*`, quotes or line breaks are not trivia: every
 * literal (strings, regular expressions, numbers), template and JSX, outermost only, and the
 * hashbang line. Walks every key (types and decorators too), unlike the scanner's walk.
 */
export function opaqueRanges(program: TSESTree.Program, hashbang = 0): number[] {
  const out: number[] = hashbang > 0 ? [0, hashbang] : [];
  const visit = (node: TSESTree.Node): void => {
    const type = node.type;
    if (type === 'Literal' || type === 'TemplateLiteral' || type === 'JSXElement' || type === 'JSXFragment' || type === 'JSXText' || type === 'TemplateElement' || type === 'TSTemplateLiteralType') {
      out.push(node.range[0], node.range[1]);
      return;
    }
    // Most nodes are plain names: nothing inside them unless they carry a type or decorators.
    if (type === 'Identifier' && !node.typeAnnotation && node.decorators.length === 0) return;
    for (const key in node) {
      if (key === 'parent' || key === 'loc' || key === 'range' || key === 'type') continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (!value || typeof value !== 'object') continue;
      if (Array.isArray(value)) {
        for (const item of value) if (item && typeof item === 'object' && typeof (item as TSESTree.Node).type === 'string') visit(item as TSESTree.Node);
      } else if (typeof (value as TSESTree.Node).type === 'string') visit(value as TSESTree.Node);
    }
  };
  visit(program);
  return mergeRanges(out);
}
