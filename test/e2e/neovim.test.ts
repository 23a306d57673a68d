/**
 * A second LSP editor: Debian's Neovim 0.7 (E2E.md) runs `node dist/server.js --stdio` headless
 * on a copy of the language-server fixture (a SAM service: handlers with pinned SDK clients, the
 * template, samconfig.toml) and prints what it received. Neovim detects no file types here (`-u
 * NONE`), so the server must recognise the format by name and content, and only pushed
 * diagnostics reach it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import { ARTIFACTS, installToolchain, REPO, SHARED_E2E } from './support/harness';

function probe(root: string, file: string, line: number, column: number): string {
  const run = spawnSync('bash', [path.join(SHARED_E2E, 'nvim', 'run.sh'), path.join(root, file)], {
    env: { ...process.env, LSP_CMD: `node ${path.join(REPO, 'dist', 'server.js')} --stdio`, ROOT_DIR: root, HOVER_LINE: String(line), HOVER_COL: String(column) },
    encoding: 'utf8',
    timeout: 120_000,
  });
  const out = `${run.stdout}\n${run.stderr}`;
  writeFileSync(path.join(ARTIFACTS, `neovim-${path.basename(file)}.txt`), out);
  assert.equal(run.status, 0, out);
  return run.stdout;
}

describe('Neovim as the LSP client', function () {
  this.timeout(300_000);
  let root: string;

  before(() => {
    installToolchain();
    const build = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    root = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-nvim-'));
    cpSync(path.join(REPO, 'test', 'fixtures', 'lsp', 'orders-service'), root, { recursive: true });
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it('shows diagnostics that name the region, and a hover that says where the region came from', () => {
    // src/payments.ts line 4: `const secrets = new SecretsManagerClient({ region: REGION });`, REGION = "us-east-1" on line 3.
    const out = probe(root, 'src/payments.ts', 4, 25);
    assert.match(out, /^DIAGNOSTICS received: true$/m);
    assert.match(out, /^DIAG 4:17 sev=2 SecretsManagerClient is pinned to us-east-1/m);
    const hover = /^HOVER: (.*)$/m.exec(out)?.[1] ?? '';
    assert.match(hover, /\*\*Region:\*\* `us-east-1` — from a constant traced to its literal/);
    assert.match(hover, /\[src\/payments\.ts:3\]\(file:\/\/[^)]+payments\.ts#L3\)/);
    // A code file's outline is the language's own: Outage Radar adds no symbols there (ARCHITECTURE.md "The editor").
    assert.doesNotMatch(out, /^SYMBOL: /m);
  });

  it('follows the literal in a handler: diagnostics on open, the region in the hover', () => {
    const out = probe(root, 'src/orders.ts', 4, 20);
    assert.match(out, /^DIAG 4:16 sev=2 DynamoDBClient is pinned to us-east-1/m);
    const hover = /^HOVER: (.*)$/m.exec(out)?.[1] ?? '';
    assert.match(hover, /\*\*Region:\*\* `us-east-1` — written as a literal here/);
    assert.doesNotMatch(out, /^SYMBOL: /m);
  });

  it('recognises a SAM template by its content and hovers on a resource with the trace to samconfig.toml', () => {
    const out = probe(root, 'template.yaml', 29, 5);
    assert.match(out, /^DIAG 29:3 sev=2 DynamoDB table OrdersTable exists only in us-east-1/m);
    const hover = /^HOVER: (.*)$/m.exec(out)?.[1] ?? '';
    assert.match(hover, /OrdersTable/);
    assert.match(hover, /from the deploy configuration/);
    assert.match(hover, /\[samconfig\.toml:7\]/);
    assert.match(out, /^SYMBOL: OrdersTable$/m);
  });
});
