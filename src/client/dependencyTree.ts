/**
 * The "Cloud Dependencies" tree: region → service → dependency, plus the live AWS Health events
 * (or a line saying Health is off, with the command that turns it on).
 *
 * Every count is the engine's summary (src/core/summary.ts): a region node shows the same
 * dependency and finding numbers as the status bar, the report's region table, the simulate picker
 * and `scan --format text`. A finding counts in one region, at the dependency
 * {@link findingAnchor} names, so a region's services add up to the region. A dependency is
 * coloured by its own findings only: the items carry no `resourceUri`, which would make VS Code
 * decorate them with every diagnostic of their file (TypeScript's own errors included).
 */
import * as vscode from 'vscode';
import { serviceDisplayName } from '../core/catalogue/services';
import type { Dependency, DependencyMap, Finding, Severity } from '../core/model';
import { SEVERITIES } from '../core/model';
import { dependencyLabel } from '../core/dependencyNames';
import { findingAnchor, plural, UNRESOLVED_REGION, type RegionSummary } from '../core/summary';
import type { HealthState, WorkspaceHealthEvent } from '../shared/protocol';
import { Commands } from './commandIds';
import { regionCountsText } from './viewText';

type Node =
  | { kind: 'region'; summary: RegionSummary; dependencies: Dependency[] }
  | { kind: 'service'; region: string; service: string; dependencies: Dependency[] }
  | { kind: 'location'; dependency: Dependency }
  | { kind: 'health'; events: WorkspaceHealthEvent[]; state: HealthState }
  | { kind: 'event'; event: WorkspaceHealthEvent }
  | { kind: 'affected'; event: WorkspaceHealthEvent; place: WorkspaceHealthEvent['affected'][number] };

const SEVERITY_ICON: Record<Severity, vscode.ThemeIcon> = {
  critical: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  high: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  medium: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  low: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  info: new vscode.ThemeIcon('lightbulb'),
};

const HEALTH_OFF_TEXT: Record<Exclude<HealthState, 'on'>, string> = {
  'not-consented': 'off — choose to enable',
  off: 'off (outageRadar.health.source)',
  restricted: 'off in a restricted workspace',
  unsupported: 'not available',
};

