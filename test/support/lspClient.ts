/**
 * A small LSP client for tests: spawns the built server (`node dist/server.js --stdio`), speaks
 * JSON-RPC to it with `vscode-jsonrpc`, answers the server's own requests (configuration, progress
 * tokens, registrations) and records every notification, so that tests can await exactly the
 * message they expect instead of sleeping.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  CodeAction,
  CodeLens,
  Diagnostic,
  DocumentSymbol,
  Hover,
  InitializeResult,
  Range,
} from 'vscode-languageserver-protocol';
import type { DependencyMap } from '../../src/core/model';
import type { StatusParams } from '../../src/shared/protocol';

const TEST_CACHE_DIR = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-lsp-cache-'));

export const SERVER_JS = path.resolve(__dirname, '..', '..', 'dist', 'server.js');

export interface StartOptions {
  rootPath: string;
  /** `initializationOptions` (the VS Code extension sends trust, commands, settings) */
  initializationOptions?: unknown;
  /** what `workspace/configuration` answers for the `outageRadar` section (omit: the client does not offer it) */
  settings?: Record<string, unknown>;
  /** announce `window.workDoneProgress` (the server then asks for a progress token) */
  workDoneProgress?: boolean;
  /** extra environment for the server process (Health endpoint overrides) */
  env?: Record<string, string>;
}

type Waiter = { test: () => boolean; resolve: () => void };

export class LspTestClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** every publishDiagnostics in arrival order */
  readonly published: { uri: string; diagnostics: Diagnostic[] }[] = [];
  readonly statuses: StatusParams[] = [];
  readonly progress: unknown[] = [];
  readonly logs: string[] = [];
  readonly serverRequests: string[] = [];
  private readonly waiters = new Set<Waiter>();
  private versions = new Map<string, number>();
  private stderr = '';

  private constructor(readonly child: ChildProcess, readonly connection: MessageConnection, readonly rootPath: string) {}

  static async start(options: StartOptions): Promise<{ client: LspTestClient; initialize: InitializeResult }> {
    // Tests never write to the user's cache folder.
    const child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true', OUTAGE_RADAR_CACHE_DIR: TEST_CACHE_DIR, ...options.env } });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspTestClient(child, connection, options.rootPath);
    child.stderr!.on('data', (chunk: Buffer) => {
      client.stderr += chunk.toString();
    });
    connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => {
      client.diagnostics.set(params.uri, params.diagnostics);
      client.published.push(params);
      client.wake();
    });
    connection.onNotification('outageRadar/status', (params: StatusParams) => {
      client.statuses.push(params);
      client.wake();
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      client.logs.push(params.message);
      client.wake();
    });
    connection.onNotification('$/progress', (params: unknown) => {
      client.progress.push(params);
      client.wake();
    });
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => {
      client.serverRequests.push('workspace/configuration');
      return params.items.map(() => options.settings ?? {});
    });
    connection.onRequest('window/workDoneProgress/create', () => {
      client.serverRequests.push('window/workDoneProgress/create');
      return null;
    });
    connection.onRequest('client/registerCapability', () => {
      client.serverRequests.push('client/registerCapability');
      return null;
    });
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.listen();
    const rootUri = pathToFileURL(options.rootPath).href;
    const initialize = (await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: path.basename(options.rootPath) }],
      initializationOptions: options.initializationOptions,
      capabilities: {
        workspace: { configuration: options.settings !== undefined, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        window: { workDoneProgress: options.workDoneProgress ?? false },
        textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true }, hover: { contentFormat: ['markdown', 'plaintext'] } },
      },
    })) as InitializeResult;
    await connection.sendNotification('initialized', {});
    return { client, initialize };
  }

  uri(file: string): string {
    return pathToFileURL(path.join(this.rootPath, file)).href;
  }

  private wake(): void {
    for (const w of [...this.waiters]) {
      if (w.test()) {
        this.waiters.delete(w);
        w.resolve();
      }
    }
  }

  /** Resolves when `test` holds (checked now and after every notification); rejects after `timeoutMs`. */
  waitFor(what: string, test: () => boolean, timeoutMs = 20000): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        test,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out waiting for ${what}\nserver log:\n${this.logs.join('\n')}\n${this.stderr}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Waits for a publishDiagnostics of `file` (sent after `since` notifications) that satisfies `test`. */
  async diagnosticsOf(file: string, test: (d: Diagnostic[]) => boolean = (d) => d.length > 0, since = 0): Promise<Diagnostic[]> {
    const uri = this.uri(file);
    let found: Diagnostic[] | undefined;
    await this.waitFor(`diagnostics of ${file}`, () => {
      const hit = this.published.slice(since).reverse().find((p) => p.uri === uri);
      if (hit && test(hit.diagnostics)) found = hit.diagnostics;
      return found !== undefined;
    });
    return found!;
  }

  /** Waits until the server reports a finished index. */
  ready(): Promise<void> {
    return this.waitFor('index ready', () => this.statuses.some((s) => s.state === 'ready' && s.filesIndexed > 0));
  }

  open(file: string, text: string, languageId = 'plaintext'): Promise<void> {
    this.versions.set(file, 1);
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri(file), languageId, version: 1, text } });
  }

  change(file: string, text: string): Promise<void> {
    const version = (this.versions.get(file) ?? 1) + 1;
    this.versions.set(file, version);
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri(file), version }, contentChanges: [{ text }] });
  }

  close(file: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri: this.uri(file) } });
  }

  filesChanged(changes: { file: string; type: 1 | 2 | 3 }[]): Promise<void> {
    return this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.map((c) => ({ uri: this.uri(c.file), type: c.type })) });
  }

  hover(file: string, line: number, character: number): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri: this.uri(file) }, position: { line, character } });
  }

  codeActions(file: string, range: Range, diagnostics: Diagnostic[] = []): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: this.uri(file) }, range, context: { diagnostics } });
  }

  codeLenses(file: string): Promise<CodeLens[]> {
    return this.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: this.uri(file) } });
  }

  documentSymbols(file: string): Promise<DocumentSymbol[]> {
    return this.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: this.uri(file) } });
  }

  dependencyMap(): Promise<DependencyMap | null> {
    return this.connection.sendRequest('outageRadar/dependencyMap', {});
  }

  /** Shuts the server down the LSP way and waits for the process to exit. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // The server is already gone.
    }
    const timer = setTimeout(() => this.child.kill(), 5000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }

  get serverStderr(): string {
    return this.stderr;
  }
}
