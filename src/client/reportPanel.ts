/**
 * The risk report webview ("Outage Radar: Show Risk Report"): one panel, reused, that runs the
 * report's script (`dist/webview.js`, built from src/webview) and receives the dependency map by
 * `postMessage`. The page is the same one the exported HTML file shows; only its host differs.
 *
 * - Security: scripts only with this page's nonce, styles from the extension's `media/` (and the
 *   nonce), images from the extension, `data:` and `blob:` (the PNG export), nothing else; local
 *   resources limited to `media/` and `dist/`. Every message from the page goes through
 *   `parseWebviewMessage` — a web page is not trusted to send well-formed paths or data.
 * - Lifecycle: the page asks for data with `ready` whenever its script starts (first load, and
 *   each time VS Code re-creates a hidden panel's page), and gets the latest map. Its own UI state
 *   (simulated outage, table sorting and filters) is kept by the page with `setState`, and a
 *   `WebviewPanelSerializer` revives the panel after a window reload.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { DependencyMap } from '../core/model';
import type { ReportData, ReportHealthEvent } from '../core/render/reportData';
import { parseWebviewMessage, type ExportMapMessage, type ExtensionToWebviewMessage, type OpenLocationMessage } from '../shared/reportMessages';

export const REPORT_VIEW_TYPE = 'outageRadar.report';
const TITLE = 'Outage Radar: Risk Report';

/** The webview options: scripts on, local resources from `media/` and `dist/` only. */
function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist')],
  };
}

export interface ReportPageOptions {
  /** `webview.cspSource` */
  cspSource: string;
  /** fresh per page load, base64 */
  nonce: string;
  /** webview URIs of dist/webview.js and media/report.css */
  scriptUri: string;
  styleUri: string;
}

/** The page that loads the report's script: a pure function of its inputs, so that it is testable without VS Code. */
export function reportPageHtml({ cspSource, nonce, scriptUri, styleUri }: ReportPageOptions): string {
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${cspSource} 'nonce-${nonce}'; img-src ${cspSource} data: blob:; font-src ${cspSource}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${nonce}" href="${escapeHtml(styleUri)}">
<title>${TITLE}</title>
</head>
<body>
<main id="app"><h1>Outage Radar risk report</h1><p class="hint">Waiting for the dependency map: the workspace is being indexed.</p></main>
<script nonce="${nonce}" src="${escapeHtml(scriptUri)}"></script>
</body>
</html>`;
}

export class ReportPanel {
  private static current: ReportPanel | undefined;
  private data: ReportData | null = null;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
  ) {
    panel.webview.options = webviewOptions(extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    const webview = panel.webview;
    webview.html = reportPageHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'report.css')).toString(),
    });
    this.disposables.push(
      webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Opens the report (or brings the open one to the front) and shows the map. */
  static show(context: vscode.ExtensionContext, map: DependencyMap | null, health?: ReportHealthEvent[]): void {
    if (ReportPanel.current) ReportPanel.current.panel.reveal();
    else {
      const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, TITLE, vscode.ViewColumn.Active, webviewOptions(context.extensionUri));
      ReportPanel.current = new ReportPanel(panel, context.extensionUri);
    }
    ReportPanel.current.update(map, health);
  }

  /** Shows a newer map (after an analysis) in the open report, if there is one. */
  static refresh(map: DependencyMap | null, health?: ReportHealthEvent[]): void {
    ReportPanel.current?.update(map, health);
  }

  /**
   * Revives the report after a window reload. Must be registered during activation; the page
   * restores its own UI state, the map is fetched anew.
   */
  static registerSerializer(context: vscode.ExtensionContext, fetchMap: () => Promise<DependencyMap | null>): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel) {
        // One report at a time: a second revived panel (two windows' worth of state) replaces the first.
        ReportPanel.current?.panel.dispose();
        const report = new ReportPanel(panel, context.extensionUri);
        ReportPanel.current = report;
        report.update(await fetchMap());
      },
    });
  }

  private update(map: DependencyMap | null, health?: ReportHealthEvent[]): void {
    // A null map (the server is still indexing) keeps what the page shows.
    if (!map) return;
    this.data = health ? { map, health } : { map };
    this.post();
  }

  private post(): void {
    if (!this.data) return;
    const message: ExtensionToWebviewMessage = { type: 'update', data: this.data };
    // A hidden page drops messages; it asks again with `ready` when it is shown.
    void this.panel.webview.postMessage(message);
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) return;
    try {
      switch (message.type) {
        case 'ready':
          this.post();
          break;
        case 'openLocation':
          await this.openLocation(message);
          break;
        case 'exportMap':
          await this.exportMap(message);
          break;
        case 'openLink':
          await openLink(message.href);
          break;
      }
    } catch (error) {
      void vscode.window.showErrorMessage(`Outage Radar: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** The workspace folder the map was computed for (its root), else the first one. */
  private folder(): vscode.Uri | undefined {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const root = this.data?.map.root;
    return (folders.find((f) => root && f.uri.fsPath === root) ?? folders[0])?.uri;
  }

  private async openLocation({ file, line, column }: OpenLocationMessage): Promise<void> {
    const folder = this.folder();
    if (!folder) return;
    const position = new vscode.Position(line - 1, column - 1);
    // Beside the report when it fills the first column, so that the report stays in view.
    await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, ...file.split('/')), {
      selection: new vscode.Range(position, position),
      viewColumn: this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One,
      preview: true,
    });
  }

  private async exportMap({ format, data }: ExportMapMessage): Promise<void> {
    const folder = this.folder();
    const name = `outage-radar-map.${format}`;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
      title: 'Export the Outage Radar map',
    });
    if (!target) return;
    const bytes = format === 'svg' ? new TextEncoder().encode(data) : Buffer.from(data.slice(data.indexOf(',') + 1), 'base64');
    await vscode.workspace.fs.writeFile(target, bytes);
    void vscode.window.showInformationMessage(`Outage Radar: map written to ${vscode.workspace.asRelativePath(target)}.`);
  }

  private dispose(): void {
    if (ReportPanel.current === this) ReportPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** Rule documentation: Markdown shipped with the extension opens in the preview, web pages in the browser. */
async function openLink(href: string): Promise<void> {
  const uri = vscode.Uri.parse(href, true);
  if (uri.scheme === 'file') {
    if (uri.path.endsWith('.md')) {
      try {
        await vscode.commands.executeCommand('markdown.showPreview', uri);
        return;
      } catch {
        // No Markdown extension: the text itself.
      }
    }
    await vscode.window.showTextDocument(uri, { preview: true });
    return;
  }
  await vscode.env.openExternal(uri);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
