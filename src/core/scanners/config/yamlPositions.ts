/**
 * YAML with positions for the config scanners (workflows, GitLab CI, compose, Pulumi): parses
 * with the `yaml` package, reports its errors as problems with their line, and gives the small
 * set of accessors the scanners need — map entries with aliases and `<<` merge keys followed,
 * scalar values as strings, and the source lines of a scalar (a `run: |` block) with the offset
 * of each line in the file, so that a command inside a block scalar is anchored on its own line.
 */
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Scalar } from 'yaml';
import type { Problem } from '../../model';
import { LineIndex } from '../../positions';
import type { DependencyBuilder } from '../builder';
import { emitStringValue, emitTextMatches } from './envAssignments';

export interface YamlFile {
  /** every document of the stream (CI and compose files have one) */
  documents: Document.Parsed[];
  problems: Problem[];
}

/** At most this many parse errors are reported per file: the first ones name the cause. */
const MAX_REPORTED_ERRORS = 3;

/** Parses a YAML stream; never throws. `format` names the file's format in problem reasons. */
export function parseYaml(file: string, text: string, format: string, lines: LineIndex = new LineIndex(text)): YamlFile {
  const problems: Problem[] = [];
  let documents: Document.Parsed[] = [];
  try {
    documents = parseAllDocuments(text, { merge: true, prettyErrors: false, uniqueKeys: false }) as Document.Parsed[];
    if (!Array.isArray(documents)) documents = [];
  } catch (error) {
    problems.push({ file, reason: `${format}: YAML could not be parsed (${error instanceof Error ? error.message : String(error)})`, severity: 'partial' });
    return { documents: [], problems };
  }
  for (const doc of documents) {
    for (const err of doc.errors) {
      if (problems.length >= MAX_REPORTED_ERRORS) break;
      const { line, column } = lines.position(errorOffset(doc, text, err.pos[0]));
      problems.push({ file, line, column, reason: `${format}: invalid YAML (${err.message.split('\n')[0]}); the rest of the file was read as far as possible`, severity: 'partial' });
    }
  }
  return { documents, problems };
}

/**
 * Where to point at for an error. The parser reports an unclosed quote or bracket where it ran
 * out of text, at the end of the file; the construct that is not closed is the innermost node
 * still open there, so the error points at its start.
 */
function errorOffset(doc: Document, text: string, offset: number): number {
  if (text.slice(offset).trim() !== '') return offset;
  let best = offset;
  const visit = (node: unknown, depth: number): void => {
    if (depth > 64 || !node || typeof node !== 'object') return;
    const range = (node as Node).range;
    if (range && range[0] < offset && range[2] >= offset) best = range[0];
    if (isMap(node)) for (const pair of node.items) visit(pair.value, depth + 1);
    else if (isSeq(node)) for (const item of node.items) visit(item, depth + 1);
  };
  visit(doc.contents, 0);
  return best;
}

/** The node itself, or the node an alias points to. */
export function deref(node: unknown, doc: Document): Node | null {
  if (isAlias(node)) {
    const target = node.resolve(doc);
    return (target as Node | undefined) ?? null;
  }
  return (node as Node | null) ?? null;
}

export interface MapEntry {
  key: string;
  keyNode: Scalar;
  value: Node | null;
  /** true when the entry comes from a `<<: *anchor` merge, i.e. it is written elsewhere */
  merged: boolean;
}

/**
 * The entries of a mapping, own keys after merged ones so that a lookup by key finds the own key
 * last-wins. Non-scalar keys are skipped (none of the formats uses them).
 */
export function entries(node: unknown, doc: Document, depth = 0): MapEntry[] {
  const map = deref(node, doc);
  if (!isMap(map)) return [];
  const merged: MapEntry[] = [];
  const own: MapEntry[] = [];
  for (const pair of map.items) {
    if (!isScalar(pair.key)) continue;
    const keyValue = pair.key.value;
    if (typeof keyValue === 'symbol' || keyValue === '<<') {
      if (depth > 8) continue;
      const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
      for (const s of sources) for (const e of entries(s, doc, depth + 1)) merged.push({ ...e, merged: true });
      continue;
    }
    own.push({ key: String(keyValue), keyNode: pair.key, value: deref(pair.value, doc), merged: false });
  }
  return [...merged, ...own];
}

/** The entry for a key (own keys win over merged ones). */
export function entry(node: unknown, doc: Document, key: string): MapEntry | undefined {
  let found: MapEntry | undefined;
  for (const e of entries(node, doc)) if (e.key === key) found = e;
  return found;
}

