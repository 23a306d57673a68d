/**
 * The server's workspace with a recording editor port: what it publishes after an edit, and in
 * which order it publishes at start.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver/node';
import { deployContextOf } from '../../src/node/workspaceIndex';
import { ServerWorkspace, type EditorPort, type OpenDocument, type OpenDocuments } from '../../src/server/workspace';
import { defaultSettings } from '../../src/shared/settings';
import { ORDERS_SAM_TEMPLATE } from '../support/samOrders';

const TEMPLATE = ORDERS_SAM_TEMPLATE;
const HANDLER = ['import boto3', '', '# orders', 'sns = boto3.client("sns", region_name="us-east-1")', ''].join('\n');
const BILLING = ['import { S3Client } from "@aws-sdk/client-s3";', '', 'export const s3 = new S3Client({ region: "us-west-2" });', ''].join('\n');

class Documents implements OpenDocuments {
  readonly docs = new Map<string, { uri: string; version: number; text: string }>();
  set(uri: string, text: string): void {
    const version = (this.docs.get(uri)?.version ?? 0) + 1;
    this.docs.set(uri, { uri, version, text });
  }
  get(uri: string): OpenDocument | undefined {
    const d = this.docs.get(uri);
    return d && { uri: d.uri, version: d.version, getText: () => d.text };
  }
  all(): OpenDocument[] {
    return [...this.docs.keys()].map((u) => this.get(u) as OpenDocument);
  }
}

function recorder(onIndexing?: () => Promise<void>): EditorPort & { published: Array<{ uri: string; diagnostics: Diagnostic[] }>; events: string[] } {
  const published: Array<{ uri: string; diagnostics: Diagnostic[] }> = [];
  const events: string[] = [];
  return {
    published,
    events,
    publish: (uri, diagnostics) => {
      published.push({ uri, diagnostics });
      events.push(`publish ${uri}`);
    },
    sendStatus: () => undefined,
    log: () => undefined,
    error: (m) => assert.fail(`server error: ${m}`),
    refreshCodeLenses: () => undefined,
    beginProgress: async () => {
      events.push('indexing begins');
      await onIndexing?.();
      return { report: () => undefined, done: () => events.push('indexing done') };
    },
  };
}

describe('server workspace publishing', () => {
  let root: string;
  const uri = (file: string) => pathToFileURL(path.join(root, file)).href;

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-publish-'));
    const files: Record<string, string> = { 'orders/template.yaml': TEMPLATE, 'orders/samconfig.toml': 'version = 0.1\n[default.deploy.parameters]\nregion = "eu-west-1"\n', 'orders/src/handler.py': HANDLER, 'billing/client.ts': BILLING };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  async function started(open: Record<string, string>): Promise<{ workspace: ServerWorkspace; port: ReturnType<typeof recorder>; documents: Documents }> {
    const port = recorder();
    const documents = new Documents();
    for (const [file, text] of Object.entries(open)) documents.set(uri(file), text);
    const workspace = new ServerWorkspace(port, documents, { trusted: true, debounceMs: 0 });
    workspace.addFolders([pathToFileURL(root).href]);
    workspace.updateSettings(defaultSettings());
    await workspace.whenReady();
    return { workspace, port, documents };
  }

  it('after an edit that only moves lines, publishes the edited file alone; after a comment edit, nothing', async () => {
    const { workspace, port, documents } = await started({ 'orders/src/handler.py': HANDLER });
    assert.ok(port.published.some((p) => p.uri === uri('billing/client.ts')), 'the whole workspace was published at start');
    const handlerLine = () => port.published.filter((p) => p.uri === uri('orders/src/handler.py')).at(-1)?.diagnostics.find((d) => d.code === 'sdk-literal-region')?.range.start.line;
    assert.equal(handlerLine(), 3);

    let since = port.published.length;
    documents.set(uri('orders/src/handler.py'), HANDLER.replace('import boto3\n', 'import boto3\nimport json\n'));
    workspace.documentChanged(uri('orders/src/handler.py'));
    await workspace.flush(uri('orders/src/handler.py'));
    assert.deepEqual(port.published.slice(since).map((p) => p.uri), [uri('orders/src/handler.py')]);
    assert.equal(handlerLine(), 4);

    since = port.published.length;
    documents.set(uri('orders/src/handler.py'), HANDLER.replace('import boto3\n', 'import boto3\nimport json\n').replace('# orders', '# orders by id'));
    workspace.documentChanged(uri('orders/src/handler.py'));
    await workspace.flush(uri('orders/src/handler.py'));
    assert.deepEqual(port.published.slice(since), []);

    // A real change still publishes what it changed.
    documents.set(uri('orders/src/handler.py'), HANDLER.replace('region_name="us-east-1"', 'region_name=None'));
    workspace.documentChanged(uri('orders/src/handler.py'));
    await workspace.flush(uri('orders/src/handler.py'));
    assert.equal(handlerLine(), undefined);
    workspace.dispose();
  });

  it('publishes the open files first, analysed with their deploy context, before indexing the workspace', async () => {
    const { workspace, port } = await started({ 'orders/src/handler.py': HANDLER });
    const handler = uri('orders/src/handler.py');
    const first = port.events.indexOf(`publish ${handler}`);
    assert.ok(first >= 0 && first < port.events.indexOf('indexing begins'), port.events.join('\n'));
    // Nothing but the open file before the index: the other files wait for the whole workspace.
    assert.deepEqual(port.events.slice(0, port.events.indexOf('indexing begins')), [`publish ${handler}`]);
    // What it published first is what the whole workspace says (its deploy context was there).
    const final = port.published.filter((p) => p.uri === handler).at(-1);
    assert.ok(port.published[0].diagnostics.length > 0);
    assert.deepEqual(port.published[0].diagnostics, final?.diagnostics);
    workspace.dispose();
  });

  it('takes the open files\' deploy context from the folders above them, not from their neighbours\' subfolders', async () => {
    mkdirSync(path.join(root, '.github/workflows'), { recursive: true });
    writeFileSync(path.join(root, '.github/workflows/deploy.yml'), 'on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: sam deploy --region eu-west-1\n');
    writeFileSync(path.join(root, 'orders/README.md'), '# orders');
    mkdirSync(path.join(root, 'orders/node_modules/x'), { recursive: true });
    writeFileSync(path.join(root, 'orders/node_modules/x/template.yaml'), TEMPLATE);
    assert.deepEqual(await deployContextOf(root, ['orders/src/handler.py']), [
      '.github/workflows/deploy.yml',
      'orders/samconfig.toml',
      'orders/src/handler.py',
      'orders/template.yaml',
    ]);
  });

  it('publishes a document opened while the folder is being indexed before the index is done', async () => {
    const handler = uri('orders/src/handler.py');
    const documents = new Documents();
    const port = recorder(async () => {
      // The user opens the handler while the workspace is being indexed; the index waits until
      // the handler's diagnostics are out (or 20 s), which proves they did not wait for it.
      documents.set(handler, HANDLER);
      workspace.documentChanged(handler);
      for (let i = 0; i < 400 && !port.published.some((p) => p.uri === handler); i++) await new Promise((r) => setTimeout(r, 50));
    });
    // The hook above runs during indexing, after this is assigned.
    const workspace = new ServerWorkspace(port, documents, { trusted: true, debounceMs: 0 });
    workspace.addFolders([pathToFileURL(root).href]);
    workspace.updateSettings(defaultSettings());
    await workspace.whenReady();
    const first = port.events.indexOf(`publish ${handler}`);
    assert.ok(first >= 0 && first < port.events.indexOf('indexing done'), port.events.join('\n'));
    assert.ok(port.published[0].diagnostics.some((d) => d.code === 'sdk-literal-region'));
    workspace.dispose();
  });
});
