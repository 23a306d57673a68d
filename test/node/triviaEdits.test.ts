/**
 * The trivia barrier inside the workspace index: an edit of a TypeScript file's comments or blank
 * lines is answered without a rescan (counted), and the map is still the one a cold run of the same
 * files gives.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkspaceIndex, type WorkspaceIndexOptions } from '../../src/node/workspaceIndex';

const FILE = 'billing/client.ts';
const BILLING = [
  'import { S3Client, GetObjectCommand } from "@aws-sdk/client-s3";',
  '',
  '/** Invoices live in one bucket. */',
  'export const s3 = new S3Client({ region: "us-west-2" });',
  '',
  'export async function invoice(id: string) {',
  '  // one object per invoice',
  '  return s3.send(new GetObjectCommand({ Bucket: "invoices", Key: id }));',
  '}',
  '',
].join('\n');

describe('trivia edits in the workspace index', () => {
  let root: string;

  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  const indexed = async (options: WorkspaceIndexOptions = {}) => {
    const index = new WorkspaceIndex(root, { workers: false, ...options });
    await index.build();
    index.analyse();
    return index;
  };
  /** Updates the index as the editor does and compares its map with a cold index of the same text on disk. */
  const edit = async (index: WorkspaceIndex, text: string) => {
    write(FILE, text);
    await index.updateText(FILE, text);
    const cold = await indexed();
    assert.deepEqual(index.analyse(), cold.analyse(), 'the map is the cold run\'s');
  };

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-trivia-'));
    write(FILE, BILLING);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('answers comment and blank-line edits after the first rescan without rescanning', async () => {
    const index = await indexed();
    const first = BILLING.replace('one object per invoice', 'one object per invoice id');
    await edit(index, first);
    assert.equal(index.counters.rescans, 1, 'the first edit rescans (the build kept no trivia state)');
    assert.equal(index.counters.trivia, 0);
    const map = index.analyse();

    const second = first.replace('Invoices live', 'All invoices live');
    await edit(index, second);
    assert.deepEqual({ rescans: index.counters.rescans, trivia: index.counters.trivia, unchanged: index.counters.unchanged }, { rescans: 1, trivia: 1, unchanged: 2 });
    assert.equal(index.analyse(), map, 'the very same map');

    const third = second.replace('export async function', '\n\nexport async function');
    await edit(index, third);
    assert.deepEqual({ rescans: index.counters.rescans, trivia: index.counters.trivia, moved: index.counters.moved }, { rescans: 1, trivia: 2, moved: 1 });
    assert.equal(index.analyse().dependencies.find((d) => d.kind === 'sdk-call')?.line, 10);

    // A fact changes: rescanned, and analysed again.
    await edit(index, third.replace('us-west-2', 'eu-west-1'));
    assert.equal(index.counters.rescans, 2);
    assert.equal(index.counters.trivia, 2);
  });

  it('rescans after the file changed on disk behind the kept state', async () => {
    const index = await indexed();
    await edit(index, BILLING.replace('one object', 'a single object'));
    const onDisk = BILLING.replace('us-west-2', 'ap-south-1');
    write(FILE, onDisk);
    await index.refreshFromDisk(FILE);
    await edit(index, onDisk.replace('one object', 'a single object'));
    assert.equal(index.counters.trivia, 0);
    assert.ok(index.analyse().dependencies.some((d) => d.region === 'ap-south-1'));
  });

  it('rescans every edit with the barrier off (the bench baseline)', async () => {
    const index = await indexed({ triviaEdits: false });
    await edit(index, BILLING.replace('one object', 'a single object'));
    await edit(index, BILLING.replace('one object', 'one single object'));
    assert.equal(index.counters.rescans, 2);
    assert.equal(index.counters.trivia, 0);
  });
});
