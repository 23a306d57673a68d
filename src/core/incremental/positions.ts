/**
 * Early cutoff for a rescanned file. Ids come from content, so an edit that only moves things
 * (a comment or blank line added, removed or edited) leaves a file's facts equal except for line
 * numbers. Such an edit needs no resolution and no rules: the previous map is right once its
 * positions in that file are moved the way the scan's positions moved.
 *
 * The comparison is strict, so that anything it cannot vouch for falls back to a full analysis:
 * every value other than a line must be equal (columns too), and the lines must have moved as one
 * edit does — unchanged before some point, shifted by one amount after it. A position of the map
 * that lies between the last unchanged and the first shifted position, or right after the last
 * unchanged one (rules compute "the line after" a position: a span's exclusive end, where a fix
 * inserts), a suppression whose comment and target lie on both sides of the edit, or a
 * message that quotes a line number of the file, all mean "recompute".
 */
import type { DependencyMap, FileScanResult } from '../model';
import { evidenceOf } from '../trace';

/** Keys that hold a 1-based line number, wherever they appear in the model. */
const LINE_KEYS = new Set(['line', 'endLine', 'targetLine']);

/** How the lines of one file moved: `line < firstShifted` stays, `line >= firstShifted` moves by `delta`. */
export interface LineShift {
  /** the last line known to stay (0 when none) */
  lastKept: number;
  /** the first old line known to move (Infinity when none) */
  firstShifted: number;
  delta: number;
}

export type FactsComparison = { kind: 'same' } | { kind: 'moved'; shift: LineShift } | { kind: 'changed' };

/**
 * Compares two scans of the same file: the same facts at the same places, the same facts moved by
 * one edit, or different facts.
 */
export function compareFacts(before: FileScanResult, after: FileScanResult): FactsComparison {
  const pairs: Array<[number, number]> = [];
  if (!sameShape(before, after, pairs)) return { kind: 'changed' };
  let lastKept = 0;
  let firstShifted = Infinity;
  let delta: number | undefined;
  for (const [a, b] of pairs) {
    if (a === b) lastKept = Math.max(lastKept, a);
    else {
      if (delta !== undefined && b - a !== delta) return { kind: 'changed' };
      delta = b - a;
      firstShifted = Math.min(firstShifted, a);
    }
  }
  if (delta === undefined) return { kind: 'same' };
  if (lastKept >= firstShifted) return { kind: 'changed' };
  // A suppression's fingerprint is the distance from its comment to its target: it changes if the
  // edit falls between them.
  for (const s of before.suppressions) if (s.line <= lastKept && s.targetLine >= firstShifted) return { kind: 'changed' };
  return { kind: 'moved', shift: { lastKept, firstShifted, delta } };
}