export function valueOf(node: unknown, doc: Document, key: string): Node | null {
  return entry(node, doc, key)?.value ?? null;
}

/** A path of keys from a node; undefined when any step is missing. */
export function valueAt(node: unknown, doc: Document, path: string[]): Node | null {
  let current: Node | null = deref(node, doc);
  for (const key of path) {
    current = valueOf(current, doc, key);
    if (!current) return null;
  }
  return current;
}

/** The items of a sequence (aliases followed); [] for anything else. */
export function items(node: unknown, doc: Document): Node[] {
  const seq = deref(node, doc);
  if (!isSeq(seq)) return [];
  return seq.items.map((i) => deref(i, doc)).filter((i): i is Node => i !== null);
}

/** A scalar's value as text (numbers and booleans as written); undefined for null and collections. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  if (typeof node.value === 'string') return node.value;
  if (typeof node.source === 'string') return node.source;
  return String(node.value);
}

/** [start, end) of a node's own text in the file (the value end, before trailing comments). */
export function nodeRange(node: Node): [number, number] {
  const r = node.range ?? [0, 0, 0];
  return [r[0], r[1]];
}

/**
 * [start, end) from a key to the end of its value: the anchor of a `key: value` setting. A
 * collection value's range runs on to the next line; `text` lets the end be pulled back to the
 * value's last character.
 */
export function entryRange(e: MapEntry, text?: string): [number, number] {
  const start = e.keyNode.range?.[0] ?? 0;
  let end = e.value?.range ? e.value.range[1] : e.keyNode.range?.[1] ?? start;
  if (text !== undefined) while (end > start && /\s/.test(text[end - 1])) end--;
  return [start, Math.max(start, end)];
}

/** One line of a scalar's content as written in the file, trimmed, with its file offset. */
export interface SourceLine {
  text: string;
  /** file offset of text[0] */
  start: number;
}

/**
 * The content lines of a scalar as they stand in the file. For block scalars (`run: |`) the
 * header line is skipped and each content line keeps its own position; quoted scalars lose their
 * quotes. Lines are trimmed (indentation is not part of a shell command).
 */
export function scalarSourceLines(node: Scalar, text: string): SourceLine[] {
  const range = node.range;
  if (!range) return [];
  let start = range[0];
  let end = range[1];
  const type = node.type;
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    const nl = text.indexOf('\n', start);
    if (nl < 0 || nl >= end) return [];
    start = nl + 1;
  } else if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') {
    start += 1;
    end = Math.max(start, end - 1);
  }
  const out: SourceLine[] = [];
  let lineStart = start;
  while (lineStart <= end) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    let a = lineStart;
    let b = lineEnd;
    while (a < b && (text[a] === ' ' || text[a] === '\t')) a++;
    while (b > a && (text[b - 1] === ' ' || text[b - 1] === '\t' || text[b - 1] === '\r')) b--;
    out.push({ text: text.slice(a, b), start: a });
    if (lineEnd >= end) break;
    lineStart = lineEnd + 1;
  }
  return out;
}

/**
 * Endpoints and ARNs in every scalar value of a document that a scanner did not already turn
 * into a dependency (`consumed`). A one-line value is one string literal and the dependency is
 * anchored at its token; a multi-line value (a script) is searched line by line and each match
 * is anchored where it stands. Aliases are not followed: the anchored node is visited once.
 */
export function emitYamlStrings(builder: DependencyBuilder, doc: Document, consumed: ReadonlySet<Node>, origin: string): void {
  const text = builder.text;
  const visit = (node: unknown, key: string | undefined, depth: number): void => {
    if (depth > 64 || !node || isAlias(node)) return;
    if (isMap(node)) {
      for (const pair of node.items) visit(pair.value, isScalar(pair.key) ? String(pair.key.value) : undefined, depth + 1);
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item, key, depth + 1);
    } else if (isScalar(node) && typeof node.value === 'string' && !consumed.has(node)) {
      const value = node.value;
      if (!value.includes('amazonaws') && !value.includes('arn:') && !value.includes('.aws')) return;
      const [start, end] = nodeRange(node);
      if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED' || text.slice(start, end).includes('\n')) {
        for (const line of scalarSourceLines(node, text)) emitTextMatches(builder, line.text, line.start, origin);
      } else {
        emitStringValue(builder, value, key, start, end, origin);
      }
    }
  };
  visit(doc.contents, undefined, 0);
}

export { isMap, isScalar, isSeq };