export class DependencyTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private map: DependencyMap | null = null;
  private events: WorkspaceHealthEvent[] = [];
  private healthState: HealthState = 'unsupported';
  /** findings naming a dependency: what colours it */
  private findingsByDependency = new Map<string, Finding[]>();
  /** findings counted at a dependency (the summary's anchor): what service nodes add up */
  private countedAt = new Map<string, Finding[]>();

  constructor(private readonly root: () => vscode.Uri | undefined) {}

  setMap(map: DependencyMap | null, events: WorkspaceHealthEvent[] = this.events, healthState: HealthState = this.healthState): void {
    this.map = map;
    this.events = events;
    this.healthState = healthState;
    this.findingsByDependency = new Map();
    this.countedAt = new Map();
    const byId = new Map((map?.dependencies ?? []).map((d) => [d.id, d] as const));
    for (const f of map?.findings ?? []) {
      for (const id of new Set(f.dependencyIds)) push(this.findingsByDependency, id, f);
      const anchor = findingAnchor(f, byId);
      if (anchor) push(this.countedAt, anchor.id, f);
    }
    this.changed.fire(undefined);
  }

  /** Findings shown as problems: the summary's count, the view's badge. */
  get findingCount(): number {
    return this.map?.summary.findings.problems ?? 0;
  }

  getChildren(node?: Node): Node[] {
    const map = this.map;
    if (!node) {
      if (!map) return [];
      const deps = map.dependencies.filter((d) => d.kind !== 'region-config');
      const byRegion = group(deps, (d) => d.region ?? UNRESOLVED_REGION);
      const regions: Node[] = map.summary.regions
        .filter((r) => r.dependencies > 0)
        .map((summary) => ({ kind: 'region', summary, dependencies: byRegion.get(summary.region) ?? [] }));
      const health: Node[] = this.healthState === 'unsupported' ? [] : [{ kind: 'health', events: this.events, state: this.healthState }];
      return [...health, ...regions];
    }
    if (node.kind === 'region') {
      return [...group(node.dependencies, (d) => d.service)]
        .sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : 1))
        .map(([service, dependencies]) => ({ kind: 'service', region: node.summary.region, service, dependencies }));
    }
    if (node.kind === 'service') return node.dependencies.map((dependency) => ({ kind: 'location', dependency }));
    if (node.kind === 'health') return node.events.map((event) => ({ kind: 'event', event }));
    if (node.kind === 'event') return node.event.affected.map((place) => ({ kind: 'affected', event: node.event, place }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'region':
        return this.regionItem(node.summary);
      case 'service':
        return this.serviceItem(node);
      case 'location':
        return this.locationItem(node.dependency);
      case 'health':
        return healthItem(node.events, node.state);
      case 'event':
        return eventItem(node.event);
      case 'affected':
        return this.affectedItem(node.event, node.place);
    }
  }

  private regionItem(r: RegionSummary): vscode.TreeItem {
    const item = new vscode.TreeItem(r.region === UNRESOLVED_REGION ? 'region unknown' : r.region, vscode.TreeItemCollapsibleState.Expanded);
    item.description = regionCountsText(r.dependencies, r.findings.problems);
    item.tooltip = `${plural(r.dependencies, 'dependency', 'dependencies')} in ${r.region} · ${plural(r.findings.problems, 'finding', 'findings')}${r.findings.notes ? ` · ${plural(r.findings.notes, 'note', 'notes')}` : ''}`;
    item.iconPath = new vscode.ThemeIcon('globe');
    item.id = `region:${r.region}`;
    item.contextValue = 'outageRadar.region';
    return item;
  }

  private serviceItem(node: Extract<Node, { kind: 'service' }>): vscode.TreeItem {
    // "DynamoDB", "Simple Storage Service": the vendor prefix costs width the sidebar does not have; the tooltip has the full name.
    const item = new vscode.TreeItem(serviceDisplayName(node.service).replace(/^(?:Amazon|AWS) /, ''), vscode.TreeItemCollapsibleState.Collapsed);
    const counted = node.dependencies.flatMap((d) => this.countedAt.get(d.id) ?? []);
    item.description = regionCountsText(node.dependencies.length, counted.filter((f) => f.severity !== 'info').length);
    item.tooltip = `${serviceDisplayName(node.service)} (${node.service}) in ${node.region}`;
    const worst = worstSeverity(node.dependencies.flatMap((d) => this.findingsByDependency.get(d.id) ?? []));
    item.iconPath = worst ? SEVERITY_ICON[worst] : new vscode.ThemeIcon('symbol-misc');
    item.id = `service:${node.region}:${node.service}`;
    item.contextValue = 'outageRadar.service';
    return item;
  }

  private locationItem(d: Dependency): vscode.TreeItem {
    const item = new vscode.TreeItem(dependencyLabel(d), vscode.TreeItemCollapsibleState.None);
    // The label is the readable name; where it is goes in the description (shortened) and the tooltip (whole).
    item.description = `${baseName(d.file)}:${d.line}`;
    const findings = this.findingsByDependency.get(d.id) ?? [];
    const worst = worstSeverity(findings);
    item.iconPath = worst ? SEVERITY_ICON[worst] : new vscode.ThemeIcon('circle-outline');
    const tooltip = new vscode.MarkdownString(
      [
        `**${dependencyLabel(d)}** — ${serviceDisplayName(d.service)} ${d.kind} in ${d.region ?? 'an unknown region'} (${d.regionSource})`,
        `${d.file}:${d.line}${d.name && d.name !== dependencyLabel(d) ? ` · \`${d.name}\`` : ''}`,
        ...findings.map((f) => `- ${f.severity}: ${f.message}`),
      ].join('\n\n'),
    );
    tooltip.supportThemeIcons = false;
    item.tooltip = tooltip;
    const root = this.root();
    if (root) item.command = openCommand(vscode.Uri.joinPath(root, ...d.file.split('/')), new vscode.Range(d.line - 1, d.column - 1, d.endLine - 1, d.endColumn - 1));
    item.contextValue = 'outageRadar.location';
    return item;
  }

  private affectedItem(event: WorkspaceHealthEvent, place: WorkspaceHealthEvent['affected'][number]): vscode.TreeItem {
    const item = new vscode.TreeItem(`${baseName(place.file)}:${place.line}`, vscode.TreeItemCollapsibleState.None);
    item.description = `${place.region}${place.possible ? ' · possibly' : ''}`;
    item.tooltip = `${place.file}:${place.line} — ${event.eventTypeCode}`;
    item.iconPath = new vscode.ThemeIcon('location');
    const root = this.root();
    if (root) item.command = openCommand(vscode.Uri.joinPath(root, ...place.file.split('/')), new vscode.Range(place.line - 1, 0, place.line - 1, 0));
    item.contextValue = 'outageRadar.healthPlace';
    return item;
  }
}

function healthItem(events: readonly WorkspaceHealthEvent[], state: HealthState): vscode.TreeItem {
  const item = new vscode.TreeItem('AWS Health', events.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
  // VS Code keeps an item's collapsible state by id: a new id when events arrive, so they show expanded.
  item.id = `health:${state}:${events.length ? 'events' : 'none'}`;
  if (state !== 'on') {
    item.description = HEALTH_OFF_TEXT[state];
    item.iconPath = new vscode.ThemeIcon('circle-slash');
    item.tooltip = state === 'not-consented' ? 'Live AWS Health events are off for this workspace. Choose to run "Outage Radar: Enable AWS Health".' : `AWS Health is ${HEALTH_OFF_TEXT[state]}.`;
    if (state === 'not-consented' || state === 'off') item.command = { title: 'Enable AWS Health', command: Commands.enableHealth };
    item.contextValue = 'outageRadar.healthOff';
    return item;
  }
  const affecting = events.filter((e) => e.affected.length > 0).length;
  item.description = events.length ? `${plural(events.length, 'open event', 'open events')} · ${affecting} affect this workspace` : 'no open event';
  item.iconPath = new vscode.ThemeIcon('pulse', affecting ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined);
  item.contextValue = 'outageRadar.health';
  return item;
}

function eventItem(event: WorkspaceHealthEvent): vscode.TreeItem {
  const item = new vscode.TreeItem(`${serviceDisplayName(event.service).replace(/^(?:Amazon|AWS) /, '')} · ${event.region}`, event.affected.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
  item.description = `${event.statusCode} ${event.category} · ${event.affected.length ? plural(event.affected.length, 'place', 'places') : 'affects nothing here'}`;
  item.tooltip = new vscode.MarkdownString([`**${event.eventTypeCode}** (${event.statusCode})`, event.startTime ? `since ${event.startTime}` : '', event.description ?? ''].filter(Boolean).join('\n\n'));
  item.iconPath = new vscode.ThemeIcon(event.affected.length ? 'warning' : 'info', event.affected.length ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined);
  item.id = `event:${event.arn}`;
  item.contextValue = 'outageRadar.healthEvent';
  return item;
}

function openCommand(uri: vscode.Uri, selection: vscode.Range): vscode.Command {
  return { title: 'Open', command: 'vscode.open', arguments: [uri, { selection }] };
}


function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

function group<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const i of items) push(out, key(i), i);
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function worstSeverity(findings: readonly Finding[]): Severity | undefined {
  return SEVERITIES.find((s) => findings.some((f) => f.severity === s));
}
