/**
 * A second LSP editor: Debian's Neovim 0.7 (E2E.md) runs `node dist/server.js --stdio` headless
 * on a copy of examples/ and prints what it received. Neovim detects no file types here (`-u
 * NONE`), so the server must recognise the format by name and content, and only pushed
 * diagnostics reach it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, installToolchain, REPO, SHARED_E2E, workspaceCopy } from './support/harness';

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
    root = workspaceCopy('nvim');
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it('shows diagnostics that name the region, and a hover that says where the region came from', () => {
    // payments.ts line 10: `const ledger = new DynamoDBClient({` with `region: REGION`, and REGION = 'us-east-1' on line 5.
    const out = probe(root, 'shop-api/src/handlers/payments.ts', 10, 20);
    assert.match(out, /^DIAGNOSTICS received: true$/m);
    assert.match(out, /^DIAG 9:13 sev=2 STSClient is pinned to us-east-1/m);
    assert.match(out, /^DIAG 10:16 sev=2 DynamoDBClient is pinned to us-east-1/m);
    const hover = /^HOVER: (.*)$/m.exec(out)?.[1] ?? '';
    assert.match(hover, /\*\*Region:\*\* `us-east-1` — from a constant traced to its literal/);
    assert.match(hover, /\[shop-api\/src\/handlers\/payments\.ts:5\]\(file:\/\/[^)]+payments\.ts#L5\)/);
    assert.match(out, /^SYMBOL: DynamoDBClient$/m);
  });

  it('recognises a SAM template by its content and hovers on a resource with the trace to samconfig.toml', () => {
    const out = probe(root, 'shop-api/template.yaml', 64, 5);
    assert.match(out, /^DIAG 64:3 sev=2 DynamoDB table OrdersTable exists only in us-east-1/m);
    const hover = /^HOVER: (.*)$/m.exec(out)?.[1] ?? '';
    assert.match(hover, /OrdersTable/);
    assert.match(hover, /from the deploy configuration/);
    assert.match(hover, /\[shop-api\/samconfig\.toml:7\]/);
    assert.match(out, /^SYMBOL: OrdersTable$/m);
  });
});
