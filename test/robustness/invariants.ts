/**
 * The model's invariants for one file's scan result, as a checker that lists every violation
 * (an empty list means the result is sound). The fuzz suites run it on every scanner output and
 * the pathological-workspace tests on every dependency of a real scan.
 *
 * What must always hold, whatever the input (model.ts, CONTRACTS.md "Paths and positions"):
 * positions are 1-based and inside the file (line ≤ line count, column ≤ the line's length + 1,
 * end not before start); `kind` is one of DEPENDENCY_KINDS; `region` is null or a real region;
 * `regionSource` is one of REGION_SOURCES; `service` is a lowercase endpoint prefix or `*`; ids
 * are unique within the file; and the result is plain JSON data (it crosses worker threads and
 * lives in the cache).
 */
import type { Dependency, FileScanResult, Problem, Span, Suppression } from '../../src/core/model';
import { DEPENDENCY_KINDS, REGION_SOURCES } from '../../src/core/model';
import { LineIndex } from '../../src/core/positions';
import { isRegion } from '../../src/core/regions';

const SERVICE_ID = /^[a-z0-9-]+$|^\*$/;

/** Lines of the text as the model counts them (LF, CRLF or a lone CR end a line), with their lengths in UTF-16 units. */
export class TextShape {
  private readonly index: LineIndex;

  constructor(text: string) {
    this.index = new LineIndex(text);
  }

  get lineCount(): number {
    return this.index.lineCount;
  }

  lineLength(line: number): number {
    return this.index.lineText(line).length;
  }

  /** Why a 1-based position is not inside the text, or undefined when it is. */
  positionError(line: unknown, column: unknown): string | undefined {
    if (!Number.isInteger(line) || (line as number) < 1) return `line ${String(line)} is not a positive integer`;
    if (!Number.isInteger(column) || (column as number) < 1) return `column ${String(column)} is not a positive integer`;
    if ((line as number) > this.lineCount) return `line ${line} is past the last line (${this.lineCount})`;
    const max = this.lineLength(line as number) + 1;
    if ((column as number) > max) return `column ${column} is past the end of line ${line} (length ${max - 1})`;
    return undefined;
  }
}

function spanErrors(shape: TextShape, span: Span, what: string): string[] {
  const out: string[] = [];
  const start = shape.positionError(span.line, span.column);
  if (start) out.push(`${what}: start ${start}`);
  const end = shape.positionError(span.endLine, span.endColumn);
  if (end) out.push(`${what}: end ${end}`);
  if (span.endLine < span.line || (span.endLine === span.line && span.endColumn < span.column)) {
    out.push(`${what}: ends (${span.endLine}:${span.endColumn}) before it starts (${span.line}:${span.column})`);
  }
  return out;
}

function dependencyErrors(shape: TextShape, file: string, dep: Dependency): string[] {
  const what = `${dep.kind} ${dep.service} ${dep.name ?? dep.text ?? ''} at ${dep.line}:${dep.column}`.replace(/\s+/g, ' ');
  const out = spanErrors(shape, dep, what);
  if (dep.file !== file) out.push(`${what}: file is ${JSON.stringify(dep.file)}, not ${JSON.stringify(file)}`);
  if (dep.provider !== 'aws') out.push(`${what}: provider ${JSON.stringify(dep.provider)}`);
  if (typeof dep.id !== 'string' || dep.id === '') out.push(`${what}: no id`);
  if (!(DEPENDENCY_KINDS as readonly string[]).includes(dep.kind)) out.push(`${what}: unknown kind ${JSON.stringify(dep.kind)}`);
  if (typeof dep.service !== 'string' || !SERVICE_ID.test(dep.service)) out.push(`${what}: service ${JSON.stringify(dep.service)} is not an endpoint prefix`);
  if (dep.region !== null && !isRegion(dep.region)) out.push(`${what}: region ${JSON.stringify(dep.region)} is neither null nor a region`);
  if (!(REGION_SOURCES as readonly string[]).includes(dep.regionSource)) out.push(`${what}: unknown regionSource ${JSON.stringify(dep.regionSource)}`);
  for (const candidate of dep.candidateRegions ?? []) {
    if (!isRegion(candidate)) out.push(`${what}: candidate region ${JSON.stringify(candidate)} is not a region`);
  }
  for (const step of dep.regionTrace ?? []) {
    if (step.file === file) {
      const bad = shape.positionError(step.line, step.column ?? 1);
      if (bad) out.push(`${what}: trace step "${step.reason}" ${bad}`);
    } else if (typeof step.file !== 'string' || step.file.startsWith('/') || step.file.startsWith('./')) {
      out.push(`${what}: trace step file ${JSON.stringify(step.file)} is not workspace-relative`);
    }
  }
  return out;
}

