/**
 * The language server (dist/server.js) under hostile editing, over a real LSP connection: a
 * malformed file, a huge file, a storm of changes (only the last text counts), and requests for
 * files that do not exist. After each, the server is still running and still answers.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { ensureBuilt } from '../support/cli';
import { LspTestClient } from '../support/lspClient';

const FIXTURE = path.resolve(__dirname, '..', 'fixtures', 'lsp', 'orders-service');
const INVENTORY = 'src/inventory.ts';
const literalRegion = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'sdk-literal-region');

/** A client in `region`, at line `line` (0-based) of the file. */
function clientAt(line: number, region: string): string {
  return `import { SQSClient } from "@aws-sdk/client-sqs";\n${'\n'.repeat(line - 1)}export const sqs = new SQSClient({ region: "${region}" });\n`;
}

describe('language server resilience (dist/server.js)', function () {
  this.timeout(120_000);
  let root: string;
  let client: LspTestClient;

  before(async () => {
    ensureBuilt();
    root = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-lsp-resilience-'));
    cpSync(FIXTURE, root, { recursive: true });
    client = (await LspTestClient.start({ rootPath: root, settings: {} })).client;
    await client.ready();
  });

  after(async () => {
    await client?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  /** The server process is alive and answers a request about a real file. */
  async function assertAnswering(): Promise<void> {
    assert.equal(client.child.exitCode, null, `the server exited:\n${client.serverStderr}`);
    // Code lenses, not document symbols: a code file's outline is the language's own (ARCHITECTURE.md "The editor").
    const lenses = await client.codeLenses(INVENTORY);
    assert.ok(Array.isArray(lenses) && lenses.length > 0, 'no code lens for a file with a client');
  }

  it('keeps serving after a malformed template is opened', async () => {
    const since = client.published.length;
    await client.open('broken/template.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Table:\n    Type: AWS::DynamoDB::Table\n    Properties: [\n  {{{ : : -\n\t!Ref\n', 'yaml');
    await client.diagnosticsOf('broken/template.yaml', () => true, since);
    await assertAnswering();
  });

  it('scans a huge open document and keeps serving', async () => {
    const filler = Array.from({ length: 60_000 }, (_, i) => `const value${i} = ${i};`).join('\n');
    const text = `${clientAt(1, 'us-east-1')}${filler}\n`;
    const since = client.published.length;
    await client.open('src/huge.ts', text, 'typescript');
    const diagnostics = await client.diagnosticsOf('src/huge.ts', (ds) => literalRegion(ds).length > 0, since);
    assert.equal(literalRegion(diagnostics)[0].range.start.line, 1);
    await assertAnswering();
  });

  it('answers with the last text after a storm of changes', async () => {
    const file = 'src/storm.ts';
    await client.open(file, clientAt(1, 'us-west-2'), 'typescript');
    // 200 edits without waiting; only the last one must count.
    for (let i = 0; i < 200; i++) void client.change(file, clientAt(1 + (i % 40), i % 2 ? 'eu-west-1' : 'ap-southeast-2'));
    const finalText = clientAt(57, 'eu-central-1');
    const since = client.published.length;
    await client.change(file, finalText);
    const diagnostics = await client.diagnosticsOf(file, (ds) => literalRegion(ds).some((d) => d.range.start.line === 57), since);
    assert.equal(literalRegion(diagnostics).length, 1);
    const message = literalRegion(diagnostics)[0].message;
    assert.match(typeof message === 'string' ? message : message.value, /eu-central-1/);
    // And no later publication replaces it with a stale one.
    const lenses = await client.codeLenses(file);
    assert.deepEqual(lenses.map((l) => l.range.start.line), [57]);
    await assertAnswering();
  });

  it('answers requests about files that do not exist', async () => {
    const missing = 'src/does-not-exist.ts';
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const [hover, symbols, lenses, actions] = await Promise.all([
      client.hover(missing, 0, 0),
      client.documentSymbols(missing),
      client.codeLenses(missing),
      client.codeActions(missing, range),
    ]);
    assert.equal(hover, null);
    assert.deepEqual(symbols ?? [], []);
    assert.deepEqual(lenses ?? [], []);
    assert.deepEqual(actions ?? [], []);
    // A change notification for a document never opened, and a close of one never opened.
    await client.change('src/never-opened.ts', 'export {};\n');
    await client.close('src/never-opened.ts');
    await assertAnswering();
  });
});
