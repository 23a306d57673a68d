/**
 * A pool of `worker_threads` that runs file jobs in parallel, sized to the machine's cores. Used
 * for cold scans of many files; a handful of files is cheaper to scan in the calling thread.
 *
 * Workers can be started before the jobs are known ({@link ScanPool.start}): loading a worker's
 * parsers takes a good part of a second, and the index starts them as soon as the walk has seen
 * enough files, so that the loading overlaps the rest of the walk. Jobs go out in batches, two
 * per worker in flight, so that a worker never waits for the main thread between batches and a
 * slow file does not hold up a whole share of the workspace.
 *
 * Each worker's JavaScript heap has a limit ({@link workerHeapLimits}), which is what keeps its
 * garbage small. A worker that reaches it is replaced, and the files it held are scanned again one
 * at a time, so that only a file that exhausts a fresh worker on its own is skipped, with a problem.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DEFAULT_MAX_FILE_BYTES } from './readSource';
import type { FileJob, FileJobOptions, FileJobOutcome } from './scanFileJob';
import type { WorkerRequest, WorkerResponse } from './scanWorker';

const BATCH = 32;
/** Batches each worker holds at once: one it works on, one waiting. */
const IN_FLIGHT = 2;

/**
 * A worker's heap limits. V8 lets a heap grow past its live objects by a factor it derives from
 * its limit: about 4 under Node's default limit (a quarter of the machine's memory, up to 4 GB),
 * under 2 below 2 GB. A worker's live heap is about 50 MB (the parsers' code and tables), while
 * each file's syntax tree is garbage once scanned: under the default limit a worker grew to 170 MB
 * at 10k files, nearly all of it garbage. A limit of 1 GB lets it grow to 90 MB, and a young
 * generation of 8 MB (48 MB by default) promotes a little more and frees the rest sooner; both
 * together took the 50k scan's peak from 812 to 528 MB (10k: 630 to 453 MB) with development
 * bundles, from 625 to 421 MB (10k: 456 to 353 MB) with production ones, for about 5 % more
 * CPU. The limit is far above what a file needs: the densest 2 MiB TypeScript file we tried
 * (21,825 SDK calls) scanned within a 256 MB heap. A larger size limit raises it in proportion.
 */
export function workerHeapLimits(maxFileBytes = DEFAULT_MAX_FILE_BYTES): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } {
  return { maxOldGenerationSizeMb: Math.max(1024, Math.ceil((512 * maxFileBytes) / (1024 * 1024))), maxYoungGenerationSizeMb: 8 };
}

/** What a worker that ran out of heap reports (`ERR_WORKER_OUT_OF_MEMORY`). */
function isOutOfMemory(error: Error): boolean {
  return (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
}

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
  /** the batches sent and not yet answered, by request id */
  inFlight: Map<number, FileJob[]>;
  failed?: Error;
}

export class ScanPool {
  private workers: PoolWorker[] = [];
  private closed = false;
  /** workers started to replace one that ran out of memory (the tests read it) */
  replaced = 0;

  constructor(
    private readonly options: FileJobOptions,
    private readonly size = poolSize(),
    private readonly heapLimits = workerHeapLimits(options.maxFileBytes),
  ) {}

  /** Starts the workers (they begin loading their parsers); idempotent. */
  start(count = this.size): this {
    if (this.closed || this.workers.length > 0) return this;
    if (!workerEntry()) throw new Error('scan worker script not found');
    benchMarker('workers-started');
    for (let i = 0; i < Math.max(1, Math.min(count, this.size)); i++) this.spawn();
    return this;
  }

  private spawn(): PoolWorker {
    const entry = workerEntry();
    if (!entry) throw new Error('scan worker script not found');
    const worker = new Worker(entry.file, {
      workerData: this.options,
      execArgv: [...entry.execArgv, ...inheritedProfilingFlags()],
      resourceLimits: this.heapLimits,
    });
    const w: PoolWorker = { worker, inFlight: new Map() };
    // Listeners for the worker's whole life: an 'error' event without one would end the process.
    worker.on('error', (error) => this.fail(w, error));
    worker.on('exit', (code) => {
      if (code !== 0 && !this.closed) this.fail(w, new Error(`scan worker exited with code ${code}`));
    });
    this.workers.push(w);
    return w;
  }

