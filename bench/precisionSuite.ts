/**
 * The real-code regression suite (test/fixtures/real-code): small workspaces excerpted from public
 * repositories (licences in its README) and workspaces written after AWS samples' idioms, each with
 * `expected.json` — every finding at low severity or above, and the regions of chosen
 * dependencies, written by a reviewer. The unit test holds the engine to it exactly; the bench
 * (bench/precision.ts) prints per-rule true and false positives and misses.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { analyseWorkspace } from '../src/core/analysis';
import { defaultConfig } from '../src/core/config';
import type { DependencyMap, Severity } from '../src/core/model';
import { scanFile } from '../src/core/scanners';
import { loadLanguages } from '../src/node/languages';

export const SUITE = path.resolve(__dirname, '..', 'test', 'fixtures', 'real-code');
const EXPECTED = 'expected.json';
const COUNTED: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

export interface ExpectedRegion {
  /** `file:line` of the dependency */
  at: string;
  kind: string;
  region: string | null;
  candidates?: string[];
}

export interface CaseExpectation {
  /** where the files come from (repository, commit, path, licence) or "written after …" */
  origin: string;
  /** every finding at low or above: `<rule> <severity> <file>:<line>` */
  findings: string[];
  regions: ExpectedRegion[];
  /** why the list is what it is, for the next reviewer */
  notes?: string;
}

export interface CaseResult {
  name: string;
  expected: CaseExpectation;
  /** the findings at low or above, in the expected form */
  actual: string[];
  /** each expected region with what the engine said, when it differs */
  regionMisses: Array<{ expected: ExpectedRegion; actual: string }>;
  map: DependencyMap;
}

function filesOf(dir: string, root = dir): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) Object.assign(out, filesOf(full, root));
    else if (entry !== EXPECTED) out[path.relative(root, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
  }
  return out;
}

export function caseNames(): string[] {
  return readdirSync(SUITE).filter((n) => statSync(path.join(SUITE, n)).isDirectory()).sort();
}

export function findingKey(f: { ruleId: string; severity: string; file: string; line: number }): string {
  return `${f.ruleId} ${f.severity} ${f.file}:${f.line}`;
}

function regionText(d: { region: string | null; candidateRegions?: string[] } | undefined): string {
  if (!d) return 'no dependency there';
  return d.candidateRegions?.length ? `${d.region} [${d.candidateRegions.join(',')}]` : String(d.region);
}

export async function runCase(name: string): Promise<CaseResult> {
  const dir = path.join(SUITE, name);
  const expected = JSON.parse(readFileSync(path.join(dir, EXPECTED), 'utf8')) as CaseExpectation;
  const languages = await loadLanguages();
  const results = Object.entries(filesOf(dir)).map(([file, text]) => scanFile(file, text, { languages }));
  const map = analyseWorkspace(results, { root: '.', config: defaultConfig() });
  const actual = map.findings.filter((f) => COUNTED.includes(f.severity)).map(findingKey).sort();
  const regionMisses: CaseResult['regionMisses'] = [];
  for (const r of expected.regions) {
    const [file, line] = [r.at.slice(0, r.at.lastIndexOf(':')), Number(r.at.slice(r.at.lastIndexOf(':') + 1))];
    const dep = map.dependencies.find((d) => d.file === file && d.line === line && d.kind === r.kind);
    const want = regionText({ region: r.region, candidateRegions: r.candidates });
    const got = regionText(dep);
    if (want !== got) regionMisses.push({ expected: r, actual: got });
  }
  return { name, expected, actual, regionMisses, map };
}

export interface RuleScore {
  truePositives: number;
  falsePositives: string[];
  misses: string[];
}

/** Per rule: expected findings found (true positives), found but not expected, expected but not found. */
export function score(results: readonly CaseResult[]): Map<string, RuleScore> {
  const rules = new Map<string, RuleScore>();
  const of = (rule: string) => rules.get(rule) ?? (rules.set(rule, { truePositives: 0, falsePositives: [], misses: [] }), rules.get(rule)!);
  for (const r of results) {
    const want = new Set(r.expected.findings);
    const got = new Set(r.actual);
    for (const k of got) {
      if (want.has(k)) of(k.split(' ')[0]).truePositives++;
      else of(k.split(' ')[0]).falsePositives.push(`${r.name}/${k}`);
    }
    for (const k of want) if (!got.has(k)) of(k.split(' ')[0]).misses.push(`${r.name}/${k}`);
  }
  return new Map([...rules].sort(([a], [b]) => (a < b ? -1 : 1)));
}
