import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../../src/core/config';
import type { DependencyMap } from '../../src/core/model';
import { AnalysisCache, analysisKey, MAX_ANALYSIS_CACHE_BYTES, type AnalysisContext } from '../../src/node/analysisCache';
import { ENGINE_BUILD, ScanCache, scanSettingsKey } from '../../src/node/scanCache';
import { scanWorkspace, type AnalysisOutcome, type ScanWorkspaceOptions } from '../../src/node/workspaceIndex';

const HANDLER = `import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";

const client = new DynamoDBClient({ region: "us-east-1" });

export const handler = async (event: { id: string }) =>
  client.send(new GetItemCommand({ TableName: "orders", Key: { pk: { S: event.id } } }));
`;

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  OrdersTable:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: pk
          AttributeType: S
      KeySchema:
        - AttributeName: pk
          KeyType: HASH
  OrdersQueue:
    Type: AWS::SQS::Queue
`;

const SAMCONFIG = `version = 0.1
[default.deploy.parameters]
stack_name = "orders"
region = "eu-west-1"
`;

/** Whole-second times, restored exactly by utimes. */
const TIME = new Date(1_700_000_000_000);

function workspace(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-analysis-'));
  for (const [file, text] of Object.entries(files)) write(root, file, text);
  return root;
}

function write(root: string, file: string, text: string | Buffer, time = TIME): void {
  const abs = path.join(root, file);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, text);
  utimesSync(abs, time, time);
}

/** The map as the JSON output shows it, with this run's duration masked (the one field of the run). */
function shown(map: DependencyMap): string {
  return JSON.stringify({ ...map, summary: { ...map.summary, durationMs: 0 } }, null, 2);
}

describe('analysis cache', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  function fresh(files: Record<string, string | Buffer> = { 'src/orders.ts': HANDLER, 'template.yaml': TEMPLATE, 'samconfig.toml': SAMCONFIG, 'README.md': '# orders\n' }): { root: string; cacheDir: string } {
    const root = workspace(files);
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-analysis-cache-'));
    dirs.push(root, cacheDir);
    return { root, cacheDir };
  }

  async function scan(root: string, cacheDir: string | undefined, options: ScanWorkspaceOptions = {}): Promise<{ map: DependencyMap; outcome: AnalysisOutcome }> {
    let outcome: AnalysisOutcome | undefined;
    const map = await scanWorkspace(root, { workers: false, cacheDirectory: cacheDir, ...options, onAnalysis: (o) => (outcome = o) });
    assert.ok(outcome);
    return { map, outcome };
  }

  const analysisFile = (cacheDir: string) => {
    const files = readdirSync(cacheDir).filter((f) => f.endsWith('.analysis.json'));
    assert.equal(files.length, 1, readdirSync(cacheDir).join(', '));
    return path.join(cacheDir, files[0]);
  };

  it('reuses the analysis of an unchanged workspace without analysing or reading the scan cache, and the map equals a scan without cache', async () => {
    const { root, cacheDir } = fresh();
    const first = await scan(root, cacheDir);
    assert.deepEqual(first.outcome, { kind: 'analysed', analyses: 1 });
    assert.ok(first.map.findings.some((f) => f.ruleId === 'sdk-literal-region'), first.map.findings.map((f) => f.ruleId).join(', '));
    // Without the scan cache's file the per-file results are gone: a reuse proves they were not needed.
    rmSync(new ScanCache(root, cacheDir).file);
    const second = await scan(root, cacheDir);
    assert.deepEqual(second.outcome, { kind: 'unchanged', analyses: 0 });
    assert.deepEqual(readdirSync(cacheDir).filter((f) => !f.endsWith('.analysis.json')), [], 'the scan cache was not read, so not written again');
    const uncached = await scan(root, undefined);
    assert.equal(uncached.outcome.kind, 'analysed');
    assert.equal(shown(second.map), shown(uncached.map));
    assert.equal(typeof second.map.summary.durationMs, 'number');
  });

  it('does not write the analysis again when nothing changed', async () => {
    const { root, cacheDir } = fresh();
    await scan(root, cacheDir);
    const file = analysisFile(cacheDir);
    const before = statSync(file);
    assert.equal((await scan(root, cacheDir)).outcome.kind, 'unchanged');
    const after = statSync(file);
    assert.equal(after.ino, before.ino, 'the file was replaced');
    assert.equal(after.mtimeMs, before.mtimeMs);
  });

  it("analyses again when one file's content changes, and the map shows the change", async () => {
    const { root, cacheDir } = fresh();
    await scan(root, cacheDir);
    write(root, 'src/orders.ts', HANDLER.replace('us-east-1', 'eu-central-1'), new Date(TIME.getTime() + 5000));
    const changed = await scan(root, cacheDir);
    assert.deepEqual(changed.outcome, { kind: 'analysed', analyses: 1 });
    const client = changed.map.dependencies.find((d) => d.file === 'src/orders.ts' && d.kind === 'sdk-client');
    assert.equal(client?.region, 'eu-central-1');
    assert.equal(shown(changed.map), shown((await scan(root, undefined)).map));
    // The new analysis is the one stored.
    assert.equal((await scan(root, cacheDir)).outcome.kind, 'unchanged');
  });

  it('reuses the analysis when files were rewritten with the same content, and stores their new times', async () => {
    const { root, cacheDir } = fresh();
    await scan(root, cacheDir);
    write(root, 'template.yaml', TEMPLATE, new Date(TIME.getTime() + 5000));
    const touched = await scan(root, cacheDir);
    assert.deepEqual(touched.outcome, { kind: 'same-inputs', analyses: 0 });
    assert.equal(shown(touched.map), shown((await scan(root, undefined)).map));
    assert.equal((await scan(root, cacheDir)).outcome.kind, 'unchanged');
  });

  it('analyses again when a file is added or removed', async () => {
    const { root, cacheDir } = fresh();
    await scan(root, cacheDir);
    write(root, 'src/payments.ts', HANDLER.replace('orders', 'payments'));
    const added = await scan(root, cacheDir);
    assert.deepEqual(added.outcome, { kind: 'analysed', analyses: 1 });
    assert.ok(added.map.dependencies.some((d) => d.file === 'src/payments.ts'));
    unlinkSync(path.join(root, 'src/payments.ts'));
    const removed = await scan(root, cacheDir);
    assert.deepEqual(removed.outcome, { kind: 'analysed', analyses: 1 });
    assert.ok(!removed.map.dependencies.some((d) => d.file === 'src/payments.ts'));
    // A file that holds nothing for any scanner still counts: it is one more file scanned.
    write(root, 'src/format.ts', 'export const money = (cents: number) => (cents / 100).toFixed(2);\n');
    const notes = await scan(root, cacheDir);
    assert.equal(notes.outcome.kind, 'analysed');
    assert.equal(notes.map.summary.filesScanned, removed.map.summary.filesScanned + 1);
  });

  it('analyses again when the configuration file changes', async () => {
    const { root, cacheDir } = fresh();
    const first = await scan(root, cacheDir);
    const literal = first.map.findings.find((f) => f.ruleId === 'sdk-literal-region');
    assert.ok(literal);
    write(root, '.outage-radar.yaml', 'rules:\n  sdk-literal-region: { severity: critical }\n');
    const configured = await scan(root, cacheDir);
    assert.deepEqual(configured.outcome, { kind: 'analysed', analyses: 1 });
    assert.equal(configured.map.findings.find((f) => f.ruleId === 'sdk-literal-region')?.severity, 'critical');
    assert.equal((await scan(root, cacheDir)).outcome.kind, 'unchanged');
    // A configuration that does not parse is an input too (its problem is in the map).
    write(root, '.outage-radar.yaml', 'rules: [unclosed\n');
    const broken = await scan(root, cacheDir);
    assert.equal(broken.outcome.kind, 'analysed');
    assert.ok(broken.map.problems.some((p) => p.file === '.outage-radar.yaml'), JSON.stringify(broken.map.problems));
  });

  it('analyses again when a setting changes: sources switched off, the size limit, suppressed findings kept, the docs URL', async () => {
    const { root, cacheDir } = fresh();
    await scan(root, cacheDir);
    const withoutJs = await scan(root, cacheDir, { config: { ...defaultConfig(), disabledSources: ['javascript'] } });
    assert.deepEqual(withoutJs.outcome, { kind: 'analysed', analyses: 1 });
    assert.ok(!withoutJs.map.dependencies.some((d) => d.file === 'src/orders.ts'));
    assert.equal((await scan(root, cacheDir, { maxFileBytes: 100 })).outcome.kind, 'analysed');
    assert.equal((await scan(root, cacheDir, { keepSuppressed: true })).outcome.kind, 'analysed');
    const docs = await scan(root, cacheDir, { docsBaseUrl: 'https://example.com/rules/' });
    assert.equal(docs.outcome.kind, 'analysed');
    assert.ok(docs.map.findings.every((f) => !f.helpUri || f.helpUri.startsWith('https://example.com/rules/')));
    // Back to the first settings: the docs URL was the last analysis stored for them.
    assert.equal((await scan(root, cacheDir)).outcome.kind, 'analysed');
    assert.equal((await scan(root, cacheDir)).outcome.kind, 'unchanged');
  });

  it('analyses again after a scan limited to some paths, and reuses nothing across roots or names of the root', async () => {
    const { root, cacheDir } = fresh();
    await scan(root, cacheDir);
    const limited = await scan(root, cacheDir, { paths: ['src'] });
    assert.equal(limited.outcome.kind, 'analysed');
    assert.deepEqual([...new Set(limited.map.dependencies.map((d) => d.file))], ['src/orders.ts']);
    const copy = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-analysis-copy-'));
    dirs.push(copy);
    cpSync(root, copy, { recursive: true, preserveTimestamps: true });
    assert.equal((await scan(copy, cacheDir)).outcome.kind, 'analysed');
    // The same folder named otherwise: the map's root is the name it was given.
    const named = await scan(`${root}${path.sep}`, cacheDir);
    assert.equal(named.outcome.kind, 'analysed');
    assert.equal(named.map.root, `${root}${path.sep}`);
  });

  it('does not let the times of a file skipped last time vouch for it', async () => {
    // Binary now; the same size of text with the same time next: the scan must read it again.
    const text = HANDLER.replace('orders', 'refunds');
    const binary = Buffer.alloc(Buffer.byteLength(text), 0);
    const { root, cacheDir } = fresh({ 'src/orders.ts': HANDLER, 'src/refunds.ts': binary });
    const first = await scan(root, cacheDir);
    assert.ok(first.map.problems.some((p) => p.file === 'src/refunds.ts'));
    assert.deepEqual((await scan(root, cacheDir)).outcome, { kind: 'same-inputs', analyses: 0 });
    write(root, 'src/refunds.ts', text);
    const readable = await scan(root, cacheDir);
    assert.deepEqual(readable.outcome, { kind: 'analysed', analyses: 1 });
    assert.ok(readable.map.dependencies.some((d) => d.file === 'src/refunds.ts'));
  });

  it('ignores an analysis stored by another engine build', async () => {
    const { root, cacheDir } = fresh();
    await scan(root, cacheDir);
    const file = analysisFile(cacheDir);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(`"engine":${JSON.stringify(ENGINE_BUILD)}`, '"engine":"another-build"'));
    assert.notEqual(readFileSync(file, 'utf8'), text);
    assert.deepEqual((await scan(root, cacheDir)).outcome, { kind: 'analysed', analyses: 1 });
    // The build is in the key as well as in the header.
    const context: AnalysisContext = { engine: 'a', settings: scanSettingsKey(), root, targets: [], config: defaultConfig(), configProblems: [], docsBaseUrl: 'docs/rules/', keepSuppressed: false };
    const files = [{ file: 'src/orders.ts', size: 1, mtimeMs: 1, hash: 'h' }];
    assert.notEqual(analysisKey(context, [], files), analysisKey({ ...context, engine: 'b' }, [], files));
    assert.equal(analysisKey(context, [], files), analysisKey(context, [], [{ ...files[0], size: 2, mtimeMs: 2 }]), 'times are not inputs, content ids are');
    assert.notEqual(analysisKey(context, [], files), analysisKey(context, [], [{ ...files[0], hash: 'other' }]));
    assert.equal(await new AnalysisCache(root, cacheDir, scanSettingsKey(), { engine: 'another-build' }).load(), undefined);
  });

  describe('a corrupt or hostile analysis file is ignored safely', () => {
    /** A workspace scanned once, with a forged analysis (one dependency too many) at the path the cache reads. */
    async function forged(): Promise<{ root: string; cacheDir: string; file: string; forgedText: string }> {
      const { root, cacheDir } = fresh();
      await scan(root, cacheDir);
      const file = analysisFile(cacheDir);
      const text = readFileSync(file, 'utf8');
      const newline = text.indexOf('\n');
      const map = JSON.parse(text.slice(newline + 1)) as DependencyMap;
      map.dependencies.push({ ...map.dependencies[0], id: 'forged', file: 'forged.ts' });
      return { root, cacheDir, file, forgedText: `${text.slice(0, newline)}\n${JSON.stringify(map)}` };
    }

    it('a forged map under the right key is served (the check is the key, not the map), which the next cases rely on', async () => {
      const { root, cacheDir, file, forgedText } = await forged();
      writeFileSync(file, forgedText);
      const served = await scan(root, cacheDir);
      assert.equal(served.outcome.kind, 'unchanged');
      assert.ok(served.map.dependencies.some((d) => d.id === 'forged'));
    });

    it('a symbolic link is neither read nor written through', async () => {
      const { root, cacheDir, file, forgedText } = await forged();
      const outside = path.join(mkdtempSync(path.join(os.tmpdir(), 'outage-radar-analysis-link-')), 'elsewhere.json');
      dirs.push(path.dirname(outside));
      writeFileSync(outside, forgedText);
      rmSync(file);
      symlinkSync(outside, file);
      const scanned = await scan(root, cacheDir);
      assert.deepEqual(scanned.outcome, { kind: 'analysed', analyses: 1 });
      assert.ok(!scanned.map.dependencies.some((d) => d.id === 'forged'));
      assert.equal(readFileSync(outside, 'utf8'), forgedText, 'the link target is unchanged');
      assert.ok(statSync(file, { throwIfNoEntry: false }) !== undefined);
    });

    it('a file over the size bound is not read', async () => {
      const { root, cacheDir, file } = await forged();
      // Sparse: the size is what matters, and it is refused before a byte is read.
      truncateSync(file, MAX_ANALYSIS_CACHE_BYTES + 1);
      const scanned = await scan(root, cacheDir);
      assert.deepEqual(scanned.outcome, { kind: 'analysed', analyses: 1 });
      assert.ok(statSync(file).size < 1024 * 1024, 'written again at its real size');
      const small = new AnalysisCache(root, cacheDir, scanSettingsKey(), { maxBytes: 100 });
      assert.equal(await small.load(), undefined);
    });

    it('truncated JSON, in the header or in the map, means a full analysis', async () => {
      const { root, cacheDir, file, forgedText } = await forged();
      const newline = forgedText.indexOf('\n');
      for (const cut of [Math.floor(newline / 2), newline + 1 + Math.floor((forgedText.length - newline) / 2), newline]) {
        writeFileSync(file, forgedText.slice(0, cut));
        const scanned = await scan(root, cacheDir);
        assert.deepEqual(scanned.outcome, { kind: 'analysed', analyses: 1 }, `cut at ${cut}`);
        assert.ok(!scanned.map.dependencies.some((d) => d.id === 'forged'));
      }
    });

    it('other shapes, binary bytes and a folder in its place mean a full analysis', async () => {
      const { root, cacheDir, file, forgedText } = await forged();
      const newline = forgedText.indexOf('\n');
      const header = JSON.parse(forgedText.slice(0, newline)) as { files: unknown[] };
      const bodies = [
        `${JSON.stringify({ ...header, files: 'all' })}\n${forgedText.slice(newline + 1)}`,
        `${JSON.stringify({ ...header, files: [[42, 'x']] })}\n${forgedText.slice(newline + 1)}`,
        `${forgedText.slice(0, newline)}\n{"version":1,"dependencies":"none"}`,
        `${forgedText.slice(0, newline)}\nnull`,
        `${forgedText.slice(0, newline)}\n\u0000${forgedText.slice(newline + 1)}`,
        '',
      ];
      for (const body of bodies) {
        writeFileSync(file, body);
        const scanned = await scan(root, cacheDir);
        assert.deepEqual(scanned.outcome, { kind: 'analysed', analyses: 1 }, body.slice(0, 80));
      }
      rmSync(file);
      mkdirSync(file);
      const scanned = await scan(root, cacheDir);
      assert.equal(scanned.outcome.kind, 'analysed');
      assert.ok(!scanned.map.dependencies.some((d) => d.id === 'forged'));
      assert.ok(statSync(file).isDirectory(), 'a folder in its place is left alone');
    });

    it('a cache folder that cannot be written is not an error', async () => {
      // A regular file where the cache folder should be: nothing can be created under it, not
      // even by root (a permission bit would not stop root, and CI runs as root).
      const { root, cacheDir } = fresh();
      const blocked = path.join(cacheDir, 'not-a-folder');
      writeFileSync(blocked, 'a file, not a folder\n');
      const first = await scan(root, blocked);
      assert.equal(first.outcome.kind, 'analysed');
      assert.equal((await scan(root, blocked)).outcome.kind, 'analysed', 'nothing was stored, so nothing is reused');
      assert.deepEqual((await scan(root, undefined)).map.dependencies, first.map.dependencies);
      assert.equal(readFileSync(blocked, 'utf8'), 'a file, not a folder\n');
    });
  });
});
