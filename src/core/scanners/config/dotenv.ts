/**
 * Environment files: `.env`, `.env.<name>` (`.env.production`, `.env.local`, `.env.example`) and
 * `<name>.env`. The syntax is the one the `dotenv` package reads: `KEY=value` or `KEY: value`,
 * an optional `export`, single, double or backquoted values (which may span lines), `#`
 * comments; `${X}` / `$X` / `${X:-default}` references follow earlier keys, as `dotenv-expand`
 * does (single-quoted values are not expanded).
 *
 * Every AWS region variable becomes a runtime `region-config` scoped to the file's folder; the
 * file's suffix names the environment (`.env.production` → `production`), and example files
 * (`.env.example`, `.sample`, `.template`, `.dist`) are marked `example`: they show intent, not
 * what runs.
 */
import type { Problem, RegionScope } from '../../model';
import { DependencyBuilder } from '../builder';
import { findSuppressions } from '../suppressions';
import { emptyOutput, type Scanner, type ScanOutput } from '../types';
import { emitEnvAssignment, literalSet, resolveShellValue, withStep, type RegionSet } from './envAssignments';
import { folderOf } from '../../paths';
import { traceStep } from '../../trace';

const ID = 'dotenv';
/** `.env.js`, `.env.ts`, `.env.json` … are code or other formats, not env files. */
const OTHER_FORMATS = /\.(?:[cm]?[jt]sx?|json|ya?ml|py|sh|md|toml|txt|vault|d\.ts)$/i;
const EXAMPLE_SUFFIXES = new Set(['example', 'sample', 'template', 'dist', 'tmpl', 'tpl', 'default', 'defaults']);

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** Whether the file name is an env file's. */
export function isEnvFileName(file: string): boolean {
  const base = baseName(file);
  if (base === '.env') return true;
  if (base.startsWith('.env.')) return !OTHER_FORMATS.test(base);
  return base.length > 4 && base.endsWith('.env') && !base.startsWith('.');
}

/** `.env.production` → `production`, `.env.example` → `example`, `prod.env` → `prod`, `.env` → undefined. */
function environmentOf(file: string): string | undefined {
  const base = baseName(file);
  const parts = base.startsWith('.env.') ? base.slice(5).split('.') : base.endsWith('.env') && base !== '.env' ? [base.slice(0, -4)] : [];
  if (parts.length === 0 || parts[0] === '') return undefined;
  if (parts.some((p) => EXAMPLE_SUFFIXES.has(p.toLowerCase()))) return 'example';
  return parts[0];
}

export const dotenvScanner: Scanner = {
  id: ID,
  accepts(file: string, text: string): boolean {
    return isEnvFileName(file) && /aws_|amazonaws|arn:aws|region/i.test(text);
  },
  scan(file: string, text: string): ScanOutput {
    const out = emptyOutput();
    const builder = new DependencyBuilder(file, text);
    const scope: RegionScope = { directory: folderOf(file), appliesTo: 'runtime' };
    const environment = environmentOf(file);
    if (environment) scope.environment = environment;
    const variables = new Map<string, RegionSet>();
    for (const a of parseEnvFile(file, text, builder, out.problems)) {
      const set = a.quote === "'" ? literalSet(a.value) : resolveShellValue(a.value, (name) => variables.get(name));
      emitEnvAssignment(builder, a, { origin: ID, scope, resolve: () => set });
      const line = builder.lines.position(a.start).line;
      variables.set(a.name, withStep(set, traceStep({ file, line }, { kind: 'env-assignment', variable: a.name, value: a.value })));
    }
    out.dependencies = builder.dependencies;
    out.suppressions = findSuppressions(file, text, 'hash');
    return out;
  },
};

interface ParsedAssignment {
  name: string;
  value: string;
  quote: string | undefined;
  start: number;
  end: number;
  valueStart: number;
  valueEnd: number;
}

const KEY = /[ \t]*(?:export[ \t]+)?([\w.-]+)(?:[ \t]*=[ \t]*|:[ \t]+)/y;

/**
 * The assignments of an env file, in order. A line that is not an assignment is reported once
 * (the first such line, with a count); an unterminated quote ends the file's reading.
 */
function parseEnvFile(file: string, text: string, builder: DependencyBuilder, problems: Problem[]): ParsedAssignment[] {
  const out: ParsedAssignment[] = [];
  let bad = 0;
  let firstBad = 0;
  let pos = 0;
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    const line = text.slice(pos, eol).replace(/\r$/, '');
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      pos = eol + 1;
      continue;
    }
    KEY.lastIndex = pos;
    const m = KEY.exec(text);
    if (!m || m.index !== pos || KEY.lastIndex > eol) {
      if (bad++ === 0) firstBad = pos;
      pos = eol + 1;
      continue;
    }
    const name = m[1];
    const keyStart = text.indexOf(name, pos);
    const valueStart = KEY.lastIndex;
    const q = text[valueStart];
    if (q === '"' || q === "'" || q === '`') {
      const close = findClosingQuote(text, valueStart + 1, q);
      if (close < 0) {
        problems.push({ file, line: builder.lines.position(valueStart).line, reason: `dotenv: unterminated ${q} quote in ${name}; the lines after it were not read`, severity: 'partial' });
        break;
      }
      out.push({ name, value: text.slice(valueStart + 1, close), quote: q, start: keyStart, end: close + 1, valueStart, valueEnd: close + 1 });
      const next = text.indexOf('\n', close);
      pos = next < 0 ? text.length : next + 1;
      continue;
    }
    let valueEnd = valueStart;
    while (valueEnd < eol && text[valueEnd] !== '#' && text[valueEnd] !== '\r') valueEnd++;
    while (valueEnd > valueStart && (text[valueEnd - 1] === ' ' || text[valueEnd - 1] === '\t')) valueEnd--;
    out.push({ name, value: text.slice(valueStart, valueEnd), quote: undefined, start: keyStart, end: Math.max(valueEnd, valueStart), valueStart, valueEnd });
    pos = eol + 1;
  }
  if (bad > 0) {
    const { line } = builder.lines.position(firstBad);
    problems.push({ file, line, reason: `dotenv: ${bad} line(s) are not KEY=value assignments (first: line ${line}); they were skipped`, severity: 'partial' });
  }
  return out;
}

function findClosingQuote(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}
