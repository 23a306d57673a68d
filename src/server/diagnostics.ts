/**
 * Findings and live AWS Health events as LSP diagnostics, and the publisher that pushes them
 * (`textDocument/publishDiagnostics`: Neovim 0.7 and most editors only take pushed diagnostics).
 *
 * Severities follow CONTRACTS.md "Severities": critical → Error, high and medium → Warning,
 * low → Information, info → Hint. Every finding's diagnostic carries the rule id as `code`, the
 * rule's documentation as `codeDescription.href`, and `relatedInformation` pointing at the
 * places that decide it: the locations the rule named, then each step of the region's trace.
 */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import { healthEventSeverity } from '../core/health/severity';
import type { HealthEvent } from '../core/health/types';
import type { Dependency, Finding, Problem, Severity } from '../core/model';
import { readableTime, type WorkspaceHealthEvent } from './health';
import { rangeOfLine, rangeOfSpan, uriOfFile, type FolderLocation } from './locations';
import type { MapView } from './mapView';

export const DIAGNOSTIC_SOURCE = 'Outage Radar';
export const HEALTH_DIAGNOSTIC_SOURCE = 'AWS Health';
/** `code` of diagnostics about `.outage-radar.yaml` itself */
export const CONFIG_DIAGNOSTIC_CODE = 'invalid-config';

export const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  critical: DiagnosticSeverity.Error,
  high: DiagnosticSeverity.Warning,
  medium: DiagnosticSeverity.Warning,
  low: DiagnosticSeverity.Information,
  info: DiagnosticSeverity.Hint,
};

/** What a finding's diagnostic carries for code actions (`data` round-trips through the client). */
export interface FindingDiagnosticData {
  ruleId: string;
  fingerprint?: string;
}

export function findingToDiagnostic(finding: Finding, view: MapView, folder: FolderLocation): Diagnostic {
  const diagnostic: Diagnostic = {
    range: rangeOfSpan(finding),
    severity: LSP_SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    message: finding.message,
    data: { ruleId: finding.ruleId, fingerprint: finding.fingerprint } satisfies FindingDiagnosticData,
  };
  if (finding.helpUri) diagnostic.codeDescription = { href: finding.helpUri };
  if (finding.ruleId === 'unused-suppression') diagnostic.tags = [DiagnosticTag.Unnecessary];
  const related = relatedInformation(finding, view, folder);
  if (related.length) diagnostic.relatedInformation = related;
  return diagnostic;
}

/** The rule's related locations, then the region trace of the finding's dependency; each place once. */
function relatedInformation(finding: Finding, view: MapView, folder: FolderLocation): DiagnosticRelatedInformation[] {
  const out: DiagnosticRelatedInformation[] = [];
  const seen = new Set<string>();
  const add = (file: string, line: number, column: number | undefined, message: string) => {
    const key = `${file}:${line}`;
    // The finding's own line is where the user already is: linking to it adds nothing.
    if (seen.has(key) || (file === finding.file && line === finding.line)) return;
    seen.add(key);
    out.push({ location: { uri: uriOfFile(folder, file), range: rangeOfLine(line, column) }, message });
  };
  for (const r of finding.related ?? []) add(r.file, r.line, r.column, r.message);
  const dependency = finding.dependencyIds.length ? view.byId.get(finding.dependencyIds[0]) : undefined;
  for (const step of dependency?.regionTrace ?? []) add(step.file, step.line, step.column, `region: ${step.reason}`);
  return out;
}

const HEALTH_CATEGORY_LABEL: Record<string, string> = {
  issue: 'Open issue',
  investigation: 'AWS is investigating',
  scheduledChange: 'Scheduled change',
  accountNotification: 'Notification',
};

/**
 * One diagnostic per open AWS Health event and file: on the first construct it affects there
 * (a client or a resource rather than a call), naming the other affected lines, which are listed
 * as related locations. A DynamoDB event used to give one identical warning per call in a file.
 */
export function healthDiagnostics(events: readonly WorkspaceHealthEvent[], file: string, view: MapView, folder?: FolderLocation): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const event of events) {
    // CONTRACTS.md "Severities": an open issue is high, a scheduled change low, a notification info.
    const severity = healthEventSeverity(event as Pick<HealthEvent, 'category' | 'statusCode'>);
    if (!severity) continue;
    const places = event.affected.filter((a) => a.file === file);
    if (!places.length) continue;
    const located = places.map((place) => ({ place, dependency: view.dependencies(file).find((d) => d.line === place.line && (d.service === place.service || place.service === '*')) }));
    const rank = (d: Dependency | undefined) => (d?.kind === 'sdk-client' || d?.kind === 'iac-resource' ? 0 : d ? 1 : 2);
    const head = [...located].sort((x, y) => rank(x.dependency) - rank(y.dependency) || x.place.line - y.place.line)[0];
    const lines = [...new Set(places.map((p) => p.line))].sort((x, y) => x - y);
    const since = event.startTime ? ` since ${readableTime(event.startTime)}` : '';
    const summary = firstSentence(event.description);
    const services = [...new Set(places.map((p) => p.service))].join(', ');
    const others = lines.length > 1 ? ` (${lines.length} lines here: ${lines.join(', ')})` : '';
    const possibly = places.every((p) => p.possible) ? ' — possibly: the region is not certain' : '';
    const diagnostic: Diagnostic = {
      range: head.dependency ? rangeOfSpan(head.dependency) : rangeOfLine(head.place.line),
      severity: LSP_SEVERITY[severity],
      source: HEALTH_DIAGNOSTIC_SOURCE,
      code: event.eventTypeCode,
      message: `${HEALTH_CATEGORY_LABEL[event.category] ?? 'AWS Health event'}: ${services} in ${event.region}${since}${summary ? ` — ${summary}` : ''}${others}${possibly}`,
    };
    if (folder && lines.length > 1) {
      diagnostic.relatedInformation = lines
        .filter((l) => l !== head.place.line)
        .map((l) => ({ location: { uri: uriOfFile(folder, file), range: rangeOfLine(l) }, message: `also affected by ${event.eventTypeCode}` }));
    }
    out.push(diagnostic);
  }
  return out;
}

