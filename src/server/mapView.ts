/**
 * Lookups over one analysed dependency map that the editor features share: a file's dependencies
 * and findings, a dependency by id, the findings on a dependency. Built once per map (the index
 * memoises the map until something changes) and never recomputed by the features themselves.
 */
import type { Dependency, DependencyMap, Finding } from '../core/model';
import { simulateOutage, type SimulationResult } from '../core/simulate';

export class MapView {
  readonly dependenciesByFile = new Map<string, Dependency[]>();
  readonly findingsByFile = new Map<string, Finding[]>();
  readonly byId = new Map<string, Dependency>();
  /** findings that involve a dependency (anchored at it or naming it) */
  readonly findingsByDependency = new Map<string, Finding[]>();
  private readonly simulations = new Map<string, SimulationResult>();

  constructor(readonly map: DependencyMap) {
    for (const d of map.dependencies) {
      this.byId.set(d.id, d);
      push(this.dependenciesByFile, d.file, d);
    }
    for (const f of map.findings) {
      push(this.findingsByFile, f.file, f);
      for (const id of f.dependencyIds) push(this.findingsByDependency, id, f);
    }
  }

  dependencies(file: string): readonly Dependency[] {
    return this.dependenciesByFile.get(file) ?? [];
  }

  findings(file: string): readonly Finding[] {
    return this.findingsByFile.get(file) ?? [];
  }

  findingsOn(dependency: Dependency): readonly Finding[] {
    return this.findingsByDependency.get(dependency.id) ?? [];
  }

  /** The outage simulation of a region over this map (the engine's, as the CLI's `simulate`), computed once. */
  simulation(region: string): SimulationResult {
    let result = this.simulations.get(region);
    if (!result) {
      result = simulateOutage(this.map, region);
      this.simulations.set(region, result);
    }
    return result;
  }

  /** Files that have findings, dependencies or problems: what the workspace diagnostics cover. */
  files(): Set<string> {
    return new Set([...this.findingsByFile.keys(), ...this.dependenciesByFile.keys()]);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const views = new WeakMap<DependencyMap, MapView>();

/** The view of a map, built on first use. */
export function viewOf(map: DependencyMap): MapView {
  let view = views.get(map);
  if (!view) {
    view = new MapView(map);
    views.set(map, view);
  }
  return view;
}
