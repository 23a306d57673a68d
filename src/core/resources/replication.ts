/**
 * "Replicated elsewhere": the one answer to whether a declared resource has a copy in another
 * region, read by the rules (through `iacPredicates.ts`), the outage simulation, the code lens and
 * the hover, so that they agree. It reads the resource's own `replicaRegions`, its computed replicas
 * (`resource.replicated`: `regions.map(…)` in CDK, a Terraform `dynamic "replica"`), and the
 * resources that link to it as `replica-of` (a table replica, a read replica, a replica user pool, a
 * replication configuration), each where it lives.
 */
import type { Dependency } from '../model';

export type Replication =
  /** at least one copy in a region other than the resource's own */
  | { kind: 'other-region'; regions: string[]; via: Dependency[] }
  /** copies exist but the workspace does not say where (a parameter, an expression) */
  | { kind: 'unknown-region'; via: Dependency[] }
  /** copies exist, all in the resource's own region */
  | { kind: 'same-region'; via: Dependency[] }
  | { kind: 'none' };

/** The regions the resource is deployed to: its region, else its candidates; empty when unknown. */
export function deployRegions(dep: Dependency): string[] {
  if (dep.region) return [dep.region];
  return [...new Set(dep.candidateRegions ?? [])];
}

/**
 * Where the copies of a resource live: its own `replicaRegions` plus each of `copies` (the resources
 * that say they replicate it). A replica region equal to the resource's own region does not count.
 * Where the resource's region is unknown, any named replica region counts as another region (the
 * workspace states a copy elsewhere; the deploy region is decided outside it).
 *
 * Where `attributes.replicaRegionsIncludeOwn` is set (CloudFormation `AWS::DynamoDB::GlobalTable`
 * lists every replica, its own region included), one entry is the resource itself: the own region
 * if it is listed, else one unnamed entry (the usual `!Ref AWS::Region`).
 */
export function replicationOf(dep: Dependency, copies: readonly Dependency[]): Replication {
  const own = new Set(deployRegions(dep));
  const entries: (string | null)[] = [...(dep.resource?.replicaRegions ?? [])];
  if (dep.resource?.attributes?.replicaRegionsIncludeOwn === true && entries.length > 0) {
    const i = entries.findIndex((r) => r !== null && own.has(r));
    entries.splice(i >= 0 ? i : Math.max(0, entries.indexOf(null)), 1);
  }
  const via: Dependency[] = [];
  for (const copy of copies) {
    const where = copy.resource?.replicaRegions?.length ? copy.resource.replicaRegions : [copy.region];
    entries.push(...where);
    via.push(copy);
  }
  const other = [...new Set(entries.filter((r): r is string => r !== null && (!own.has(r) || own.size > 1)))];
  if (other.length > 0) return { kind: 'other-region', regions: other, via };
  // Replicas the declaration computes (`regions.map(…)`): replicated, to regions it does not list.
  if (dep.resource?.replicated === true) return { kind: 'other-region', regions: [], via };
  if (entries.length === 0) return { kind: 'none' };
  if (entries.some((r) => r === null)) return { kind: 'unknown-region', via };
  return { kind: 'same-region', via };
}

/** Who declares a copy of whom (`replica-of` links), per dependency list; computed once per map. */
const copyIndexCache = new WeakMap<readonly Dependency[], Map<string, Dependency[]>>();

/** The resources of `dependencies` that link to `target` as `replica-of`, in declaration order. */
export function replicaLinksTo(target: Dependency, dependencies: readonly Dependency[]): Dependency[] {
  let index = copyIndexCache.get(dependencies);
  if (!index) {
    index = new Map();
    for (const from of dependencies) {
      for (const r of from.relations ?? []) {
        if (r.kind !== 'replica-of') continue;
        const list = index.get(r.to);
        if (!list) index.set(r.to, [from]);
        else if (list[list.length - 1] !== from) list.push(from);
      }
    }
    copyIndexCache.set(dependencies, index);
  }
  return (index.get(target.id) ?? []).filter((d) => d !== target);
}

/**
 * The verdict views show:
 * - `elsewhere`: a copy in another region (`regions` lists them; empty when the code computes them);
 * - `unknown-region`: copies whose region the workspace does not state;
 * - `not-replicated`: the declaration states its replicas (none, or all in its own region);
 * - `not-stated`: nothing is said, so nothing should be claimed.
 */
export interface ReplicaVerdict {
  state: 'elsewhere' | 'unknown-region' | 'not-replicated' | 'not-stated';
  regions: string[];
  /** replicated to regions the declaration computes rather than lists */
  computed: boolean;
  /** the resources that declare copies of it */
  via: Dependency[];
}

/** Whether `dep` is replicated elsewhere, given the whole map it belongs to (for its `replica-of` links). */
export function replicatedElsewhere(dep: Dependency, dependencies: readonly Dependency[]): ReplicaVerdict {
  const copies = replicaLinksTo(dep, dependencies);
  const replication = replicationOf(dep, copies);
  const via = replication.kind === 'none' ? [] : replication.via;
  if (replication.kind === 'other-region') return { state: 'elsewhere', regions: replication.regions, computed: replication.regions.length === 0, via };
  if (replication.kind === 'unknown-region') return { state: 'unknown-region', regions: [], computed: false, via };
  const stated = dep.resource?.replicaRegions !== undefined || copies.length > 0;
  return { state: stated ? 'not-replicated' : 'not-stated', regions: [], computed: false, via };
}