function firstSentence(text: string | undefined): string {
  if (!text) return '';
  const t = text.replace(/\s+/g, ' ').trim();
  const end = t.search(/[.!?](?:\s|$)/);
  const s = end >= 0 ? t.slice(0, end + 1) : t;
  return s.length > 200 ? `${s.slice(0, 199)}…` : s;
}

/** Problems in the config file (`.outage-radar.yaml`) as warnings on the file itself. */
export function configDiagnostics(problems: readonly Problem[], configFile: string): Diagnostic[] {
  return problems
    .filter((p) => p.file === configFile)
    .map((p) => ({
      range: rangeOfLine(p.line ?? 1, p.column),
      severity: DiagnosticSeverity.Warning,
      source: DIAGNOSTIC_SOURCE,
      code: CONFIG_DIAGNOSTIC_CODE,
      message: p.reason,
    }));
}

/** Every diagnostic of a folder, by workspace-relative file. */
export function diagnosticsByFile(view: MapView, folder: FolderLocation, events: readonly WorkspaceHealthEvent[], configFile?: string, only?: ReadonlySet<string>): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  const add = (file: string, ds: Diagnostic[]) => {
    if (!ds.length || (only && !only.has(file))) return;
    const list = out.get(file);
    if (list) list.push(...ds);
    else out.set(file, ds);
  };
  for (const [file, findings] of only ? [...only].map((f) => [f, view.findings(f)] as const) : view.findingsByFile) {
    // The config file's own problems are shown once, as warnings, rather than also as parse-problem hints.
    const shown = file === configFile ? findings.filter((f) => f.ruleId !== 'parse-problem') : findings;
    add(file, shown.map((f) => findingToDiagnostic(f, view, folder)));
  }
  const affectedFiles = new Set(events.flatMap((e) => e.affected.map((a) => a.file)));
  for (const file of affectedFiles) add(file, healthDiagnostics(events, file, view, folder));
  if (configFile) add(configFile, configDiagnostics(view.map.problems, configFile));
  return out;
}

/** Where diagnostics go: the connection in the server, a recorder in tests. */
export interface DiagnosticsSink {
  publish(uri: string, diagnostics: Diagnostic[]): void;
}

/**
 * Pushes diagnostics and remembers what each URI last received, so that an analysis re-sends
 * only the files whose diagnostics changed and clears the files whose findings disappeared.
 */
export class DiagnosticsPublisher {
  private readonly published = new Map<string, string>();

  constructor(private readonly sink: DiagnosticsSink) {}

  /**
   * Publishes one scope's diagnostics (a workspace folder's URIs). URIs listed in `first` are sent
   * before the others: the files the user is looking at get their squiggles without waiting for
   * the rest of the workspace. URIs of the scope that had diagnostics and have none now are cleared.
   */
  publish(next: ReadonlyMap<string, Diagnostic[]>, inScope: (uri: string) => boolean, first: readonly string[] = []): void {
    const order = [...new Set([...first.filter((u) => next.has(u) || this.published.has(u)), ...next.keys()])];
    for (const uri of order) this.send(uri, next.get(uri) ?? []);
    for (const uri of [...this.published.keys()]) if (inScope(uri) && !next.has(uri)) this.send(uri, []);
  }

  /**
   * Publishes the given URIs only (an edit that moved one file's positions changes no other
   * file's diagnostics): each gets its entry of `next`, or none.
   */
  publishOnly(next: ReadonlyMap<string, Diagnostic[]>, uris: Iterable<string>): void {
    for (const uri of uris) this.send(uri, next.get(uri) ?? []);
  }

  /** Clears everything published for a scope (a folder removed from the workspace). */
  clear(inScope: (uri: string) => boolean): void {
    for (const uri of [...this.published.keys()]) if (inScope(uri)) this.send(uri, []);
  }

  private send(uri: string, diagnostics: Diagnostic[]): void {
    const key = JSON.stringify(diagnostics);
    if ((this.published.get(uri) ?? '[]') === key) return;
    if (diagnostics.length) this.published.set(uri, key);
    else this.published.delete(uri);
    this.sink.publish(uri, diagnostics);
  }
}