/** Deep equality except for values under line keys, whose pairs are collected. */
function sameShape(a: unknown, b: unknown, lines: Array<[number, number]>, key?: string): boolean {
  if (a === b) {
    if (key !== undefined && LINE_KEYS.has(key) && typeof a === 'number') lines.push([a, a]);
    return true;
  }
  if (typeof a !== typeof b || a === null || b === null) return false;
  if (typeof a === 'number') {
    if (key !== undefined && LINE_KEYS.has(key) && typeof b === 'number') {
      lines.push([a, b]);
      return true;
    }
    return false;
  }
  if (typeof a !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameShape(a[i], b[i], lines)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ak = Object.keys(a as object);
  const bo = b as Record<string, unknown>;
  if (ak.length !== Object.keys(bo).length) return false;
  for (const k of ak) {
    if (!(k in bo)) return false;
    if (!sameShape((a as Record<string, unknown>)[k], bo[k], lines, k)) return false;
  }
  return true;
}

/** Thrown inside {@link movePositions} when a position cannot be moved with certainty. */
class Unsure extends Error {}

const QUOTED_LINE = /\bline \d/;

/**
 * The map with every position in `file` moved by `shift`, or undefined when one of them cannot be
 * moved with certainty (the caller then analyses again). Objects that hold nothing of `file` are
 * shared with the previous map; the previous map is not changed. `changedFiles` receives the
 * files whose findings changed (the server republishes only those).
 */
export function movePositions(map: DependencyMap, file: string, shift: LineShift, changedFiles?: Set<string>): DependencyMap | undefined {
  // The line right after the last kept one may be a rule's "line after" a kept position (a span's
  // exclusive end, a fix's insertion point) as well as a scanned position that moved: unsure.
  const firstSure = Math.max(shift.firstShifted, shift.lastKept + 2);
  const move = (line: number): number => {
    if (line <= shift.lastKept) return line;
    if (line >= firstSure) return line + shift.delta;
    throw new Unsure();
  };
  /** Copies `value` with the positions of `file` moved; returns `value` itself when nothing moved. */
  // `inFile` is undefined where no enclosing object names its file: a line there cannot be placed.
  const walk = <T>(value: T, inFile: boolean | undefined): T => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const moved = walk(value[i], inFile);
        if (moved !== value[i]) (out ??= [...value])[i] = moved;
      }
      return (out ?? value) as T;
    }
    const record = value as Record<string, unknown>;
    const named = typeof record.file === 'string' ? record.file : typeof record.stackFile === 'string' ? record.stackFile : undefined;
    const here = named !== undefined ? named === file : inFile;
    let out: Record<string, unknown> | undefined;
    for (const k in record) {
      const v = record[k];
      let moved: unknown;
      if (LINE_KEYS.has(k) && typeof v === 'number') {
        if (here === undefined) throw new Unsure();
        moved = here ? move(v) : v;
      } else moved = walk(v, here);
      if (moved !== v) (out ??= { ...record })[k] = moved;
    }
    return (out ?? value) as T;
  };
  const refs = referencesOf(map);
  /** The list with the items that may hold a position of `file` walked; the others shared. */
  const walkList = <T>(list: readonly T[], references: ListReferences, each?: (before: T, after: T) => void): T[] => {
    const candidates = [...(references.byFile.get(file) ?? []), ...references.unplaced];
    if (candidates.length === 0) return list as T[];
    let out: T[] | undefined;
    for (const i of candidates) {
      const moved = walk(list[i], undefined);
      each?.(list[i], moved);
      if (moved !== list[i]) (out ??= [...list])[i] = moved;
    }
    return out ?? (list as T[]);
  };
  try {
    const findings = walkList(map.findings, refs.findings, (f, moved) => {
      // A config-file suppression's line is in the config file, not in the finding's file.
      if (f.file === file && f.suppressed) throw new Unsure();
      // Every finding here points into the file (anchor, related place, fix): a quoted line would go stale.
      if (QUOTED_LINE.test(f.message)) throw new Unsure();
      if (moved !== f) changedFiles?.add(f.file);
    });
    const dependencies = walkList(map.dependencies, refs.dependencies);
    if (dependencies !== map.dependencies) {
      const movedDeps = dependencies.filter((d, i) => d !== map.dependencies[i]);
      // A step's fields (a value's text, a variable's expression) may quote a line; its sentence is rendered from them.
      if (movedDeps.some((d) => d.regionTrace?.some((t) => QUOTED_LINE.test(JSON.stringify(evidenceOf(t)))))) throw new Unsure();
      const movedIds = new Set(movedDeps.map((d) => d.id));
      // A finding elsewhere may quote a line of this file through its dependency's trace.
      for (const f of findings) {
        if (f.dependencyIds.some((id) => movedIds.has(id))) {
          if (QUOTED_LINE.test(f.message)) throw new Unsure();
          // Its diagnostic's related information follows the trace.
          changedFiles?.add(f.file);
        }
      }
    }
    const moved: DependencyMap = { ...map, dependencies, findings, problems: walkList(map.problems, refs.problems) };
    if (map.deployUnits) moved.deployUnits = walkList(map.deployUnits, refs.deployUnits);
    if (map.risk && refs.riskHasPositions) moved.risk = walk(map.risk, undefined);
    // Moving lines changes no file an object refers to: the references hold for the moved map.
    references.set(moved, refs);
    return moved;
  } catch (error) {
    if (error instanceof Unsure) return undefined;
    throw error;
  }
}

