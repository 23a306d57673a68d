/**
 * Cross-file region resolution: after every file is scanned, passes over the whole workspace give
 * each dependency that a scanner left with a {@link RegionRef} its region, `regionSource` and
 * `regionTrace`. A pass settles only the dependencies it understands and leaves the rest for the
 * passes after it.
 */
import type { Dependency, FileScanResult, Problem, RegionSource, TraceStep } from '../model';
import { StepBudget } from '../stepBudget';

export interface Resolution {
  region: string | null;
  regionSource: RegionSource;
  candidateRegions?: string[];
  /** appended to the dependency's existing trace */
  trace: TraceStep[];
}

export interface ResolutionPass {
  readonly id: string;
  run(workspace: ResolutionWorkspace): void;
}

export class ResolutionWorkspace {
  readonly dependencies: Dependency[];
  readonly byId = new Map<string, Dependency>();
  readonly byFile = new Map<string, FileScanResult>();

  constructor(readonly results: readonly FileScanResult[]) {
    this.dependencies = results.flatMap((r) => r.dependencies);
    for (const r of results) this.byFile.set(r.file, r);
    for (const d of this.dependencies) this.byId.set(d.id, d);
  }

  /** Dependencies still waiting for a pass, optionally only those whose ref has the given kind. */
  pending(kind?: NonNullable<Dependency['regionRef']>['kind']): Dependency[] {
    return this.dependencies.filter((d) => d.regionRef && (!kind || d.regionRef.kind === kind));
  }

  /**
   * Region configs (provider blocks, samconfig, workflows, env files …) of the whole workspace.
   * Computed once: passes ask for them per dependency, and a dependency's kind never changes, so
   * filtering the whole workspace on every call made resolution quadratic in the workspace size.
   * Callers get a fresh array each time (some filter or sort it).
   */
  regionConfigs(): Dependency[] {
    this.regionConfigList ??= this.dependencies.filter((d) => d.kind === 'region-config');
    return [...this.regionConfigList];
  }

  private regionConfigList: Dependency[] | undefined;

  formatFacts<T>(format: string): Array<{ file: string; facts: T }> {
    const out: Array<{ file: string; facts: T }> = [];
    for (const r of this.results) if (r.formatFacts && format in r.formatFacts) out.push({ file: r.file, facts: r.formatFacts[format] as T });
    return out;
  }

  /** Problems passes found (a resolution cut short by its step budget); reported with the files' own. */
  readonly problems: Problem[] = [];
  /** Each pass's workspace-wide step budget, by pass id (tests assert bounds on the work done with it). */
  readonly budgets = new Map<string, StepBudget>();

  budget(passId: string, limit: number): StepBudget {
    let budget = this.budgets.get(passId);
    if (!budget) this.budgets.set(passId, (budget = new StepBudget(limit)));
    return budget;
  }

  /** Adds a problem unless the same one (file, line, reason) is already there. */
  reportOnce(problem: Problem): void {
    const same = (p: Problem) => p.file === problem.file && p.line === problem.line && p.reason === problem.reason;
    if (!this.problems.some(same)) this.problems.push(problem);
  }

  settle(dep: Dependency, resolution: Resolution): void {
    dep.region = resolution.region;
    dep.regionSource = resolution.regionSource;
    if (resolution.candidateRegions && resolution.candidateRegions.length > 0) dep.candidateRegions = resolution.candidateRegions;
    else delete dep.candidateRegions;
    if (resolution.trace.length) dep.regionTrace = [...(dep.regionTrace ?? []), ...resolution.trace];
    delete dep.regionRef;
  }
}
