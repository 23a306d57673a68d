/**
 * Live AWS Health events in the language server. The server asks a {@link HealthMonitor} for the
 * open events that affect a dependency map; the poller, the Health API and public-feed clients
 * and credentials live in `src/node/health`, and the matching of events to dependencies in
 * `src/core/health`. The monitor polls only in a trusted workspace, after the user's one-time
 * consent, and never with endpoints taken from workspace files; {@link NO_HEALTH} stands in where
 * there is no Health source at all (tests of other features).
 */
import { buildHealthDocument } from '../core/health/document';
import type { HealthFetchResult } from '../core/health/types';
import type { DependencyMap } from '../core/model';
import { HealthPoller, type PollerClock } from '../node/health/poller';
import { HealthSource } from '../node/health/source';
import type { HealthSourceSetting } from '../shared/settings';

// The event shape is part of the protocol (outageRadar/healthEvents): declared once, there.
import type { AffectedLocation, WorkspaceHealthEvent } from '../shared/protocol';
export type { AffectedLocation, WorkspaceHealthEvent };

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
  /** Polls now ("Outage Radar: Refresh AWS Health"); resolves when the poll settled. False when not polling. */
  refresh(): Promise<boolean>;
  dispose(): void;
}

/** `2025-10-20T07:11:00Z` → `2025-10-20 07:11 UTC`, as diagnostics and hovers show event times. */
export function readableTime(iso: string): string {
  return iso.replace('T', ' ').replace(/:\d\d(?:\.\d+)?Z$/, ' UTC');
}

/** A monitor without a Health source: nothing is polled and there are no events. */
export const NO_HEALTH: HealthMonitor = {
  supported: false,
  eventsFor: () => [],
  onDidChange: () => undefined,
  configure: () => undefined,
  refresh: async () => false,
  dispose: () => undefined,
};

/** What the poller needs; tests pass a fake fetch (the default is the real {@link HealthSource}). */
export interface HealthMonitorDependencies {
  createFetch?: (options: HealthMonitorOptions) => (signal: AbortSignal) => Promise<HealthFetchResult>;
  clock?: PollerClock;
}

/**
 * The server's Health monitor: a {@link HealthPoller} over the chosen source, running only while
 * the workspace is trusted, the user has consented and the source is not `off`. The last good
 * result survives failed polls (it is the outage it reports that breaks the source).
 */
export class PolledHealthMonitor implements HealthMonitor {
  readonly supported = true;
  private poller: HealthPoller | undefined;
  private key: string | undefined;
  private readonly listeners: (() => void)[] = [];
  /** the last good poll's result, closed events left out ({@link buildHealthDocument} would leave them out too) */
  private last: HealthFetchResult | undefined;
  /** The events of the last map asked about, matched against the result they came from. */
  private matched: { map: DependencyMap; result: HealthFetchResult; events: WorkspaceHealthEvent[] } | undefined;

  constructor(private readonly dependencies: HealthMonitorDependencies = {}) {}

  onDidChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  configure(options: HealthMonitorOptions): void {
    const active = options.trusted && options.consented && options.source !== 'off';
    const key = active ? JSON.stringify([options.source, options.profile, options.pollIntervalSeconds]) : undefined;
    if (key === this.key) return;
    this.stopPolling();
    this.key = key;
    if (!active) {
      if (this.last?.events.length) {
        this.last = undefined;
        this.emit();
      }
      return;
    }
    const source = options.source as Exclude<HealthSourceSetting, 'off'>;
    const fetch = this.dependencies.createFetch?.(options) ?? realFetch(source, options.profile);
    const poller = new HealthPoller({
      fetch,
      intervalSeconds: options.pollIntervalSeconds,
      clock: this.dependencies.clock,
      onUpdate: (state) => {
        if (this.poller !== poller) return;
        if (state.lastError) options.log(`AWS Health: ${state.lastError.message}${state.stale ? ` (showing events from ${state.ageSeconds} s ago)` : ''}`);
        else if (state.result?.note) options.log(`AWS Health: ${state.result.note}`);
        if (!state.result) return;
        const result = { ...state.result, events: state.result.events.filter((e) => e.statusCode !== 'closed') };
        if (JSON.stringify(result.events) === JSON.stringify(this.last?.events ?? [])) return;
        this.last = result;
        this.emit();
      },
    });
    this.poller = poller;
    options.log(`AWS Health: polling the ${source === 'auto' ? 'Health API (or the public dashboard)' : source === 'api' ? 'Health API' : 'public AWS Health Dashboard'} every ${Math.max(60, options.pollIntervalSeconds)} s`);
    poller.start();
  }

  /**
   * The events as `outage-radar health --format json` lists them: the same document builder
   * (src/core/health/document.ts), so the editor has the CLI's order, de-duplication and
   * `possible` flags.
   */
  eventsFor(map: DependencyMap): WorkspaceHealthEvent[] {
    if (!this.last?.events.length) return [];
    // Publishing, hovers and code lenses all ask for the same map and poll result: match once.
    if (this.matched?.map === map && this.matched.result === this.last) return this.matched.events;
    const events = this.matchEvents(this.last, map);
    this.matched = { map, result: this.last, events };
    return events;
  }

  private matchEvents(result: HealthFetchResult, map: DependencyMap): WorkspaceHealthEvent[] {
    return buildHealthDocument(result, map.dependencies).events.map((event) => ({
      arn: event.arn,
      service: event.service,
      region: event.region,
      eventTypeCode: event.eventTypeCode,
      category: event.category,
      statusCode: event.statusCode,
      ...(event.startTime ? { startTime: event.startTime } : {}),
      description: event.summary || event.description,
      affected: event.affected.map((a) => ({ file: a.file, line: a.line, service: a.service, region: a.region ?? event.region, ...(a.possible ? { possible: true as const } : {}) })),
    }));
  }

  async refresh(): Promise<boolean> {
    if (!this.poller) return false;
    await this.poller.refresh();
    return true;
  }

  dispose(): void {
    this.stopPolling();
    this.listeners.length = 0;
  }

  private stopPolling(): void {
    this.poller?.stop();
    this.poller = undefined;
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

function realFetch(source: Exclude<HealthSourceSetting, 'off'>, profile: string): (signal: AbortSignal) => Promise<HealthFetchResult> {
  // Endpoint overrides (AWS_ENDPOINT_URL_HEALTH, OUTAGE_RADAR_*) come only from the process
  // environment, never from workspace files (CONTRACTS.md "Health sources and privacy").
  const health = new HealthSource({ source, ...(profile ? { profile } : {}), env: process.env });
  return (signal) => health.fetch(signal);
}

/** The Health monitor the server uses. */
export function createHealthMonitor(): HealthMonitor {
  return new PolledHealthMonitor();
}
