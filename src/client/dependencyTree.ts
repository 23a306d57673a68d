/**
 * The "Cloud Dependencies" tree: region → service → location, with dependency counts and the
 * worst finding's severity as the badge of each node. Built from the server's dependency map
 * (the engine's output; nothing is recomputed here). Clicking a location opens it.
 */
import * as vscode from 'vscode';
import { serviceDisplayName } from '../core/catalogue/services';
import type { Dependency, DependencyMap, Finding, Severity } from '../core/model';
import { SEVERITIES } from '../core/model';

type Node =
  | { kind: 'region'; region: string; dependencies: Dependency[] }
  | { kind: 'service'; region: string; service: string; dependencies: Dependency[] }
  | { kind: 'location'; dependency: Dependency };

const UNRESOLVED = 'region unknown';

const SEVERITY_ICON: Record<Severity, vscode.ThemeIcon> = {
  critical: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  high: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  medium: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  low: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  info: new vscode.ThemeIcon('lightbulb'),
};

export class DependencyTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private map: DependencyMap | null = null;
  private findingsByDependency = new Map<string, Finding[]>();

  constructor(private readonly root: () => vscode.Uri | undefined) {}

  setMap(map: DependencyMap | null): void {
    this.map = map;
    this.findingsByDependency = new Map();
    for (const f of map?.findings ?? []) for (const id of f.dependencyIds) this.findingsByDependency.set(id, [...(this.findingsByDependency.get(id) ?? []), f]);
    this.changed.fire(undefined);
  }

  /** Findings shown as problems (every severity but info), for the view's badge. */
  get findingCount(): number {
    return (this.map?.findings ?? []).filter((f) => f.severity !== 'info').length;
  }

  getChildren(node?: Node): Node[] {
    const deps = (this.map?.dependencies ?? []).filter((d) => d.kind !== 'region-config');
    if (!node) {
      const byRegion = group(deps, (d) => d.region ?? UNRESOLVED);
      return [...byRegion]
        .sort(([a, x], [b, y]) => (a === UNRESOLVED ? 1 : b === UNRESOLVED ? -1 : y.length - x.length || (a < b ? -1 : 1)))
        .map(([region, dependencies]) => ({ kind: 'region', region, dependencies }));
    }
    if (node.kind === 'region') {
      return [...group(node.dependencies, (d) => d.service)]
        .sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : 1))
        .map(([service, dependencies]) => ({ kind: 'service', region: node.region, service, dependencies }));
    }
    if (node.kind === 'service') return node.dependencies.map((dependency) => ({ kind: 'location', dependency }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'location') {
      const d = node.dependency;
      const item = new vscode.TreeItem(`${d.name ?? d.resource?.name ?? d.kind}`, vscode.TreeItemCollapsibleState.None);
      item.description = `${d.file}:${d.line}`;
      const findings = this.findingsByDependency.get(d.id) ?? [];
      const worst = worstSeverity(findings);
      item.iconPath = worst ? SEVERITY_ICON[worst] : new vscode.ThemeIcon('circle-outline');
      item.tooltip = new vscode.MarkdownString([`**${d.kind}** ${d.service} in ${d.region ?? UNRESOLVED} (${d.regionSource})`, ...findings.map((f) => `- ${f.severity}: ${f.message}`)].join('\n\n'));
      const root = this.root();
      if (root) {
        const uri = vscode.Uri.joinPath(root, ...d.file.split('/'));
        item.resourceUri = uri;
        item.command = { title: 'Open', command: 'vscode.open', arguments: [uri, { selection: new vscode.Range(d.line - 1, d.column - 1, d.endLine - 1, d.endColumn - 1) }] };
      }
      item.contextValue = 'outageRadar.location';
      return item;
    }
    const label = node.kind === 'region' ? node.region : serviceDisplayName(node.service);
    const item = new vscode.TreeItem(label, node.kind === 'region' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    const findings = node.dependencies.flatMap((d) => this.findingsByDependency.get(d.id) ?? []);
    const shown = findings.filter((f) => f.severity !== 'info').length;
    item.description = `${node.dependencies.length} ${node.dependencies.length === 1 ? 'dependency' : 'dependencies'}${shown ? ` · ${shown} ${shown === 1 ? 'risk' : 'risks'}` : ''}`;
    const worst = worstSeverity(findings);
    item.iconPath = node.kind === 'region' ? new vscode.ThemeIcon('globe') : worst ? SEVERITY_ICON[worst] : new vscode.ThemeIcon('symbol-misc');
    item.id = node.kind === 'region' ? `region:${node.region}` : `service:${node.region}:${node.service}`;
    item.contextValue = `outageRadar.${node.kind}`;
    return item;
  }
}

function group<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const i of items) out.set(key(i), [...(out.get(key(i)) ?? []), i]);
  return out;
}

function worstSeverity(findings: readonly Finding[]): Severity | undefined {
  let worst: number | undefined;
  for (const f of findings) {
    const i = SEVERITIES.indexOf(f.severity);
    if (worst === undefined || i < worst) worst = i;
  }
  return worst === undefined ? undefined : SEVERITIES[worst];
}
