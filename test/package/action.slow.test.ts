/**
 * The GitHub Action (action.yml), run as a runner would run it: each `run:` step of the composite
 * action through `bash --noprofile --norc -eo pipefail` (GitHub's `shell: bash`), its `env`
 * evaluated with the inputs (or their defaults) and `github.action_path` = this checkout, in a
 * simulated job: GITHUB_WORKSPACE (a copy of examples/), GITHUB_STEP_SUMMARY, GITHUB_OUTPUT and
 * RUNNER_TEMP as files and folders of a temporary directory. The build step finds dist/ already
 * built (npm test builds first) and takes its "already built" branch.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { assertFreshBuild } from '../support/build';

const REPO = path.resolve(__dirname, '..', '..');

interface Step {
  name?: string;
  id?: string;
  shell?: string;
  env?: Record<string, string>;
  run?: string;
  uses?: string;
}
interface ActionFile {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as ActionFile;

interface Job {
  workspace: string;
  summary: string;
  output: string;
  temp: string;
}

/** A simulated job: the runner's files and folders, with a copy of `files` as the checked-out repository. */
function job(base: string, source: string): Job {
  const workspace = path.join(base, 'workspace');
  cpSync(source, workspace, { recursive: true });
  const temp = path.join(base, 'runner-temp');
  mkdirSync(temp);
  const j = { workspace, temp, summary: path.join(temp, 'step-summary.md'), output: path.join(temp, 'github-output') };
  writeFileSync(j.summary, '');
  writeFileSync(j.output, '');
  return j;
}

/** `${{ inputs.x }}`, `${{ github.action_path }}` and friends, as the runner evaluates them. */
function evaluate(text: string, inputs: Record<string, string>, j: Job, stepOutputs: Record<string, Record<string, string>>): string {
  return text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expr: string) => {
    const [scope, ...rest] = expr.split('.');
    const key = rest.join('.');
    if (scope === 'inputs') {
      assert.ok(key in action.inputs, `action.yml uses an undeclared input ${key}`);
      return inputs[key] ?? action.inputs[key].default ?? '';
    }
    if (expr === 'github.action_path') return REPO;
    if (expr === 'github.workspace') return j.workspace;
    if (expr === 'runner.temp') return j.temp;
    if (scope === 'steps' && rest[1] === 'outputs') return stepOutputs[rest[0]]?.[rest.slice(2).join('.')] ?? '';
    throw new Error(`the test does not know the expression ${expr}`);
  });
}

/** GITHUB_OUTPUT's `name=value` lines (the action writes no multi-line values). */
function readOutputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

/** Runs every step in order, stopping at the first that fails (as a runner does); returns the action's outputs. */
function runAction(j: Job, inputs: Record<string, string>) {
  const stepOutputs: Record<string, Record<string, string>> = {};
  const logs: string[] = [];
  let failed: { step: string; code: number } | undefined;
  for (const step of action.runs.steps) {
    assert.equal(step.uses, undefined, 'the action runs its own steps only');
    assert.equal(step.shell, 'bash');
    assert.ok(step.run && !/\$\{\{/.test(step.run), `step "${step.name}": expressions belong in env, not in the script`);
    writeFileSync(j.output, '');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: j.temp,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: j.workspace,
      GITHUB_STEP_SUMMARY: j.summary,
      GITHUB_OUTPUT: j.output,
      GITHUB_ACTION_PATH: REPO,
      RUNNER_TEMP: j.temp,
      RUNNER_OS: 'Linux',
    };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = evaluate(String(v), inputs, j, stepOutputs);
    const script = path.join(j.temp, `step-${step.id ?? 'anonymous'}.sh`);
    writeFileSync(script, step.run);
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: j.workspace, env, encoding: 'utf8', timeout: 120_000 });
    logs.push(`${step.name}: exit ${r.status}\n${r.stdout}${r.stderr}`);
    if (step.id) stepOutputs[step.id] = readOutputs(j.output);
    if (r.status !== 0) {
      failed = { step: step.name ?? '?', code: r.status ?? -1 };
      break;
    }
  }
  const outputs = Object.fromEntries(Object.entries(action.outputs).map(([k, o]) => [k, evaluate(o.value, inputs, j, stepOutputs)]));
  return { outputs, failed, log: logs.join('\n'), summary: readFileSync(j.summary, 'utf8') };
}

