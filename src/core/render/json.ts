/**
 * The `--format json` document: the dependency map exactly as `dependency-map.schema.json`
 * describes it, with internal scanner bookkeeping removed.
 */
import type { DependencyMap } from '../model';
import { escapeJsonInvisibles } from './sanitise';

const omitInternal = (key: string, value: unknown): unknown => (key === 'regionRef' ? undefined : value);

export function renderJson(map: DependencyMap): string {
  // Bidi controls stay raw in JSON.stringify's output; written as escapes, a reader of the file sees them.
  return `${escapeJsonInvisibles(JSON.stringify(map, omitInternal, 2))}
`;
}

/**
 * The same document as {@link renderJson}, character for character, in pieces of about one
 * dependency or finding each: a writer can send them out as they come instead of holding the
 * whole text (tens of megabytes for a large monorepo) at once. The map's top level and its
 * arrays are laid out here; every element below is `JSON.stringify`'s own output, re-indented.
 */
export function* renderJsonChunks(map: DependencyMap): Generator<string> {
  // The escapes replace single characters, so escaping piece by piece equals escaping the whole.
  for (const chunk of chunksOf(map, '', 0)) yield escapeJsonInvisibles(chunk);
  yield '\n';
}

/** How many levels are split into chunks: the map object, then its arrays and objects (`dependencies`, `summary` …). */
const SPLIT_DEPTH = 2;

function* chunksOf(value: unknown, indent: string, depth: number): Generator<string> {
  const plain = value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
  if (!plain || depth >= SPLIT_DEPTH) {
    yield reindented(JSON.stringify(value, omitInternal, 2), indent);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[';
    for (let i = 0; i < value.length; i++) {
      const element = omitInternal(String(i), value[i]);
      yield `${i === 0 ? '' : ','}\n${inner}`;
      // JSON.stringify writes `null` for an array element it cannot represent.
      if (element === undefined || typeof element === 'function' || typeof element === 'symbol') yield 'null';
      else yield* chunksOf(element, inner, depth + 1);
    }
    yield `\n${indent}]`;
    return;
  }
  let first = true;
  for (const key of Object.keys(value as object)) {
    const element = omitInternal(key, (value as Record<string, unknown>)[key]);
    // JSON.stringify leaves out properties it cannot represent.
    if (element === undefined || typeof element === 'function' || typeof element === 'symbol') continue;
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* chunksOf(element, inner, depth + 1);
  }
  yield first ? '{}' : `\n${indent}}`;
}

/** `JSON.stringify(…, 2)` output placed at `indent`: every line after the first moves right. */
function reindented(text: string | undefined, indent: string): string {
  // undefined only for a value JSON cannot represent, which the callers have already left out.
  if (text === undefined) return 'null';
  return indent === '' ? text : text.replace(/\n/g, `\n${indent}`);
}
