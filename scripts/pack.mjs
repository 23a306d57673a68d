#!/usr/bin/env node
// `npm run pack`: the command-line tool as an npm tarball (outage-radar-<version>.tgz) that
// installs anywhere with `npm install -g ./outage-radar-<version>.tgz`, offline, and runs
// `outage-radar scan`.
//
// Why not plain `npm pack` of the repository: the repository's package.json is the VS Code
// extension's manifest. Its `dependencies` are what esbuild bundles into dist/ (and what
// ThirdPartyNotices.txt lists), so a tarball declaring them makes `npm install` fetch packages from
// the registry that the CLI never loads. Plain `npm pack` still ships only the run-time files
// (.npmignore; package.json cannot have `files`, which vsce refuses beside .vscodeignore), and it is
// what pre-commit's `language: node` installs; this script stages the same files with a manifest
// of their own — `bin`, `engines`, `files`, no dependencies, no scripts (nothing is built on the
// user's machine) — so the tarball installs offline.
//
// Usage: node scripts/pack.mjs [--no-build] [--destination DIR]
//   --no-build       pack the bundles already in dist/ (the tests, after `npm test` built them);
//                    by default a production build (minified, no source maps) is made first
//   --destination    where the .tgz goes (default: the repository root)
// Prints the tarball's path.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const build = !args.includes('--no-build');
const destIndex = args.indexOf('--destination');
const destination = path.resolve(destIndex >= 0 ? args[destIndex + 1] ?? '' : REPO);

/** What the CLI reads at run time: its bundle, the scan worker, the language server, the grammars, the rule pages and the schemas. */
const BUNDLES = ['cli.js', 'typescript.js', 'scanWorker.js', 'server.js'];
const RUNTIME_FILES = [
  ...BUNDLES.map((b) => `dist/${b}`),
  ...BUNDLES.map((b) => `dist/${b}.LEGAL.txt`),
  'dist/web-tree-sitter.wasm',
  'dist/tree-sitter-terraform.wasm',
  'dist/tree-sitter-hcl.wasm',
  'dist/tree-sitter-python.wasm',
  'docs/rules/',
  'schemas/',
  'LICENSE',
  'README.md',
  'CHANGELOG.md',
  'ThirdPartyNotices.txt',
];

if (build) execFileSync(process.execPath, [path.join(REPO, 'scripts', 'build.mjs'), '--production'], { cwd: REPO, stdio: 'inherit' });

const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const stage = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-pack-'));
try {
  for (const rel of RUNTIME_FILES) {
    const from = path.join(REPO, rel);
    if (!existsSync(from)) throw new Error(`${rel} is missing${rel.startsWith('dist/') ? ': run npm run build' : ''}`);
    mkdirSync(path.dirname(path.join(stage, rel)), { recursive: true });
    cpSync(from, path.join(stage, rel), { recursive: true });
  }
  const cliManifest = {
    name: manifest.name,
    version: manifest.version,
    description: manifest.description,
    license: manifest.license,
    keywords: manifest.keywords,
    homepage: manifest.homepage,
    bugs: manifest.bugs,
    repository: manifest.repository,
    bin: manifest.bin,
    engines: { node: manifest.engines.node },
    files: RUNTIME_FILES,
  };
  writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(cliManifest, null, 2)}\n`);
  mkdirSync(destination, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const out = execFileSync(npm, ['pack', '--json', '--pack-destination', destination], { cwd: stage, encoding: 'utf8', shell: process.platform === 'win32' });
  const [{ filename }] = JSON.parse(out);
  process.stdout.write(`${path.join(destination, filename)}\n`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
