/**
 * The VS Code extension (bundled as `dist/extension.js`): starts the language server, and adds
 * what only the editor can show — the palette commands ("Outage Radar: …"), the "Cloud
 * Dependencies" tree, the status bar item and the report webview. Every fact it shows comes from
 * the server's dependency map; the extension computes nothing the engine already knows.
 *
 * Workspace Trust: in a restricted workspace the extension runs with static analysis only. The
 * server is told (`initializationOptions.trusted: false`) and never polls AWS Health, and the
 * settings that could send requests elsewhere are declared restricted in the manifest, so VS Code
 * ignores their workspace values until the workspace is trusted.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import type { DependencyMap } from '../core/model';
import {
  ClientCommands,
  DependencyMapRequest,
  HealthConsentNotification,
  HealthEventsRequest,
  RefreshHealthRequest,
  RescanRequest,
  StatusNotification,
  WorkspaceTrustedNotification,
  type ServerExperimentalCapabilities,
  type StatusParams,
  type WorkspaceHealthEvent,
} from '../shared/protocol';
import { SETTINGS_SECTION } from '../shared/settings';
import { Commands, DEPENDENCY_VIEW_ID } from './commandIds';
import { exportReport, selectSuppressionReason, showDependency, simulateRegionOutage } from './commands';
import { enableHealth, HEALTH_CONSENT_KEY, selectAwsProfile } from './healthCommands';
import { DependencyTree } from './dependencyTree';
import { createLanguageClient } from './languageClient';
import type { ReportHealthEvent } from '../core/render/reportData';
import { ReportPanel } from './reportPanel';
import { StatusBar } from './statusBar';

let client: LanguageClient | undefined;

/** What the extension exposes to other extensions and to its own end-to-end tests. */
export interface OutageRadarApi {
  /** the server's current dependency map of the first workspace folder */
  dependencyMap(): Promise<DependencyMap | null>;
  /** the last status the server sent */
  status(): StatusParams | undefined;
  /** whether the extension started in a trusted workspace */
  trusted: boolean;
}

