/**
 * Whole-process timing: spawns a command and measures the wall time from spawn to exit (Node's
 * start-up included) and, through GNU time (`/usr/bin/time -f %M`, Debian package `time`), the
 * peak resident set size of the process — every thread of it, scan workers included — and its
 * CPU time (user + system), which a busy machine disturbs less than the wall time.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const GNU_TIME = '/usr/bin/time';

export interface ProcessRun {
  wallMs: number;
  /** peak RSS in MiB, or null without GNU time */
  maxRssMb: number | null;
  /** user + system CPU time in ms (GNU time), or null without it: steadier than wall time on a busy machine */
  cpuMs: number | null;
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** measure peak RSS with GNU time (default: when it is installed) */
  rss?: boolean;
  timeoutMs?: number;
  /** keep stdout (default: drop it, some tools print a lot) */
  keepStdout?: boolean;
}

export function hasGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

export function runProcess(command: string, args: readonly string[], options: RunOptions = {}): Promise<ProcessRun> {
  const withRss = (options.rss ?? true) && hasGnuTime();
  const scratch = withRss ? mkdtempSync(path.join(os.tmpdir(), 'outage-radar-bench-')) : undefined;
  const rssFile = scratch ? path.join(scratch, 'rss') : undefined;
  const [cmd, argv] = rssFile ? [GNU_TIME, ['-f', '%M %U %S', '-o', rssFile, command, ...args]] : [command, [...args]];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, argv, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      if (options.keepStdout) stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      if (stderr.length < 20000) stderr += c.toString();
    });
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      if (timer) clearTimeout(timer);
      let maxRssMb: number | null = null;
      let cpuMs: number | null = null;
      if (rssFile && existsSync(rssFile)) {
        // GNU time may print "Command exited with non-zero status N" first: the figures are the last line.
        const [kb, user, system] = (readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
        if (Number.isFinite(kb)) maxRssMb = kb / 1024;
        if (Number.isFinite(user) && Number.isFinite(system)) cpuMs = (user + system) * 1000;
      }
      if (scratch) rmSync(scratch, { recursive: true, force: true });
      resolve({ wallMs, maxRssMb, cpuMs, code, stdout, stderr });
    });
  });
}

/** The first line a command prints for `--version`, or null when it is not installed. */
export async function versionOf(command: string, args: string[] = ['--version']): Promise<string | null> {
  try {
    const run = await runProcess(command, args, { rss: false, keepStdout: true, timeoutMs: 30000 });
    return run.code === 0 ? (run.stdout.trim().split('\n')[0] ?? '') : null;
  } catch {
    return null;
  }
}
