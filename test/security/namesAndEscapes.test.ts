/**
 * Issue 15 item 17 (part): a file whose name is not valid UTF-8 is scanned like any other (its
 * path reads with U+FFFD for the invalid bytes, and the file is opened through its raw bytes), so
 * `--fail-on` cannot pass silently; and the JSON and SARIF documents write bidi controls as
 * `\u` escapes, which JSON.stringify leaves raw.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { runCli } from '../../src/cli/main';
import { escapeJsonInvisibles } from '../../src/core/render/sanitise';
import { walkWorkspace } from '../../src/node/workspaceFiles';
import { WorkspaceIndex } from '../../src/node/workspaceIndex';

const PINNED = `import { DynamoDBClient } from "@aws-sdk/client-dynamodb";\nexport const client = new DynamoDBClient({ region: "us-east-1" });\n`;

function sink(): Writable & { text: string } {
  const s = new Writable({ write(chunk, _enc, done) { s.text += String(chunk); done(); } }) as Writable & { text: string };
  s.text = '';
  return s;
}

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = sink();
  const stderr = sink();
  const code = await runCli(args, { stdout, stderr, cwd, env: {} });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A path of raw bytes under `root`: Latin-1 names such as `caf\xe9` are not valid UTF-8. */
const raw = (root: string, ...parts: Array<string | Buffer>) => Buffer.concat([Buffer.from(root), ...parts.flatMap((p) => [Buffer.from('/'), Buffer.from(p)])]);

describe('file names that are not valid UTF-8', function () {
  this.timeout(60_000);
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-names-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('are scanned, under a path with U+FFFD for the invalid bytes, so --fail-on low fails', async () => {
    writeFileSync(raw(root, Buffer.from('caf\xe9.ts', 'latin1')), PINNED);
    mkdirSync(raw(root, Buffer.from('r\xe9gion', 'latin1')));
    writeFileSync(raw(root, Buffer.from('r\xe9gion', 'latin1'), 'handler.ts'), PINNED);
    const r = await cli(['scan', '.', '--no-cache', '--format', 'json', '--fail-on', 'low'], root);
    assert.equal(r.code, 1, r.stderr);
    const map = JSON.parse(r.stdout) as { dependencies: Array<{ file: string; kind: string }>; problems: unknown[] };
    assert.deepEqual([...new Set(map.dependencies.map((d) => d.file))].sort(), ['caf\ufffd.ts', 'r\ufffdgion/handler.ts']);
    assert.deepEqual(map.problems, []);
  });

  it('are scanned in worker threads too (the raw path crosses to the worker)', async () => {
    writeFileSync(raw(root, Buffer.from('caf\xe9.ts', 'latin1')), PINNED);
    const index = new WorkspaceIndex(root, { workers: true });
    await index.build();
    assert.deepEqual(index.files(), ['caf\ufffd.ts']);
    assert.deepEqual(index.analyse().problems, []);
  });

  it('are rescanned from disk after a change, through the same raw path', async () => {
    const file = raw(root, Buffer.from('caf\xe9.ts', 'latin1'));
    writeFileSync(file, 'export const nothing = 1;\n');
    const index = new WorkspaceIndex(root, { workers: false });
    await index.build();
    assert.equal(index.analyse().dependencies.length, 0);
    writeFileSync(file, PINNED);
    await index.refreshFromDisk('caf\ufffd.ts');
    const map = index.analyse();
    assert.deepEqual(map.problems, []);
    assert.deepEqual([...new Set(map.dependencies.map((d) => d.file))], ['caf\ufffd.ts']);
  });

  it('reports two names that read the same once decoded, instead of scanning one twice', async () => {
    writeFileSync(raw(root, Buffer.from('a\xe9.ts', 'latin1')), PINNED);
    writeFileSync(raw(root, Buffer.from('a\xe8.ts', 'latin1')), PINNED);
    const { files, problems } = await walkWorkspace(root, []);
    assert.deepEqual(files, []);
    assert.deepEqual(problems.map((p) => p.reason), ['name is not valid UTF-8 and reads the same as another name here: skipped', 'name is not valid UTF-8 and reads the same as another name here: skipped']);
  });
});

describe('JSON and SARIF write bidi controls as escapes', function () {
  this.timeout(60_000);
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-bidi-'));
    mkdirSync(path.join(root, 'src'));
    writeFileSync(path.join(root, 'src', 'orders\u202ests.ts'), PINNED);
    // A logical id with U+202E reaches the findings' messages (SARIF percent-encodes paths).
    writeFileSync(path.join(root, 'template.yaml'), 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  "Orders\u202eTable":\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const format of ['json', 'sarif']) {
    it(`--format ${format}`, async () => {
      const r = await cli(['scan', '.', '--no-cache', '--format', format], root);
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stdout, /[\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
      assert.match(r.stdout, /Orders\\u202eTable/);
      // The same document for a parser.
      assert.match(JSON.stringify(JSON.parse(r.stdout)), /Orders\u202eTable/);
    });
  }

  it('escapeJsonInvisibles changes only those characters', () => {
    const doc = JSON.stringify({ a: 'x\u202ey\u2066z\u2028', b: 'café 🚀 \\u202e' });
    assert.equal(escapeJsonInvisibles(doc), '{"a":"x\\u202ey\\u2066z\\u2028","b":"café 🚀 \\\\u202e"}');
    assert.deepEqual(JSON.parse(escapeJsonInvisibles(doc)), JSON.parse(doc));
  });
});
