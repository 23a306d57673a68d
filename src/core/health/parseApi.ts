/**
 * Reading AWS Health API responses (DescribeEvents, DescribeEventDetails,
 * DescribeAffectedEntities and their `…ForOrganization` forms) into {@link HealthEvent}s.
 *
 * Input is `unknown`: the shapes the SDK returns (times as `Date`) and the raw wire JSON (times as
 * epoch seconds) are both accepted, and nothing here throws — an entry that is not understood is
 * skipped and named in `problems`, so one odd event never hides the others.
 */
import { serviceIdOfHealthService } from './services';
import { toIsoUtc } from './time';
import type { HealthCategory, HealthEvent, HealthStatus } from './types';
import { HEALTH_CATEGORIES, HEALTH_STATUSES } from './types';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** `arn:aws:health:us-east-1::event/EC2/AWS_EC2_OPERATIONAL_ISSUE/AWS_EC2_OPERATIONAL_ISSUE_ABC` → its parts. */
export function parseHealthEventArn(arn: string): { region?: string; service?: string; eventTypeCode?: string } {
  const m = /^arn:aws[a-z-]*:health:([^:]*):[^:]*:event\/([^/]+)\/([^/]+)\//.exec(arn);
  if (!m) return {};
  return { region: m[1] || undefined, service: m[2], eventTypeCode: m[3] };
}

/** One `Event` / `OrganizationEvent` structure → a HealthEvent (description empty until details arrive). */
export function parseApiEvent(raw: unknown): HealthEvent | null {
  if (!isObject(raw)) return null;
  const arn = str(raw.arn);
  if (!arn) return null;
  const fromArn = parseHealthEventArn(arn);
  const healthService = (str(raw.service) ?? fromArn.service ?? 'UNKNOWN').toUpperCase();
  const category = str(raw.eventTypeCategory);
  const status = str(raw.statusCode);
  const event: HealthEvent = {
    id: arn,
    arn,
    service: serviceIdOfHealthService(healthService),
    healthService,
    region: str(raw.region) ?? fromArn.region ?? 'global',
    eventTypeCode: str(raw.eventTypeCode) ?? fromArn.eventTypeCode ?? '',
    // An unknown category is treated as an issue: it is safer to show than to hide.
    category: (HEALTH_CATEGORIES as readonly string[]).includes(category ?? '') ? (category as HealthCategory) : 'issue',
    statusCode: (HEALTH_STATUSES as readonly string[]).includes(status ?? '') ? (status as HealthStatus) : 'open',
    startTime: toIsoUtc(raw.startTime) ?? null,
    description: '',
  };
  const az = str(raw.availabilityZone);
  if (az) event.availabilityZone = az;
  const end = toIsoUtc(raw.endTime);
  if (end) event.endTime = end;
  const updated = toIsoUtc(raw.lastUpdatedTime);
  if (updated) event.lastUpdatedTime = updated;
  const scope = str(raw.eventScopeCode);
  if (scope) event.eventScopeCode = scope;
  return event;
}

export interface ParsedEventsPage {
  events: HealthEvent[];
  nextToken?: string;
  problems: string[];
}

/** A DescribeEvents or DescribeEventsForOrganization response. */
export function parseDescribeEvents(response: unknown): ParsedEventsPage {
  const problems: string[] = [];
  if (!isObject(response)) return { events: [], problems: ['the DescribeEvents response is not a JSON object'] };
  const events: HealthEvent[] = [];
  for (const raw of list(response.events)) {
    const event = parseApiEvent(raw);
    if (event) events.push(event);
    else problems.push('an event without an ARN was skipped');
  }
  const nextToken = str(response.nextToken);
  return nextToken ? { events, nextToken, problems } : { events, problems };
}

export interface ParsedEventDetails {
  /** event ARN → latest description */
  descriptions: Record<string, string>;
  /** events as the details call reports them (fresher than the summary) */
  events: HealthEvent[];
  /** event ARN → the account the detail is for (organizational view) */
  accounts: Record<string, string>;
  failed: Array<{ eventArn: string; errorName: string; errorMessage: string }>;
}

/** A DescribeEventDetails or DescribeEventDetailsForOrganization response. */
export function parseEventDetails(response: unknown): ParsedEventDetails {
  const out: ParsedEventDetails = { descriptions: {}, events: [], accounts: {}, failed: [] };
  if (!isObject(response)) return out;
  for (const item of list(response.successfulSet)) {
    if (!isObject(item)) continue;
    const event = parseApiEvent(item.event);
    if (!event) continue;
    out.events.push(event);
    const description = isObject(item.eventDescription) ? str(item.eventDescription.latestDescription) : undefined;
    if (description !== undefined) out.descriptions[event.arn] = description;
    const account = str(item.awsAccountId);
    if (account) out.accounts[event.arn] = account;
  }
  for (const item of list(response.failedSet)) {
    if (!isObject(item)) continue;
    out.failed.push({ eventArn: str(item.eventArn) ?? '', errorName: str(item.errorName) ?? '', errorMessage: str(item.errorMessage) ?? '' });
  }
  return out;
}

export interface ParsedAffectedEntities {
  /** event ARN → entity values (resource ids or ARNs), in the order given, without repeats */
  byEvent: Record<string, string[]>;
  nextToken?: string;
}

/** A DescribeAffectedEntities or DescribeAffectedEntitiesForOrganization response. */
export function parseAffectedEntities(response: unknown): ParsedAffectedEntities {
  const byEvent: Record<string, string[]> = {};
  if (!isObject(response)) return { byEvent };
  for (const item of list(response.entities)) {
    if (!isObject(item)) continue;
    const eventArn = str(item.eventArn);
    // `entityValue` is the resource id or ARN; `entityArn` is Health's own id for the entity.
    const value = str(item.entityValue);
    if (!eventArn || !value) continue;
    const values = (byEvent[eventArn] ??= []);
    if (!values.includes(value)) values.push(value);
  }
  const nextToken = str(response.nextToken);
  return nextToken ? { byEvent, nextToken } : { byEvent };
}

/** Adds descriptions (and fresher fields) from details to events, by ARN. Returns new objects. */
export function withEventDetails(events: HealthEvent[], details: ParsedEventDetails): HealthEvent[] {
  const fresh = new Map(details.events.map((e) => [e.arn, e]));
  return events.map((event) => {
    const detail = fresh.get(event.arn);
    const merged: HealthEvent = detail ? { ...event, ...withoutEmpty(detail), id: event.id } : { ...event };
    const description = details.descriptions[event.arn];
    if (description !== undefined) merged.description = description;
    return merged;
  });
}

/** Adds affected entities to events, by ARN. Returns new objects. */
export function withAffectedEntities(events: HealthEvent[], byEvent: Record<string, string[]>): HealthEvent[] {
  return events.map((event) => {
    const entities = byEvent[event.arn];
    if (!entities || entities.length === 0) return event;
    const all = [...(event.affectedEntities ?? [])];
    for (const e of entities) if (!all.includes(e)) all.push(e);
    return { ...event, affectedEntities: all };
  });
}

/** The fields of a detail event that carry information (so an empty description does not overwrite a known one). */
function withoutEmpty(event: HealthEvent): Partial<HealthEvent> {
  const out: Partial<HealthEvent> = {};
  for (const [k, v] of Object.entries(event) as Array<[keyof HealthEvent, unknown]>) {
    if (v === '' || v === null || v === undefined) continue;
    (out as Record<string, unknown>)[k] = v;
  }
  return out;
}
