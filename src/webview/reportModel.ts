/**
 * What the report shows, derived once from the dependency map: per-region figures for the map,
 * the rows of the drill-down tables, the hidden control-plane links, the regions and zones an
 * outage can be simulated in, and the simulation's verdict per dependency. Pure data — no DOM —
 * so that every view (map, charts, lists, tables) reads the same numbers.
 *
 * Counting is the engine's: every per-region figure is the map's `summary.regions` entry
 * (src/core/summary.ts), the numbers the status bar, the editor's tree, the simulate picker and
 * `scan --format text` print too. Nothing here recounts them.
 */
import { globalServiceOf } from '../core/catalogue/globalServices';
import { SEVERITIES, type Dependency, type DependencyMap, type Finding, type Severity } from '../core/model';
import type { ReportData, ReportHealthEvent } from '../core/render/reportData';
import { REGION_LOCATIONS, isAvailabilityZone, regionOfAvailabilityZone } from '../core/regions';
import { componentOf, simulateOutage, type SimulatedDependency, type SimulationResult } from '../core/simulate';
import { UNRESOLVED_REGION, simulationRegions } from '../core/summary';

export type SimulationStatus = 'failing' | 'surviving' | 'unknown' | 'unaffected';
export const SIMULATION_STATUSES: readonly SimulationStatus[] = ['failing', 'surviving', 'unknown', 'unaffected'];

export interface RegionFigure {
  region: string;
  /** readable location (`N. Virginia`); the region name itself when the region is not in the location table */
  location: string;
  /** null when the region's coordinates are unknown (it is listed, not drawn) */
  coordinates: [longitude: number, latitude: number] | null;
  dependencies: number;
  /** findings shown as problems counted in this region (summary.ts: a finding counts in one region) */
  findings: number;
  /** info findings (notes) counted in this region */
  notes: number;
  bySeverity: Record<Severity, number>;
  /** the most severe finding in the region, null when there is none */
  worst: Severity | null;
  services: Record<string, number>;
  /** dependencies here only because a global service's control plane lives here */
  viaGlobalControlPlanes: number;
  health: ReportHealthEvent[];
}

/** A global service whose control plane lives in `home`, and the regions whose code uses it. */
export interface ControlPlaneLink {
  service: string;
  home: string;
  count: number;
  dependencyIds: string[];
  /** other regions the same files or components run in: lines are drawn from them to `home` */
  origins: string[];
  note: string;
}

export interface DependencyRow {
  dependency: Dependency;
  id: string;
  /** the region, or `unresolved` */
  region: string;
  service: string;
  kind: string;
  /** the readable label */
  label: string;
  component: string;
  file: string;
  line: number;
  column: number;
  regionSource: string;
  findings: number;
}

export interface FindingRow {
  finding: Finding;
  /** index in the map's findings: a stable key */
  key: string;
  severity: Severity;
  /** 0 = critical … 4 = info, for sorting */
  severityRank: number;
  ruleId: string;
  message: string;
  file: string;
  line: number;
  column: number;
  /** regions of the dependencies the finding points at (`unresolved` when none has one) */
  regions: string[];
  helpUri: string | undefined;
}

export interface OutageTarget {
  /** `us-east-1` or `us-east-1a` */
  value: string;
  region: string;
  az: string | null;
  dependencies: number;
  /** dependencies with no known region that may be here (regions only) */
  possible?: number;
}

export interface ReportModel {
  data: ReportData;
  map: DependencyMap;
  regions: RegionFigure[];
  /** dependencies whose region could not be resolved (region settings excluded) */
  unresolved: number;
  dependencyRows: DependencyRow[];
  findingRows: FindingRow[];
  controlPlanes: ControlPlaneLink[];
  outageRegions: OutageTarget[];
  outageZones: OutageTarget[];
  /** health events that are not marked on the map: they affect nothing the workspace has a region for */
  otherHealth: ReportHealthEvent[];
  byService: Record<string, number>;
  byRule: Record<string, number>;
  bySeverity: Record<Severity, number>;
}

export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

const emptySeverities = (): Record<Severity, number> => Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;

