#!/usr/bin/env node
// Bundles the CLI, the language server, the extension and the webview with esbuild into dist/,
// and copies the tree-sitter WebAssembly files the Terraform and Python scanners load at run time.
// `--production` minifies (packaging); `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, chmodSync, readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
mkdirSync('dist', { recursive: true });

const wasm = [
  ['web-tree-sitter/web-tree-sitter.wasm', 'web-tree-sitter.wasm'],
  ['@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm', 'tree-sitter-terraform.wasm'],
  ['@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm', 'tree-sitter-hcl.wasm'],
  ['tree-sitter-python/tree-sitter-python.wasm', 'tree-sitter-python.wasm'],
];
for (const [from, to] of wasm) copyFileSync(require.resolve(from), path.join('dist', to));

// The scan cache is tied to this hash of the engine's sources, so a changed scanner never reads old results.
function engineBuildHash() {
  const hash = createHash('sha1');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.(ts|json)$/.test(entry.name)) hash.update(p).update(readFileSync(p));
    }
  };
  walk('src/core');
  walk('src/node');
  hash.update(readFileSync('package-lock.json'));
  return hash.digest('hex').slice(0, 16);
}

const common = {
  define: { __ENGINE_BUILD__: JSON.stringify(engineBuildHash()) },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  legalComments: 'linked',
  // jsonc-parser's UMD entry requires its modules dynamically, which a bundle cannot follow: prefer ESM builds.
  mainFields: ['module', 'main'],
  // web-tree-sitter's ESM build calls createRequire(import.meta.url), which is undefined in a CommonJS
  // bundle: bundle its CommonJS build instead.
  alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
  // tsx is only used to start TypeScript workers in tests, never from a bundle.
  external: ['tsx', 'tsx/*'],
  logLevel: 'warning',
};

const entries = [
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['src/node/scanWorker.ts'], outfile: 'dist/scanWorker.js' },
  { entryPoints: ['src/client/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', 'tsx', 'tsx/*'] },
  { entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022' },
].filter((e) => existsSync(e.entryPoints[0]));

if (watch) {
  for (const e of entries) await (await esbuild.context({ ...common, ...e })).watch();
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
  if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
}
