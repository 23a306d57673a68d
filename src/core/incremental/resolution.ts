/**
 * Region resolution as cached queries keyed by unit (issue 12, item 3).
 *
 * A cold run resolves the whole workspace. After that, each run compares the scan results it is
 * given with the ones it resolved last time (by object identity: the index replaces a file's
 * result only when it rescans it), and recomputes only what they feed:
 *
 * 1. the files whose result changed, and every file whose resolution reads them, transitively
 *    ({@link ReadGraph}: the units a file reads — settings covering it, the stacks that deploy it,
 *    its Terraform configuration, the CDK app, the modules it imports clients from) — in the new
 *    graph and in the old one (a file removed, or a scope that moved, still invalidates what read
 *    it);
 * 2. those files are resolved again by the same passes, in the same order, over their read
 *    closure only (the inputs of their queries, fresh copies of their scan results): what an
 *    earlier pass settled is what a later one reads, exactly as in the whole workspace;
 * 3. a recomputed file whose settled dependencies equal the previous ones keeps the previous
 *    objects (early cutoff: the rules see nothing changed there); every other file keeps its
 *    previous resolved copy, untouched and uncloned.
 *
 * The link pass (`resolve/links.ts`) ties calls to resources by name anywhere in the workspace; it
 * is not a query: it runs over the whole workspace after the cached passes, on shallow copies
 * (it adds `links`), and an object it left as it was is the cached one.
 *
 * Whatever the cache cannot vouch for is resolved cold: custom passes, a pass that threw, a
 * resolution cut short by a step budget (the budgets are workspace-wide: a closure could finish
 * what the whole workspace could not), or a bound on the steps the workspace would spend nearing
 * its budget.
 */
import type { DeployUnit, Dependency, FileScanResult, Problem } from '../model';
import { RESOLUTION_PASSES, resolveRegions } from '../resolve';
import { linkPass } from '../resolve/links';
import { ResolutionWorkspace, type ResolutionPass } from '../resolve/types';
import { errorMessage, WORKSPACE_PROBLEM_FILE } from '../rules/engine';
import { deepEqual } from './deepEqual';
import { ReadGraph } from './readGraph';

/** One file after resolution. */
export interface ResolvedFile {
  /** the scan result it was resolved from: its identity is the cache's content id */
  input: FileScanResult;
  /** settled by the cached passes (before the link pass) */
  settled: Dependency[];
  /** after the link pass: what the map holds */
  dependencies: Dependency[];
  deployUnits?: DeployUnit[];
}

export interface ResolutionRun {
  /** in the order of the results given */
  files: ResolvedFile[];
  /** problems the passes reported (a resolution stopped by its budget, a pass that threw) */
  problems: Problem[];
  /** true when the whole workspace was resolved */
  cold: boolean;
  /** files whose queries ran (recomputed or read as the closure of those) */
  recomputed: ReadonlySet<string>;
  /** the units the recomputed files feed, sorted (what the recomputation tests name) */
  units: string[];
}

/** How often the cache answered each way (tests count them; never time). */
export interface ResolutionCounters {
  /** whole-workspace resolutions */
  cold: number;
  /** incremental resolutions */
  incremental: number;
  /** files whose result changed or whose inputs did: their queries were recomputed */
  filesRecomputed: number;
  /** further files resolved as the inputs those queries read */
  filesRead: number;
  /** recomputed files whose settled dependencies came out equal (early cutoff) */
  filesCutOff: number;
}

const CACHED_PASSES = RESOLUTION_PASSES.filter((p) => p !== linkPass);

interface State {
  byFile: Map<string, ResolvedFile>;
  graph: ReadGraph;
  /** per pass budget: an upper bound on the steps a cold run would spend now */
  spentBound: Map<string, number>;
}

export class ResolutionCache {
  private state: State | undefined;
  /** the object the map held last time for each settled dependency (the link pass's early cutoff) */
  private finalOf = new WeakMap<Dependency, Dependency>();
  readonly counters: ResolutionCounters = { cold: 0, incremental: 0, filesRecomputed: 0, filesRead: 0, filesCutOff: 0 };

  /** Forgets everything: the next run is cold. */
  clear(): void {
    this.state = undefined;
  }

  resolve(results: readonly FileScanResult[], passes: readonly ResolutionPass[]): ResolutionRun {
    if (passes !== RESOLUTION_PASSES) {
      // Injected passes: resolved as given, nothing cached (the read graph describes the default ones).
      this.state = undefined;
      const failures: Problem[] = [];
      const copies = results.map(copyOf);
      const workspace = resolveRegions(copies, passes, (p) => failures.push(p));
      this.counters.cold++;
      const files = copies.map((c, i) => ({ input: results[i], settled: c.dependencies, dependencies: c.dependencies, ...(c.deployUnits ? { deployUnits: c.deployUnits } : {}) }));
      return { files, problems: [...workspace.problems, ...failures], cold: true, recomputed: new Set(results.map((r) => r.file)), units: [] };
    }
    return (this.state && this.incremental(results, this.state)) || this.cold(results);
  }

