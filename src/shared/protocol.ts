/**
 * The custom messages between the Outage Radar extension (client) and its language server,
 * declared once and imported by both sides (STYLE.md habit 7). Standard LSP messages are not
 * repeated here. Every message names the side that sends it.
 *
 * Only types from `vscode-languageserver-protocol` are used, so this module is safe to bundle
 * into the extension, the server and the tests alike.
 */
import { NotificationType, NotificationType0, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { DependencyMap } from '../core/model';
import type { ViewSummary } from '../core/summary';

/** Parameters of {@link DependencyMapRequest}. */
export interface DependencyMapParams {
  /** the workspace folder whose map is wanted (its URI as the client knows it); default: the first folder */
  folderUri?: string;
}

/**
 * Sent by the client: the dependency map of a workspace folder, exactly as the engine computed it
 * (the same JSON the CLI prints with `--format json`), including the open documents' unsaved
 * text. Answered once the folder's first index is built; `null` when the server has no folder.
 */
export const DependencyMapRequest = new RequestType<DependencyMapParams, DependencyMap | null, void>('outageRadar/dependencyMap');

/**
 * Sent by the client: the open AWS Health events, each with the places of the folder's map it
 * affects (the CLI's `health --format json` events). `[]` when no event is open, when the user has
 * not consented to Health polling, or in an untrusted workspace.
 */
export const HealthEventsRequest = new RequestType<DependencyMapParams, WorkspaceHealthEvent[], void>('outageRadar/healthEvents');

/** A place in the workspace an event affects (CONTRACTS.md "health --format json", `affected`). */
export interface AffectedLocation {
  file: string;
  line: number;
  service: string;
  region: string;
  /** only possibly affected: a candidate region, or an AZ event where the zone is not known (the CLI's `possible`) */
  possible?: true;
}

/** One open AWS Health event as the editor shows it ({@link HealthEventsRequest}): the CLI's `health --format json` event. */
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

/**
 * Sent by the client: drop every per-file result, re-read the configuration and rebuild the index
 * from disk (open documents keep their editor text). Resolves when the new index is analysed
 * and its diagnostics are published.
 */
export const RescanRequest = new RequestType0<void, void>('outageRadar/rescan');

/**
 * Sent by the client ("Outage Radar: Refresh AWS Health"): poll AWS Health now. Resolves once the
 * poll settled (its events are then published); `false` when Health is not being polled (off, not
 * consented, untrusted, or no Health source).
 */
export const RefreshHealthRequest = new RequestType0<boolean, void>('outageRadar/refreshHealth');

/** What the status bar shows. */
export interface StatusParams {
  /** `indexing` while the first (or a requested) index is being built */
  state: 'starting' | 'indexing' | 'ready';
  /** the region with the most dependencies (null when nothing resolved to a region) */
  topRegion: string | null;
  /** dependencies in {@link topRegion} (region-configs not counted, as in `summary.byRegion`) */
  topRegionDependencies: number;
  /** all dependencies, region-configs excluded */
  dependencies: number;
  /** findings that are shown as diagnostics (every severity but `info`) */
  findings: number;
  /** findings of every severity, info included */
  findingsIncludingInfo: number;
  /** open AWS Health events known to the server (0 when Health is off or restricted) */
  healthEvents: number;
  /** Health events that affect at least one dependency of the workspace */
  healthEventsAffectingWorkspace: number;
  /** open `issue` events among them: the status bar turns to a warning background */
  healthIssuesAffectingWorkspace: number;
  filesIndexed: number;
  /**
   * The engine's counts for every folder together (src/core/summary.ts): the status bar renders
   * these, as the tree, the report, the simulate picker and `scan --format text` render the same
   * summary of a map. The fields above are kept for other clients and equal the summary's.
   */
  summary: ViewSummary;
  /** whether live AWS Health is on, and if not, why (the status bar and the tree say so) */
  health: HealthState;
}

/**
 * `on`: polling; `not-consented`: the user has not said yes (or said "Not now") — the command
 * "Outage Radar: Enable AWS Health" turns it on; `off`: `outageRadar.health.source` is `off`;
 * `restricted`: the workspace is not trusted; `unsupported`: the server has no Health source.
 */
export type HealthState = 'on' | 'not-consented' | 'off' | 'restricted' | 'unsupported';

/** Sent by the server whenever an analysis or the Health state changes. */
export const StatusNotification = new NotificationType<StatusParams>('outageRadar/status');

/**
 * Sent by the client when the user grants Workspace Trust after the server started in restricted
 * mode: the server may now read the workspace's network-related settings and start Health polling.
 */
export const WorkspaceTrustedNotification = new NotificationType0('outageRadar/workspaceTrusted');

/** Parameters of {@link HealthConsentNotification}. */
export interface HealthConsentParams {
  consented: boolean;
}

/**
 * Sent by the client with the user's answer to the one-time, per-workspace prompt "Show live AWS
 * Health events?" (and at start, when an earlier answer is remembered). Nothing is polled before
 * a `consented: true`.
 */
export const HealthConsentNotification = new NotificationType<HealthConsentParams>('outageRadar/healthConsent');

/**
 * What the server adds to its `initialize` result under `capabilities.experimental.outageRadar`:
 * whether it can show live AWS Health events (the client asks for consent only then).
 */
export interface ServerExperimentalCapabilities {
  health: boolean;
}

/**
 * What the client tells the server at start (`initializationOptions`). Every field is optional:
 * other editors send nothing, and the server then assumes a trusted workspace, a client without
 * Outage Radar's own commands, and settings from `workspace/configuration` if the client offers it.
 */
export interface InitializationOptions {
  /** false in a restricted (untrusted) workspace: static analysis only */
  trusted?: boolean;
  /** the client implements these commands (code lens and code action commands are only offered then) */
  clientCommands?: string[];
  /** the `outageRadar` settings at start, for clients without `workspace/configuration` */
  settings?: unknown;
  /** the user's remembered answer to the Health prompt */
  healthConsented?: boolean;
  /** where the server keeps its scan cache (VS Code: the extension's global storage); absent: the user cache folder */
  cacheDirectory?: string;
}

/**
 * Client-side commands the server may reference in code lenses and code actions. They are
 * implemented by the VS Code extension; a server talking to another editor leaves them out.
 */
export const ClientCommands = {
  /** arguments: [uri: string, line: number (0-based), character: number] — reveals the place and shows its hover */
  showDependency: 'outageRadar.showDependency',
  /** arguments: [uri: string, line: number (0-based)] — selects the placeholder reason of a new suppression comment */
  selectSuppressionReason: 'outageRadar.selectSuppressionReason',
} as const;

/**
 * The placeholder reason the "Suppress … with a reason" action writes, for the user to replace. The
 * engine does not accept it as a reason (src/core/scanners/suppressions.ts), so until it is
 * replaced the suppression is reported by suppression-without-reason.
 */
export { SUPPRESSION_REASON_PLACEHOLDER } from '../core/scanners/suppressions';
