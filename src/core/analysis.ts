/**
 * The one entry point into the engine: scanned files in, dependency map out. The CLI, the
 * language server and the tests all call {@link analyseWorkspace}; no view recomputes what it
 * returns.
 */
import type { OutageRadarConfig } from './config';
import { defaultConfig } from './config';
import { ResolutionCache, type ResolutionCounters, type ResolvedFile } from './incremental/resolution';
import type { Dependency, DependencyMap, FileScanResult, Problem } from './model';
import { RESOLUTION_PASSES } from './resolve';
import type { ResolutionPass } from './resolve/types';
import { runRules, type RuleRunState } from './rules/engine';
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
 * Resolves regions across files, runs the rules and summarises: a cold run (every query computed,
 * nothing kept). Scan results are not mutated (they may live in a cache): resolution works on
 * copies.
 */
export function analyseWorkspace(results: readonly FileScanResult[], options: AnalysisOptions): DependencyMap {
  return new IncrementalAnalysis().analyse(results, options);
}

/** What the last analysis recomputed (the recomputation tests read it; never time). */
export interface AnalysisScope {
  /** the whole workspace was resolved */
  coldResolution: boolean;
  /** files whose resolution queries ran again (their result or an input of theirs changed) */
  resolvedFiles: ReadonlySet<string>;
  /** the units those files feed (`config:<folder>`, `stack:<file>`, `deploy:<path>`, `terraform:<folder>`, `cdk`, `export:<module>#<name>`) */
  units: readonly string[];
  /** the rules ran over everything */
  coldRules: boolean;
  /** dependencies whose resolved value changed (or that link to one that did): dependency-scoped rules ran over these */
  ruleDependencies: ReadonlySet<string>;
  /** files holding one: file-scoped rules ran over these */
  ruleFiles: ReadonlySet<string>;
}

/**
 * The analysis the language server keeps between edits: the same code path as a cold run (the
 * first call is one), with the resolution cached per unit ({@link ResolutionCache}) and the
 * scoped rules re-run only where dependencies changed ({@link runRules}). Summary and risk are
 * computed over the whole map every time. The scan results given must be replaced, not mutated,
 * when a file changes: the cache tells changed files by the identity of their result.
 */
export class IncrementalAnalysis {
  private readonly resolution = new ResolutionCache();
  private rules: RuleRunState | undefined;
  private defaultConfig: OutageRadarConfig | undefined;
  /** what the last analysis recomputed */
  lastScope: AnalysisScope | undefined;

  get resolutionCounters(): ResolutionCounters {
    return this.resolution.counters;
  }

  /** Each file's dependencies in map order, by the array the resolution gave (kept while its objects are the same). */
  private sortedOf = new WeakMap<readonly Dependency[], Dependency[]>();

  /**
   * The map's order (`sortDependencies`: file, line, column, id) without sorting the whole
   * workspace on every analysis: files in path order, each file's own list sorted once.
   */
  private ordered(files: readonly ResolvedFile[]): Dependency[] {
    const byPath = [...files].sort((a, b) => (a.input.file < b.input.file ? -1 : a.input.file > b.input.file ? 1 : 0));
    const out: Dependency[] = [];
    for (let i = 0; i < byPath.length; i++) {
      const f = byPath[i];
      let sorted = this.sortedOf.get(f.dependencies);
      if (!sorted) {
        // A dependency filed under another path, or two results of one path: the whole sort decides.
        if (f.dependencies.some((d) => d.file !== f.input.file) || (i > 0 && byPath[i - 1].input.file === f.input.file)) return sortDependencies(files.flatMap((x) => x.dependencies));
        sorted = sortDependencies(f.dependencies);
        this.sortedOf.set(f.dependencies, sorted);
      }
      for (const d of sorted) out.push(d);
    }
    return out;
  }

  /** Forgets every cached query: the next analysis is cold. */
  clear(): void {
    this.resolution.clear();
    this.rules = undefined;
  }

  analyse(results: readonly FileScanResult[], options: AnalysisOptions): DependencyMap {
    // One default config for the analysis's lifetime: the rules' cache is valid for one config object.
    const config = options.config ?? (this.defaultConfig ??= defaultConfig());
    const resolved = this.resolution.resolve(results, options.passes ?? RESOLUTION_PASSES);
    const dependencies = this.ordered(resolved.files);
    const deployUnits = resolved.files.flatMap((f) => f.deployUnits ?? []);
    const problems = [...(options.hostProblems ?? []), ...results.flatMap((r) => r.problems), ...resolved.problems];
    const ruleRun = runRules(
      options.rules ?? RULES,
      {
        dependencies,
        deployUnits,
        suppressions: results.flatMap((r) => r.suppressions),
        problems,
        config,
        docsBaseUrl: options.docsBaseUrl ?? DEFAULT_DOCS_BASE_URL,
        keepSuppressed: options.keepSuppressed,
      },
      this.rules,
    );
    this.rules = ruleRun.state;
    this.lastScope = { coldResolution: resolved.cold, resolvedFiles: resolved.recomputed, units: resolved.units, coldRules: !ruleRun.scope.incremental, ruleDependencies: ruleRun.scope.dependencies, ruleFiles: ruleRun.scope.files };
    problems.push(...ruleRun.problems);
    const { findings } = ruleRun;
    const map: DependencyMap = {
      version: 1,
      root: options.root,
      dependencies,
      findings,
      problems: problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0))),
      summary: summariseMap(dependencies, findings, { scanned: options.filesScanned ?? results.length, skipped: options.filesSkipped ?? 0 }, options.durationMs),
    };
    if (deployUnits.length) map.deployUnits = deployUnits;
    map.risk = computeRisk(map, config);
    return map;
  }
}

export function sortDependencies(deps: Dependency[]): Dependency[] {
  return [...deps].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.id < b.id ? -1 : 1)));
}

