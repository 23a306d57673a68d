/**
 * How loudly an AWS Health event is shown (CONTRACTS.md "Severities"): an open issue is `high`, an
 * upcoming scheduled change `low`, an account notification `info`. The contract leaves the other
 * combinations open; they are decided here:
 * - an open `investigation` (AWS is looking into a possible issue) is `medium`;
 * - a scheduled change that is under way (`open`) stays `low`, like an upcoming one;
 * - an `issue` announced as upcoming is still `high`;
 * - a closed event is not shown at all (`null`).
 */
import type { Severity } from '../model';
import type { HealthEvent } from './types';
import type { HealthEventMatch } from './match';

export function healthEventSeverity(event: Pick<HealthEvent, 'category' | 'statusCode'>): Severity | null {
  if (event.statusCode === 'closed') return null;
  switch (event.category) {
    case 'issue': return 'high';
    case 'investigation': return 'medium';
    case 'scheduledChange': return 'low';
    case 'accountNotification': return 'info';
  }
}

/** Counts for a status bar: events known, events that affect the workspace, open issues among them. */
export interface HealthSummary {
  /** open or upcoming events */
  activeEvents: number;
  /** active events that affect at least one dependency */
  affectingEvents: number;
  /** open `issue` events that affect at least one dependency: the status bar turns warning-coloured */
  openIssuesAffecting: number;
}

export function summariseHealth(matches: readonly HealthEventMatch[]): HealthSummary {
  let activeEvents = 0;
  let affectingEvents = 0;
  let openIssuesAffecting = 0;
  for (const { event, affected } of matches) {
    if (event.statusCode === 'closed') continue;
    activeEvents++;
    if (affected.length === 0) continue;
    affectingEvents++;
    if (event.category === 'issue' && event.statusCode === 'open') openIssuesAffecting++;
  }
  return { activeEvents, affectingEvents, openIssuesAffecting };
}
