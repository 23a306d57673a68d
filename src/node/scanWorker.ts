/**
 * A scan worker: loads the parsers once, then runs batches of file jobs for the pool with
 * blocking reads (a worker has nothing else to do while it waits). Bundled as
 * dist/scanWorker.js next to the CLI and the server.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadLanguages } from './languages';
import { runFileJobSync, scanFileLazily, type FileJob, type FileJobOptions, type FileJobOutcome } from './scanFileJob';

export interface WorkerRequest {
  id: number;
  jobs: FileJob[];
}

export interface WorkerResponse {
  id: number;
  outcomes: FileJobOutcome[];
}

const options = workerData as FileJobOptions;
const contextReady = loadLanguages().then((languages) => ({ languages }));
// Initialise the scanners (and the parsers they load) while the main thread is still walking the
// workspace, so that the first batch finds them ready.
scanFileLazily();

parentPort?.on('message', async (request: WorkerRequest) => {
  const context = await contextReady;
  const outcomes: FileJobOutcome[] = [];
  for (const job of request.jobs) {
    try {
      outcomes.push(runFileJobSync(job, context, options));
    } catch (error) {
      outcomes.push({ file: job.file, kind: 'skipped', problem: { file: job.file, reason: `scan failed: ${error instanceof Error ? error.message : String(error)}`, severity: 'skipped' } });
    }
  }
  parentPort?.postMessage({ id: request.id, outcomes } satisfies WorkerResponse);
});
