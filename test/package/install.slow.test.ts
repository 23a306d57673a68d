/**
 * The CLI as a user installs it from a tarball: `npm run pack` (scripts/pack.mjs, over the bundles
 * `npm test` built), then `npm install -g ./outage-radar-<version>.tgz --prefix <temporary folder>
 * --offline` — which must succeed with no registry, because the tarball declares no dependency and
 * builds nothing — and `outage-radar scan` run from the installed bin on a copy of examples/.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { assertFreshBuild } from '../support/build';

const REPO = path.resolve(__dirname, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The environment of a user's shell: no npm_config_* inherited from the `npm run` that started mocha. */
function userEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return { ...env, HOME: home, npm_config_cache: path.join(home, '.npm'), npm_config_update_notifier: 'false', NO_COLOR: '1', AWS_EC2_METADATA_DISABLED: 'true', OUTAGE_RADAR_CACHE_DIR: path.join(home, 'cache') };
}

/** The words of a command line as pre-commit splits an entry (shlex): spaces, and single- or double-quoted runs. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  for (const m of line.matchAll(/'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g)) words.push(m[1] ?? m[2]?.replace(/\\(.)/g, '$1') ?? m[3]);
  return words;
}

describe('the npm tarball (npm run pack)', function () {
  this.timeout(300_000);
  let base: string;
  let tarball: string;
  let files: string[];

  before(() => {
    assertFreshBuild();
    base = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-install-'));
    tarball = execFileSync(process.execPath, [path.join(REPO, 'scripts', 'pack.mjs'), '--no-build', '--destination', base], { cwd: REPO, encoding: 'utf8' }).trim();
    files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').map((f) => f.replace(/^package\//, '')).sort();
  });
  after(() => {
    if (base) rmSync(base, { recursive: true, force: true });
  });

  it('holds only what the CLI runs: bundles, grammars, rule pages, schemas, licence and notices', () => {
    const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
    assert.equal(path.basename(tarball), `outage-radar-${manifest.version}.tgz`);
    for (const f of ['package.json', 'dist/cli.js', 'dist/scanWorker.js', 'dist/server.js', 'dist/web-tree-sitter.wasm', 'dist/tree-sitter-python.wasm', 'dist/tree-sitter-terraform.wasm', 'docs/rules/README.md', 'docs/rules/sdk-literal-region.md', 'schemas/dependency-map.schema.json', 'schemas/outage-radar.schema.json', 'LICENSE', 'README.md', 'ThirdPartyNotices.txt']) {
      assert.ok(files.includes(f), `${f} is not in the tarball`);
    }
    const unexpected = files.filter((f) => !/^(dist\/[\w.-]+\.(js|wasm|LEGAL\.txt)|docs\/rules\/[\w.-]+\.md|schemas\/[\w.-]+\.json|package\.json|LICENSE|README\.md|CHANGELOG\.md|ThirdPartyNotices\.txt)$/.test(f));
    assert.deepEqual(unexpected, []);
    // The extension's bundles and every source map stay out.
    assert.equal(files.some((f) => f.endsWith('.map') || f === 'dist/extension.js' || f === 'dist/webview.js'), false);
  });

  it('declares no dependency and no install or build script, and a bin, engines and repository', () => {
    const packed = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
    assert.equal(packed.dependencies, undefined);
    assert.equal(packed.scripts, undefined);
    assert.equal(packed.private, undefined);
    assert.deepEqual(packed.bin, { 'outage-radar': 'dist/cli.js' });
    assert.deepEqual(packed.engines, { node: '>=20.19' });
    assert.match(String((packed.repository as { url: string }).url), /github\.com\/outage-radar\/outage-radar/);
  });

  it('installs offline into an empty prefix, and the installed outage-radar scans a workspace', () => {
    const home = path.join(base, 'home');
    const prefix = path.join(base, 'prefix');
    const env = userEnv(home);
    const install = spawnSync(npm, ['install', '-g', tarball, '--prefix', prefix, '--offline', '--no-audit', '--no-fund'], { encoding: 'utf8', env });
    assert.equal(install.status, 0, `${install.stdout}\n${install.stderr}`);
    const bin = path.join(prefix, 'bin', 'outage-radar');
    assert.ok(existsSync(bin), `${bin} was not installed`);
    assert.equal(existsSync(path.join(prefix, 'lib', 'node_modules', 'outage-radar', 'node_modules')), false, 'nothing was installed beside the package');

    const workspace = path.join(base, 'workspace');
    cpSync(path.join(REPO, 'examples'), workspace, { recursive: true });
    const version = spawnSync(bin, ['--version'], { cwd: workspace, encoding: 'utf8', env });
    assert.equal(version.stdout.trim(), JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version);
    const scan = spawnSync(bin, ['scan', '.', '--format', 'json'], { cwd: workspace, encoding: 'utf8', env });
    assert.equal(scan.status, 0, scan.stderr);
    const map = JSON.parse(scan.stdout) as { dependencies: Array<{ file: string; origin?: string }>; findings: Array<{ ruleId: string }> };
    // The wasm grammars load from the installed package: Terraform and Python files are scanned.
    assert.ok(map.dependencies.some((d) => d.file.endsWith('.tf')), 'no Terraform dependency');
    assert.ok(map.dependencies.some((d) => d.file.endsWith('.py')), 'no Python dependency');
    assert.ok(map.findings.some((f) => f.ruleId === 'sdk-literal-region'));
    // --fail-on works, and the rule links point at the pages installed with the package.
    assert.equal(spawnSync(bin, ['scan', '.', '--fail-on', 'high'], { cwd: workspace, encoding: 'utf8', env }).status, 1);
    const sarif = JSON.parse(spawnSync(bin, ['scan', '.', '--format', 'sarif'], { cwd: workspace, encoding: 'utf8', env }).stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri: string }> } } }> };
    const installedDocs = pathToFileURL(path.join(prefix, 'lib', 'node_modules', 'outage-radar', 'docs', 'rules')).href;
    for (const rule of sarif.runs[0].tool.driver.rules) {
      assert.equal(rule.helpUri, `${installedDocs}/${rule.id}.md`);
      assert.ok(existsSync(fileURLToPath(rule.helpUri)), rule.helpUri);
    }
  });

  it('runs as the pre-commit hook runs it: the entry over the staged files its pattern selects', () => {
    const home = path.join(base, 'home-hook');
    const prefix = path.join(base, 'prefix-hook');
    const env = userEnv(home);
    assert.equal(spawnSync(npm, ['install', '-g', tarball, '--prefix', prefix, '--offline', '--no-audit', '--no-fund'], { encoding: 'utf8', env }).status, 0);
    const [hook] = parse(readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; entry: string; language: string; files: string; pass_filenames: boolean; require_serial: boolean }>;
    assert.deepEqual([hook.id, hook.language, hook.pass_filenames, hook.require_serial], ['outage-radar', 'node', true, true]);
    const pattern = new RegExp(hook.files);
    const selected = (names: string[]) => names.filter((n) => pattern.test(n));
    assert.deepEqual(
      selected(['infra/terraform/main.tf', 'shop-api/template.yaml', 'workers/billing.py', 'src/app.ts', 'Dockerfile', 'api.Dockerfile', '.env.production', '.aws/config', 'README.md', 'media/logo.png', 'docs/notes.txt']),
      ['infra/terraform/main.tf', 'shop-api/template.yaml', 'workers/billing.py', 'src/app.ts', 'Dockerfile', 'api.Dockerfile', '.env.production', '.aws/config'],
    );
    const workspace = path.join(base, 'hooked');
    cpSync(path.join(REPO, 'examples'), workspace, { recursive: true });
    const [command, ...entryArgs] = shellWords(hook.entry);
    const hookEnv = { ...env, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${env.PATH}` };
    // pre-commit runs the entry's words (no shell) followed by the selected file names, from the repository root.
    const commit = (files: string[]) => spawnSync(command, [...entryArgs, ...selected(files)], { cwd: workspace, encoding: 'utf8', env: hookEnv });
    // A staged handler that pins its client to us-east-1 in code, and a README: blocked.
    const pinned = commit(['shop-api/src/handlers/payments.ts', 'README.md']);
    assert.equal(pinned.status, 1, pinned.stdout + pinned.stderr);
    assert.match(pinned.stdout, /sdk-literal-region/);
    // One staged file still reads the repository's configuration (here: the rules that report it
    // at high switched off, single-region-workspace too, as it judges only the files passed).
    writeFileSync(path.join(workspace, '.outage-radar.yaml'), 'rules:\n  sdk-literal-region: off\n  hardcoded-regional-endpoint: off\n  single-region-workspace: off\n');
    const configured = commit(['shop-api/src/handlers/payments.ts']);
    assert.equal(configured.status, 0, configured.stdout + configured.stderr);
    // A staged file with nothing at or above high: the commit goes through.
    rmSync(path.join(workspace, '.outage-radar.yaml'));
    writeFileSync(path.join(workspace, 'tools.py'), 'import csv\n\nprint(csv.__name__)\n');
    const clean = commit(['tools.py']);
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  });

  it('plain `npm pack` of the repository (what pre-commit installs) ships the same files', () => {
    const r = spawnSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO, encoding: 'utf8', env: userEnv(path.join(base, 'home2')) });
    assert.equal(r.status, 0, r.stderr);
    const plain = (JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path).sort();
    assert.deepEqual(plain, files.filter((f) => !f.endsWith('/')));
  });
});
