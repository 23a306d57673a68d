/**
 * Which workspace dependencies an AWS Health event affects.
 *
 * A dependency is affected when it uses the event's service (the Health service code mapped to
 * Outage Radar's service ids, see `services.ts`) and one of these holds:
 * - **region**: the dependency resolves to the event's region;
 * - **global-service**: the event is `global` and the dependency is a global-service dependency
 *   (`global: true`) of that service — its control plane lives in one region whatever region the
 *   caller is in, so a global IAM or CloudFront event reaches it;
 * - **availability-zone**: the event names an AZ and the dependency's declaration lists that AZ
 *   (`resource.attributes.availabilityZones`). A dependency in the event's region whose AZs are
 *   not known is *possibly* affected; one whose AZs are known and exclude it is not;
 * - **candidate-region**: the dependency's region is not decided but the event's region is one
 *   of its `candidateRegions` — possibly affected;
 * - **entity**: the event names an affected entity (an ARN or resource id) that is the text of an
 *   `arn` dependency, or the name or a physical name of an `iac-resource` (for an ARN entity, its
 *   resource name, when the services agree). Entities are specific, so no region check applies.
 *
 * `region-config` dependencies (service `*`) are settings, not uses of a service, and are never
 * affected. A multi-service event without a service list (service `*`) possibly affects every
 * dependency in its region.
 */
import { serviceOfArnField } from '../catalogue/services';
import type { Dependency } from '../model';
import { ANY_SERVICE, serviceIdsOfHealthService } from './services';
import type { HealthEvent } from './types';

export type AffectReason = 'region' | 'global-service' | 'availability-zone' | 'candidate-region' | 'entity';

export interface AffectDetail {
  reason: AffectReason;
  /** true when the dependency may be affected but the workspace does not say for sure */
  possible: boolean;
}

export interface HealthEventMatch {
  event: HealthEvent;
  /** the dependencies the event affects or may affect, in the order of the dependency list */
  affected: Dependency[];
  /** why each affected dependency is there, by dependency id */
  details: Record<string, AffectDetail>;
}

/** Every event with the dependencies it affects (an event that affects nothing has `affected: []`). */
export function matchEvents(events: readonly HealthEvent[], dependencies: readonly Dependency[]): HealthEventMatch[] {
  const usable = dependencies.filter((d) => d.kind !== 'region-config' && d.service !== '*');
  return events.map((event) => matchEvent(event, usable));
}

function matchEvent(event: HealthEvent, dependencies: readonly Dependency[]): HealthEventMatch {
  const services = new Set([event.service, ...serviceIdsOfHealthService(event.healthService)]);
  const anyService = services.has(ANY_SERVICE);
  const entities = event.affectedEntities ?? [];
  const affected: Dependency[] = [];
  const details: Record<string, AffectDetail> = {};
  for (const dep of dependencies) {
    const detail = entityMatch(dep, entities) ?? (anyService || services.has(dep.service) ? placeMatch(event, dep) : null);
    if (!detail) continue;
    affected.push(dep);
    details[dep.id] = anyService && detail.reason !== 'entity' ? { ...detail, possible: true } : detail;
  }
  return { event, affected, details };
}

function placeMatch(event: HealthEvent, dep: Dependency): AffectDetail | null {
  if (event.region === 'global') {
    return dep.global === true ? { reason: 'global-service', possible: false } : null;
  }
  if (event.availabilityZone) {
    const zones = dep.resource?.attributes?.availabilityZones;
    if (Array.isArray(zones) && zones.length > 0) {
      return zones.includes(event.availabilityZone) ? { reason: 'availability-zone', possible: false } : null;
    }
    const regional = regionMatch(event.region, dep);
    return regional ? { ...regional, possible: true } : null;
  }
  return regionMatch(event.region, dep);
}

function regionMatch(region: string, dep: Dependency): AffectDetail | null {
  if (dep.region === region) return { reason: 'region', possible: false };
  if (dep.region === null && dep.candidateRegions?.includes(region)) return { reason: 'candidate-region', possible: true };
  return null;
}

function entityMatch(dep: Dependency, entities: readonly string[]): AffectDetail | null {
  if (entities.length === 0) return null;
  if (dep.kind === 'arn' && dep.text && entities.includes(dep.text)) return { reason: 'entity', possible: false };
  if (dep.kind !== 'iac-resource' || !dep.resource) return null;
  const names = new Set<string>([dep.resource.name, ...(dep.resource.attributes?.physicalNames ?? [])].filter((n) => typeof n === 'string' && n.length > 0));
  for (const entity of entities) {
    if (names.has(entity)) return { reason: 'entity', possible: false };
    const fromArn = arnResource(entity);
    if (fromArn && fromArn.service === dep.service && names.has(fromArn.name)) return { reason: 'entity', possible: false };
  }
  return null;
}

/**
 * The service and resource name of an ARN: `arn:aws:dynamodb:us-east-1:123456789012:table/Orders`
 * → `{ service: 'dynamodb', name: 'Orders' }`, `arn:aws:lambda:…:function:orders-api` →
 * `orders-api`, `arn:aws:s3:::orders-bucket` → `orders-bucket`. The name is the part after the
 * resource type, up to the next separator (a stream, version or alias suffix is not the name).
 */
function arnResource(text: string): { service: string; name: string } | null {
  if (!text.startsWith('arn:')) return null;
  const parts = text.split(':');
  if (parts.length < 6) return null;
  const resource = parts.slice(5).join(':');
  const slash = resource.indexOf('/');
  const colon = resource.indexOf(':');
  let name = resource;
  if (slash >= 0 && (colon < 0 || slash < colon)) name = resource.slice(slash + 1).split('/')[0];
  else if (colon >= 0) name = resource.slice(colon + 1).split(':')[0];
  return name ? { service: serviceOfArnField(parts[2]), name } : null;
}
