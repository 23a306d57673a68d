/**
 * Runs the built CLI (dist/cli.js) as a separate process, as test/support/cli.ts does, and also
 * records the process's peak resident memory (through the preloaded recordPeakMemory.cjs), so
 * that the pathological-workspace tests bound memory rather than time. Output goes to files, not
 * pipes, so that a large report cannot fill a buffer. `asUser` runs the CLI under another uid
 * (`setpriv`), for folders that root could read whatever their mode.
 */
import { spawn } from 'node:child_process';
import { chmodSync, closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI } from '../support/cli';

export interface MeasuredRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** peak resident set size of the CLI process, bytes (undefined if it died before exiting) */
  peakRssBytes?: number;
}

export const PRELOAD = path.join(__dirname, 'recordPeakMemory.cjs');
/** A watchdog, not a timing assertion: generous enough for a loaded two-core machine. */
export const CLI_WATCHDOG_MS = 240_000;

export async function runCliMeasured(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; asUser?: number; watchdogMs?: number }): Promise<MeasuredRun> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-run-'));
  const stdoutFile = path.join(scratch, 'stdout');
  const stderrFile = path.join(scratch, 'stderr');
  const rssFile = path.join(scratch, 'rss');
  const out = openSync(stdoutFile, 'w');
  const err = openSync(stderrFile, 'w');
  const nodeArgs = ['--require', PRELOAD, CLI, ...args];
  const [command, commandArgs] = options.asUser === undefined
    ? [process.execPath, nodeArgs]
    : ['setpriv', [`--reuid=${options.asUser}`, `--regid=${options.asUser}`, '--clear-groups', process.execPath, ...nodeArgs]];
  // Another user writes its measurements (and its cache) into this folder.
  if (options.asUser !== undefined) chmodSync(scratch, 0o777);
  const env = {
    ...process.env,
    NO_COLOR: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
    OUTAGE_RADAR_CACHE_DIR: path.join(scratch, 'cache'),
    OUTAGE_RADAR_TEST_PEAK_RSS_FILE: rssFile,
    ...options.env,
  };
  try {
    const child = spawn(command, commandArgs, { cwd: options.cwd, env, stdio: ['ignore', out, err] });
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), options.watchdogMs ?? CLI_WATCHDOG_MS);
      child.on('exit', (c, s) => {
        clearTimeout(timer);
        resolve({ code: c, signal: s });
      });
    });
    let peakRssBytes: number | undefined;
    try {
      peakRssBytes = Number(readFileSync(rssFile, 'utf8'));
    } catch {
      peakRssBytes = undefined;
    }
    return { code, signal, stdout: readFileSync(stdoutFile, 'utf8'), stderr: readFileSync(stderrFile, 'utf8'), peakRssBytes };
  } finally {
    closeSync(out);
    closeSync(err);
    rmSync(scratch, { recursive: true, force: true });
  }
}

export const MiB = 1024 * 1024;
/** The memory bound every pathological workspace must stay under. */
export const MEMORY_BOUND_BYTES = 1024 * MiB;
