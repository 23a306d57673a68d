/**
 * What an edit recomputes, counted: the index's counters say whether a change was answered by
 * keeping the map, by moving one file's positions, or by analysing again; an analysis then says
 * which files' resolution queries ran and which dependencies and files the scoped rules ran over.
 * Every answer is checked against a fresh index built from the same files on disk (a cold run).
 */
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkspaceIndex } from '../../src/node/workspaceIndex';
import { ORDERS_SAM_TEMPLATE } from '../support/samOrders';

const REPO = path.resolve(__dirname, '..', '..');

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

  it('a region changed in a leaf Lambda handler recomputes only that file\'s queries and rules', async () => {
    const before = counted();
    const map = index.analyse();
    await edit('orders/src/handler.py', HANDLER.replace('region_name="us-east-1"', 'region_name="eu-central-1"'));
    assert.deepEqual(index.counters, { ...before, rescans: before.rescans + 1, analyses: before.analyses + 1 });
    const after = index.analyse();
    const sns = after.dependencies.find((d) => d.file === 'orders/src/handler.py' && d.service === 'sns');
    assert.equal(sns?.region, 'eu-central-1');
    const scope = index.analysisScope;
    assert.ok(scope && !scope.coldResolution && !scope.coldRules);
    assert.deepEqual([...scope.resolvedFiles], ['orders/src/handler.py']);
    assert.deepEqual([...scope.ruleFiles], ['orders/src/handler.py']);
    // Only the client whose region changed is checked again by the dependency-scoped rules (its id
    // comes from its text: the old one went, the new one came); the table's client kept its value.
    const oldSns = map.dependencies.find((d) => d.file === 'orders/src/handler.py' && d.service === 'sns');
    assert.deepEqual([...scope.ruleDependencies].sort(), [oldSns?.id, sns?.id].sort());
    const table = after.dependencies.find((d) => d.file === 'orders/src/handler.py' && d.service === 'dynamodb');
    assert.equal(table, map.dependencies.find((d) => d.id === table?.id));
    // Every other dependency is the very object of the previous map (nothing cloned or re-settled).
    for (const d of after.dependencies) if (d.file !== 'orders/src/handler.py') assert.equal(d, map.dependencies.find((o) => o.id === d.id));
    assert.deepEqual(index.takeChanges(), { kind: 'analysed' });
  });

  it('samconfig.toml edited: the deploy context of that stack and the rules of what it deploys are recomputed, nothing else', async () => {
    const before = counted();
    const map = index.analyse();
    await edit('orders/samconfig.toml', SAMCONFIG.replace('eu-west-1', 'ap-southeast-2'));
    assert.equal(index.counters.analyses, before.analyses + 1);
    const after = index.analyse();
    const table = after.dependencies.find((d) => d.file === 'orders/template.yaml' && d.service === 'dynamodb');
    const handler = after.dependencies.find((d) => d.file === 'orders/src/handler.py' && d.service === 'dynamodb');
    assert.equal(table?.region, 'ap-southeast-2');
    assert.equal(handler?.region, 'ap-southeast-2');
    const scope = index.analysisScope;
    assert.ok(scope && !scope.coldResolution && !scope.coldRules);
    // The setting, the stack it deploys and the code that stack deploys: not billing/.
    assert.deepEqual([...scope.resolvedFiles].sort(), ['orders/samconfig.toml', 'orders/src/handler.py', 'orders/template.yaml']);
    assert.deepEqual([...scope.ruleFiles].sort(), ['orders/samconfig.toml', 'orders/src/handler.py', 'orders/template.yaml']);
    // The sns client's region is its own literal: its value is unchanged (the same object), but it
    // is checked again, since it relates to the function that deploys it (`deployed-by`), which moved.
    const sns = after.dependencies.find((d) => d.file === 'orders/src/handler.py' && d.service === 'sns');
    assert.ok(sns?.relations?.some((r) => r.kind === 'deployed-by'));
    assert.ok(sns && scope.ruleDependencies.has(sns.id));
    assert.equal(sns, map.dependencies.find((d) => d.id === sns?.id));
    // Nothing of billing/ is checked again.
    for (const d of after.dependencies) if (d.file === 'billing/client.ts') assert.ok(!scope.ruleDependencies.has(d.id));
    for (const d of after.dependencies) if (d.file === 'billing/client.ts') assert.equal(d, map.dependencies.find((o) => o.id === d.id));
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

  describe('in a workspace of several apps (SAM, Terraform, CDK)', () => {
    const PAYMENTS_SAMCONFIG = SAMCONFIG.replace('"orders"', '"payments"').replace('eu-west-1', 'us-west-2');
    const NETWORK = ['provider "aws" {', '  region = "eu-north-1"', '}', '', 'resource "aws_sqs_queue" "events" {', '  name = "events"', '}', ''].join('\n');

    beforeEach(async () => {
      write('payments/template.yaml', TEMPLATE);
      write('payments/samconfig.toml', PAYMENTS_SAMCONFIG);
      write('payments/src/handler.py', HANDLER);
      cpSync(path.join(REPO, 'test/fixtures/terraform/regional-modules'), path.join(root, 'infra'), { recursive: true });
      write('network/main.tf', NETWORK);
      cpSync(path.join(REPO, 'test/fixtures/cdk/orders-app'), path.join(root, 'cdk'), { recursive: true });
      index = new WorkspaceIndex(root, { workers: false });
      await index.build();
      index.analyse();
      index.takeChanges();
    });

    it('a leaf Lambda handler of the CDK app recomputes only that file', async () => {
      const file = 'cdk/lambda/orders/handler.ts';
      const text = readFileSync(path.join(root, file), 'utf8');
      await edit(file, text.replace('new DynamoDBClient({})', 'new DynamoDBClient({ region: "eu-west-2" })'));
      const scope = index.analysisScope;
      assert.ok(scope && !scope.coldResolution);
      assert.deepEqual([...scope.resolvedFiles], [file]);
      assert.deepEqual([...scope.ruleFiles], [file]);
    });

    it('samconfig.toml of one stack recomputes that stack\'s deploy context, not the other stack\'s', async () => {
      await edit('payments/samconfig.toml', PAYMENTS_SAMCONFIG.replace('us-west-2', 'ca-central-1'));
      const scope = index.analysisScope;
      assert.ok(scope && !scope.coldResolution);
      assert.deepEqual([...scope.resolvedFiles].sort(), ['payments/samconfig.toml', 'payments/src/handler.py', 'payments/template.yaml']);
      assert.ok(scope.units.includes('config:payments/template.yaml'), scope.units.join(', '));
      assert.deepEqual([...scope.ruleFiles].sort(), ['payments/samconfig.toml', 'payments/src/handler.py', 'payments/template.yaml']);
    });

    it('a Terraform provider region recomputes that configuration\'s query: its module folders, not the other configuration', async () => {
      await edit('network/main.tf', NETWORK.replace('eu-north-1', 'eu-south-1'));
      let scope = index.analysisScope;
      assert.ok(scope && !scope.coldResolution);
      assert.deepEqual([...scope.resolvedFiles], ['network/main.tf']);
      assert.deepEqual(scope.units.filter((u) => u.startsWith('terraform:')), ['terraform:network']);
      assert.equal(index.analyse().dependencies.find((d) => d.file === 'network/main.tf' && d.service === 'sqs')?.region, 'eu-south-1');

      // The root's variable reaches the module through its call: root and module are one configuration.
      const main = readFileSync(path.join(root, 'infra/main.tf'), 'utf8');
      await edit('infra/main.tf', main.replace('default = "us-east-1"', 'default = "us-east-2"'));
      scope = index.analysisScope;
      assert.ok(scope && !scope.coldResolution);
      assert.deepEqual([...scope.resolvedFiles].sort(), ['infra/main.tf', 'infra/modules/regional/main.tf']);
      assert.deepEqual(scope.units.filter((u) => u.startsWith('terraform:')), ['terraform:infra']);
      const carts = index.analyse().dependencies.filter((d) => d.file === 'infra/modules/regional/main.tf' && d.service === 'dynamodb');
      assert.deepEqual(carts.map((d) => d.candidateRegions ?? d.region), [['eu-west-1', 'us-east-2']]);
    });

    it('a file deleted recomputes what read it', async () => {
      rmSync(path.join(root, 'payments/samconfig.toml'));
      index.remove('payments/samconfig.toml');
      const cold = new WorkspaceIndex(root, { workers: false });
      await cold.build();
      assert.deepEqual(index.analyse(), cold.analyse());
      const scope = index.analysisScope;
      assert.ok(scope && !scope.coldResolution);
      assert.deepEqual([...scope.resolvedFiles].sort(), ['payments/src/handler.py', 'payments/template.yaml']);
    });
  });
});
