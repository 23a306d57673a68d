import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import { SEVERITIES } from '../../src/core/model';
import { ensureBuilt, REPO, runCli } from '../support/cli';

const DEPENDENCY_MAP_SCHEMA = path.join(REPO, 'schemas', 'dependency-map.schema.json');
const SARIF_SCHEMA = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-cli-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const PINNED_HANDLER = `import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";

const client = new DynamoDBClient({ region: "us-east-1" });

export const handler = async (event: { id: string }) =>
  client.send(new GetItemCommand({ TableName: "orders", Key: { pk: { S: event.id } } }));
`;

describe('outage-radar scan (built CLI)', function () {
  this.timeout(120_000);
  before(ensureBuilt);
  const roots: string[] = [];
  after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

  it('writes JSON for the example workspace that validates against the dependency-map schema', () => {
    const r = runCli(['scan', 'examples', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const map = JSON.parse(r.stdout) as { summary: { findingsBySeverity: object; byService: object }; dependencies: Array<{ file: string; line: number; column: number }> };
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(DEPENDENCY_MAP_SCHEMA, 'utf8')));
    assert.ok(validate(map), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    assert.deepEqual(Object.keys(map.summary.findingsBySeverity).sort(), [...SEVERITIES].sort());
    assert.equal('*' in map.summary.byService, false);
    for (const d of map.dependencies) {
      assert.ok(!d.file.startsWith('./') && !d.file.startsWith('/') && !d.file.includes('\\'), d.file);
      assert.equal('regionRef' in d, false);
    }
    const order = map.dependencies.map((d) => [d.file, d.line, d.column] as [string, number, number]);
    const sorted = [...order].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
    assert.deepEqual(order, sorted);
  });

  it('writes SARIF 2.1.0 that validates against the official schema', () => {
    const out = path.join(os.tmpdir(), `outage-radar-${process.pid}.sarif`);
    const r = runCli(['scan', 'examples', '--format', 'sarif', '--output', out]);
    assert.equal(r.code, 0, r.stderr);
    const sarif = JSON.parse(readFileSync(out, 'utf8')) as { runs: Array<{ tool: { driver: { name: string; rules: Array<{ id: string }> } }; results: Array<{ ruleId: string; ruleIndex: number; partialFingerprints: Record<string, string> }> }> };
    rmSync(out);
    // The official schema's language pattern has a stray `]` that is only valid outside Unicode mode.
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    const validate = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')));
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'Outage Radar');
    for (const result of run.results) {
      assert.ok(run.tool.driver.rules[result.ruleIndex].id === result.ruleId);
      assert.match(result.partialFingerprints['outageRadar/v1'], /^[0-9a-f]{16}$/);
    }
  });

  it('exits 1 only for findings at or above --fail-on', () => {
    const root = workspace({ 'src/handler.ts': PINNED_HANDLER });
    roots.push(root);
    const json = JSON.parse(runCli(['scan', root, '--format', 'json']).stdout);
    const literal = json.findings.find((f: { ruleId: string }) => f.ruleId === 'sdk-literal-region');
    assert.ok(literal, 'a client pinned to us-east-1 is a finding');
    assert.equal(literal.severity, 'high');
    assert.equal(runCli(['scan', root]).code, 0);
    assert.equal(runCli(['scan', root, '--fail-on', 'high']).code, 1);
    assert.equal(runCli(['scan', root, '--fail-on', 'critical']).code, 0);
  });

  it('exits 2 on usage errors and when nothing could be scanned, 0 on an empty folder', () => {
    const empty = workspace({});
    roots.push(empty);
    assert.equal(runCli(['scan', empty]).code, 0);
    const bad = runCli(['scan', '--format', 'yaml', 'examples']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown --format yaml/);
    assert.equal(runCli(['scan', '--fail-on', 'severe', 'examples']).code, 2);
    assert.equal(runCli(['scan', '--bogus']).code, 2);
    assert.equal(runCli(['scan', path.join(empty, 'missing')]).code, 2);
    assert.equal(runCli(['frobnicate']).code, 2);
    // A FIFO is never opened (it would block): naming one scans nothing, says why, and exits 2.
    execFileSync('mkfifo', [path.join(empty, 'pipe')]);
    const fifo = runCli(['scan', path.join(empty, 'pipe'), '--format', 'json']);
    assert.equal(fifo.code, 2);
    assert.deepEqual((JSON.parse(fifo.stdout) as { problems: unknown[] }).problems, [{ file: 'pipe', reason: 'not a regular file', severity: 'skipped' }]);
    assert.match(fifo.stderr, /nothing could be scanned/);
  });

  it('reports only new findings against a baseline, and rejects a file that is not one', () => {
    const root = workspace({ 'src/handler.ts': PINNED_HANDLER });
    roots.push(root);
    assert.equal(runCli(['baseline', root]).code, 0);
    // A line shift above the construct keeps the baseline matching.
    writeFileSync(path.join(root, 'src/handler.ts'), `// orders service\n\n${PINNED_HANDLER}`);
    const after = JSON.parse(runCli(['scan', root, '--format', 'json', '--baseline', path.join(root, '.outage-radar-baseline.json')]).stdout) as { findings: unknown[]; summary: { findings: { total: number }; findingsBySeverity: Record<string, number> } };
    assert.deepEqual(after.findings, []);
    // Every count the views show is over the findings left after the baseline.
    assert.equal(after.summary.findings.total, 0);
    assert.deepEqual(Object.values(after.summary.findingsBySeverity), [0, 0, 0, 0, 0]);
    const text = runCli(['scan', root, '--baseline', path.join(root, '.outage-radar-baseline.json')]).stdout;
    assert.match(text.split('\n')[1], / · 0 findings · /);
    writeFileSync(path.join(root, 'bad.json'), '{"version": 2, "findings": []}');
    const bad = runCli(['scan', root, '--baseline', path.join(root, 'bad.json')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /is not a baseline file: unsupported baseline version 2/);
  });

  it('reads scan roots and paths as CONTRACTS.md says: one directory is the root, else the current directory', () => {
    const root = workspace({ 'svc/src/handler.ts': PINNED_HANDLER, 'other/x.ts': PINNED_HANDLER });
    roots.push(root);
    const one = JSON.parse(runCli(['scan', 'svc', '--format', 'json'], root).stdout);
    assert.deepEqual([...new Set(one.dependencies.map((d: { file: string }) => d.file))], ['src/handler.ts']);
    const two = JSON.parse(runCli(['scan', 'svc', 'other', '--format', 'json'], root).stdout);
    assert.deepEqual([...new Set(two.dependencies.map((d: { file: string }) => d.file))], ['other/x.ts', 'svc/src/handler.ts']);
  });
});