function dependencyLabel(d: Dependency): string {
  return d.name ?? d.resource?.name ?? d.operation ?? d.text ?? d.service;
}

const counts = (values: Iterable<string>): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
};

export function buildReportModel(data: ReportData): ReportModel {
  const { map } = data;
  const units = map.deployUnits ?? [];
  const byId = new Map(map.dependencies.map((d) => [d.id, d]));
  const counted = map.dependencies.filter((d) => d.kind !== 'region-config');

  const figures = new Map<string, RegionFigure>();
  for (const r of map.summary.regions) {
    if (r.region === UNRESOLVED_REGION || r.dependencies === 0) continue;
    const location = REGION_LOCATIONS[r.region];
    figures.set(r.region, {
      region: r.region,
      location: location?.name ?? r.region,
      coordinates: location ? [location.lon, location.lat] : null,
      dependencies: r.dependencies,
      findings: r.findings.problems,
      notes: r.findings.notes,
      bySeverity: { ...r.findings.bySeverity },
      worst: r.worst,
      services: {},
      viaGlobalControlPlanes: r.viaGlobalControlPlanes,
      health: [],
    });
  }
  const unresolved = map.summary.regions.find((r) => r.region === UNRESOLVED_REGION)?.dependencies ?? 0;
  for (const d of counted) {
    const f = d.region ? figures.get(d.region) : undefined;
    if (f && d.service !== '*') f.services[d.service] = (f.services[d.service] ?? 0) + 1;
  }

  const findingRows: FindingRow[] = map.findings.map((finding, index) => {
    const regions = [...new Set(finding.dependencyIds.map((id) => byId.get(id)?.region).filter((r): r is string => !!r))].sort();
    return {
      finding,
      key: String(index),
      severity: finding.severity,
      severityRank: severityRank(finding.severity),
      ruleId: finding.ruleId,
      message: finding.message,
      file: finding.file,
      line: finding.line,
      column: finding.column,
      regions: regions.length ? regions : ['unresolved'],
      helpUri: finding.helpUri,
    };
  });
  const findingsPerDependency = new Map<string, number>();
  for (const f of map.findings) for (const id of new Set(f.dependencyIds)) findingsPerDependency.set(id, (findingsPerDependency.get(id) ?? 0) + 1);
  const dependencyRows: DependencyRow[] = map.dependencies.map((d) => ({
    dependency: d,
    id: d.id,
    region: d.region ?? 'unresolved',
    service: d.service,
    kind: d.kind,
    label: dependencyLabel(d),
    component: componentOf(d, units),
    file: d.file,
    line: d.line,
    column: d.column,
    regionSource: d.regionSource,
    findings: findingsPerDependency.get(d.id) ?? 0,
  }));

  // An event is marked where it affects the workspace: the regions of the places the editor matched
  // it to (a global event included), or, when that is not known (an exported report), its own region
  // if the workspace uses it. An event known to affect nothing here is listed, not marked.
  const otherHealth: ReportHealthEvent[] = [];
  for (const event of data.health ?? []) {
    const regions = event.affectedRegions ?? (event.region === 'global' ? [] : [event.region]);
    const marked = [...new Set(regions)].map((r) => figures.get(r)).filter((f): f is RegionFigure => f !== undefined);
    for (const f of marked) f.health.push(event);
    if (!marked.length) otherHealth.push(event);
  }

  const regions = [...figures.values()].sort((a, b) => b.dependencies - a.dependencies || (a.region < b.region ? -1 : 1));
  return {
    data,
    map,
    regions,
    unresolved,
    dependencyRows,
    findingRows,
    controlPlanes: controlPlaneLinks(map, byId, dependencyRows),
    ...outageTargets(map, counted),
    otherHealth,
    byService: counts(counted.filter((d) => d.service !== '*').map((d) => d.service)),
    byRule: counts(map.findings.map((f) => f.ruleId)),
    bySeverity: { ...emptySeverities(), ...counts(map.findings.map((f) => f.severity)) },
  };
}

/**
 * The hidden dependencies of the risk model, each with the regions its code otherwise runs in:
 * the other regions of dependencies in the same files or the same components. A Lambda in
 * eu-west-1 that calls the global STS endpoint draws a line from eu-west-1 to us-east-1.
 */
