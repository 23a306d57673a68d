/**
 * The `outage-radar health` output: the JSON document of CONTRACTS.md "health --format json" and
 * a readable text rendering of the same document. Open issues and upcoming scheduled changes are
 * listed; closed events are not. An event that affects nothing is listed with `affected: []`.
 *
 * Additions to the contract's shape (fields are only ever added): `note` at the top when the
 * source in use is not simply the one asked for, `availabilityZone` / `endTime` /
 * `lastUpdatedTime` / `summary` on events when known, and `possible: true` on affected entries
 * that are only possibly affected (a candidate region, or an AZ event where the AZ is not known);
 * their `region` is the event's region.
 */
import type { Dependency } from '../model';
import type { HealthEventMatch } from './match';
import { matchEvents } from './match';
import { healthEventSeverity } from './severity';
import type { HealthCategory, HealthEvent, HealthFetchResult, HealthSourceKind, HealthStatus } from './types';
import { forTerminal as t } from '../render/sanitise';

export interface HealthDocumentAffected {
  file: string;
  line: number;
  service: string;
  region: string | null;
  possible?: true;
}

export interface HealthDocumentEvent {
  arn: string;
  service: string;
  healthService: string;
  region: string;
  availabilityZone?: string;
  eventTypeCode: string;
  category: HealthCategory;
  statusCode: HealthStatus;
  startTime: string | null;
  endTime?: string;
  lastUpdatedTime?: string;
  summary?: string;
  description: string;
  affected: HealthDocumentAffected[];
}

export interface HealthDocument {
  source: HealthSourceKind;
  fetchedAt: string;
  note?: string;
  events: HealthDocumentEvent[];
}

const STATUS_ORDER: Record<HealthStatus, number> = { open: 0, upcoming: 1, closed: 2 };
const SEVERITY_ORDER = { high: 0, medium: 1, low: 2, info: 3, critical: -1 } as const;

/** The active events of a fetch, matched against the workspace's dependencies, in a stable order. */
export function activeMatches(events: readonly HealthEvent[], dependencies: readonly Dependency[]): HealthEventMatch[] {
  const active = events.filter((e) => e.statusCode !== 'closed');
  return matchEvents(active, dependencies).sort(compareMatches);
}

/**
 * Open first, then upcoming; louder first; those that affect the workspace first; newest first;
 * then by id so the order is stable.
 */
export function compareMatches(a: HealthEventMatch, b: HealthEventMatch): number {
  const status = STATUS_ORDER[a.event.statusCode] - STATUS_ORDER[b.event.statusCode];
  if (status) return status;
  const sa = healthEventSeverity(a.event);
  const sb = healthEventSeverity(b.event);
  const severity = (sa ? SEVERITY_ORDER[sa] : 9) - (sb ? SEVERITY_ORDER[sb] : 9);
  if (severity) return severity;
  const affecting = Number(b.affected.length > 0) - Number(a.affected.length > 0);
  if (affecting) return affecting;
  return compareEventTimes(a.event, b.event);
}

function compareEventTimes(a: HealthEvent, b: HealthEvent): number {
  const time = (b.startTime ?? '').localeCompare(a.startTime ?? '');
  if (time) return time;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function buildHealthDocument(result: HealthFetchResult, dependencies: readonly Dependency[]): HealthDocument {
  return {
    source: result.source,
    fetchedAt: result.fetchedAt,
    ...(result.note ? { note: result.note } : {}),
    events: activeMatches(result.events, dependencies).map(documentEvent),
  };
}

function documentEvent(match: HealthEventMatch): HealthDocumentEvent {
  const { event } = match;
  // Key order follows the contract; optional fields sit next to the ones they qualify.
  const ordered: HealthDocumentEvent = {
    arn: event.arn,
    service: event.service,
    healthService: event.healthService,
    region: event.region,
    ...(event.availabilityZone ? { availabilityZone: event.availabilityZone } : {}),
    eventTypeCode: event.eventTypeCode,
    category: event.category,
    statusCode: event.statusCode,
    startTime: event.startTime,
    ...(event.endTime ? { endTime: event.endTime } : {}),
    ...(event.lastUpdatedTime ? { lastUpdatedTime: event.lastUpdatedTime } : {}),
    ...(event.summary ? { summary: event.summary } : {}),
    description: event.description,
    affected: [],
  };

  const seen = new Set<string>();
  const deps = [...match.affected].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  for (const dep of deps) {
    const detail = match.details[dep.id];
    const possible = detail?.possible === true;
    const entry: HealthDocumentAffected = {
      file: dep.file,
      line: dep.line,
      service: dep.service,
      region: possible && dep.region === null ? event.region : dep.region,
    };
    if (possible) entry.possible = true;
    const key = `${entry.file}\u0000${entry.line}\u0000${entry.service}\u0000${entry.region}\u0000${possible}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ordered.affected.push(entry);
  }
  return ordered;
}

const SOURCE_NAMES: Record<HealthSourceKind, string> = {
  api: 'the AWS Health API',
  public: 'the public AWS Health Dashboard',
};

const CATEGORY_NAMES: Record<HealthCategory, string> = {
  issue: 'issue',
  scheduledChange: 'scheduled change',
  accountNotification: 'account notification',
  investigation: 'investigation',
};

/** The readable report: a header, then one block per event with its affected `file:line` list. */
export function renderHealthText(doc: HealthDocument): string {
  const lines: string[] = [];
  lines.push(`AWS Health — ${doc.events.length} open or upcoming event${doc.events.length === 1 ? '' : 's'} from ${SOURCE_NAMES[doc.source]} (fetched ${doc.fetchedAt})`);
  if (doc.note) lines.push(t(doc.note));
  const affecting = doc.events.filter((e) => e.affected.length > 0).length;
  lines.push(doc.events.length === 0
    ? 'Nothing is reported as open or upcoming.'
    : `${affecting} of them affect${affecting === 1 ? 's' : ''} this workspace.`);
  for (const event of doc.events) {
    lines.push('');
    const where = t(event.availabilityZone ? `${event.region} (${event.availabilityZone})` : event.region);
    const since = event.startTime ? (event.statusCode === 'upcoming' ? ` · starts ${event.startTime}` : ` · since ${event.startTime}`) : '';
    lines.push(`${t(event.statusCode)} ${CATEGORY_NAMES[event.category]} · ${t(event.healthService)} · ${where}${t(since)}`);
    lines.push(`  ${t(event.eventTypeCode)}${event.summary ? ` — ${t(oneLine(event.summary, 160))}` : ''}`);
    const description = oneLine(firstParagraph(event.description), 300);
    if (description && description !== oneLine(event.summary ?? '', 160)) lines.push(`  ${t(description)}`);
    if (event.affected.length === 0) {
      lines.push('  Affects nothing in this workspace.');
      continue;
    }
    lines.push(`  Affects ${event.affected.length} place${event.affected.length === 1 ? '' : 's'}:`);
    const width = Math.max(...event.affected.map((a) => `${t(a.file)}:${a.line}`.length));
    for (const a of event.affected) {
      const place = `${t(a.file)}:${a.line}`.padEnd(width);
      lines.push(`    ${place}  ${t(a.service)} ${t(a.region ?? '(region unknown)')}${a.possible ? ' (possibly: region not certain)' : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function firstParagraph(text: string): string {
  const trimmed = text.trim();
  const end = trimmed.search(/\n\s*\n/);
  return end >= 0 ? trimmed.slice(0, end) : trimmed;
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
