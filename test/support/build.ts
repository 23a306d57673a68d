/**
 * Builds dist/ once per test process: the language-server and package tests run the bundles (the
 * server as editors start it, the .vsix as it ships), and must not run stale ones when a test
 * file is run on its own. `npm test` has just built; a second build is cheap but not free.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');
let built = false;

export function buildOnce(): void {
  if (built) return;
  const run = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, encoding: 'utf8' });
  assert.equal(run.status, 0, `scripts/build.mjs failed:\n${run.stderr}`);
  built = true;
}
