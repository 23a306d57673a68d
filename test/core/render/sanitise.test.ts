/**
 * Terminal and CI-log injection (issue 15 item 5): names, reasons and Health messages reach the
 * text outputs through one sanitiser, so a repository cannot clear the screen, retitle the
 * terminal, plant an OSC 8 link, reorder text with a bidi override or start a workflow command.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { runCli } from '../../../src/cli/main';
import { buildHealthDocument, renderHealthText } from '../../../src/core/health/document';
import type { HealthFetchResult } from '../../../src/core/health/types';
import { forTerminal } from '../../../src/core/render/sanitise';

/** Control characters that a terminal acts on, and the bidi controls that reorder what it shows. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function sink(): Writable & { text: string } {
  const s = new Writable({ write(chunk, _enc, done) { s.text += String(chunk); done(); } }) as Writable & { text: string };
  s.text = '';
  return s;
}

describe('forTerminal: one sanitiser for text outputs', () => {
  it('escapes C0, DEL, C1 and bidi controls visibly and shows newlines in names as \\n', () => {
    assert.equal(forTerminal('a\u001b[2Jb'), 'a\\x1b[2Jb');
    assert.equal(forTerminal('x\u001b]8;;https://evil.example\u0007link'), 'x\\x1b]8;;https://evil.example\\x07link');
    assert.equal(forTerminal('dir\n::error title=Fake::0 findings'), 'dir\\n::error title=Fake::0 findings');
    assert.equal(forTerminal('a\rb\tc\u007fd\u009be'), 'a\\rb\\tc\\x7fd\\x9be');
    assert.equal(forTerminal('abc\u202etxt.exe'), 'abc\\u202etxt.exe');
    for (const c of ['\u061c', '\u200e', '\u200f', '\u202a', '\u202d', '\u2066', '\u2069', '\u2028']) assert.equal(forTerminal(c), `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  });

  it('leaves ordinary text, including non-ASCII names and emoji, unchanged', () => {
    for (const s of ['src/orders.ts', 'données/café.py', 'infra/🚀/main.tf', 'OrdersTable (template.yaml) → us-east-1', 'a\\x1b stays as typed']) assert.equal(forTerminal(s), s);
  });
});

describe('text outputs of scan, simulate and health carry no raw control characters', function () {
  this.timeout(60_000);
  let root: string;
  // A folder whose name clears the screen, retitles the terminal and, after a newline, would start
  // a GitHub Actions workflow command; a file whose name hides its extension behind U+202E.
  const EVIL_DIR = 'svc\u001b[2J\u001b]0;owned\u0007\n::error title=Outage Radar::0 findings';
  const EVIL_FILE = 'handler\u202ests.ts';
  before(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-inject-'));
    mkdirSync(path.join(root, EVIL_DIR), { recursive: true });
    writeFileSync(
      path.join(root, EVIL_DIR, EVIL_FILE),
      `import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";\nconst client = new DynamoDBClient({ region: "us-east-1" });\nexport const handler = async () => client.send(new GetItemCommand({ TableName: "orders\\u001b[31m", Key: {} }));\n`,
    );
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const stdout = sink();
    const stderr = sink();
    const code = await runCli(args, { stdout, stderr, cwd: root, env: {} });
    return { code, stdout: stdout.text, stderr: stderr.text };
  }

  function assertClean(output: string): void {
    assert.doesNotMatch(output, RAW_CONTROL, JSON.stringify(output.match(RAW_CONTROL)));
    for (const line of output.split('\n')) assert.ok(!line.startsWith('::'), `a line starts a workflow command: ${line}`);
  }

  it('scan --format text', async () => {
    const r = await cli(['scan', '.', '--no-cache']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /svc\\x1b\[2J\\x1b\]0;owned\\x07\\n::error title=Outage Radar::0 findings\/handler\\u202ests\.ts:2/);
    assertClean(r.stdout);
  });

  it('simulate --format text', async () => {
    const r = await cli(['simulate', '--region', 'us-east-1', '.', '--no-cache']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /handler\\u202ests\.ts/);
    assertClean(r.stdout);
  });

  it('health text: event messages from an endpoint and the affected places', async () => {
    const stdout = sink();
    await runCli(['scan', '.', '--no-cache', '--format', 'json'], { stdout, stderr: sink(), cwd: root, env: {} });
    const map = JSON.parse(stdout.text) as { dependencies: Parameters<typeof buildHealthDocument>[1] };
    const result: HealthFetchResult = {
      source: 'public',
      fetchedAt: '2026-11-26T17:00:00Z',
      note: 'fell back\u001b[2J',
      events: [
        {
          arn: 'arn:aws:health:us-east-1::event/DYNAMODB/x',
          service: 'dynamodb',
          healthService: 'DYNAMODB\u001b]8;;https://evil.example\u0007',
          region: 'us-east-1',
          eventTypeCode: 'AWS_DYNAMODB_OPERATIONAL_ISSUE',
          category: 'issue',
          statusCode: 'open',
          startTime: '2026-11-26T15:45:06Z',
          summary: 'Increased error rates\u001b[2K\u202e',
          description: 'We are investigating\u009b31m increased error rates.',
        },
      ],
    } as unknown as HealthFetchResult;
    const text = renderHealthText(buildHealthDocument(result, map.dependencies));
    assert.match(text, /Affects 1 place|Affects \d+ places/);
    assertClean(text);
  });
});
