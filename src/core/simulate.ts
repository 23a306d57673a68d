/**
 * Outage simulation: what fails, what survives and what cannot be known if one region (or one
 * availability zone) goes down. The CLI's `simulate`, the editor and the report's webview all call
 * {@link simulateOutage} on the same dependency map.
 */
import { globalServiceOf } from './catalogue/globalServices';
import { DeployUnitIndex } from './resolve/deploy';
import type { DeployUnit, Dependency, DependencyMap } from './model';
import { regionOfAvailabilityZone } from './regions';
import { replicatedElsewhere } from './resources/replication';
import { escapeJsonInvisibles, forTerminal } from './render/sanitise';

export type SimulationReason = 'pinned' | 'control-plane' | 'replicated' | 'unresolved-region';

export interface SimulatedDependency {
  file: string;
  line: number;
  service: string;
  component: string;
  reason: SimulationReason;
  detail: string;
  dependencyId: string;
}

export interface SimulationResult {
  region: string;
  az: string | null;
  failing: SimulatedDependency[];
  surviving: SimulatedDependency[];
  unknown: SimulatedDependency[];
}

/** The readable name of the deployable unit a dependency belongs to (CONTRACTS.md "simulate"). */
export function componentOf(dep: Dependency, units: readonly DeployUnit[] | DeployUnitIndex): string {
  if (dep.kind === 'iac-resource' && dep.resource?.name) return dep.resource.name;
  const unit = (units instanceof DeployUnitIndex ? units : new DeployUnitIndex(units)).unitsOf(dep.file)[0];
  if (unit) return `${unit.name} (${unit.stackFile})`;
  if (dep.container && dep.origin === 'terraform') return dep.container;
  return dep.file;
}

function unresolvedDetail(dep: Dependency): string {
  if (dep.regionSource === 'parameter') return 'region chosen at deploy time';
  const last = dep.regionTrace?.[dep.regionTrace.length - 1];
  if (last) return last.reason;
  return dep.kind === 'sdk-client' || dep.kind === 'sdk-call' ? 'region from the environment' : 'region unknown';
}

export function simulateOutage(map: Pick<DependencyMap, 'dependencies' | 'deployUnits'>, region: string, az: string | null = null): SimulationResult {
  const units = new DeployUnitIndex(map.deployUnits ?? []);
  const result: SimulationResult = { region, az, failing: [], surviving: [], unknown: [] };
  const entry = (dep: Dependency, reason: SimulationReason, detail: string): SimulatedDependency => ({
    file: dep.file, line: dep.line, service: dep.service, component: componentOf(dep, units), reason, detail, dependencyId: dep.id,
  });
  for (const dep of map.dependencies) {
    if (dep.kind === 'region-config') continue;
    if (az) {
      if (dep.region !== region && regionOfAvailabilityZone(az) !== dep.region) continue;
      const zones = dep.resource?.attributes?.availabilityZones ?? [];
      if (zones.includes(az)) {
        if (zones.length > 1 || dep.resource?.multiAz) result.surviving.push(entry(dep, 'replicated', `also in ${zones.filter((z) => z !== az).join(', ') || 'another zone'}`));
        else result.failing.push(entry(dep, 'pinned', `in ${az}`));
      } else if (dep.resource?.multiAz === true) {
        result.surviving.push(entry(dep, 'replicated', 'Multi-AZ'));
      }
      continue;
    }
    if (dep.region === region) {
      if (dep.regionSource === 'global-service') {
        const g = globalServiceOf(dep.service);
        const why = g?.note ?? dep.regionTrace?.[dep.regionTrace.length - 1]?.reason ?? (dep.text ? `${dep.text} is served from ${region}` : `${dep.service} is served from ${region}`);
        result.failing.push(entry(dep, 'control-plane', why));
        continue;
      }
      const replicas = replicatedElsewhere(dep, map.dependencies);
      if (replicas.state === 'elsewhere') {
        result.surviving.push(entry(dep, 'replicated', replicas.regions.length ? `replica in ${replicas.regions.join(', ')}` : 'replicas in regions the code computes (not listed in the workspace)'));
      } else {
        const step = dep.regionTrace?.find((t) => t.file !== dep.file) ?? dep.regionTrace?.[0];
        result.failing.push(entry(dep, 'pinned', step ? step.reason : `region ${dep.regionSource === 'literal' ? 'written in the code' : `from ${dep.regionSource}`}`));
      }
    } else if (dep.region === null) {
      // An IAM role ARN names no region because IAM is global: it is a reference, not a regional dependency.
      if (dep.kind === 'arn' && globalServiceOf(dep.service)) continue;
      const candidates = dep.candidateRegions ?? [];
      if (candidates.length && !candidates.includes(region)) continue;
      result.unknown.push(entry(dep, 'unresolved-region', candidates.length ? `deployed to ${candidates.join(' or ')}` : unresolvedDetail(dep)));
    }
  }
  const order = (a: SimulatedDependency, b: SimulatedDependency) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line);
  result.failing.sort(order);
  result.surviving.sort(order);
  result.unknown.sort(order);
  return result;
}

/** The simulate JSON document (CONTRACTS.md "simulate --format json"). */
export function simulationJson(r: SimulationResult): string {
  const strip = ({ dependencyId: _id, ...rest }: SimulatedDependency) => rest;
  return `${escapeJsonInvisibles(JSON.stringify({ region: r.region, az: r.az, failing: r.failing.map(strip), surviving: r.surviving.map(strip), unknown: r.unknown.map(strip) }, null, 2))}\n`;
}

export function simulationText(r: SimulationResult): string {
  const lines = [`Outage of ${r.az ?? r.region}: ${r.failing.length} failing, ${r.surviving.length} surviving, ${r.unknown.length} unknown`, ''];
  const section = (title: string, list: SimulatedDependency[]) => {
    if (!list.length) return;
    lines.push(title);
    const byComponent = new Map<string, SimulatedDependency[]>();
    for (const d of list) byComponent.set(d.component, [...(byComponent.get(d.component) ?? []), d]);
    for (const [component, ds] of byComponent) {
      lines.push(`  ${forTerminal(component)}`);
      for (const d of ds) lines.push(`    ${forTerminal(d.file)}:${d.line}  ${forTerminal(d.service)}  ${d.reason}: ${forTerminal(d.detail)}`);
    }
    lines.push('');
  };
  section('Failing', r.failing);
  section('Surviving', r.surviving);
  section('Unknown', r.unknown);
  return `${lines.join('\n')}\n`;
}
