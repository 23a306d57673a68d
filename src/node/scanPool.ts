/**
 * A pool of `worker_threads` that runs file jobs in parallel, sized to the machine's cores. Used
 * for cold scans of many files; a handful of files is cheaper to scan in the calling thread.
 *
 * Workers can be started before the jobs are known ({@link ScanPool.start}): loading a worker's
 * parsers takes a good part of a second, and the index starts them as soon as the walk has seen
 * enough files, so that the loading overlaps the rest of the walk. Jobs go out in batches, two
 * per worker in flight, so that a worker never waits for the main thread between batches and a
 * slow file does not hold up a whole share of the workspace.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileJob, FileJobOptions, FileJobOutcome } from './scanFileJob';
import type { WorkerRequest, WorkerResponse } from './scanWorker';

const BATCH = 32;
/** Batches each worker holds at once: one it works on, one waiting. */
const IN_FLIGHT = 2;

/** The worker script: the bundle beside this one, or the TypeScript source under tsx (tests). */
function workerEntry(): { file: string; execArgv: string[] } | undefined {
  const bundled = path.join(__dirname, 'scanWorker.js');
  if (existsSync(bundled)) return { file: bundled, execArgv: [] };
  const source = path.join(__dirname, 'scanWorker.ts');
  if (existsSync(source)) return { file: source, execArgv: ['--require', require.resolve('tsx/cjs')] };
  return undefined;
}

/** Profiling flags of this process (`node --cpu-prof …`) carry over to the workers, so that a profile shows where the scan's time goes. */
function inheritedProfilingFlags(): string[] {
  return process.execArgv.filter((a) => a.startsWith('--cpu-prof') || a.startsWith('--heap-prof'));
}

export function poolSize(): number {
  return Math.max(1, Math.min(8, (os.availableParallelism?.() ?? os.cpus().length)));
}

export function canUseWorkers(): boolean {
  return workerEntry() !== undefined;
}

interface PoolWorker {
  worker: Worker;
  inFlight: number;
  failed?: Error;
}

export class ScanPool {
  private workers: PoolWorker[] = [];
  private closed = false;

  constructor(private readonly options: FileJobOptions, private readonly size = poolSize()) {}

  /** Starts the workers (they begin loading their parsers); idempotent. */
  start(count = this.size): this {
    if (this.closed || this.workers.length > 0) return this;
    const entry = workerEntry();
    if (!entry) throw new Error('scan worker script not found');
    benchMarker('workers-started');
    for (let i = 0; i < Math.max(1, Math.min(count, this.size)); i++) {
      const worker = new Worker(entry.file, { workerData: this.options, execArgv: [...entry.execArgv, ...inheritedProfilingFlags()] });
      const w: PoolWorker = { worker, inFlight: 0 };
      // Listeners for the worker's whole life: an 'error' event without one would end the process.
      worker.on('error', (error) => this.fail(w, error));
      worker.on('exit', (code) => {
        if (code !== 0 && !this.closed) this.fail(w, new Error(`scan worker exited with code ${code}`));
      });
      this.workers.push(w);
    }
    return this;
  }

  get started(): boolean {
    return this.workers.length > 0;
  }

  private fail(w: PoolWorker, error: Error): void {
    w.failed ??= error;
    this.onFailure?.(error);
  }

  private onFailure: ((error: Error) => void) | undefined;

  /** Runs the jobs on the workers; resolves when every outcome has been delivered (or on abort). */
  run(jobs: readonly FileJob[], onOutcome: (o: FileJobOutcome) => void, signal?: AbortSignal): Promise<void> {
    if (jobs.length === 0) return Promise.resolve();
    this.start(Math.ceil(jobs.length / BATCH));
    const failed = this.workers.find((w) => w.failed)?.failed;
    if (failed) return Promise.reject(failed);
    let next = 0;
    let id = 0;
    let pending = 0;
    return new Promise<void>((resolve, reject) => {
      const handlers = new Map<PoolWorker, (response: WorkerResponse) => void>();
      let settled = false;
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        this.onFailure = undefined;
        for (const [w, handler] of handlers) w.worker.off('message', handler);
        if (error) reject(error);
        else resolve();
      };
      this.onFailure = finish;
      const send = (w: PoolWorker) => {
        while (w.inFlight < IN_FLIGHT && next < jobs.length && !signal?.aborted) {
          const batch = jobs.slice(next, next + BATCH);
          next += batch.length;
          w.inFlight++;
          pending++;
          w.worker.postMessage({ id: ++id, jobs: batch } satisfies WorkerRequest);
        }
      };
      for (const w of this.workers) {
        const handler = (response: WorkerResponse) => {
          w.inFlight--;
          pending--;
          if (!settled) for (const o of response.outcomes) onOutcome(o);
          send(w);
          if (pending === 0 && (next >= jobs.length || signal?.aborted)) finish();
        };
        handlers.set(w, handler);
        w.worker.on('message', handler);
      }
      for (const w of this.workers) send(w);
      if (pending === 0) finish();
    });
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    this.closed = true;
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.worker.terminate()));
    if (workers.length > 0) benchMarker('workers-stopped');
  }
}

/**
 * The bench (bench/run.ts) splits a scan's memory into phases — before the workers, while they
 * scan, after them — by these lines on stderr, printed only when it asks for them.
 */
function benchMarker(name: string): void {
  if (process.env.OUTAGE_RADAR_BENCH_PHASES === '1') process.stderr.write(`outage-radar-bench: ${name}\n`);
}

export async function runInPool(jobs: FileJob[], options: FileJobOptions, onOutcome: (o: FileJobOutcome) => void, signal?: AbortSignal): Promise<void> {
  const pool = new ScanPool(options, Math.min(poolSize(), Math.ceil(jobs.length / BATCH)));
  try {
    await pool.run(jobs, onOutcome, signal);
  } finally {
    await pool.close();
  }
}
