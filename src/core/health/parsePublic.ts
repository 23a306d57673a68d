/**
 * Reading the public AWS Health Dashboard feed (`https://health.aws.amazon.com/public/currentevents`)
 * into {@link HealthEvent}s. The feed is sent as UTF-16 with a byte order mark; `src/node` decodes
 * the bytes and this module reads the decoded JSON text.
 *
 * The feed is a JSON array with one entry per dashboard event. Numbers are strings:
 * ```json
 * { "date": "1760948801", "arn": "arn:aws:health:us-east-1::event/MULTIPLE_SERVICES/…",
 *   "region_name": "N. Virginia", "status": "3", "service": "multipleservices-us-east-1",
 *   "service_name": "Multiple services", "summary": "Increased Error Rates and Latencies",
 *   "event_log": [ { "summary": "…", "message": "…", "status": 3, "timestamp": 1760948801 } ],
 *   "impacted_services": { "dynamodb-us-east-1": { "service_name": "Amazon DynamoDB", "current": "3", "max": "3" } } }
 * ```
 * `service` is a dashboard key: a service slug and a region (`dynamodb-us-east-1`), or a slug
 * alone for global services (`iam`, `route53`, `cloudfront`). `status` follows the dashboard's
 * legend: 0 resolved, 1 informational, 2 degradation, 3 disruption. An event that names
 * impacted services becomes one HealthEvent per impacted service, so that a "Multiple services"
 * event in us-east-1 reaches the DynamoDB and the Lambda dependencies there.
 */
import { REGION_LOCATIONS } from '../regions';
import { parseHealthEventArn } from './parseApi';
import { ANY_SERVICE, healthCodeOfDashboardSlug, serviceIdOfHealthService, splitDashboardServiceKey } from './services';
import { toIsoUtc } from './time';
import type { HealthEvent, HealthStatus } from './types';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v.trim() ? v : undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
};

/** Dashboard region names (`N. Virginia`) → region codes, for entries whose service key has no region. */
const REGION_BY_DASHBOARD_NAME: ReadonlyMap<string, string> = new Map(
  Object.entries(REGION_LOCATIONS).map(([code, { name }]) => [name.toLowerCase(), code]),
);

export interface ParsedPublicFeed {
  events: HealthEvent[];
  problems: string[];
}

/** The decoded feed text → events (closed ones included, marked `closed`). Never throws. */
export function parsePublicHealthFeed(text: string): ParsedPublicFeed {
  let data: unknown;
  try {
    // A stray BOM can survive decoding when the bytes carried two; JSON.parse rejects it.
    data = JSON.parse(text.replace(/^\uFEFF+/, ''));
  } catch (error) {
    return { events: [], problems: [`the public AWS Health feed is not valid JSON (${(error as Error).message})`] };
  }
  if (!Array.isArray(data)) {
    return { events: [], problems: ['the public AWS Health feed is not a JSON array of events'] };
  }
  const events: HealthEvent[] = [];
  const problems: string[] = [];
  data.forEach((entry, index) => {
    const parsed = parsePublicEntry(entry, index);
    if (parsed.length === 0) problems.push(`feed entry ${index + 1} has no service and was skipped`);
    events.push(...parsed);
  });
  return { events, problems };
}

interface LogEntry { message?: string; summary?: string; timestamp?: string; status?: string }

function parsePublicEntry(entry: unknown, index: number): HealthEvent[] {
  if (!isObject(entry)) return [];
  const key = str(entry.service);
  if (!key) return [];
  const { slug, region: keyRegion } = splitDashboardServiceKey(key);
  const arnText = str(entry.arn);
  const fromArn = arnText ? parseHealthEventArn(arnText) : {};
  const regionName = str(entry.region_name)?.toLowerCase();
  const region = keyRegion ?? (regionName ? REGION_BY_DASHBOARD_NAME.get(regionName) : undefined) ?? 'global';
  // Entries without an ARN still need a stable identity across polls: the key and start time give one.
  const arn = arnText ?? `public:${key}:${str(entry.date) ?? index}`;

  const log: LogEntry[] = (Array.isArray(entry.event_log) ? entry.event_log : [])
    .filter(isObject)
    .map((l) => ({ message: str(l.message), summary: str(l.summary), timestamp: str(l.timestamp), status: str(l.status) }));
  const latest = latestLogEntry(log);
  const status = str(entry.status);
  const ended = str(entry.end_time) !== undefined;
  const statusCode: HealthStatus = status === '0' || ended ? 'closed' : 'open';
  const startTime = toIsoUtc(str(entry.date)) ?? toIsoUtc(log[0]?.timestamp) ?? null;
  const lastUpdatedTime = toIsoUtc(latest?.timestamp);
  const summary = str(entry.summary);
  const description = latest?.message ?? summary ?? '';

  const headlineCode = fromArn.service ?? healthCodeOfDashboardSlug(slug);
  const base = (healthService: string, eventRegion: string, id: string, closed: boolean): HealthEvent => {
    const event: HealthEvent = {
      id,
      arn,
      service: serviceIdOfHealthService(healthService),
      healthService,
      region: eventRegion,
      eventTypeCode: fromArn.eventTypeCode ?? `AWS_${healthService}_OPERATIONAL_ISSUE`,
      category: 'issue',
      statusCode: closed ? 'closed' : statusCode,
      startTime,
      description,
    };
    if (lastUpdatedTime) event.lastUpdatedTime = lastUpdatedTime;
    const end = toIsoUtc(str(entry.end_time));
    if (end) event.endTime = end;
    if (summary) event.summary = summary;
    event.eventScopeCode = 'PUBLIC';
    return event;
  };

  const events: HealthEvent[] = [];
  const headline = base(headlineCode, region, arn, false);
  const impacted = isObject(entry.impacted_services) ? entry.impacted_services : {};
  const impactedKeys = Object.keys(impacted);
  // A multi-service headline that lists its services is represented by those services alone;
  // one without a list stays as an any-service event for its region.
  if (headline.service !== ANY_SERVICE || impactedKeys.length === 0) events.push(headline);
  for (const impactedKey of impactedKeys) {
    if (impactedKey.toLowerCase() === key.toLowerCase()) continue;
    const split = splitDashboardServiceKey(impactedKey);
    const info = impacted[impactedKey];
    // `current` is the service's status within this event; 0 means it has recovered.
    const recovered = isObject(info) && str(info.current) === '0';
    events.push(base(healthCodeOfDashboardSlug(split.slug), split.region ?? region, `${arn}#${impactedKey.toLowerCase()}`, recovered));
  }
  return events;
}

function latestLogEntry(log: LogEntry[]): LogEntry | undefined {
  let best: LogEntry | undefined;
  for (const entry of log) {
    if (!best) { best = entry; continue; }
    const a = Number(best.timestamp ?? Number.NEGATIVE_INFINITY);
    const b = Number(entry.timestamp ?? Number.NEGATIVE_INFINITY);
    // Later entries win ties: the feed appends updates in order.
    if (!(b < a)) best = entry;
  }
  return best;
}
