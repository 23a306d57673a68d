/**
 * The seam between the language server and live AWS Health events. The server asks a
 * {@link HealthMonitor} for the open events that affect a dependency map; polling, the Health API
 * and public-feed clients, credentials and the matching of events to dependencies live in
 * `src/node/health` and `src/core/health` and plug in here through {@link createHealthMonitor}.
 *
 * Until those modules are wired, the server runs with {@link NO_HEALTH}: no polling, no events,
 * and every Health-dependent feature (diagnostics with source "AWS Health", the hover section,
 * the status bar count) shows nothing. Nothing is ever polled in a restricted workspace.
 */
import type { DependencyMap } from '../core/model';
import type { HealthSourceSetting } from '../shared/settings';

/** A place in the workspace an event affects (CONTRACTS.md "health --format json", `affected`). */
export interface AffectedLocation {
  file: string;
  line: number;
  service: string;
  region: string;
}

/** One open AWS Health event as the editor shows it: the CLI's `health --format json` event. */
export interface WorkspaceHealthEvent {
  arn: string;
  /** the Outage Radar service id (`dynamodb`) */
  service: string;
  /** the region, or `global` for events about global services */
  region: string;
  eventTypeCode: string;
  /** `issue`, `scheduledChange` or `accountNotification` */
  category: string;
  statusCode: string;
  /** ISO 8601 UTC */
  startTime?: string;
  description?: string;
  affected: AffectedLocation[];
}

export interface HealthMonitorOptions {
  source: HealthSourceSetting;
  pollIntervalSeconds: number;
  profile: string;
  /** the user accepted the one-time prompt for this workspace */
  consented: boolean;
  /** Workspace Trust granted; in a restricted workspace the monitor never polls */
  trusted: boolean;
  log(message: string): void;
}

export interface HealthMonitor {
  /** false when the server has no Health source at all: the client then never asks for consent */
  readonly supported: boolean;
  /** The open events, each with the places in this map it affects (events that affect nothing keep `affected: []`). */
  eventsFor(map: DependencyMap): WorkspaceHealthEvent[];
  /** Called after every poll that changed the events. */
  onDidChange(listener: () => void): void;
  /** Applies new settings (source, interval, profile, consent, trust); polling starts or stops accordingly. */
  configure(options: HealthMonitorOptions): void;
  dispose(): void;
}

/** The monitor of a server without a Health source: nothing is polled and there are no events. */
export const NO_HEALTH: HealthMonitor = {
  supported: false,
  eventsFor: () => [],
  onDidChange: () => undefined,
  configure: () => undefined,
  dispose: () => undefined,
};

/**
 * The Health monitor the server uses. Wired to {@link NO_HEALTH} until the Health modules land;
 * replace this factory's body with the real poller (it receives the settings through `configure`).
 */
export function createHealthMonitor(): HealthMonitor {
  return NO_HEALTH;
}