function problemErrors(shape: TextShape, file: string, problem: Problem): string[] {
  const out: string[] = [];
  if (problem.file !== file) out.push(`problem "${problem.reason}": file is ${JSON.stringify(problem.file)}`);
  if (typeof problem.reason !== 'string' || problem.reason === '') out.push('problem without a reason');
  if (problem.line !== undefined) {
    const bad = shape.positionError(problem.line, problem.column ?? 1);
    if (bad) out.push(`problem "${problem.reason}": ${bad}`);
  }
  return out;
}

function suppressionErrors(shape: TextShape, s: Suppression): string[] {
  const out: string[] = [];
  const bad = shape.positionError(s.line, s.column) ?? shape.positionError(s.line, s.endColumn);
  if (bad) out.push(`suppression at ${s.line}:${s.column}: ${bad}`);
  if (!Number.isInteger(s.targetLine) || s.targetLine < 1 || s.targetLine > shape.lineCount) out.push(`suppression at ${s.line}: target line ${s.targetLine} is outside the file`);
  if (s.endColumn < s.column) out.push(`suppression at ${s.line}: ends before it starts`);
  return out;
}

/**
 * A scanner that threw: the registry turns the exception into a problem whose reason starts
 * with the scanner's id and "scanner failed". Parsing must never fail, so this is a crash.
 */
export const SCANNER_FAILURE = /\bscanner failed: /;

/** Every way `result` (the scan of `text` as `file`) breaks the model; empty when it is sound. */
export function scanResultViolations(file: string, text: string, result: FileScanResult): string[] {
  const shape = new TextShape(text);
  const out: string[] = [];
  if (result.file !== file) out.push(`result file ${JSON.stringify(result.file)}`);
  const ids = new Map<string, Dependency>();
  for (const dep of result.dependencies) {
    out.push(...dependencyErrors(shape, file, dep));
    const twin = ids.get(dep.id);
    if (twin) out.push(`id ${dep.id} is given twice (${twin.line}:${twin.column} and ${dep.line}:${dep.column})`);
    else ids.set(dep.id, dep);
  }
  for (const problem of result.problems) {
    if (SCANNER_FAILURE.test(problem.reason)) out.push(`crash: ${problem.reason}`);
    out.push(...problemErrors(shape, file, problem));
  }
  for (const s of result.suppressions) out.push(...suppressionErrors(shape, s));
  const impure = impureValue(result, 'result');
  if (impure) out.push(`result is not plain JSON data: ${impure}`);
  return out;
}

/** The path of the first value that JSON cannot carry unchanged (a function, NaN, a class instance, a cycle), or undefined. */
function impureValue(value: unknown, path: string, seen = new Set<object>()): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${path} is ${value}`;
  if (typeof value !== 'object') return `${path} is a ${typeof value}`;
  if (seen.has(value)) return `${path} is a cycle`;
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const bad = impureValue(value[i], `${path}[${i}]`, seen);
        if (bad) return bad;
      }
      return undefined;
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return `${path} is a class instance`;
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      const bad = impureValue(item, `${path}.${key}`, seen);
      if (bad) return bad;
    }
    return undefined;
  } finally {
    seen.delete(value);
  }
}