export async function activate(context: vscode.ExtensionContext): Promise<OutageRadarApi> {
  const output = vscode.window.createOutputChannel('Outage Radar', { log: true });
  context.subscriptions.push(output);
  const root = () => vscode.workspace.workspaceFolders?.[0]?.uri;
  const healthAnswer = context.workspaceState.get<boolean>(HEALTH_CONSENT_KEY);
  const languageClient = createLanguageClient(context, output, { healthConsented: healthAnswer === true });
  client = languageClient;

  const tree = new DependencyTree(root);
  const treeView = vscode.window.createTreeView(DEPENDENCY_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const statusBar = new StatusBar(Commands.showReport);
  context.subscriptions.push(treeView, statusBar);

  let lastStatus: StatusParams | undefined;
  const fetchMap = async (): Promise<DependencyMap | null> => {
    if (languageClient.state !== State.Running) return null;
    try {
      return await languageClient.sendRequest(DependencyMapRequest, {});
    } catch (error) {
      output.error(`The dependency map could not be fetched: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  };
  const fetchEvents = async (): Promise<WorkspaceHealthEvent[]> => {
    if (languageClient.state !== State.Running) return [];
    try {
      return await languageClient.sendRequest(HealthEventsRequest, {});
    } catch (error) {
      output.error(`AWS Health events could not be fetched: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  };
  // The report marks open AWS Health events on their regions; the webview validates them again.
  const reportEvents = (events: WorkspaceHealthEvent[]): ReportHealthEvent[] =>
    events.map((e) => ({
      region: e.region,
      service: e.service,
      eventTypeCode: e.eventTypeCode,
      statusCode: e.statusCode as ReportHealthEvent['statusCode'],
      startTime: e.startTime ?? null,
      description: e.description ?? '',
      affectedRegions: [...new Set(e.affected.map((a) => a.region))],
    }));
  const fetchHealth = async (): Promise<ReportHealthEvent[]> => reportEvents(await fetchEvents());
  let refreshing: Promise<void> | undefined;
  const refreshViews = () => {
    // One fetch at a time; statuses that arrive meanwhile are covered by the map it returns.
    refreshing ??= Promise.all([fetchMap(), fetchEvents()])
      .then(([map, events]) => {
        tree.setMap(map, events, lastStatus?.health ?? 'unsupported');
        treeView.badge = tree.findingCount ? { value: tree.findingCount, tooltip: `${tree.findingCount} Outage Radar findings` } : undefined;
        ReportPanel.refresh(map, reportEvents(events));
      })
      .finally(() => {
        refreshing = undefined;
      });
    return refreshing;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.showReport, async () => {
      const [map, health] = await Promise.all([fetchMap(), fetchHealth()]);
      ReportPanel.show(context, map, health);
    }),
    ReportPanel.registerSerializer(context, fetchMap),
    vscode.commands.registerCommand(Commands.rescan, () =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Outage Radar: rescanning' }, async () => {
        await languageClient.sendRequest(RescanRequest);
        await refreshViews();
      }),
    ),
    vscode.commands.registerCommand(Commands.enableHealth, () => enableHealth(context, languageClient)),
    vscode.commands.registerCommand(Commands.refreshHealth, () =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Outage Radar: refreshing AWS Health' }, async () => {
        const polled = languageClient.state === State.Running && (await languageClient.sendRequest(RefreshHealthRequest));
        if (!polled) {
          const choice = await vscode.window.showInformationMessage('Outage Radar: AWS Health is off for this workspace.', 'Enable AWS Health');
          if (choice) await enableHealth(context, languageClient);
          return;
        }
        await refreshViews();
      }),
    ),
    vscode.commands.registerCommand(Commands.selectAwsProfile, () => selectAwsProfile()),
    vscode.commands.registerCommand(Commands.simulateOutage, async () => simulateRegionOutage(await fetchMap(), root(), output)),
    vscode.commands.registerCommand(Commands.exportReport, async () => exportReport(await fetchMap(), root(), context.extensionUri, String(context.extension.packageJSON.version ?? '0.0.0'))),
    vscode.commands.registerCommand(Commands.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(ClientCommands.showDependency, showDependency),
    vscode.commands.registerCommand(ClientCommands.selectSuppressionReason, selectSuppressionReason),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (languageClient.state === State.Running) void languageClient.sendNotification(WorkspaceTrustedNotification);
      void askHealthConsent(context, languageClient);
    }),
  );

  context.subscriptions.push(
    languageClient.onNotification(StatusNotification, (status) => {
      lastStatus = status;
      statusBar.update(status);
      if (status.state === 'ready') void refreshViews();
    }),
  );

  try {
    await languageClient.start();
  } catch (error) {
    output.error(`The Outage Radar language server did not start: ${error instanceof Error ? error.message : String(error)}`);
    void vscode.window.showErrorMessage('Outage Radar: the language server did not start. See the "Outage Radar" output for details.', 'Show Output').then((c) => {
      if (c) output.show(true);
    });
  }
  void askHealthConsent(context, languageClient);

  return { dependencyMap: fetchMap, status: () => lastStatus, trusted: vscode.workspace.isTrusted };
}

/**
 * The one-time, per-workspace Health prompt (CONTRACTS.md "Health sources and privacy"). Asked
 * only when the server can show Health events, the workspace is trusted and the setting is not
 * `off`; the answer is remembered in the workspace state and sent to the server.
 */
async function askHealthConsent(context: vscode.ExtensionContext, languageClient: LanguageClient): Promise<void> {
  const experimental = languageClient.initializeResult?.capabilities.experimental as { outageRadar?: ServerExperimentalCapabilities } | undefined;
  if (!experimental?.outageRadar?.health || !vscode.workspace.isTrusted) return;
  const settings = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  if (settings.get<string>('health.source') === 'off' || context.workspaceState.get<boolean>(HEALTH_CONSENT_KEY) !== undefined) return;
  const profile = settings.get<string>('aws.profile') || process.env.AWS_PROFILE || 'default';
  const answer = await vscode.window.showInformationMessage(
    `Show live AWS Health events for this workspace? Outage Radar uses your AWS profile "${profile}" for the AWS Health API, or the public AWS Health Dashboard.`,
    'Show Events',
    'Not Now',
  );
  if (answer === undefined) return;
  const consented = answer === 'Show Events';
  await context.workspaceState.update(HEALTH_CONSENT_KEY, consented);
  if (languageClient.state === State.Running) await languageClient.sendNotification(HealthConsentNotification, { consented });
  // "Not now" is not forever: say where to turn it on (the tree's AWS Health line says it too).
  if (!consented) void vscode.window.showInformationMessage('Outage Radar: AWS Health stays off. Run "Outage Radar: Enable AWS Health" to turn it on later.');
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
