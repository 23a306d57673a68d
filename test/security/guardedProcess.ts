/**
 * Runs the built CLI with the network recorder preloaded (recordNetwork.cjs) and returns its
 * output and every connection and DNS query it attempted, for the security tests.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI } from '../support/cli';

export const NETWORK_RECORDER = path.join(__dirname, 'recordNetwork.cjs');

export type NetworkAttempt = { kind: 'connect'; host: string; port: number } | { kind: 'dns'; method: string; host: string } | { kind: 'ipc'; path: string } | { kind: 'loaded'; pid: number };

export function readNetworkLog(file: string): NetworkAttempt[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as NetworkAttempt);
}

export interface GuardedRun {
  code: number | null;
  stdout: string;
  stderr: string;
  network: NetworkAttempt[];
}

/** The CLI in `cwd` with exactly `env` (plus what Node needs): no variable of the developer's shell leaks in. */
export async function runCliRecorded(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<GuardedRun> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-net-'));
  const log = path.join(scratch, 'network.jsonl');
  try {
    const child = spawn(process.execPath, ['--require', NETWORK_RECORDER, CLI, ...args], {
      cwd,
      env: { PATH: process.env.PATH, HOME: scratch, NO_COLOR: '1', AWS_EC2_METADATA_DISABLED: 'true', OUTAGE_RADAR_CACHE_DIR: path.join(scratch, 'cache'), OUTAGE_RADAR_TEST_NETWORK_LOG: log, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
      child.on('close', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    return { code, stdout, stderr, network: readNetworkLog(log) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
