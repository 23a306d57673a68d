/**
 * SECURITY.md "No code from strings": Outage Radar's own code never calls `eval` or
 * `new Function`. Three checks that would each fail if that changed: the lint rules are errors for
 * every source file and do fire; every `eval(` / `new Function(` in the shipped bundles comes
 * (by their source maps) from a dependency, never from src/; and the one dependency path that
 * does evaluate strings — the Emscripten loader in web-tree-sitter, which evaluates JavaScript a
 * side module embeds — never runs, because the grammars shipped embed none.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { ESLint } from 'eslint';
import { ensureBuilt, REPO } from '../support/cli';

const DIST = path.join(REPO, 'dist');
/** The WebAssembly API (the project's TypeScript libraries do not declare it). */
const wasm = (globalThis as unknown as { WebAssembly: { Module: { new (bytes: Uint8Array): object; exports(module: object): Array<{ name: string }> } } }).WebAssembly;
const CODE_FROM_STRINGS = /(?<![\w$.])eval\s*\(|\bnew\s+Function\s*\(/g;

describe('no code from strings (SECURITY.md)', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());

  it('no-eval and no-new-func are errors for every layer, and they fire', async () => {
    const eslint = new ESLint({ cwd: REPO });
    for (const file of ['src/core/model.ts', 'src/node/health/api.ts', 'src/server/connection.ts', 'src/client/extension.ts', 'src/webview/main.ts', 'src/cli/main.ts', 'scripts/build.mjs']) {
      const config = (await eslint.calculateConfigForFile(path.join(REPO, file))) as { rules: Record<string, unknown> };
      for (const rule of ['no-eval', 'no-new-func']) {
        const setting = config.rules[rule];
        const severity = Array.isArray(setting) ? setting[0] : setting;
        assert.ok(severity === 2 || severity === 'error', `${rule} is not an error for ${file}`);
      }
    }
    const [result] = await eslint.lintText("export const a = eval('1');\nexport const b = new Function('return 1');\n", { filePath: path.join(REPO, 'src', 'core', 'probe.ts') });
    assert.deepEqual(result.messages.map((m) => m.ruleId).sort(), ['no-eval', 'no-new-func']);
  });

  it('every eval( and new Function( in the shipped bundles comes from a dependency, not from src/', () => {
    const bundles = readdirSync(DIST).filter((f) => f.endsWith('.js'));
    assert.ok(bundles.includes('extension.js') && bundles.includes('server.js') && bundles.includes('cli.js'));
    let seen = 0;
    for (const bundle of bundles) {
      const text = readFileSync(path.join(DIST, bundle), 'utf8');
      const map = new SourceMap(JSON.parse(readFileSync(path.join(DIST, `${bundle}.map`), 'utf8')));
      const lines = text.split('\n');
      lines.forEach((line, i) => {
        for (const m of line.matchAll(CODE_FROM_STRINGS)) {
          seen++;
          const entry = map.findEntry(i, m.index!) as { originalSource?: string };
          const source = entry.originalSource ?? '(unmapped)';
          assert.ok(source.includes('node_modules/'), `${bundle}:${i + 1}: "${m[0]}" comes from ${source}`);
        }
      });
    }
    // The check looks at something: web-tree-sitter's loader is bundled into the CLI, server and worker.
    assert.ok(seen > 0, 'no occurrence found at all: the pattern is broken');
  });

  it("the grammars shipped embed no JavaScript, so web-tree-sitter's loader never evaluates any", () => {
    const grammars = readdirSync(DIST).filter((f) => f.endsWith('.wasm'));
    assert.deepEqual(grammars.sort(), ['tree-sitter-hcl.wasm', 'tree-sitter-python.wasm', 'tree-sitter-terraform.wasm', 'web-tree-sitter.wasm']);
    for (const file of grammars.filter((f) => f !== 'web-tree-sitter.wasm')) {
      const exports = wasm.Module.exports(new wasm.Module(readFileSync(path.join(DIST, file)))).map((e) => e.name);
      assert.ok(exports.some((name) => name.startsWith('tree_sitter_')), `${file} is not a grammar`);
      // EM_ASM blocks (`__start_em_asm`) and EM_JS functions (`__em_js__*`) are what the loader evaluates.
      assert.deepEqual(exports.filter((name) => name.includes('em_asm') || name.startsWith('__em_js__')), [], `${file} embeds JavaScript`);
    }
  });
});
