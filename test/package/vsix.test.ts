/**
 * The packaged extension: `vsce package` with the flags of `npm run package` (over a development
 * build, to keep this fast; `npm run package` minifies first), then the .vsix's file list checked
 * against the allow-list: bundles, grammars, icon, rule docs and schema in; sources, tests,
 * fixtures, examples, node_modules, source maps and TypeScript out.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildOnce } from '../support/build';
import { listZip, readZipEntry } from '../support/zip';

const REPO = path.resolve(__dirname, '..', '..');

describe('the .vsix package', function () {
  this.timeout(180_000);
  let dir: string;
  let names: string[];
  let buffer: Buffer;

  before(() => {
    buildOnce();
    const script: string = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).scripts.package;
    const vsceArgs = script.slice(script.indexOf('vsce package') + 'vsce package'.length).replace(/\s-o\s+\S+/, '').trim().split(/\s+/);
    dir = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-vsix-'));
    const vsix = path.join(dir, 'outage-radar.vsix');
    const vsce = path.join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce');
    const run = spawnSync(process.execPath, [vsce, 'package', ...vsceArgs, '-o', vsix], { cwd: REPO, encoding: 'utf8' });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    buffer = readFileSync(vsix);
    names = listZip(buffer).map((e) => e.name);
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('contains the bundles, the grammars, the icon, the rule documentation and the schema', () => {
    for (const required of [
      'extension/package.json',
      'extension/readme.md',
      'extension/changelog.md',
      'extension/LICENSE.txt',
      'extension/dist/extension.js',
      'extension/dist/server.js',
      'extension/dist/cli.js',
      'extension/dist/web-tree-sitter.wasm',
      'extension/dist/tree-sitter-terraform.wasm',
      'extension/dist/tree-sitter-python.wasm',
      'extension/media/icon.png',
      'extension/schemas/outage-radar.schema.json',
    ]) {
      assert.ok(names.includes(required), `${required} missing from the .vsix`);
    }
    const docs = readdirSync(path.join(REPO, 'docs', 'rules')).filter((f) => f.endsWith('.md'));
    assert.ok(docs.length > 0);
    for (const doc of docs) assert.ok(names.includes(`extension/docs/rules/${doc}`), `docs/rules/${doc} missing`);
  });

  it('contains no sources, tests, fixtures, examples, dependencies or source maps', () => {
    const forbidden = names.filter((n) =>
      /^extension\/(src|test|examples|node_modules|scripts|bench|\.ci|\.github)\//.test(n) || /\/fixtures\//.test(n) || /\.(ts|map|mjs)$/.test(n) || /tsconfig|eslint|\.mocharc/.test(n),
    );
    assert.deepEqual(forbidden, []);
  });

  it('ships the Marketplace README and the manifest the extension runs with', () => {
    const entries = listZip(buffer);
    const readme = readZipEntry(buffer, entries.find((e) => e.name === 'extension/readme.md')!).toString('utf8');
    assert.equal(readme, readFileSync(path.join(REPO, 'docs', 'marketplace', 'README.md'), 'utf8'));
    // Screenshots are linked relative to the extension root (the README becomes extension/readme.md).
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length >= 3);
    for (const image of images) assert.ok(names.includes(`extension/${image}`), `${image} is not in the .vsix`);
    const manifest = JSON.parse(readZipEntry(buffer, entries.find((e) => e.name === 'extension/package.json')!).toString('utf8'));
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.icon, 'media/icon.png');
    assert.equal(manifest.publisher, 'outage-radar');
  });
});
