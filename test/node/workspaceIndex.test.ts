import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ScanCache } from '../../src/node/scanCache';
import { WorkspaceIndex } from '../../src/node/workspaceIndex';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  OrdersQueue:
    Type: AWS::SQS::Queue
`;
const HANDLER = TEMPLATE.replace('OrdersQueue', 'EventsQueue');

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-index-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const summaryOf = (index: WorkspaceIndex) => {
  const map = index.analyse();
  return map.dependencies.map((d) => `${d.file}:${d.line} ${d.kind} ${d.service} ${d.region ?? '-'}`);
};

describe('workspace index', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('serves unchanged files from the persistent cache without reading them', async () => {
    const root = workspace({ 'template.yaml': TEMPLATE, 'src/a.yaml': HANDLER, 'README.md': '# not scanned' });
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-cachedir-'));
    dirs.push(root, cacheDir);
    // Whole-second times, so that restoring them later is exact (utimes takes milliseconds at best).
    const file = path.join(root, 'src/a.yaml');
    const atime = new Date(1_700_000_000_000);
    const mtime = new Date(1_700_000_000_000);
    utimesSync(file, atime, mtime);
    const cold = new WorkspaceIndex(root, { cacheDirectory: cacheDir, workers: false });
    await cold.build();
    const before = summaryOf(cold);
    assert.deepEqual(before, ['src/a.yaml:3 iac-resource sqs -', 'template.yaml:3 iac-resource sqs -']);

    // Same size and modification time, other content: a cache hit serves the old result, which
    // proves the file was not read.
    writeFileSync(file, HANDLER.replace('AWS::SQS::Queue', 'AWS::SNS::Topic'));
    utimesSync(file, atime, mtime);
    const warm = new WorkspaceIndex(root, { cacheDirectory: cacheDir, workers: false });
    await warm.build();
    assert.deepEqual(summaryOf(warm), before);
    assert.equal(warm.analyse().summary.filesScanned, cold.analyse().summary.filesScanned);

    // A new modification time makes the index read the file again and see the change.
    utimesSync(file, atime, new Date(mtime.getTime() + 5000));
    const changed = new WorkspaceIndex(root, { cacheDirectory: cacheDir, workers: false });
    await changed.build();
    assert.deepEqual(summaryOf(changed), ['src/a.yaml:3 iac-resource sns -', 'template.yaml:3 iac-resource sqs -']);
  });

  it('ignores a corrupt cache file', async () => {
    const root = workspace({ 'src/a.yaml': HANDLER });
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-cachedir-'));
    dirs.push(root, cacheDir);
    const cache = new ScanCache(root, cacheDir);
    writeFileSync(cache.file, '{ not json');
    const index = new WorkspaceIndex(root, { cacheDirectory: cacheDir, workers: false });
    await index.build();
    assert.equal(summaryOf(index).length, 1);
    assert.equal(JSON.parse(readFileSync(cache.file, 'utf8')).entries['src/a.yaml'].size, HANDLER.length);
  });

  it('gives the same map from worker threads as from the calling thread', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`svc${i}/template.yaml`] = TEMPLATE;
    for (let i = 0; i < 40; i++) files[`src/h${i}.yaml`] = HANDLER;
    const root = workspace(files);
    dirs.push(root);
    const inThread = new WorkspaceIndex(root, { workers: false });
    await inThread.build();
    const pooled = new WorkspaceIndex(root, { workers: true });
    await pooled.build();
    assert.deepEqual(summaryOf(pooled), summaryOf(inThread));
    assert.equal(pooled.analyse().summary.filesScanned, 80);
  });

  it('rescans one file from editor text and forgets removed files', async () => {
    const root = workspace({ 'src/a.yaml': HANDLER });
    dirs.push(root);
    const index = new WorkspaceIndex(root, { workers: false });
    await index.build();
    await index.updateText('src/a.yaml', `${TEMPLATE}  Alerts:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: alerts\n`);
    assert.deepEqual(summaryOf(index), ['src/a.yaml:3 iac-resource sqs -', 'src/a.yaml:5 iac-resource sns -']);
    index.remove('src/a.yaml');
    assert.deepEqual(summaryOf(index), []);
  });
});