function controlPlaneLinks(map: DependencyMap, byId: Map<string, Dependency>, rows: DependencyRow[]): ControlPlaneLink[] {
  const hidden =
    map.risk?.hiddenDependencies ??
    Object.values(
      map.dependencies
        .filter((d) => d.regionSource === 'global-service' && d.region)
        .reduce<Record<string, { service: string; region: string; count: number; dependencyIds: string[] }>>((acc, d) => {
          const key = `${d.service} ${d.region}`;
          acc[key] ??= { service: d.service, region: d.region as string, count: 0, dependencyIds: [] };
          acc[key].count++;
          acc[key].dependencyIds.push(d.id);
          return acc;
        }, {}),
    );
  const regionsByFile = new Map<string, Set<string>>();
  const regionsByComponent = new Map<string, Set<string>>();
  const componentById = new Map<string, string>();
  for (const row of rows) {
    componentById.set(row.id, row.component);
    const d = row.dependency;
    if (!d.region || d.regionSource === 'global-service' || d.kind === 'region-config') continue;
    for (const [index, key] of [[regionsByFile, d.file], [regionsByComponent, row.component]] as const) {
      const set = index.get(key) ?? new Set<string>();
      set.add(d.region);
      index.set(key, set);
    }
  }
  return hidden.map((h) => {
    const origins = new Set<string>();
    for (const id of h.dependencyIds) {
      const d = byId.get(id);
      if (!d) continue;
      for (const r of regionsByFile.get(d.file) ?? []) origins.add(r);
      for (const r of regionsByComponent.get(componentById.get(id) ?? '') ?? []) origins.add(r);
    }
    origins.delete(h.region);
    const g = globalServiceOf(h.service);
    return {
      service: h.service,
      home: h.region,
      count: h.count,
      dependencyIds: h.dependencyIds,
      origins: [...origins].sort(),
      note: g?.note ?? `${h.service} is served from ${h.region} whatever region calls it.`,
    };
  });
}

/**
 * Regions and zones an outage can be simulated in: the summary's regions (resolved dependencies,
 * then those that may be there), as the editor's simulate picker lists them, and the zones the
 * resources name.
 */
function outageTargets(map: DependencyMap, deps: Dependency[]): { outageRegions: OutageTarget[]; outageZones: OutageTarget[] } {
  const zones = new Map<string, number>();
  for (const d of deps) for (const z of new Set(d.resource?.attributes?.availabilityZones ?? [])) if (isAvailabilityZone(z)) zones.set(z, (zones.get(z) ?? 0) + 1);
  return {
    outageRegions: simulationRegions(map.summary).map((r) => ({ value: r.region, region: r.region, az: null, dependencies: r.dependencies, possible: r.possible })),
    outageZones: [...zones]
      .map(([az, n]) => ({ value: az, region: regionOfAvailabilityZone(az) as string, az, dependencies: n }))
      .sort((a, b) => (a.value < b.value ? -1 : 1)),
  };
}

export interface Simulation {
  target: OutageTarget;
  result: SimulationResult;
  /** dependency id → verdict; absent ids are unaffected */
  status: Map<string, Exclude<SimulationStatus, 'unaffected'>>;
  entry: Map<string, SimulatedDependency>;
}

/** The outage of one region or zone, computed by the engine's own `simulateOutage` (what `outage-radar simulate` prints). */
export function simulate(model: ReportModel, target: OutageTarget): Simulation {
  const result = simulateOutage(model.map, target.region, target.az);
  const status = new Map<string, Exclude<SimulationStatus, 'unaffected'>>();
  const entry = new Map<string, SimulatedDependency>();
  for (const [list, verdict] of [[result.failing, 'failing'], [result.surviving, 'surviving'], [result.unknown, 'unknown']] as const) {
    for (const e of list) {
      status.set(e.dependencyId, verdict);
      entry.set(e.dependencyId, e);
    }
  }
  return { target, result, status, entry };
}

export function statusOf(simulation: Simulation | null, dependencyId: string): SimulationStatus {
  return simulation?.status.get(dependencyId) ?? 'unaffected';
}
