/** Runs the built CLI (dist/cli.js) as a user would: a separate Node process, output captured. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertFreshBuild } from './build';

export const REPO = path.resolve(__dirname, '..', '..');
export const CLI = path.join(REPO, 'dist', 'cli.js');

/** Fails unless dist/ is built and newer than src/ (`npm test` builds before mocha; on its own, run npm run build). */
export function ensureBuilt(): void {
  assertFreshBuild();
}

/** Tests never write to the user's cache folder. */
const CACHE_DIR = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-cache-'));

export function runCli(args: string[], cwd = REPO, env: NodeJS.ProcessEnv = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', AWS_EC2_METADATA_DISABLED: 'true', OUTAGE_RADAR_CACHE_DIR: CACHE_DIR, ...env }, timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
