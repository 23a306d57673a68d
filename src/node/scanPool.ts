/**
 * A pool of `worker_threads` that runs file jobs in parallel, sized to the machine's cores. Jobs go
 * out in small batches so that a slow file does not hold up a whole share of the workspace. Used
 * for cold scans of many files; a handful of files is cheaper to scan in the calling thread.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileJob, FileJobOptions, FileJobOutcome } from './scanFileJob';
import type { WorkerRequest, WorkerResponse } from './scanWorker';

const BATCH = 16;

/** The worker script: the bundle beside this one, or the TypeScript source under tsx (tests). */
function workerEntry(): { file: string; execArgv: string[] } | undefined {
  const bundled = path.join(__dirname, 'scanWorker.js');
  if (existsSync(bundled)) return { file: bundled, execArgv: [] };
  const source = path.join(__dirname, 'scanWorker.ts');
  if (existsSync(source)) return { file: source, execArgv: ['--require', require.resolve('tsx/cjs')] };
  return undefined;
}

export function poolSize(): number {
  return Math.max(1, Math.min(8, (os.availableParallelism?.() ?? os.cpus().length)));
}

export function canUseWorkers(): boolean {
  return workerEntry() !== undefined;
}

export async function runInPool(jobs: FileJob[], options: FileJobOptions, onOutcome: (o: FileJobOutcome) => void, signal?: AbortSignal): Promise<void> {
  const entry = workerEntry();
  if (!entry) throw new Error('scan worker script not found');
  const size = Math.min(poolSize(), Math.ceil(jobs.length / BATCH));
  let next = 0;
  let id = 0;
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: size }, () =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(entry.file, { workerData: options, execArgv: entry.execArgv });
          workers.push(worker);
          const sendNext = () => {
            if (signal?.aborted || next >= jobs.length) {
              resolve();
              return;
            }
            const batch = jobs.slice(next, next + BATCH);
            next += batch.length;
            worker.postMessage({ id: ++id, jobs: batch } satisfies WorkerRequest);
          };
          worker.on('message', (response: WorkerResponse) => {
            for (const o of response.outcomes) onOutcome(o);
            sendNext();
          });
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (code !== 0) reject(new Error(`scan worker exited with code ${code}`));
          });
          sendNext();
        }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
