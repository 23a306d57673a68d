/**
 * Open documents are held to the size limit of files on disk (issue 15 item 14): a document over
 * 2 MiB open in the editor is not scanned — one problem says so — instead of costing seconds and
 * gigabytes on every keystroke; a document under the limit is scanned from its editor text.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultSettings } from '../../src/shared/settings';
import { ServerWorkspace, type EditorPort, type OpenDocument } from '../../src/server/workspace';

const HEADER = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n";
const queue = (i: number) => `  Queue${i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: orders-${i}\n      RedriveAllowPolicy: { sourceQueueArn: 'arn:aws:sqs:us-east-1:123456789012:orders-${i}' }\n`;
const template = (resources: number) => HEADER + Array.from({ length: resources }, (_, i) => queue(i)).join('');

const port: EditorPort = {
  publish: () => undefined,
  sendStatus: () => undefined,
  log: () => undefined,
  error: () => undefined,
  refreshCodeLenses: () => undefined,
  beginProgress: async () => ({ report: () => undefined, done: () => undefined }),
};

describe('open documents larger than the file size limit', () => {
  let root: string;
  let server: ServerWorkspace;
  const open = new Map<string, OpenDocument>();
  const uri = () => pathToFileURL(path.join(root, 'template.yaml')).href;
  const setText = (text: string) => open.set(uri(), { uri: uri(), version: open.size + 1, getText: () => text });

  beforeEach(async () => {
    root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'outage-radar-open-')));
    writeFileSync(path.join(root, 'template.yaml'), template(1));
    open.clear();
    server = new ServerWorkspace(port, { get: (u) => open.get(u), all: () => [...open.values()] }, { trusted: true, debounceMs: 0 });
    server.addFolders([pathToFileURL(root).href]);
    server.updateSettings(defaultSettings());
    await server.whenReady();
  });
  afterEach(() => {
    server.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('is not scanned: one problem names the limit, and no dependency comes from it', async () => {
    const text = template(20_000);
    assert.ok(Buffer.byteLength(text) > 2 * 1024 * 1024);
    setText(text);
    server.documentChanged(uri());
    const map = await server.dependencyMap();
    assert.deepEqual(map?.dependencies.filter((d) => d.file === 'template.yaml'), []);
    const problems = map?.problems.filter((p) => p.file === 'template.yaml') ?? [];
    assert.equal(problems.length, 1);
    assert.match(problems[0].reason, /^open document larger than the 2\.0 MiB limit \(over 3\.\d MiB\): not scanned$/);
    assert.equal(problems[0].severity, 'skipped');
  });

  it('a document under the limit is scanned from the editor text', async () => {
    setText(template(200));
    server.documentChanged(uri());
    const map = await server.dependencyMap();
    assert.equal(map?.dependencies.filter((d) => d.file === 'template.yaml' && d.kind === 'iac-resource').length, 200);
    assert.deepEqual(map?.problems.filter((p) => p.file === 'template.yaml'), []);
  });
});
