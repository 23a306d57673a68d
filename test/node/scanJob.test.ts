import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSourceBytesSync } from '../../src/node/readSource';
import { ScanCache, statAgainstCache } from '../../src/node/scanCache';
import { bytesMayHoldDependency, runFileJob, runFileJobSync, type FileJobOutcome } from '../../src/node/scanFileJob';
import { ScanPool, workerHeapLimits } from '../../src/node/scanPool';
import { WorkspaceIndex } from '../../src/node/workspaceIndex';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  OrdersQueue:
    Type: AWS::SQS::Queue
`;
const COMPONENT = "import React from 'react';\nexport const Region = () => <p>Shipping region</p>;\n";

function tree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-job-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

const context = { languages: {} };

describe('file jobs', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('rejects a general-purpose file on its bytes, without a result, and scans one with a trigger word', async () => {
    const root = tree({ 'src/Region.tsx': COMPONENT, 'template.yaml': TEMPLATE });
    dirs.push(root);
    const options = { root, hashContent: false };
    const rejected = await runFileJob({ file: 'src/Region.tsx' }, context, options);
    assert.deepEqual(rejected, { file: 'src/Region.tsx', kind: 'scanned', entry: { size: COMPONENT.length, mtimeMs: statSync(path.join(root, 'src/Region.tsx')).mtimeMs, hash: '' } });
    const scanned = runFileJobSync({ file: 'template.yaml' }, context, options);
    assert.equal(scanned.kind, 'scanned');
    const result = (scanned as Extract<FileJobOutcome, { kind: 'scanned' }>).entry.result!;
    assert.deepEqual(result.formats, ['cloudformation']);
    assert.deepEqual(result.dependencies.map((d) => `${d.line}:${d.column} ${d.kind} ${d.service}`), ['3:3 iac-resource sqs']);
  });

  it('gives the same outcome with blocking and non-blocking reads, and hashes only when asked', async () => {
    const root = tree({ 'template.yaml': TEMPLATE });
    dirs.push(root);
    const sync = runFileJobSync({ file: 'template.yaml' }, context, { root });
    const async = await runFileJob({ file: 'template.yaml' }, context, { root });
    assert.deepEqual(sync, async);
    assert.match((sync as Extract<FileJobOutcome, { kind: 'scanned' }>).entry.hash, /^[0-9a-f]{40}$/);
  });

  it('serves a changed-time but unchanged-content file from the cached entry (content-hash fallback)', async () => {
    const root = tree({ 'template.yaml': TEMPLATE });
    dirs.push(root);
    const first = runFileJobSync({ file: 'template.yaml' }, context, { root }) as Extract<FileJobOutcome, { kind: 'scanned' }>;
    const marked = { ...first.entry, result: { ...first.entry.result!, formats: ['marker'] } };
    const again = runFileJobSync({ file: 'template.yaml', cached: marked }, context, { root }) as Extract<FileJobOutcome, { kind: 'scanned' }>;
    assert.deepEqual(again.entry.result?.formats, ['marker']);
  });

  it('sends UTF-16 files and files known by name to the scanners whatever their bytes', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Type: AWS::SQS::Queue', 'utf16le')]);
    assert.equal(bytesMayHoldDependency('template.yaml', utf16), true);
    assert.equal(bytesMayHoldDependency('infra/main.tf', Buffer.from('variable "x" {}\n')), true);
    assert.equal(bytesMayHoldDependency('.github/workflows/ci.yml', Buffer.from('on: push\n')), true);
    assert.equal(bytesMayHoldDependency('src/Region.tsx', Buffer.from(COMPONENT)), false);
    assert.equal(bytesMayHoldDependency('src/s3.ts', Buffer.from("import { S3Client } from '@aws-sdk/client-s3';\n")), true);
  });

  it('skips binary files and reports files over the limit or gone, with blocking reads', () => {
    const root = tree({ 'bin.json': Buffer.from([0x7b, 0x00, 0x01]), 'big.yaml': 'a: b\n'.repeat(400) });
    dirs.push(root);
    assert.deepEqual(runFileJobSync({ file: 'bin.json' }, context, { root }), { file: 'bin.json', kind: 'skipped', problem: { file: 'bin.json', reason: 'binary file: skipped', severity: 'skipped' } });
    assert.equal(readSourceBytesSync(path.join(root, 'big.yaml'), 'big.yaml', 1024).problem?.reason, 'larger than the 1.0 KiB limit (2.0 KiB): skipped');
    assert.match(readSourceBytesSync(path.join(root, 'gone.ts'), 'gone.ts').problem!.reason, /^not readable: ENOENT/);
    assert.equal(readSourceBytesSync(root, '.').problem?.reason, 'not a regular file');
  });
});

describe('scan pool', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('delivers one outcome per job across many batches, workers started before the jobs are known', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 150; i++) files[`svc${String(i).padStart(3, '0')}/template.yaml`] = TEMPLATE;
    for (let i = 0; i < 50; i++) files[`web/C${i}.tsx`] = COMPONENT;
    const root = tree(files);
    dirs.push(root);
    const pool = new ScanPool({ root, hashContent: false }, 2).start();
    assert.equal(pool.started, true);
    const outcomes: FileJobOutcome[] = [];
    try {
      await pool.run(Object.keys(files).map((file) => ({ file })), (o) => outcomes.push(o));
    } finally {
      await pool.close();
    }
    assert.deepEqual(outcomes.map((o) => o.file).sort(), Object.keys(files).sort());
    const withResults = outcomes.filter((o) => o.kind === 'scanned' && o.entry.result).map((o) => o.file);
    assert.equal(withResults.length, 150);
    assert.ok(withResults.every((f) => f.endsWith('template.yaml')));
  });

  it('gives workers a heap limit far above what a file under the size limit needs, raised with the size limit', () => {
    assert.deepEqual(workerHeapLimits(), { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 8 });
    assert.deepEqual(workerHeapLimits(512 * 1024), { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 8 });
    assert.deepEqual(workerHeapLimits(8 * 1024 * 1024), { maxOldGenerationSizeMb: 4096, maxYoungGenerationSizeMb: 8 });
  });

  it('replaces a worker that runs out of heap, scans its other files again and skips only the file that exhausts a fresh worker', async function () {
    this.timeout(60000);
    // A dense 1 MiB TypeScript file: its syntax trees take well over the 64 MB heap given here,
    // while the templates need a few megabytes each.
    const lines = ["import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';"];
    for (let i = 0, length = 0; length < 1024 * 1024; i++) {
      lines.push(`export const get${i} = (id: string) => new DynamoDBClient({ region: 'us-east-1' }).send(new GetItemCommand({ TableName: 'orders-${i}', Key: { id: { S: id } } }));`);
      length += lines[lines.length - 1].length + 1;
    }
    const files: Record<string, string> = { 'svc/huge.ts': lines.join('\n') };
    for (let i = 0; i < 40; i++) files[`svc${String(i).padStart(2, '0')}/template.yaml`] = TEMPLATE;
    const root = tree(files);
    dirs.push(root);
    const pool = new ScanPool({ root, hashContent: false }, 1, { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 });
    const outcomes: FileJobOutcome[] = [];
    try {
      // The huge file first, in the same batch as the templates: they go down with it.
      await pool.run(Object.keys(files).sort((a, b) => (a === 'svc/huge.ts' ? -1 : b === 'svc/huge.ts' ? 1 : a < b ? -1 : 1)).map((file) => ({ file })), (o) => outcomes.push(o));
    } finally {
      await pool.close();
    }
    assert.deepEqual(outcomes.map((o) => o.file).sort(), Object.keys(files).sort());
    assert.deepEqual(outcomes.filter((o) => o.kind === 'skipped'), [{ file: 'svc/huge.ts', kind: 'skipped', problem: { file: 'svc/huge.ts', reason: 'scan worker ran out of memory on this file: skipped', severity: 'skipped' } }]);
    assert.equal(outcomes.filter((o) => o.kind === 'scanned' && o.entry.result?.formats.includes('cloudformation')).length, 40);
    assert.equal(pool.replaced, 2, 'one worker lost with the first batch, one with the file alone');
  });

  it('rejects, and does not hang, when a worker dies for another reason', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++) files[`svc${String(i).padStart(3, '0')}/template.yaml`] = TEMPLATE;
    const root = tree(files);
    dirs.push(root);
    const pool = new ScanPool({ root, hashContent: false }, 2).start();
    let delivered = 0;
    try {
      const run = pool.run(Object.keys(files).map((file) => ({ file })), () => {
        // A worker that exits mid-scan (a crash, or killed from outside).
        if (++delivered === 1) void (pool as unknown as { workers: { worker: import('node:worker_threads').Worker }[] }).workers[0].worker.terminate();
      });
      await assert.rejects(run, /scan worker exited with code 1/);
      assert.equal(pool.replaced, 0);
    } finally {
      await pool.close();
    }
  });
});

describe('cache checks and result order', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('finds the unchanged files by size and time, and leaves new and changed files to be read', async () => {
    const root = tree({ 'a.yaml': TEMPLATE, 'b.yaml': TEMPLATE, 'c.yaml': TEMPLATE });
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-cachedir-'));
    dirs.push(root, cacheDir);
    const cache = new ScanCache(root, cacheDir);
    const st = statSync(path.join(root, 'a.yaml'));
    cache.set('a.yaml', { size: st.size, mtimeMs: st.mtimeMs, hash: 'x' });
    cache.set('b.yaml', { size: st.size, mtimeMs: st.mtimeMs, hash: 'y' });
    utimesSync(path.join(root, 'b.yaml'), new Date(1_700_000_000_000), new Date(1_700_000_000_000));
    const checked = await statAgainstCache(root, ['a.yaml', 'b.yaml', 'c.yaml'], cache);
    assert.deepEqual(checked.map((c) => [c.file, c.hit?.hash ?? null]), [['a.yaml', 'x'], ['b.yaml', null], ['c.yaml', null]]);
  });

  it('keeps results in path order whatever order the workers finish in', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`s${(i * 37) % 60}/template.yaml`] = TEMPLATE;
    const root = tree(files);
    dirs.push(root);
    const index = new WorkspaceIndex(root, { workers: true });
    await index.build();
    assert.deepEqual(index.files(), [...index.files()].sort());
    assert.equal(index.files().length, 60);
  });
});
