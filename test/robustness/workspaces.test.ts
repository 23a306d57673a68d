/**
 * Pathological workspaces, each scanned by the real CLI (dist/cli.js) in its own process: a 50 MB
 * file, a 100,000-line template, JSON nested 10,000 deep, YAML alias bombs, binary files with text
 * extensions, invalid UTF-8, UTF-16, CRLF and byte order marks, a minified bundle, symbolic link
 * loops, a FIFO, folders another user cannot read, 100,000 tiny files — and files deleted or
 * rewritten while a scan runs (through WorkspaceIndex, which the CLI and the server share).
 *
 * Each must finish (a watchdog kills a hung CLI), name the problem in `problems`, scan everything
 * else, give dependencies whose positions lie inside their files, and stay under a memory bound
 * (the CLI's peak resident set size, worker threads included). Memory is asserted, never time.
 * Everything is generated in a temporary folder and removed afterwards.
 */
import { strict as assert } from 'node:assert';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { DependencyMap, Problem } from '../../src/core/model';
import { decode } from '../../src/node/readSource';
import { WorkspaceIndex } from '../../src/node/workspaceIndex';
import { ensureBuilt } from '../support/cli';
import { TextShape } from './invariants';
import { MEMORY_BOUND_BYTES, MiB, runCliMeasured, type MeasuredRun } from './measuredCli';

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  OrdersTable:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
`;

/** Peak memory of each scan, printed at the end so that the figures can be quoted. */
const peaks: Array<{ workspace: string; peakMiB: number }> = [];

function makeWorkspace(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-pathological-'));
  chmodSync(root, 0o755);
  return root;
}

function write(root: string, file: string, content: string | Buffer): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), content);
}

/** `file:line:column kind service name` of every dependency, for exact assertions. */
function dependencyLines(map: DependencyMap): string[] {
  return map.dependencies.map((d) => `${d.file}:${d.line}:${d.column} ${d.kind} ${d.service} ${d.name ?? ''}`.trim());
}

function problemOf(map: DependencyMap, file: string): Problem | undefined {
  return map.problems.find((p) => p.file === file);
}

/** Every dependency's position lies inside its file as the host decodes it. */
function assertPositionsInside(root: string, map: DependencyMap): void {
  const shapes = new Map<string, TextShape>();
  for (const dep of map.dependencies) {
    let shape = shapes.get(dep.file);
    if (!shape) {
      const text = decode(readFileSync(path.join(root, dep.file)))?.text ?? '';
      shape = new TextShape(text);
      shapes.set(dep.file, shape);
    }
    const bad = shape.positionError(dep.line, dep.column) ?? shape.positionError(dep.endLine, dep.endColumn);
    assert.equal(bad, undefined, `${dep.file}:${dep.line}:${dep.column} ${dep.kind}: ${bad}`);
  }
}

/** Scans `root` with `scan . --format json`, checks the run ended normally within the memory bound, and returns the map. */
async function scanJson(label: string, root: string, options: { asUser?: number; args?: string[] } = {}): Promise<{ map: DependencyMap; run: MeasuredRun }> {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'outage-radar-out-')), 'map.json');
  chmodSync(path.dirname(out), 0o777);
  const run = await runCliMeasured(['scan', '.', '--no-cache', '--format', 'json', '--output', out, ...(options.args ?? [])], { cwd: root, asUser: options.asUser });
  try {
    assert.equal(run.signal, null, `${label}: the CLI was killed (${run.signal}); it hung or ran out of memory\n${run.stderr}`);
    assert.equal(run.code, 0, `${label}: exit code ${run.code}\n${run.stderr}`);
    assert.ok(run.peakRssBytes !== undefined && run.peakRssBytes > 0, `${label}: no memory figure`);
    peaks.push({ workspace: label, peakMiB: Math.round(run.peakRssBytes / MiB) });
    assert.ok(run.peakRssBytes < MEMORY_BOUND_BYTES, `${label}: peak memory ${Math.round(run.peakRssBytes / MiB)} MiB is over the ${MEMORY_BOUND_BYTES / MiB} MiB bound`);
    const map = JSON.parse(readFileSync(out, 'utf8')) as DependencyMap;
    return { map, run };
  } finally {
    rmSync(path.dirname(out), { recursive: true, force: true });
  }
}

describe('pathological workspaces through the CLI', function () {
  this.timeout(300_000);
  const roots: string[] = [];
  const workspace = (): string => {
    const root = makeWorkspace();
    roots.push(root);
    return root;
  };

  before(() => ensureBuilt());
  after(() => {
    for (const root of roots) {
      // Give back permissions taken away for the unreadable-folder test before removing.
      try {
        execFileSync('chmod', ['-R', 'u+rwX', root]);
      } catch {
        // Nothing left to restore.
      }
      rmSync(root, { recursive: true, force: true });
    }
    if (peaks.length) console.log(`\n  Peak memory of the CLI per workspace:\n${peaks.map((p) => `    ${p.workspace}: ${p.peakMiB} MiB`).join('\n')}\n`);
  });

  it('skips a 50 MB file by its size, without reading it, and scans the rest', async () => {
    const root = workspace();
    write(root, 'template.yaml', TEMPLATE);
    // 50 MB of JSON that would be a template if it were read.
    const head = Buffer.from('{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {');
    write(root, 'big/huge.json', Buffer.concat([head, Buffer.alloc(50 * MiB, 0x20), Buffer.from('}}')]));
    const { map } = await scanJson('50 MB file', root);
    assert.deepEqual(problemOf(map, 'big/huge.json'), { file: 'big/huge.json', reason: 'larger than the 2.0 MiB limit (50 MiB): skipped', severity: 'skipped' });
    assert.deepEqual(dependencyLines(map), ['template.yaml:3:3 iac-resource dynamodb OrdersTable']);
  });

  it('scans a 100,000-line template completely', async () => {
    const root = workspace();
    const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:'];
    let queues = 0;
    while (lines.length < 100_000) {
      lines.push(`  Queue${queues}:`, '    Type: AWS::SQS::Queue', '    Properties:', '      DelaySeconds: 0', '      Tags:', '        - Key: team', '          Value: orders', '        - Key: index', `          Value: "${queues}"`);
      queues++;
    }
    write(root, 'template.yaml', `${lines.slice(0, 100_000).join('\n')}\n`);
    const { map } = await scanJson('100,000-line template', root);
    assert.deepEqual(map.problems, []);
    const resources = map.dependencies.filter((d) => d.kind === 'iac-resource');
    assert.equal(resources.length, queues);
    const last = resources[resources.length - 1];
    assert.deepEqual([last.name, last.line, last.column, last.service], [`Queue${queues - 1}`, 2 + 9 * (queues - 1) + 1, 3, 'sqs']);
    assertPositionsInside(root, map);
  });

  it('reports JSON nested 10,000 deep as a problem in every JSON format, and scans the rest', async () => {
    const root = workspace();
    const depth = 10_000;
    const deepList = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    write(root, 'template.yaml', TEMPLATE);
    write(root, 'deep/template.json', `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Topic": {"Type": "AWS::SNS::Topic", "Properties": {"Tags": ${deepList}}}}}`);
    write(root, 'deep/cdk.json', `{"context": {"region": "us-east-1", "x": ${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}}`);
    write(root, 'deep/serverless.json', `{"service": "s", "provider": {"name": "aws", "region": "eu-west-1"}, "custom": ${deepList}}`);
    write(root, 'deep/main.tf.json', `{"provider": {"aws": {"region": "us-west-2"}}, "locals": {"x": ${deepList}}}`);
    const { map } = await scanJson('JSON nested 10,000 deep', root);
    for (const file of ['deep/template.json', 'deep/cdk.json', 'deep/serverless.json', 'deep/main.tf.json']) {
      assert.ok(problemOf(map, file), `${file} is not reported: ${JSON.stringify(map.problems)}`);
    }
    assert.ok(dependencyLines(map).includes('template.yaml:3:3 iac-resource dynamodb OrdersTable'));
    assertPositionsInside(root, map);
  });

  it('survives YAML alias bombs ("billion laughs") in every YAML format', async () => {
    const root = workspace();
    // Nine levels of nine references: 9^9 (387 million) strings if the aliases were expanded.
    let bomb = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n';
    let previous = 'a';
    for (const name of 'bcdefghi') {
      bomb += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]\n`;
      previous = name;
    }
    const indented = bomb.replace(/\n(?=.)/g, '\n  ');
    write(root, 'template.yaml', `AWSTemplateFormatVersion: "2010-09-09"\nMetadata:\n  ${indented}Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags: *i\n`);
    write(root, '.github/workflows/deploy.yml', `${bomb}on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env: *i\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          aws-region: us-east-1\n`);
    write(root, 'serverless.yml', `${bomb}service: s\nprovider:\n  name: aws\n  region: eu-west-1\ncustom: *i\n`);
    write(root, 'docker-compose.yml', `${bomb}services:\n  api:\n    image: x\n    environment:\n      AWS_REGION: us-east-1\n    labels: *i\n`);
    write(root, 'Pulumi.yaml', `${bomb}name: x\nruntime: nodejs\nconfig:\n  aws:region: us-east-1\n  x: *i\n`);
    write(root, '.gitlab-ci.yml', `${bomb}deploy:\n  variables:\n    AWS_REGION: us-east-1\n  script: *i\n`);
    write(root, 'samconfig.yaml', `${bomb}version: 0.1\ndefault:\n  deploy:\n    parameters:\n      region: us-east-1\n      x: *i\n`);
    const { map } = await scanJson('YAML alias bombs', root);
    assert.deepEqual(dependencyLines(map).map((l) => l.split(' ').slice(0, 3).join(' ')), [
      '.github/workflows/deploy.yml:18:11 region-config *',
      '.gitlab-ci.yml:12:5 region-config *',
      'Pulumi.yaml:13:3 region-config *',
      'docker-compose.yml:14:7 region-config *',
      'samconfig.yaml:14:7 region-config *',
      'serverless.yml:13:3 region-config *',
      'template.yaml:13:3 iac-resource sqs',
    ]);
    assertPositionsInside(root, map);
  });

  it('skips binary files with text extensions and reads UTF-16, invalid UTF-8, CRLF and byte order marks', async () => {
    const root = workspace();
    write(root, 'template.yaml', TEMPLATE);
    write(root, 'enc/utf16le.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEMPLATE.replace('OrdersTable', 'Utf16LeTable'), 'utf16le')]));
    const be = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEMPLATE.replace('OrdersTable', 'Utf16BeTable'), 'utf16le')]);
    write(root, 'enc/utf16be.yaml', be.swap16());
    write(root, 'enc/crlf-bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEMPLATE.replace('OrdersTable', 'CrlfTable').replace(/\n/g, '\r\n'))]));
    write(root, 'enc/invalid-utf8.ts', Buffer.concat([
      Buffer.from("import { SQSClient } from '@aws-sdk/client-sqs';\n// caf"), Buffer.from([0xe9, 0x20, 0xff, 0xfe]), Buffer.from(" broken\nconst sqs = new SQSClient({ region: 'eu-west-1' });\n"),
    ]));
    const bytes = Buffer.alloc(256 * 40);
    for (let i = 0; i < bytes.length; i++) bytes[i] = i % 256;
    write(root, 'enc/binary.yaml', Buffer.concat([Buffer.from('AWSTemplateFormatVersion: "2010-09-09"\nResources:\n'), bytes]));
    write(root, 'enc/image.ts', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), bytes, Buffer.from("import '@aws-sdk/client-s3';")]));
    // UTF-16 without a byte order mark is not told from binary (its ASCII halves are NUL bytes).
    write(root, 'enc/utf16-no-bom.yaml', Buffer.from(TEMPLATE, 'utf16le'));
    const { map } = await scanJson('encodings', root);
    assert.deepEqual(map.problems, [
      { file: 'enc/binary.yaml', reason: 'binary file: skipped', severity: 'skipped' },
      { file: 'enc/image.ts', reason: 'binary file: skipped', severity: 'skipped' },
      { file: 'enc/invalid-utf8.ts', reason: 'invalid UTF-8: read with replacement characters', severity: 'partial' },
      { file: 'enc/utf16-no-bom.yaml', reason: 'binary file: skipped', severity: 'skipped' },
    ]);
    // The same template in every encoding gives the same position: the byte order mark is not a column.
    assert.deepEqual(dependencyLines(map), [
      'enc/crlf-bom.yaml:3:3 iac-resource dynamodb CrlfTable',
      'enc/invalid-utf8.ts:3:13 sdk-client sqs SQSClient',
      'enc/utf16be.yaml:3:3 iac-resource dynamodb Utf16BeTable',
      'enc/utf16le.yaml:3:3 iac-resource dynamodb Utf16LeTable',
      'template.yaml:3:3 iac-resource dynamodb OrdersTable',
    ]);
    assert.equal(map.dependencies.find((d) => d.name === 'SQSClient')?.region, 'eu-west-1');
    assertPositionsInside(root, map);
  });

  it('reports a minified one-line bundle instead of parsing it, and scans the code beside it', async () => {
    const root = workspace();
    const body = Array.from({ length: 20_000 }, (_, i) => `var a${i}=function(e){return e+${i}}`).join(';');
    write(root, 'static/app.bundle.js', `"use strict";var AWS=require("@aws-sdk/client-dynamodb");${body};var c=new AWS.DynamoDBClient({region:"ap-southeast-2"});${body}\n`);
    write(root, 'src/orders.ts', "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\n\nexport const db = new DynamoDBClient({ region: 'eu-west-1' });\n");
    const { map } = await scanJson('minified bundle', root);
    assert.deepEqual(map.problems, [{ file: 'static/app.bundle.js', reason: 'skipped: minified', severity: 'skipped' }]);
    assert.deepEqual(dependencyLines(map), ['src/orders.ts:3:19 sdk-client dynamodb DynamoDBClient']);
  });

  it('passes over symbolic link loops, dangling links and a FIFO without blocking', async () => {
    const root = workspace();
    write(root, 'template.yaml', TEMPLATE);
    mkdirSync(path.join(root, 'links', 'a'), { recursive: true });
    symlinkSync('..', path.join(root, 'links', 'a', 'up'));
    symlinkSync('.', path.join(root, 'links', 'self'));
    symlinkSync('loop2.yaml', path.join(root, 'links', 'loop1.yaml'));
    symlinkSync('loop1.yaml', path.join(root, 'links', 'loop2.yaml'));
    symlinkSync('/nonexistent/template.yaml', path.join(root, 'links', 'dangling.yaml'));
    execFileSync('mkfifo', [path.join(root, 'links', 'pipe.yaml')]);
    symlinkSync('pipe.yaml', path.join(root, 'links', 'to-pipe.yaml'));
    const { map } = await scanJson('links and a FIFO', root);
    assert.deepEqual(map.problems, [
      { file: 'links/dangling.yaml', reason: 'broken symbolic link', severity: 'skipped' },
      { file: 'links/loop1.yaml', reason: 'broken symbolic link', severity: 'skipped' },
      { file: 'links/loop2.yaml', reason: 'broken symbolic link', severity: 'skipped' },
    ]);
    assert.deepEqual(dependencyLines(map), ['template.yaml:3:3 iac-resource dynamodb OrdersTable']);

    // Naming the FIFO itself: a problem, not a blocked read.
    const direct = await runCliMeasured(['scan', 'links/pipe.yaml', '--no-cache', '--format', 'json'], { cwd: root });
    assert.equal(direct.signal, null, 'scanning the FIFO blocked');
    const directMap = JSON.parse(direct.stdout) as DependencyMap;
    assert.deepEqual(directMap.problems.map((p) => p.reason), ['not a regular file']);
  });

  it('reports folders and files another user cannot read, and scans the rest', async function () {
    const root = workspace();
    write(root, 'open/template.yaml', TEMPLATE);
    write(root, 'secret/template.yaml', TEMPLATE.replace('OrdersTable', 'SecretTable'));
    write(root, 'locked.yaml', TEMPLATE.replace('OrdersTable', 'LockedTable'));
    chmodSync(path.join(root, 'secret'), 0o000);
    chmodSync(path.join(root, 'locked.yaml'), 0o000);
    // Permission bits do not stop root: as root, scan as the unprivileged user `nobody`.
    const asUser = process.getuid?.() === 0 ? 65534 : undefined;
    const { map } = await scanJson('unreadable folders', root, { asUser });
    assert.deepEqual(map.problems, [
      { file: 'locked.yaml', reason: 'not readable: EACCES', severity: 'skipped' },
      { file: 'secret', reason: 'folder not readable: EACCES', severity: 'skipped' },
    ]);
    assert.deepEqual(dependencyLines(map), ['open/template.yaml:3:3 iac-resource dynamodb OrdersTable']);
  });

  it('walks 100,000 tiny files within the memory bound', async () => {
    const root = workspace();
    for (let d = 0; d < 500; d++) {
      mkdirSync(path.join(root, `pkg${d}`));
      for (let f = 0; f < 200; f++) writeFileSync(path.join(root, `pkg${d}`, f % 2 ? `f${f}.json` : `f${f}.yaml`), f % 2 ? '{}' : 'a: 1\n');
    }
    write(root, 'pkg7/template.yaml', TEMPLATE);
    const { map } = await scanJson('100,000 tiny files', root);
    assert.equal(map.summary.filesScanned, 100_001);
    assert.deepEqual(map.problems, []);
    assert.deepEqual(dependencyLines(map), ['pkg7/template.yaml:3:3 iac-resource dynamodb OrdersTable']);
  });
});

describe('files deleted or rewritten while the workspace is scanned', function () {
  this.timeout(120_000);
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /**
   * 400 templates; when the first file has been scanned, the last 100 are deleted, the 100 before
   * them rewritten with another resource, one replaced by a folder and one emptied. Files are read
   * in path order, and at most a few batches are in flight when the first result arrives, so the
   * files past the first 200 are read after the change.
   */
  for (const workers of [false, true]) {
    it(`reports the deleted files and scans the rewritten ones as they are now (${workers ? 'worker threads' : 'main thread'})`, async () => {
      root = makeWorkspace();
      const name = (i: number) => `stacks/s${String(i).padStart(3, '0')}/template.yaml`;
      for (let i = 0; i < 400; i++) write(root, name(i), TEMPLATE.replace('OrdersTable', `Table${i}`));
      let changed = false;
      const index = new WorkspaceIndex(root, { workers });
      await index.build({
        onProgress: () => {
          if (changed) return;
          changed = true;
          for (let i = 300; i < 400; i++) unlinkSync(path.join(root, name(i)));
          for (let i = 200; i < 298; i++) write(root, name(i), TEMPLATE.replace('OrdersTable', `Rewritten${i}`).replace('AWS::DynamoDB::Table', 'AWS::SQS::Queue'));
          rmSync(path.join(root, name(298)));
          mkdirSync(path.join(root, name(298)));
          write(root, name(299), '');
        },
      });
      const map = index.analyse();
      const deleted = map.problems.filter((p) => p.reason === 'not readable: ENOENT').map((p) => p.file);
      assert.deepEqual(deleted, Array.from({ length: 100 }, (_, i) => name(300 + i)));
      assert.deepEqual(problemOf(map, name(298))?.reason, 'not a regular file');
      const rewritten = map.dependencies.filter((d) => d.name?.startsWith('Rewritten'));
      assert.equal(rewritten.length, 98);
      assert.ok(rewritten.every((d) => d.service === 'sqs'));
      assert.equal(map.dependencies.filter((d) => /^Table\d+$/.test(d.name ?? '')).length, 200);
      assert.equal(map.dependencies.some((d) => d.file === name(299)), false);
    });
  }
});
