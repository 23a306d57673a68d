/**
 * The server's refresh paths read files by the same rule as the initial walk (issue 15 item 7):
 * after a watched-file event or the close of a document, a link whose target lies outside the
 * workspace is not read — its content never reaches the map, the report or diagnostics — and a
 * link inside the workspace still is.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultSettings } from '../../src/shared/settings';
import { ServerWorkspace, type EditorPort, type OpenDocument, type OpenDocuments } from '../../src/server/workspace';

const OUTSIDE_TF = 'provider "aws" {\n  region = "eu-north-1"\n}\n\nresource "aws_sqs_queue" "outside" {}\n';
const INSIDE_TF = 'provider "aws" {\n  region = "us-east-1"\n}\n\nresource "aws_sqs_queue" "orders" {}\n';

function recordingPort(): EditorPort {
  return {
    publish: () => undefined,
    sendStatus: () => undefined,
    log: () => undefined,
    error: () => undefined,
    refreshCodeLenses: () => undefined,
    beginProgress: async () => ({ report: () => undefined, done: () => undefined }),
  };
}

const noDocuments: OpenDocuments = { get: (): OpenDocument | undefined => undefined, all: () => [] };

describe('server refresh after file events reads only inside the workspace', () => {
  let base: string;
  let root: string;
  let server: ServerWorkspace;
  const uri = (file: string) => pathToFileURL(path.join(root, file)).href;
  const regionsOf = async (file: string) => ((await server.dependencyMap())?.dependencies ?? []).filter((d) => d.file === file).map((d) => d.region);
  const problemOf = async (file: string) => ((await server.dependencyMap())?.problems ?? []).filter((p) => p.file === file).map((p) => p.reason);

  beforeEach(async () => {
    base = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'outage-radar-refresh-')));
    root = path.join(base, 'repo');
    const outside = path.join(base, 'outside');
    for (const d of [root, outside]) mkdirSync(d);
    writeFileSync(path.join(root, 'main.tf'), INSIDE_TF);
    writeFileSync(path.join(outside, 'secret.tf'), OUTSIDE_TF);
    symlinkSync(path.join(outside, 'secret.tf'), path.join(root, 'leak.tf'));
    symlinkSync(path.join(root, 'main.tf'), path.join(root, 'alias.tf'));
    server = new ServerWorkspace(recordingPort(), noDocuments, { trusted: true, debounceMs: 0 });
    server.addFolders([pathToFileURL(root).href]);
    server.updateSettings(defaultSettings());
    await server.whenReady();
  });
  afterEach(() => {
    server.dispose();
    rmSync(base, { recursive: true, force: true });
  });

  it('the initial walk skips the outside link (the rule the refresh must keep)', async () => {
    assert.deepEqual(await regionsOf('leak.tf'), []);
    assert.deepEqual(await problemOf('leak.tf'), ['symbolic link to a file outside the workspace: skipped']);
  });

  it('a watched-file change of the outside link does not read its target', async () => {
    await server.filesChanged([{ uri: uri('leak.tf'), type: 2 }]);
    assert.deepEqual(await regionsOf('leak.tf'), []);
    assert.deepEqual(await problemOf('leak.tf'), ['symbolic link to a file outside the workspace: skipped']);
  });

  it('a watched-file creation of the outside link does not read its target', async () => {
    await server.filesChanged([{ uri: uri('leak.tf'), type: 1 }]);
    assert.deepEqual(await regionsOf('leak.tf'), []);
  });

  it('closing a document at the outside link does not read its target', async () => {
    await server.documentClosed(uri('leak.tf'));
    assert.deepEqual(await regionsOf('leak.tf'), []);
    assert.deepEqual(await problemOf('leak.tf'), ['symbolic link to a file outside the workspace: skipped']);
  });

  it('a link to a file inside the workspace is still read after a change', async () => {
    await server.filesChanged([{ uri: uri('alias.tf'), type: 2 }]);
    assert.deepEqual(await regionsOf('alias.tf'), ['us-east-1', 'us-east-1']);
  });
});
