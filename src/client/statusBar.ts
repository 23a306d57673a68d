/**
 * The status bar item: dependencies in the top region and the findings count
 * (`$(globe) us-east-1: 12 · 3 findings`), live AWS Health events when there are any (on a warning
 * background when an open issue affects the workspace). Clicking it opens the risk report.
 */
import * as vscode from 'vscode';
import type { StatusParams } from '../shared/protocol';

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor(command: string) {
    this.item = vscode.window.createStatusBarItem('outageRadar.status', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Outage Radar';
    this.item.command = command;
    this.item.text = '$(sync~spin) Outage Radar';
    this.item.tooltip = 'Outage Radar is starting';
    this.item.show();
  }

  update(status: StatusParams): void {
    this.item.text = statusText(status);
    this.item.tooltip = statusTooltip(status);
    this.item.backgroundColor = status.healthIssuesAffectingWorkspace > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}

export function statusText(s: StatusParams): string {
  if (s.state !== 'ready' && s.filesIndexed === 0) return '$(sync~spin) Outage Radar: indexing';
  const findings = `${s.findings} ${s.findings === 1 ? 'finding' : 'findings'}`;
  const where = s.topRegion ? `$(globe) ${s.topRegion}: ${s.topRegionDependencies}` : `$(globe) ${s.dependencies} dependencies`;
  const health = s.healthEvents > 0 ? ` · $(pulse) ${s.healthEvents} AWS Health` : '';
  return `${where} · ${findings}${health}`;
}

function statusTooltip(s: StatusParams): string {
  const lines = [
    s.topRegion ? `${s.topRegionDependencies} of ${s.dependencies} AWS dependencies are in ${s.topRegion}` : `${s.dependencies} AWS dependencies, none with a known region`,
    `${s.findings} findings shown as problems (${s.findingsIncludingInfo} with notes)`,
  ];
  if (s.healthEvents > 0) lines.push(`${s.healthEventsAffectingWorkspace} of ${s.healthEvents} open AWS Health events affect this workspace`);
  if (s.state === 'indexing') lines.push('Indexing…');
  lines.push('Click to open the risk report');
  return lines.join('\n');
}
