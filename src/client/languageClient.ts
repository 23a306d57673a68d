/**
 * Starts the Outage Radar language server (`dist/server.js`) over Node IPC with
 * `vscode-languageclient`, for the files the scanners understand on disk (`file` scheme), and
 * syncs file events for the same globs so that edits outside the editor (a `git pull`, a deleted
 * folder) reach the index. The server decides each file's format itself, not from the language id.
 */
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ClientCommands, type InitializationOptions } from '../shared/protocol';
import { SETTINGS_SECTION } from '../shared/settings';
import { RestartPolicy } from './restartPolicy';
import { serverEnvironment } from './serverEnvironment';

/** The files the server is given, as document-selector patterns and file-watcher globs. */
export const FILE_GLOBS = [
  '**/*.{ts,tsx,js,jsx,mjs,cjs,py,yaml,yml,json,template,tf,tfvars,hcl,toml,env}',
  '**/Dockerfile*',
  '**/.env*',
];

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, options: { healthConsented: boolean }): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env: serverEnvironment(process.env) } },
    debug: { module, transport: TransportKind.ipc, options: { env: serverEnvironment(process.env), execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const watchers = FILE_GLOBS.map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  context.subscriptions.push(...watchers);
  const initializationOptions: InitializationOptions = {
    trusted: vscode.workspace.isTrusted,
    clientCommands: Object.values(ClientCommands),
    healthConsented: options.healthConsented,
    // A restart, or reopening the workspace, only stats unchanged files instead of parsing them all.
    cacheDirectory: vscode.Uri.joinPath(context.globalStorageUri, 'scan-cache').fsPath,
  };
  const restarts = new RestartPolicy();
  const clientOptions: LanguageClientOptions = {
    errorHandler: {
      // A few write/read errors in a row are transient; more mean the connection is gone.
      error: (_error, _message, count) => ({ action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
      closed: async () => {
        const decision = restarts.onCrash();
        if (decision.message) output.warn(decision.message);
        if (!decision.restart) return { action: CloseAction.DoNotRestart, message: decision.message };
        await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
        return { action: CloseAction.Restart, message: decision.message, handled: decision.message === undefined };
      },
    },
    documentSelector: FILE_GLOBS.map((pattern) => ({ scheme: 'file', pattern })),
    synchronize: { configurationSection: SETTINGS_SECTION, fileEvents: watchers },
    initializationOptions,
    outputChannel: output,
    traceOutputChannel: output,
    diagnosticCollectionName: 'outageRadar',
    // Hovers contain links to files and rule documentation only: no command links, no HTML.
    markdown: { isTrusted: false, supportHtml: false },
  };
  // The id `outageRadar` makes the client honour the `outageRadar.trace.server` setting.
  return new LanguageClient('outageRadar', 'Outage Radar', serverOptions, clientOptions);
}
