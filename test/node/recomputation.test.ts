/**
 * What an edit recomputes, counted: the index's counters say whether a change was answered by
 * keeping the map, by moving one file's positions, or by analysing the workspace again. Every
 * answer is checked against a fresh index built from the same files on disk (a cold run).
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkspaceIndex } from '../../src/node/workspaceIndex';
import { ORDERS_SAM_TEMPLATE } from '../support/samOrders';

const TEMPLATE = ORDERS_SAM_TEMPLATE;
const SAMCONFIG = ['version = 0.1', '[default.deploy.parameters]', 'stack_name = "orders"', 'region = "eu-west-1"', ''].join('\n');
const HANDLER = [
  'import boto3',
  '',
  '# orders are read by id',
  'table = boto3.resource("dynamodb").Table("orders")',
  'sns = boto3.client("sns", region_name="us-east-1")',
  '',
  'def main(event, context):',
  '    return table.get_item(Key={"id": event["id"]})',
  '',
].join('\n');
const BILLING = ['import { S3Client } from "@aws-sdk/client-s3";', '', 'export const s3 = new S3Client({ region: "us-west-2" });', ''].join('\n');

describe('recomputation after an edit', () => {
  let root: string;
  let index: WorkspaceIndex;

  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  /** Updates the index as the editor does, writes the same text to disk, and compares with a cold index. */
  const edit = async (file: string, text: string) => {
    write(file, text);
    await index.updateText(file, text);
    const cold = new WorkspaceIndex(root, { workers: false });
    await cold.build();
    assert.deepEqual(index.analyse(), cold.analyse(), `the map after editing ${file} is the cold run's`);
  };
  const counted = () => ({ ...index.counters });

  beforeEach(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-recompute-'));
    write('orders/template.yaml', TEMPLATE);
    write('orders/samconfig.toml', SAMCONFIG);
    write('orders/src/handler.py', HANDLER);
    write('billing/client.ts', BILLING);
    index = new WorkspaceIndex(root, { workers: false });
    await index.build();
    index.analyse();
    index.takeChanges();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('a comment edited in a leaf Lambda handler recomputes nothing', async () => {
    const before = counted();
    const map = index.analyse();
    await edit('orders/src/handler.py', HANDLER.replace('# orders are read by id', '# orders are looked up by their id'));
    assert.deepEqual(index.counters, { ...before, rescans: before.rescans + 1, unchanged: before.unchanged + 1 });
    assert.equal(index.analyse(), map, 'the very same map');
    assert.deepEqual(index.takeChanges(), { kind: 'unchanged' });
  });

  it('a line added to a leaf Lambda handler moves that file\'s positions and recomputes nothing else', async () => {
    const before = counted();
    const map = index.analyse();
    await edit('orders/src/handler.py', HANDLER.replace('import boto3\n', 'import boto3\nimport json\n'));
    assert.deepEqual(index.counters, { ...before, rescans: before.rescans + 1, moved: before.moved + 1 });
    const moved = index.analyse();
    assert.notEqual(moved, map);
    // Only the handler's objects are new; the other files' dependencies are the same objects.
    for (const d of moved.dependencies) {
      const old = map.dependencies.find((o) => o.id === d.id);
      if (d.file === 'orders/src/handler.py') assert.equal(d.line, (old?.line ?? 0) + 1);
      else assert.equal(d, old);
    }
    assert.deepEqual(index.takeChanges(), { kind: 'moved', files: new Set(['orders/src/handler.py']) });
  });

  it('a region changed in the handler analyses again (its facts changed)', async () => {
    const before = counted();
    await edit('orders/src/handler.py', HANDLER.replace('region_name="us-east-1"', 'region_name="eu-central-1"'));
    assert.deepEqual(index.counters, { ...before, rescans: before.rescans + 1, analyses: before.analyses + 1 });
    assert.ok(index.analyse().dependencies.some((d) => d.file === 'orders/src/handler.py' && d.region === 'eu-central-1'));
    assert.deepEqual(index.takeChanges(), { kind: 'analysed' });
  });

  it('samconfig.toml edited: the handler it deploys takes the new region (conservatively by a full analysis)', async () => {
    const before = counted();
    await edit('orders/samconfig.toml', SAMCONFIG.replace('eu-west-1', 'ap-southeast-2'));
    assert.equal(index.counters.analyses, before.analyses + 1);
    const handler = index.analyse().dependencies.find((d) => d.file === 'orders/src/handler.py' && d.service === 'dynamodb');
    assert.equal(handler?.region, 'ap-southeast-2');
  });

  it('two moves before one publication are both reported', async () => {
    await edit('orders/src/handler.py', HANDLER.replace('import boto3\n', 'import boto3\n\n'));
    await edit('billing/client.ts', `// billing\n${BILLING}`);
    assert.deepEqual(index.takeChanges(), { kind: 'moved', files: new Set(['orders/src/handler.py', 'billing/client.ts']) });
    assert.deepEqual(index.takeChanges(), { kind: 'unchanged' });
  });

  it('with the early cutoff off, every edit analyses again (the bench baseline)', async () => {
    index = new WorkspaceIndex(root, { workers: false, earlyCutoff: false });
    await index.build();
    index.analyse();
    const before = counted();
    await edit('orders/src/handler.py', HANDLER.replace('# orders are read by id', '# orders by id'));
    assert.equal(index.counters.analyses, before.analyses + 1);
    assert.equal(index.counters.unchanged, 0);
  });
});
