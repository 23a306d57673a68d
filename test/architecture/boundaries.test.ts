/**
 * The layering of ARCHITECTURE.md as a test: every import under src/ (static `import`,
 * `export … from`, `require`, dynamic `import()`, `import x = require()`) goes only in an allowed
 * direction. ESLint's path patterns miss a deep relative import such as `../../server/x` from a
 * nested core folder; this reads the resolved target instead of the spelling.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

const REPO = path.resolve(__dirname, '..', '..');

const LAYERS = ['core', 'node', 'server', 'client', 'cli', 'webview', 'shared'] as const;
type Layer = (typeof LAYERS)[number];

/** Which other layers each layer may import (its own is always allowed). */
const ALLOWED: Record<Layer, readonly Layer[]> = {
  core: [],
  node: ['core'],
  server: ['core', 'node', 'shared'],
  client: ['core', 'shared'],
  cli: ['core', 'node'],
  webview: ['core', 'shared'],
  shared: ['core'],
};

const NODE_BUILTINS = new Set(builtinModules);
/** Packages `src/core` may not use: it is pure (text in, data out) and runs in a browser. */
function forbiddenInCore(specifier: string): string | undefined {
  const bare = specifier.replace(/^node:/, '').split('/')[0];
  if (specifier.startsWith('node:') || NODE_BUILTINS.has(bare)) return 'a Node built-in';
  if (specifier === 'vscode') return 'the VS Code API';
  if (/^vscode-(languageserver|languageclient|jsonrpc)/.test(specifier)) return 'the LSP';
  if (specifier.startsWith('@aws-sdk/') || specifier === 'aws-sdk') return 'the AWS SDK';
  return undefined;
}

export interface SourceFile {
  /** repository-relative, e.g. `src/core/analysis.ts` */
  path: string;
  text: string;
}

function layerOf(file: string): Layer | undefined {
  const [top, layer] = file.split('/');
  return top === 'src' && (LAYERS as readonly string[]).includes(layer) ? (layer as Layer) : undefined;
}

/** Every module specifier a file imports, whatever the syntax. */
export function importsOf(text: string): string[] {
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles.map((f) => f.fileName);
}

/** One line per import that breaks the layering (empty when the tree is clean). */
export function boundaryViolations(files: readonly SourceFile[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    const from = layerOf(file.path);
    if (!from) continue;
    for (const specifier of importsOf(file.text)) {
      if (specifier.startsWith('.')) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file.path), specifier));
        const to = layerOf(target);
        // The package's own manifest (name, version) is data every layer above core may read.
        if (target === 'package.json' && from !== 'core') continue;
        if (!to) out.push(`${file.path}: imports ${specifier}, outside src/`);
        else if (to !== from && !ALLOWED[from].includes(to)) out.push(`${file.path}: ${from} may not import ${to} (${specifier})`);
      } else if (from === 'core') {
        const what = forbiddenInCore(specifier);
        if (what) out.push(`${file.path}: core may not import ${what} (${specifier})`);
      }
    }
  }
  return out;
}

function sourcesUnder(dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  for (const entry of readdirSync(path.join(REPO, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sourcesUnder(rel));
    else if (/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(entry.name)) out.push({ path: rel, text: readFileSync(path.join(REPO, rel), 'utf8') });
  }
  return out;
}

describe('import boundaries', () => {
  it('every import under src/ goes in an allowed direction', () => {
    const files = sourcesUnder('src');
    assert.ok(files.length > 100, 'the walk found the sources');
    assert.ok(files.some((f) => f.path.startsWith('src/core/scanners/')), 'nested folders are walked');
    assert.deepEqual(boundaryViolations(files), []);
  });

  it('reads static, re-export, require, dynamic and import-equals forms', () => {
    const text = [
      "import { a } from './a';",
      "import type { B } from '../b';",
      "export { c } from './c';",
      "export * from './d';",
      "const e = require('./e');",
      "const f = await import('./f');",
      "import g = require('./g');",
      "// import { h } from './h';",
    ].join('\n');
    assert.deepEqual(importsOf(text).sort(), ['../b', './a', './c', './d', './e', './f', './g']);
  });

  it('fails on a deep relative import from core into the server, and on its allowed neighbour passes', () => {
    const wrong = { path: 'src/core/resolve/deep/pass.ts', text: "import { uriOfFile } from '../../../server/locations';\n" };
    const right = { path: 'src/core/resolve/deep/pass.ts', text: "import { folderOf } from '../../../core/paths';\n" };
    assert.deepEqual(boundaryViolations([wrong]), ['src/core/resolve/deep/pass.ts: core may not import server (../../../server/locations)']);
    assert.deepEqual(boundaryViolations([right]), []);
  });

  it('fails on each forbidden direction and allows the listed ones', () => {
    const cases: Array<[string, string, boolean]> = [
      ['src/node/scan.ts', '../server/workspace', false],
      ['src/node/scan.ts', '../core/model', true],
      ['src/cli/main.ts', '../server/workspace', false],
      ['src/cli/main.ts', '../shared/settings', false],
      ['src/cli/main.ts', '../node/workspaceIndex', true],
      ['src/client/extension.ts', '../node/workspaceIndex', false],
      ['src/client/extension.ts', '../shared/protocol', true],
      ['src/webview/main.ts', '../node/readSource', false],
      ['src/webview/main.ts', '../core/render/reportData', true],
      ['src/shared/protocol.ts', '../server/workspace', false],
      ['src/shared/protocol.ts', '../core/model', true],
      ['src/server/connection.ts', '../client/extension', false],
      ['src/server/connection.ts', '../node/workspaceIndex', true],
      ['src/core/analysis.ts', '../../test/support/ruleTester', false],
      ['src/core/version.ts', '../../package.json', false],
      ['src/cli/version.ts', '../../package.json', true],
    ];
    for (const [file, specifier, allowed] of cases) {
      const violations = boundaryViolations([{ path: file, text: `export * from '${specifier}';\n` }]);
      assert.equal(violations.length === 0, allowed, `${file} → ${specifier}: ${violations.join('; ')}`);
    }
  });

  it('keeps core free of Node, VS Code, the LSP and the AWS SDK, through every import form', () => {
    const bad = ["import fs from 'node:fs';", "const p = require('path');", "void import('vscode');", "import { createConnection } from 'vscode-languageserver/node';", "export { S3Client } from '@aws-sdk/client-s3';"];
    for (const line of bad) assert.equal(boundaryViolations([{ path: 'src/core/x.ts', text: line }]).length, 1, line);
    // The same imports are fine above core, and core may use pure libraries.
    assert.deepEqual(boundaryViolations(bad.map((text) => ({ path: 'src/node/x.ts', text }))), []);
    assert.deepEqual(boundaryViolations([{ path: 'src/core/x.ts', text: "import { parse } from 'yaml';" }]), []);
  });
});