  private cold(results: readonly FileScanResult[]): ResolutionRun {
    this.counters.cold++;
    const failures: Problem[] = [];
    const copies = results.map(copyOf);
    const workspace = resolveRegions(copies, CACHED_PASSES, (p) => failures.push(p));
    const byFile = new Map<string, ResolvedFile>();
    const files = copies.map((c, i) => {
      const resolved: ResolvedFile = { input: results[i], settled: c.dependencies, dependencies: c.dependencies, ...(c.deployUnits ? { deployUnits: c.deployUnits } : {}) };
      byFile.set(c.file, resolved);
      return resolved;
    });
    this.finalOf = new WeakMap();
    failures.push(...link(files, this.finalOf));
    const problems = [...workspace.problems, ...failures];
    // A cut-short or failed resolution is not reused: the next run is cold again and reports it again.
    this.state = problems.length === 0 && byFile.size === results.length ? { byFile, graph: new ReadGraph(results), spentBound: spent(workspace) } : undefined;
    return { files, problems, cold: true, recomputed: new Set(results.map((r) => r.file)), units: [] };
  }

  private incremental(results: readonly FileScanResult[], state: State): ResolutionRun | undefined {
    const present = new Set<string>();
    const changed = new Set<string>();
    for (const r of results) {
      if (present.has(r.file)) return undefined;
      present.add(r.file);
      if (state.byFile.get(r.file)?.input !== r) changed.add(r.file);
    }
    for (const file of state.byFile.keys()) if (!present.has(file)) changed.add(file);
    // Most of the workspace is new (a rebuild from disk): comparing costs more than resolving.
    if (changed.size > results.length / 2) return undefined;
    const affected = new Set<string>();
    // What read the changed files before the change (a file removed, a scope that moved) …
    for (const f of state.graph.affectedBy(changed)) if (present.has(f)) affected.add(f);
    // … and after it: the graph is updated in place (only the changed files' edges), or built anew
    // when a Terraform configuration may have changed shape.
    let graph = state.graph;
    if (changed.size) {
      const byFile = new Map(results.map((r) => [r.file, r] as const));
      if (!graph.replace(changed, (f) => byFile.get(f), (f) => state.byFile.get(f)?.input)) graph = new ReadGraph(results);
      for (const f of graph.affectedBy([...changed].filter((f) => present.has(f)))) affected.add(f);
    }
    const closure = affected.size ? graph.closureOf(affected) : new Set<string>();
    const inputs = results.filter((r) => closure.has(r.file));
    const copies = inputs.map(copyOf);
    const failures: Problem[] = [];
    const workspace = resolveRegions(copies, CACHED_PASSES, (p) => failures.push(p));
    if (failures.length || workspace.problems.length) return undefined;
    const spentBound = new Map(state.spentBound);
    for (const [id, budget] of workspace.budgets) {
      const bound = (spentBound.get(id) ?? 0) + budget.spent;
      // The whole workspace might now run out where this closure did not: let a cold run decide.
      if (bound >= budget.limit) return undefined;
      spentBound.set(id, bound);
    }
    const copyByFile = new Map(copies.map((c) => [c.file, c] as const));
    const byFile = new Map<string, ResolvedFile>();
    const files = results.map((r) => {
      const before = state.byFile.get(r.file);
      const copy = affected.has(r.file) ? copyByFile.get(r.file) : undefined;
      let resolved: ResolvedFile;
      if (!copy && before) resolved = before;
      else {
        const recomputed = (copy as FileScanResult).dependencies;
        const deployUnits = (copy as FileScanResult).deployUnits;
        // Early cutoff per dependency: one whose settled value came out the same keeps its previous
        // object, so that the rules (which tell changes by identity) see it unchanged.
        const previous = new Map((before?.settled ?? []).map((d) => [d.id, d] as const));
        const settled = recomputed.map((d) => {
          const old = previous.get(d.id);
          return old && deepEqual(old, d) ? old : d;
        });
        const same = before !== undefined && settled.length === before.settled.length && settled.every((d, i) => d === before.settled[i]) && deepEqual(before.deployUnits, deployUnits);
        if (same) this.counters.filesCutOff++;
        resolved = same ? { ...before, input: r } : { input: r, settled, dependencies: settled, ...(deployUnits ? { deployUnits: before && deepEqual(before.deployUnits, deployUnits) ? before.deployUnits : deployUnits } : {}) };
      }
      byFile.set(r.file, resolved);
      return resolved;
    });
    const linkFailures = link(files, this.finalOf);
    // The graph may already be updated in place: the cold run that follows builds its own.
    if (linkFailures.length) return undefined;
    this.counters.incremental++;
    this.counters.filesRecomputed += affected.size;
    this.counters.filesRead += closure.size - affected.size;
    this.state = { byFile, graph, spentBound };
    const units = new Set<string>();
    for (const f of affected) for (const u of graph.unitsFedBy.get(f) ?? []) units.add(u);
    return { files, problems: [], cold: false, recomputed: affected, units: [...units].sort() };
  }
}