/** For one list of the map: which items refer to each file, and which hold a line of no known file. */
interface ListReferences {
  byFile: Map<string, number[]>;
  unplaced: number[];
}

interface MapReferences {
  dependencies: ListReferences;
  findings: ListReferences;
  problems: ListReferences;
  deployUnits: ListReferences;
  /** whether the risk model refers to any file or holds any line (it holds neither today) */
  riskHasPositions: boolean;
}

/**
 * Built once per analysed map (and handed on to the moved maps), so that moving one file's
 * positions walks only the objects that refer to that file, not the whole workspace's map.
 */
const references = new WeakMap<DependencyMap, MapReferences>();

/**
 * Builds the map's references ahead of the first edit (the server calls it when idle after a full
 * analysis), so that the first keystroke does not pay for the walk of the whole map.
 */
export function prepareMoves(map: DependencyMap): void {
  referencesOf(map);
}

function referencesOf(map: DependencyMap): MapReferences {
  let refs = references.get(map);
  if (!refs) {
    refs = { dependencies: listReferences(map.dependencies), findings: listReferences(map.findings), problems: listReferences(map.problems), deployUnits: listReferences(map.deployUnits ?? []), riskHasPositions: riskHasPositions(map) };
    references.set(map, refs);
  }
  return refs;
}

function riskHasPositions(map: DependencyMap): boolean {
  const files = new Set<string>();
  return map.risk !== undefined && (!collectFiles(map.risk, files, false) || files.size > 0);
}

function listReferences(list: readonly unknown[]): ListReferences {
  const byFile = new Map<string, number[]>();
  const unplaced: number[] = [];
  const files = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    files.clear();
    if (!collectFiles(list[i], files, false)) unplaced.push(i);
    for (const f of files) {
      const at = byFile.get(f);
      if (at) at.push(i);
      else byFile.set(f, [i]);
    }
  }
  return { byFile, unplaced };
}

/** Adds the files `value` refers to; false when it holds a line that no enclosing object places in a file. */
function collectFiles(value: unknown, files: Set<string>, placed: boolean): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    let ok = true;
    for (const item of value) if (!collectFiles(item, files, placed)) ok = false;
    return ok;
  }
  const record = value as Record<string, unknown>;
  const named = typeof record.file === 'string' ? record.file : typeof record.stackFile === 'string' ? record.stackFile : undefined;
  if (named !== undefined) files.add(named);
  const here = placed || named !== undefined;
  let ok = true;
  for (const k in record) {
    const v = record[k];
    if (typeof v === 'number') {
      if (LINE_KEYS.has(k) && !here) ok = false;
    } else if (typeof v === 'object' && v !== null && !collectFiles(v, files, here)) ok = false;
  }
  return ok;
}

/**
 * The map after `file` was rescanned from `before` to `after`, without analysing again when the
 * facts did not change: the same map when nothing moved, the map with positions moved when only
 * lines moved, undefined when the workspace must be analysed again.
 */
export function mapAfterRescan(map: DependencyMap, before: FileScanResult, after: FileScanResult, changedFiles?: Set<string>): { kind: 'same' | 'moved'; map: DependencyMap } | undefined {
  const comparison = compareFacts(before, after);
  if (comparison.kind === 'same') return { kind: 'same', map };
  if (comparison.kind === 'changed') return undefined;
  const moved = movePositions(map, before.file, comparison.shift, changedFiles);
  return moved ? { kind: 'moved', map: moved } : undefined;
}
