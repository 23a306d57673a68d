/**
 * The risk report webview (minimal version): a summary of the dependency map — dependencies per
 * region, findings per severity, the top findings — rendered by the extension into a page with a
 * strict, nonce-based Content-Security-Policy and no script. The full interactive report
 * (src/webview) replaces this module.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { DependencyMap, Severity } from '../core/model';
import { SEVERITIES } from '../core/model';

export const REPORT_VIEW_TYPE = 'outageRadar.report';

export class ReportPanel {
  private static current: ReportPanel | undefined;

  private constructor(private readonly panel: vscode.WebviewPanel) {
    panel.onDidDispose(() => {
      if (ReportPanel.current === this) ReportPanel.current = undefined;
    });
  }

  /** Opens the report (or brings it to the front) and renders the map. */
  static show(context: vscode.ExtensionContext, map: DependencyMap | null): void {
    if (!ReportPanel.current) {
      const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, 'Outage Radar: Risk Report', vscode.ViewColumn.Active, {
        enableScripts: false,
        localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'media'), vscode.Uri.joinPath(context.extensionUri, 'dist')],
      });
      panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
      ReportPanel.current = new ReportPanel(panel);
    } else ReportPanel.current.panel.reveal();
    ReportPanel.current.render(map);
  }

  /** Re-renders an open report with a newer map (after an analysis). */
  static refresh(map: DependencyMap | null): void {
    ReportPanel.current?.render(map);
  }

  private render(map: DependencyMap | null): void {
    this.panel.webview.html = reportHtml(map, this.panel.webview.cspSource, randomBytes(16).toString('base64'));
  }
}

const SEVERITY_LABEL: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };

/** The page: pure function of the map, so it is testable without VS Code. */
export function reportHtml(map: DependencyMap | null, cspSource: string, nonce: string): string {
  const csp = `default-src 'none'; img-src ${cspSource}; style-src 'nonce-${nonce}';`;
  const body = map ? summary(map) : '<p>The workspace is still being indexed. Run “Outage Radar: Show Risk Report” again in a moment.</p>';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Outage Radar: Risk Report</title>
<style nonce="${nonce}">
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1.5em 2em; }
  table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
  th, td { text-align: left; padding: 0.3em 1em 0.3em 0; border-bottom: 1px solid var(--vscode-panel-border); }
  td.n { text-align: right; font-variant-numeric: tabular-nums; }
  .headline { font-size: 1.2em; }
  code { font-family: var(--vscode-editor-font-family); }
</style>
</head>
<body>
<h1>Outage Radar: Risk Report</h1>
${body}
</body>
</html>`;
}

function summary(map: DependencyMap): string {
  const regions = Object.entries(map.summary.byRegion).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  const total = regions.reduce((n, [, c]) => n + c, 0);
  const [topRegion, topCount] = regions.find(([r]) => r !== 'unresolved') ?? [undefined, 0];
  const headline = topRegion
    ? `${topCount} of ${total} dependencies (${Math.round((topCount / Math.max(1, total)) * 100)}%) are in <code>${escapeHtml(topRegion)}</code>.`
    : `${total} dependencies, none in a known region.`;
  const regionRows = regions.map(([r, c]) => `<tr><td><code>${escapeHtml(r)}</code></td><td class="n">${c}</td></tr>`).join('');
  const severityRows = SEVERITIES.map((s) => `<tr><td>${SEVERITY_LABEL[s]}</td><td class="n">${map.summary.findingsBySeverity[s] ?? 0}</td></tr>`).join('');
  const top = map.findings
    .filter((f) => f.severity !== 'info')
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity))
    .slice(0, 20)
    .map((f) => `<tr><td>${SEVERITY_LABEL[f.severity]}</td><td><code>${escapeHtml(f.ruleId)}</code></td><td><code>${escapeHtml(`${f.file}:${f.line}`)}</code></td><td>${escapeHtml(f.message)}</td></tr>`)
    .join('');
  return `<p class="headline">${headline}</p>
<p>${map.summary.filesScanned} files scanned, ${map.dependencies.length} dependencies, ${map.findings.length} findings.</p>
<h2>Dependencies by region</h2>
<table><thead><tr><th>Region</th><th>Dependencies</th></tr></thead><tbody>${regionRows}</tbody></table>
<h2>Findings by severity</h2>
<table><thead><tr><th>Severity</th><th>Findings</th></tr></thead><tbody>${severityRows}</tbody></table>
<h2>Top risks</h2>
${top ? `<table><thead><tr><th>Severity</th><th>Rule</th><th>Where</th><th>What</th></tr></thead><tbody>${top}</tbody></table>` : '<p>No findings.</p>'}`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
