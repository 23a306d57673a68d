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
  /** with `sampleRss`: the measured process's resident set size every {@link RSS_SAMPLE_MS} ms */
  rssSamples?: { ms: number; mb: number }[];
  /** with `sampleRss`: the `outage-radar-bench: NAME` lines it printed on stderr, by arrival time */
  markers?: { ms: number; name: string }[];
}

export const RSS_SAMPLE_MS = 100;

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** measure peak RSS with GNU time (default: when it is installed) */
  rss?: boolean;
  timeoutMs?: number;
  /** keep stdout (default: drop it, some tools print a lot) */
  keepStdout?: boolean;
  /** sample the process's RSS from /proc (Linux) and collect its phase markers, for peak RSS by phase */
  sampleRss?: boolean;
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
    const rssSamples: { ms: number; mb: number }[] = [];
    const markers: { ms: number; name: string }[] = [];
    let sampler: NodeJS.Timeout | undefined;
    if (options.sampleRss) {
      child.stderr.on('data', (c: Buffer) => {
        for (const m of c.toString().matchAll(/^outage-radar-bench: (\S+)$/gm)) markers.push({ ms: performance.now() - started, name: m[1] });
      });
      sampler = setInterval(() => {
        const mb = rssOf(measuredPid(child.pid, rssFile !== undefined));
        if (mb !== undefined) rssSamples.push({ ms: performance.now() - started, mb });
      }, RSS_SAMPLE_MS);
    }
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      if (timer) clearTimeout(timer);
      if (sampler) clearInterval(sampler);
      let maxRssMb: number | null = null;
      let cpuMs: number | null = null;
      if (rssFile && existsSync(rssFile)) {
        // GNU time may print "Command exited with non-zero status N" first: the figures are the last line.
        const [kb, user, system] = (readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
        if (Number.isFinite(kb)) maxRssMb = kb / 1024;
        if (Number.isFinite(user) && Number.isFinite(system)) cpuMs = (user + system) * 1000;
      }
      if (scratch) rmSync(scratch, { recursive: true, force: true });
      resolve({ wallMs, maxRssMb, cpuMs, code, stdout, stderr, ...(options.sampleRss ? { rssSamples, markers } : {}) });
    });
  });
}

/** The process to sample: the command itself, or GNU time's child when time wraps it. */
function measuredPid(pid: number | undefined, wrapped: boolean): number | undefined {
  if (pid === undefined || !wrapped) return pid;
  try {
    const child = Number(readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(child) && child > 0 ? child : undefined;
  } catch {
    return undefined;
  }
}

/** VmRSS in MiB from /proc (every thread of the process, workers included), or undefined once it has exited. */
function rssOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
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