function copyOf(r: FileScanResult): FileScanResult {
  // Passes settle dependencies and may add deploy units; the rest of a result (problems,
  // suppressions, format facts) is only read, so it is shared rather than cloned.
  return { ...r, dependencies: structuredClone(r.dependencies), ...(r.deployUnits ? { deployUnits: structuredClone(r.deployUnits) } : {}) };
}

function spent(workspace: ResolutionWorkspace): Map<string, number> {
  return new Map([...workspace.budgets].map(([id, b]) => [id, b.spent] as const));
}

/** The fields the link pass writes on the objects it is given. */
type LinkFields = Pick<Dependency, 'links' | 'relations'>;

function sameLinkFields(a: LinkFields, b: LinkFields): boolean {
  return deepEqual(a.links ?? [], b.links ?? []) && deepEqual(a.relations ?? [], b.relations ?? []);
}

/** What a dependency's link fields were before the pass: the arrays themselves and their lengths. */
interface NotedLinkFields {
  links: string[] | undefined;
  linksLength: number;
  relations: Dependency['relations'];
  relationsLength: number;
}

/**
 * Runs the link pass over the whole workspace and sets each file's `dependencies`. The pass adds
 * to `links` and `relations` (and nothing else: the differential test holds it to that on every
 * fixture). It runs on the settled objects themselves — copying nine thousand objects for it cost
 * more than the pass — with both arrays noted first and restored after (in a `finally`: nothing
 * sees the objects in between). A dependency whose links or relations the pass changed gets a copy
 * with them; the copy made last time stands if they are the same (`finalOf` remembers it), so an
 * unchanged dependency keeps its object across analyses, and one whose ties changed does not (the
 * rules re-check it). Returns the failure, if the pass threw.
 */
function link(files: ResolvedFile[], finalOf: WeakMap<Dependency, Dependency>): Problem[] {
  const settled = files.flatMap((f) => f.settled);
  const noted: NotedLinkFields[] = settled.map((d) => ({ links: d.links, linksLength: d.links?.length ?? -1, relations: d.relations, relationsLength: d.relations?.length ?? -1 }));
  const added: Array<LinkFields | undefined> = new Array(settled.length);
  const failures: Problem[] = [];
  try {
    linkPass.run(new ResolutionWorkspace(files.map((f) => ({ ...f.input, dependencies: f.settled, ...(f.deployUnits ? { deployUnits: f.deployUnits } : {}) }))));
  } catch (error) {
    failures.push({ file: WORKSPACE_PROBLEM_FILE, reason: `resolution pass ${linkPass.id} failed (${errorMessage(error)}); regions it had not settled are unresolved`, severity: 'partial' });
  } finally {
    settled.forEach((d, i) => {
      const before = noted[i];
      const linksSame = d.links === before.links && (d.links?.length ?? -1) === before.linksLength;
      const relationsSame = d.relations === before.relations && (d.relations?.length ?? -1) === before.relationsLength;
      if (linksSame && relationsSame) return;
      added[i] = { ...(d.links ? { links: [...d.links] } : {}), ...(d.relations ? { relations: [...d.relations] } : {}) };
      if (before.links === undefined) delete d.links;
      else {
        d.links = before.links;
        d.links.length = before.linksLength;
      }
      if (before.relations === undefined) delete d.relations;
      else {
        d.relations = before.relations;
        d.relations.length = before.relationsLength;
      }
    });
  }
  let at = 0;
  for (const f of files) {
    const before = f.dependencies;
    const now = f.settled.map((d) => {
      const fields = added[at++];
      if (fields === undefined) return d;
      const last = finalOf.get(d);
      if (last && sameLinkFields(last, fields)) return last;
      const copy: Dependency = { ...d, ...fields };
      finalOf.set(d, copy);
      return copy;
    });
    // The same objects as last time: the same array (the analysis keeps its sorted copy by array).
    f.dependencies = now.length === before.length && now.every((d, i) => d === before[i]) ? before : now;
  }
  return failures;
}