interface Sarif {
  version: string;
  runs: Array<{ tool: { driver: { name: string; rules: Array<{ id: string }> } }; results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
}

describe('the GitHub Action (action.yml), run with a simulated runner', function () {
  this.timeout(180_000);
  let base: string;
  before(() => assertFreshBuild());
  beforeEach(() => {
    base = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-action-'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('declares the inputs of the README, with SARIF as the default format', () => {
    assert.deepEqual(Object.keys(action.inputs).sort(), ['baseline', 'config', 'fail-on', 'format', 'output', 'paths']);
    assert.equal(action.inputs.format.default, 'sarif');
    assert.equal(action.runs.using, 'composite');
  });

  it('writes SARIF for upload-sarif and the Markdown report to the job summary, and fails on high findings', () => {
    const j = job(base, path.join(REPO, 'examples'));
    const r = runAction(j, {});
    // examples/ plants high findings: the scan step fails the job after writing both files.
    assert.deepEqual(r.failed, { step: 'Scan', code: 1 }, r.log);
    assert.equal(r.outputs['exit-code'], '1');
    assert.equal(r.outputs.output, path.join(j.workspace, 'outage-radar.sarif'));
    const sarif = JSON.parse(readFileSync(r.outputs.output, 'utf8')) as Sarif;
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    const ids = new Set(run.tool.driver.rules.map((rule) => rule.id));
    assert.ok(run.results.length > 5, `${run.results.length} results`);
    for (const result of run.results) {
      assert.ok(ids.has(result.ruleId), result.ruleId);
      // Code scanning resolves locations against the repository root: relative URIs, no absolute paths.
      const uri = result.locations[0].physicalLocation.artifactLocation.uri;
      assert.ok(!uri.startsWith('/') && !uri.startsWith('file:') && !uri.includes(base), uri);
    }
    assert.ok(run.results.some((x) => x.level === 'error'), 'a high or critical finding is an error');
    assert.match(r.summary, /^#+ .*Outage Radar/m);
    assert.match(r.summary, /sdk-literal-region/);
    assert.ok(!r.summary.includes(base), 'the summary names files relative to the repository');
  });

  it('passes with fail-on empty, scans only the paths given, and honours format and output', () => {
    const j = job(base, path.join(REPO, 'examples'));
    const r = runAction(j, { 'fail-on': '', paths: 'workers\ninfra', format: 'json', output: 'reports/radar.json' });
    assert.equal(r.failed, undefined, r.log);
    assert.equal(r.outputs['exit-code'], '0');
    const map = JSON.parse(readFileSync(path.join(j.workspace, 'reports', 'radar.json'), 'utf8')) as { dependencies: Array<{ file: string }> };
    const tops = new Set(map.dependencies.map((d) => d.file.split('/')[0]));
    assert.deepEqual([...tops].sort(), ['infra', 'workers']);
    assert.ok(r.summary.length > 100);

    // One folder: the SARIF's paths stay relative to the repository (the CLI alone would re-root them).
    const one = job(path.join(base, 'one'), path.join(REPO, 'examples'));
    const single = runAction(one, { 'fail-on': '', paths: 'shop-api' });
    assert.equal(single.failed, undefined, single.log);
    const uris = (JSON.parse(readFileSync(path.join(one.workspace, 'outage-radar.sarif'), 'utf8')) as Sarif).runs[0].results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri);
    assert.ok(uris.length > 0 && uris.every((u) => u.startsWith('shop-api/')), uris.join(' '));
  });

  it('reports only new findings against a baseline, and stops on a usage error without writing the file', () => {
    const j = job(base, path.join(REPO, 'examples'));
    const cli = path.join(REPO, 'dist', 'cli.js');
    const baseline = spawnSync(process.execPath, [cli, 'baseline', '.'], { cwd: j.workspace, encoding: 'utf8', env: { ...process.env, OUTAGE_RADAR_CACHE_DIR: path.join(j.temp, 'cache') } });
    assert.equal(baseline.status, 0, baseline.stderr);
    const r = runAction(j, { baseline: '.outage-radar-baseline.json' });
    assert.equal(r.failed, undefined, r.log);
    const sarif = JSON.parse(readFileSync(path.join(j.workspace, 'outage-radar.sarif'), 'utf8')) as Sarif;
    assert.deepEqual(sarif.runs[0].results, []);

    const bad = job(path.join(base, 'second'), path.join(REPO, 'examples'));
    const usage = runAction(bad, { 'fail-on': 'severe' });
    assert.deepEqual(usage.failed, { step: 'Scan', code: 2 }, usage.log);
    assert.equal(existsSync(path.join(bad.workspace, 'outage-radar.sarif')), false);
  });

  it('treats inputs as data: a path that looks like shell is a path, not a command', () => {
    const j = job(base, path.join(REPO, 'examples'));
    const r = runAction(j, { paths: 'workers $(touch injected) `touch injected2`', 'fail-on': '' });
    assert.equal(existsSync(path.join(j.workspace, 'injected')), false);
    assert.equal(existsSync(path.join(j.workspace, 'injected2')), false);
    // The CLI is told about paths that do not exist; whatever it says, nothing ran.
    assert.ok(r.failed === undefined || r.failed.code === 2, r.log);
  });
});
