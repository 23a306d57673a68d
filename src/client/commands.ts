/**
 * The palette commands that work on the dependency map: simulating a region outage and exporting
 * the report, plus the two commands the server's code lenses and code actions call. The map comes
 * from the server (`outageRadar/dependencyMap`); simulation and rendering are the engine's own
 * pure functions (src/core), so the editor shows exactly what the CLI prints.
 */
import * as vscode from 'vscode';
import type { DependencyMap } from '../core/model';
import { renderHtml } from '../core/render/html';
import { renderJson } from '../core/render/json';
import { renderMarkdown } from '../core/render/markdown';
import { renderSarif } from '../core/render/sarif';
import { simulateOutage, simulationText, type SimulatedDependency } from '../core/simulate';
import { regionPickItems } from './viewText';
import { SUPPRESSION_REASON_PLACEHOLDER } from '../shared/protocol';

function locationUri(root: vscode.Uri, file: string): vscode.Uri {
  return vscode.Uri.joinPath(root, ...file.split('/'));
}

/** "Simulate Region Outage…": pick a region, see what fails, survives or cannot be known. */
export async function simulateRegionOutage(map: DependencyMap | null, root: vscode.Uri | undefined, output: vscode.OutputChannel): Promise<void> {
  if (!map || !root) {
    void vscode.window.showInformationMessage('Outage Radar: the workspace is still being indexed.');
    return;
  }
  const regions = regionPickItems(map);
  if (!regions.length) {
    void vscode.window.showInformationMessage('Outage Radar: no dependency of this workspace has a known region.');
    return;
  }
  const picked = await vscode.window.showQuickPick(
    regions,
    { title: 'Outage Radar: Simulate Region Outage', placeHolder: 'Which region goes down?' },
  );
  if (!picked) return;
  const result = simulateOutage(map, picked.label);
  output.appendLine(simulationText(result));
  type Item = vscode.QuickPickItem & { entry?: SimulatedDependency };
  const section = (title: string, icon: string, entries: SimulatedDependency[]): Item[] =>
    entries.length
      ? [
          { label: `${title} (${entries.length})`, kind: vscode.QuickPickItemKind.Separator },
          ...entries.map((entry) => ({ label: `$(${icon}) ${entry.component}`, description: `${entry.file}:${entry.line} · ${entry.service}`, detail: `${entry.reason}: ${entry.detail}`, entry })),
        ]
      : [];
  const items: Item[] = [...section('Failing', 'error', result.failing), ...section('Surviving', 'pass', result.surviving), ...section('Unknown', 'question', result.unknown)];
  const choice = await vscode.window.showQuickPick(items, {
    title: `Outage of ${picked.label}: ${result.failing.length} failing, ${result.surviving.length} surviving, ${result.unknown.length} unknown`,
    placeHolder: 'Open a dependency',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (choice?.entry) await vscode.window.showTextDocument(locationUri(root, choice.entry.file), { selection: new vscode.Range(choice.entry.line - 1, 0, choice.entry.line - 1, 0) });
}

export const EXPORT_FORMATS = [
  { label: 'SARIF', extension: 'sarif', description: 'for code scanning (GitHub, Azure DevOps)' },
  { label: 'Markdown', extension: 'md', description: 'for a pull-request comment' },
  { label: 'HTML', extension: 'html', description: 'a standalone report' },
  { label: 'JSON', extension: 'json', description: 'the dependency map' },
] as const;

export function renderExport(map: DependencyMap, format: (typeof EXPORT_FORMATS)[number]['extension'], extensionUri: vscode.Uri, version: string, rootUri: vscode.Uri): string {
  switch (format) {
    case 'sarif':
      return renderSarif(map, { toolVersion: version, docsBaseUrl: `${vscode.Uri.joinPath(extensionUri, 'docs', 'rules').toString()}/`, rootUri: `${rootUri.toString()}/` });
    case 'md':
      return renderMarkdown(map);
    case 'html':
      return renderHtml(map);
    default:
      return renderJson(map);
  }
}

/** "Export Report": pick a format and a file, write the report. */
export async function exportReport(map: DependencyMap | null, root: vscode.Uri | undefined, extensionUri: vscode.Uri, version: string): Promise<vscode.Uri | undefined> {
  if (!map || !root) {
    void vscode.window.showInformationMessage('Outage Radar: the workspace is still being indexed.');
    return undefined;
  }
  const format = await vscode.window.showQuickPick([...EXPORT_FORMATS], { title: 'Outage Radar: Export Report', placeHolder: 'Format' });
  if (!format) return undefined;
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(root, `outage-radar-report.${format.extension}`),
    filters: { [format.label]: [format.extension] },
    title: 'Export the Outage Radar report',
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(renderExport(map, format.extension, extensionUri, version, root)));
  void vscode.window.showInformationMessage(`Outage Radar: report written to ${vscode.workspace.asRelativePath(target)}.`);
  return target;
}

/** Reveals a dependency and opens its hover (code lens clicks). Arguments: uri, 0-based line and character. */
export async function showDependency(uri: string, line: number, character: number): Promise<void> {
  const position = new vscode.Position(line, character);
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: new vscode.Range(position, position) });
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  await vscode.commands.executeCommand('editor.action.showHover');
}

/** Selects the placeholder reason of a suppression comment the server just inserted, to type over it. */
export function selectSuppressionReason(uri: string, line: number): void {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
  if (!editor || line >= editor.document.lineCount) return;
  const text = editor.document.lineAt(line).text;
  const at = text.indexOf(SUPPRESSION_REASON_PLACEHOLDER);
  if (at < 0) return;
  editor.selection = new vscode.Selection(line, at, line, at + SUPPRESSION_REASON_PLACEHOLDER.length);
}
