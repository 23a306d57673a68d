/**
 * The status bar item: dependencies in the top region and the findings count
 * (`$(globe) us-east-1: 12 · 3 findings`), live AWS Health events when there are any (on a warning
 * background when an open issue affects the workspace). Clicking it opens the risk report.
 */
import * as vscode from 'vscode';
import type { StatusParams } from '../shared/protocol';
import { statusText, statusTooltip } from './viewText';

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

