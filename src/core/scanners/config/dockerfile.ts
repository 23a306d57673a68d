/**
 * Dockerfiles (`Dockerfile`, `Dockerfile.<name>`, `<name>.Dockerfile`): `ENV` in both forms
 * (`ENV AWS_REGION=us-east-1`, legacy `ENV AWS_REGION us-east-1`) and `ARG AWS_REGION=…`
 * defaults become runtime `region-config`s scoped to the Dockerfile's folder; `$X` / `${X}` in a
 * value follow the `ARG`s and `ENV`s before it in the same build stage (and global `ARG`s that
 * the stage redeclares), as the builder does. Endpoints and ARNs in any instruction (an ECR base
 * image, a download from S3) are dependencies too.
 *
 * Lines are read as BuildKit reads them: the `# escape=` directive, continuation lines (comment
 * lines inside a continuation are dropped), here-documents skipped.
 */
import type { Problem, RegionScope } from '../../model';
import { DependencyBuilder } from '../builder';
import { findSuppressions } from '../suppressions';
import { emptyOutput, type Scanner, type ScanOutput } from '../types';
import { emitEnvAssignment, emitTextMatches, resolveShellValue, withStep, type RegionSet } from './envAssignments';
import { folderOf } from '../../paths';
import { traceStep } from '../../trace';

const ID = 'dockerfile';
const DOCKERFILE_NAME = /^(?:dockerfile|dockerfile\.[^/]+|[^/]+\.dockerfile)$/i;
const INSTRUCTIONS = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);

export const dockerfileScanner: Scanner = {
  id: ID,
  accepts(file: string, text: string): boolean {
    const base = file.slice(file.lastIndexOf('/') + 1);
    return DOCKERFILE_NAME.test(base) && !base.toLowerCase().endsWith('.dockerignore') && /aws_|amazonaws|arn:aws|region/i.test(text);
  },
  scan(file: string, text: string): ScanOutput {
    const out = emptyOutput();
    const builder = new DependencyBuilder(file, text);
    scanInstructions(builder, out.problems);
    out.dependencies = builder.dependencies;
    out.suppressions = findSuppressions(file, text, 'hash');
    return out;
  },
};

/** One physical line of an instruction, as an offset range in the file. */
interface Piece {
  start: number;
  end: number;
}

/** An instruction with its continuation lines; `text` joins the pieces with single spaces. */
interface Instruction {
  keyword: string;
  pieces: Piece[];
  text: string;
  /** where each piece starts in `text` */
  at: number[];
}

function physicalLines(text: string): Piece[] {
  const out: Piece[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    out.push({ start: pos, end: text[eol - 1] === '\r' ? eol - 1 : eol });
    pos = eol + 1;
  }
  return out;
}