  get started(): boolean {
    return this.workers.length > 0;
  }

  /** A worker's first failure is the one reported (its 'exit' follows its 'error'). */
  private fail(w: PoolWorker, error: Error): void {
    if (w.failed) return;
    w.failed = error;
    this.onFailure?.(w, error);
  }

  private onFailure: ((w: PoolWorker, error: Error) => void) | undefined;

  /**
   * Runs the jobs on the workers; resolves when every outcome has been delivered (or on abort),
   * rejects when a worker fails other than by running out of memory.
   */
  run(jobs: readonly FileJob[], onOutcome: (o: FileJobOutcome) => void, signal?: AbortSignal): Promise<void> {
    if (jobs.length === 0) return Promise.resolve();
    this.start(Math.ceil(jobs.length / BATCH));
    const failed = this.workers.find((w) => w.failed)?.failed;
    if (failed) return Promise.reject(failed);
    let next = 0;
    let id = 0;
    /** batches of a worker that ran out of memory, to be sent again before the rest */
    const requeued: FileJob[][] = [];
    /** files sent again alone because they were in the batch a worker ran out of memory on */
    const suspects = new Set<FileJob>();
    return new Promise<void>((resolve, reject) => {
      const handlers = new Map<PoolWorker, (response: WorkerResponse) => void>();
      let settled = false;
      const pending = () => this.workers.reduce((n, w) => n + w.inFlight.size, 0);
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        this.onFailure = undefined;
        for (const [w, handler] of handlers) w.worker.off('message', handler);
        if (error) reject(error);
        else resolve();
      };
      const done = () => pending() === 0 && (!!signal?.aborted || (requeued.length === 0 && next >= jobs.length));
      const send = (w: PoolWorker) => {
        while (w.inFlight.size < IN_FLIGHT && !signal?.aborted && (requeued.length > 0 || next < jobs.length)) {
          let batch: FileJob[];
          if (requeued.length > 0) batch = requeued.shift()!;
          else {
            batch = jobs.slice(next, next + BATCH);
            next += batch.length;
          }
          w.inFlight.set(++id, batch);
          w.worker.postMessage({ id, jobs: batch } satisfies WorkerRequest);
        }
      };
      const listen = (w: PoolWorker) => {
        const handler = (response: WorkerResponse) => {
          w.inFlight.delete(response.id);
          if (!settled) for (const o of response.outcomes) onOutcome(o);
          send(w);
          if (done()) finish();
        };
        handlers.set(w, handler);
        w.worker.on('message', handler);
      };
      this.onFailure = (w, error) => {
        if (!isOutOfMemory(error)) return finish(error);
        // The worker is gone with the batches it held. A worker answers its batches in order, so
        // the first one is the batch it was scanning: its files go again one per batch, and a
        // file that ran a worker out of memory alone is skipped. The batches after it were not
        // started: they go again as they were, first.
        this.workers = this.workers.filter((x) => x !== w);
        const handler = handlers.get(w);
        if (handler) w.worker.off('message', handler);
        handlers.delete(w);
        const [current, ...waiting] = w.inFlight.values();
        requeued.unshift(...waiting);
        if (current?.length === 1 && suspects.has(current[0])) {
          const file = current[0].file;
          onOutcome({ file, kind: 'skipped', problem: { file, reason: 'scan worker ran out of memory on this file: skipped', severity: 'skipped' } });
        } else if (current) {
          for (const job of current) suspects.add(job);
          requeued.push(...current.map((job) => [job]));
        }
        w.inFlight.clear();
        if (done()) return finish();
        this.replaced++;
        const fresh = this.spawn();
        listen(fresh);
        for (const x of this.workers) send(x);
      };
      for (const w of this.workers) listen(w);
      for (const w of this.workers) send(w);
      if (done()) finish();
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
