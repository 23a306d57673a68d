/**
 * The language server's entry point (bundled as `dist/server.js`). The transport comes from the
 * command line, as every editor expects: `--stdio` for Neovim, Helix, Emacs …
 * (`node dist/server.js --stdio`), `--node-ipc` when the VS Code extension starts it.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './connection';

const connection = createConnection(ProposedFeatures.all);

// A bug must never take the editor's server down with it: log and keep serving.
process.on('uncaughtException', (error) => connection.console.error(`Uncaught: ${error instanceof Error ? error.stack ?? error.message : String(error)}`));
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}`));

startServer(connection);