function instructions(text: string, problems: Problem[], file: string, builder: DependencyBuilder): Instruction[] {
  const lines = physicalLines(text);
  let escape = '\\';
  // Parser directives come first, as `# directive=value` comments.
  for (const l of lines) {
    const m = /^#\s*([a-z]+)\s*=\s*(\S+)\s*$/i.exec(text.slice(l.start, l.end));
    if (!m) break;
    if (m[1].toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) escape = m[2];
  }
  const out: Instruction[] = [];
  let current: Instruction | undefined;
  let heredoc: { word: string; strip: boolean } | undefined;
  let unknown = 0;
  for (const l of lines) {
    const raw = text.slice(l.start, l.end);
    if (heredoc) {
      const candidate = heredoc.strip ? raw.replace(/^\t+/, '') : raw;
      if (candidate === heredoc.word) heredoc = undefined;
      continue;
    }
    const trimmed = raw.trim();
    if (!current && (trimmed === '' || trimmed.startsWith('#'))) continue;
    if (current && trimmed.startsWith('#')) continue; // comments inside a continuation are removed
    let end = l.end;
    while (end > l.start && /\s/.test(text[end - 1])) end--;
    const continues = end > l.start && text[end - 1] === escape;
    const pieceEnd = continues ? end - 1 : end;
    let start = l.start;
    while (start < pieceEnd && /\s/.test(text[start])) start++;
    if (!current) {
      const keyword = /^[A-Za-z]+/.exec(text.slice(start, pieceEnd))?.[0].toUpperCase() ?? '';
      if (!INSTRUCTIONS.has(keyword)) {
        if (unknown++ === 0) problems.push({ file, line: builder.lines.position(l.start).line, reason: `Dockerfile: unknown instruction "${trimmed.split(/\s/)[0].slice(0, 40)}"; the line was skipped`, severity: 'partial' });
        if (!continues) continue;
      }
      current = { keyword, pieces: [], text: '', at: [] };
    } else current.text += ' ';
    current.at.push(current.text.length);
    current.pieces.push({ start, end: pieceEnd });
    current.text += text.slice(start, pieceEnd);
    if (!continues) {
      const here = /<<(-?)["']?([A-Za-z_][A-Za-z0-9_]*)["']?/.exec(current.text);
      if (here && (current.keyword === 'RUN' || current.keyword === 'COPY' || current.keyword === 'ADD')) heredoc = { word: here[2], strip: here[1] === '-' };
      out.push(current);
      current = undefined;
    }
  }
  if (current) out.push(current);
  return out.filter((i) => INSTRUCTIONS.has(i.keyword));
}

function offsetIn(ins: Instruction, at: number): number {
  let k = 0;
  for (let i = 0; i < ins.at.length; i++) if (ins.at[i] <= at) k = i;
  return ins.pieces[k].start + (at - ins.at[k]);
}

interface Pair {
  name: string;
  value: string;
  /** offsets in the instruction's text */
  start: number;
  end: number;
  valueStart: number;
}

/** `ENV a=1 b="two words"` / `ARG a=1 b` pairs; the legacy `ENV key value…` form when no `=`. */
function pairs(text: string, from: number, legacyAllowed: boolean): Pair[] {
  const out: Pair[] = [];
  let i = from;
  while (i < text.length && /\s/.test(text[i])) i++;
  const first = /^[^\s=]+/.exec(text.slice(i))?.[0] ?? '';
  if (legacyAllowed && first && text[i + first.length] !== '=') {
    let v = i + first.length;
    while (v < text.length && /\s/.test(text[v])) v++;
    const value = text.slice(v).trimEnd();
    if (value) out.push({ name: first, value: unquote(value), start: i, end: v + value.length, valueStart: v });
    return out;
  }
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length) break;
    const start = i;
    while (i < text.length && text[i] !== '=' && !/\s/.test(text[i])) i++;
    const name = text.slice(start, i);
    if (text[i] !== '=') {
      out.push({ name, value: '', start, end: i, valueStart: i });
      continue;
    }
    i++;
    const valueStart = i;
    let value = '';
    while (i < text.length && !/\s/.test(text[i])) {
      const c = text[i];
      if (c === '"' || c === "'") {
        const close = text.indexOf(c, i + 1);
        const stop = close < 0 ? text.length : close;
        value += text.slice(i + 1, stop);
        i = stop + 1;
      } else if (c === '\\' && i + 1 < text.length) {
        value += text[i + 1];
        i += 2;
      } else {
        value += c;
        i++;
      }
    }
    out.push({ name, value, start, end: Math.min(i, text.length), valueStart });
  }
  return out;
}

function unquote(value: string): string {
  const q = value[0];
  return (q === '"' || q === "'") && value.length >= 2 && value.endsWith(q) ? value.slice(1, -1) : value;
}

function scanInstructions(builder: DependencyBuilder, problems: Problem[]): void {
  const file = builder.file;
  const scope: RegionScope = { directory: folderOf(file), appliesTo: 'runtime' };
  const globalArgs = new Map<string, RegionSet>();
  let stage: Map<string, RegionSet> | undefined;
  for (const ins of instructions(builder.text, problems, file, builder)) {
    if (ins.keyword === 'FROM') stage = new Map();
    if (ins.keyword !== 'ENV' && ins.keyword !== 'ARG') {
      for (const p of ins.pieces) emitTextMatches(builder, builder.text.slice(p.start, p.end), p.start, ID);
      continue;
    }
    const vars = stage ?? globalArgs;
    // Substitutions in one instruction see the values from before it (`ENV a=x b=$a` gives b the old a).
    const updates = new Map<string, RegionSet>();
    for (const p of pairs(ins.text, ins.keyword.length, ins.keyword === 'ENV')) {
      const start = offsetIn(ins, p.start);
      const line = builder.lines.position(start).line;
      if (p.value === '' && ins.keyword === 'ARG') {
        // `ARG NAME` in a stage brings in the global ARG of that name.
        const global = globalArgs.get(p.name);
        if (stage && global) updates.set(p.name, global);
        continue;
      }
      const set = resolveShellValue(p.value, (name) => vars.get(name));
      emitEnvAssignment(builder, {
        name: p.name,
        value: p.value,
        start,
        end: offsetIn(ins, p.end),
        valueStart: offsetIn(ins, p.valueStart),
        valueEnd: offsetIn(ins, p.end),
      }, { origin: ID, scope, resolve: () => set });
      updates.set(p.name, withStep(set, traceStep({ file, line }, { kind: 'env-assignment', variable: p.name, value: p.value, keyword: ins.keyword })));
    }
    for (const [name, set] of updates) vars.set(name, set);
  }
}
