/**
 * The one entry point into the engine: scanned files in, dependency map out. The CLI, the
 * language server and the tests all call {@link analyseWorkspace}; no view recomputes what it
 * returns.
 */
import type { OutageRadarConfig } from './config';
import { defaultConfig } from './config';
import type { Dependency, DependencyMap, FileScanResult, Problem } from './model';
import { RESOLUTION_PASSES, resolveRegions } from './resolve';
import type { ResolutionPass } from './resolve/types';
import { runRules } from './rules/engine';
import { RULES } from './rules';
import type { Rule } from './rules/types';
import { computeRisk } from './risk';
import { summariseMap } from './summary';

export interface AnalysisOptions {
  root: string;
  config?: OutageRadarConfig;
  /** base URL of the rule documentation (`helpUri`, `codeDescription.href`) */
  docsBaseUrl?: string;
  /** problems found by the host before scanning (unreadable, too large, binary …) */
  hostProblems?: Problem[];
  /** files the host decided not to read at all (counted in `filesSkipped`) */
  filesSkipped?: number;
  /** files read and given to the scanners (default: the number of results) */
  filesScanned?: number;
  keepSuppressed?: boolean;
  /** the rule catalogue (default: every rule); tests inject their own */
  rules?: readonly Rule[];
  /** the resolution passes in order (default: {@link RESOLUTION_PASSES}); tests inject their own */
  passes?: readonly ResolutionPass[];
  durationMs?: number;
}

export const DEFAULT_DOCS_BASE_URL = 'docs/rules/';

/**
 * Resolves regions across files, runs the rules and summarises. Scan results are not mutated
 * (they may live in a cache): resolution works on copies.
 */
export function analyseWorkspace(results: readonly FileScanResult[], options: AnalysisOptions): DependencyMap {
  const config = options.config ?? defaultConfig();
  // Passes settle dependencies and may add deploy units; the rest of a result (problems,
  // suppressions, format facts) is only read, so it is shared rather than cloned on every analysis
  // (the language server analyses on every keystroke). A test checks that results stay unchanged.
  const copies: FileScanResult[] = results.map((r) => ({
    ...r,
    dependencies: structuredClone(r.dependencies),
    ...(r.deployUnits ? { deployUnits: structuredClone(r.deployUnits) } : {}),
  }));
  const passFailures: Problem[] = [];
  const workspace = resolveRegions(copies, options.passes ?? RESOLUTION_PASSES, (p) => passFailures.push(p));
  const dependencies = sortDependencies(workspace.dependencies);
  const problems = [...(options.hostProblems ?? []), ...copies.flatMap((r) => r.problems), ...workspace.problems, ...passFailures];
  const { findings, problems: ruleFailures } = runRules(options.rules ?? RULES, {
    dependencies,
    deployUnits: copies.flatMap((r) => r.deployUnits ?? []),
    suppressions: copies.flatMap((r) => r.suppressions),
    problems,
    config,
    docsBaseUrl: options.docsBaseUrl ?? DEFAULT_DOCS_BASE_URL,
    keepSuppressed: options.keepSuppressed,
  });
  problems.push(...ruleFailures);
  const map: DependencyMap = {
    version: 1,
    root: options.root,
    dependencies,
    findings,
    problems: problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0))),
    summary: summariseMap(dependencies, findings, { scanned: options.filesScanned ?? copies.length, skipped: options.filesSkipped ?? 0 }, options.durationMs),
  };
  const deployUnits = copies.flatMap((r) => r.deployUnits ?? []);
  if (deployUnits.length) map.deployUnits = deployUnits;
  map.risk = computeRisk(map, config);
  return map;
}

export function sortDependencies(deps: Dependency[]): Dependency[] {
  return [...deps].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.id < b.id ? -1 : 1)));
}

