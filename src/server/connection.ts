/**
 * Every LSP handler of the server, wired in this one file (as typescript-language-server does):
 * each handler only translates between the protocol and the feature modules (diagnostics, hover,
 * code actions, code lenses, symbols) and the {@link ServerWorkspace}. Every handler catches its
 * own errors and logs them to the connection's console: bad input never takes the server down.
 * Nothing logged here contains settings values or credentials.
 */
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  DependencyMapRequest,
  HealthConsentNotification,
  HealthEventsRequest,
  RefreshHealthRequest,
  RescanRequest,
  StatusNotification,
  WorkspaceTrustedNotification,
  type InitializationOptions,
  type ServerExperimentalCapabilities,
} from '../shared/protocol';
import { normaliseSettings, SETTINGS_SECTION } from '../shared/settings';
import { codeActionsFor } from './codeActions';
import { codeLensesFor } from './codeLenses';
import { documentSymbolsFor } from './documentSymbols';
import { createHealthMonitor } from './health';
import { hoverAt } from './hover';
import { describe, ServerWorkspace, type EditorPort, type FileChange, type ProgressHandle } from './workspace';
import { defaultCacheDirectory } from '../node/scanCache';

/** The globs the server watches itself when the client can register watchers but does not sync file events. */
const WATCHED_GLOBS = ['**/*.{ts,tsx,js,jsx,mjs,cjs,mts,cts,py,yaml,yml,json,template,tf,tfvars,hcl,toml,env}', '**/Dockerfile*', '**/.env*', '**/.outage-radar.{yaml,yml}'];

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const health = createHealthMonitor();
  let workspace: ServerWorkspace | undefined;
  let capabilities: ClientCapabilities = {};
  let options: InitializationOptions = {};
  let folderUris: string[] = [];
  let clientCommands = new Set<string>();
  /** After `shutdown` the server answers requests with InvalidRequest and ignores notifications (LSP). */
  let shutdownRequested = false;

  /** Runs a handler and turns any error into a log line and a fallback answer. */
  async function guard<T>(name: string, fallback: T, run: () => Promise<T> | T): Promise<T> {
    if (shutdownRequested) return fallback;
    try {
      return await run();
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      connection.console.error(`${name} failed: ${describe(error)}${error instanceof Error && error.stack ? `\n${error.stack}` : ''}`);
      return fallback;
    }
  }

  /** A request's handler: refused after `shutdown`, else guarded. */
  function answer<T>(name: string, fallback: T, run: () => Promise<T> | T): Promise<T> {
    if (shutdownRequested) return Promise.reject(new ResponseError(ErrorCodes.InvalidRequest, `${name}: the server is shutting down`));
    return guard(name, fallback, run);
  }

  function cancelled(token: CancellationToken): void {
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
  }

  const port: EditorPort = {
    publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }).catch(() => undefined),
    sendStatus: (status) => void connection.sendNotification(StatusNotification, status).catch(() => undefined),
    log: (message) => connection.console.log(message),
    error: (message) => connection.console.error(message),
    refreshCodeLenses: () => {
      if (capabilities.workspace?.codeLens?.refreshSupport) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    },
    beginProgress: async (title): Promise<ProgressHandle> => {
      const reporter = await connection.window.createWorkDoneProgress().catch(() => undefined);
      reporter?.begin(title, 0, undefined, false);
      let last = -1;
      return {
        report: (done, total) => {
          const percentage = total ? Math.floor((done / total) * 100) : 100;
          if (percentage === last) return;
          last = percentage;
          reporter?.report(percentage, `${done}/${total} files`);
        },
        done: () => reporter?.done(),
      };
    },
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities;
    options = (params.initializationOptions ?? {}) as InitializationOptions;
    clientCommands = new Set(Array.isArray(options.clientCommands) ? options.clientCommands.filter((c) => typeof c === 'string') : []);
    folderUris = params.workspaceFolders?.length ? params.workspaceFolders.map((f) => f.uri) : params.rootUri ? [params.rootUri] : [];
    const cacheDirectory = typeof options.cacheDirectory === 'string' && options.cacheDirectory ? options.cacheDirectory : defaultCacheDirectory();
    workspace = new ServerWorkspace(port, documents, { trusted: options.trusted !== false, health, cacheDirectory });
    // Known now, so that documents opened before `initialized` is handled land in their folder;
    // the builds wait for the settings, which can only be asked for after `initialized`.
    workspace.addFolders(folderUris);
    const experimental: { outageRadar: ServerExperimentalCapabilities } = { outageRadar: { health: health.supported } };
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        experimental,
      },
      serverInfo: { name: 'Outage Radar' },
    };
  });

  connection.onInitialized(() =>
    void guard('initialized', undefined, async () => {
      if (!workspace) return;
      workspace.updateSettings(await fetchSettings());
      if (options.healthConsented) workspace.setHealthConsent(true);
      if (capabilities.workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders((event) =>
          void guard('workspace folders', undefined, () => {
            workspace?.removeFolders(event.removed.map((f) => f.uri));
            workspace?.addFolders(event.added.map((f) => f.uri));
          }),
        );
      }
      // The VS Code extension syncs file events itself; other editors get watchers registered here.
      if (!clientCommands.size && capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) });
      }
    }),
  );

  /** The `outageRadar` settings: pulled when the client offers `workspace/configuration`, else from the start options. */
  async function fetchSettings(pushed?: unknown) {
    if (capabilities.workspace?.configuration) {
      const [section] = await connection.workspace.getConfiguration([{ scopeUri: folderUris[0], section: SETTINGS_SECTION }]);
      return normaliseSettings(section);
    }
    return normaliseSettings(pushed ?? options.settings);
  }

  connection.onDidChangeConfiguration((params) =>
    void guard('configuration', undefined, async () => {
      const pushed = (params.settings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
      workspace?.updateSettings(await fetchSettings(pushed));
    }),
  );

  documents.onDidChangeContent((event) => void guard('didChange', undefined, () => workspace?.documentChanged(event.document.uri)));
  documents.onDidClose((event) => void guard('didClose', undefined, () => workspace?.documentClosed(event.document.uri)));

  connection.onDidChangeWatchedFiles((params) =>
    void guard('didChangeWatchedFiles', undefined, () => workspace?.filesChanged(params.changes.filter((c): c is FileChange => c.type === 1 || c.type === 2 || c.type === 3))),
  );

  connection.onHover((params, token) =>
    answer('hover', null, async () => {
      const analysis = await workspace?.analysisFor(params.textDocument.uri);
      cancelled(token);
      return analysis ? hoverAt(analysis.view, analysis.folder, analysis.file, params.position, analysis.events) : null;
    }),
  );

  connection.onCodeAction((params, token) =>
    answer('codeAction', [], async () => {
      const document = documents.get(params.textDocument.uri);
      const analysis = await workspace?.analysisFor(params.textDocument.uri);
      cancelled(token);
      if (!analysis || !document) return [];
      return codeActionsFor({
        view: analysis.view,
        folder: analysis.folder,
        file: analysis.file,
        uri: params.textDocument.uri,
        text: document.getText(),
        range: params.range,
        contextDiagnostics: params.context.diagnostics,
        clientCommands,
      });
    }),
  );

  connection.onCodeLens((params, token) =>
    answer('codeLens', [], async () => {
      if (!workspace?.currentSettings.codeLens.enabled) return [];
      const analysis = await workspace.analysisFor(params.textDocument.uri);
      cancelled(token);
      return analysis ? codeLensesFor(analysis.view, analysis.file, params.textDocument.uri, clientCommands, analysis.events) : [];
    }),
  );

  connection.onDocumentSymbol((params, token) =>
    answer('documentSymbol', [], async () => {
      const analysis = await workspace?.analysisFor(params.textDocument.uri);
      cancelled(token);
      return analysis ? documentSymbolsFor(analysis.view, analysis.file) : [];
    }),
  );

  connection.onRequest(DependencyMapRequest, (params, token) =>
    answer('dependencyMap', null, async () => {
      const map = (await workspace?.dependencyMap(params?.folderUri)) ?? null;
      cancelled(token);
      return map;
    }),
  );

  connection.onRequest(HealthEventsRequest, (params, token) =>
    answer('healthEvents', [], async () => {
      const events = (await workspace?.healthEventsOf(params?.folderUri)) ?? [];
      cancelled(token);
      return events;
    }),
  );

  connection.onRequest(RefreshHealthRequest, () => guard('refreshHealth', false, async () => (await workspace?.refreshHealth()) ?? false));

  connection.onRequest(RescanRequest, () =>
    answer('rescan', undefined, async () => {
      if (!workspace) return;
      workspace.updateSettings(await fetchSettings());
      await workspace.rescan();
    }),
  );

  connection.onNotification(WorkspaceTrustedNotification, () => void guard('workspaceTrusted', undefined, () => workspace?.trustGranted()));
  connection.onNotification(HealthConsentNotification, (params) => void guard('healthConsent', undefined, () => workspace?.setHealthConsent(params?.consented === true)));

  connection.onShutdown(() => {
    shutdownRequested = true;
    workspace?.dispose();
  });

  documents.listen(connection);
  connection.listen();
}
