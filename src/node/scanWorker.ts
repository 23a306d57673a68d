/**
 * A scan worker: loads the parsers once, then runs file jobs for the pool. Bundled as
 * dist/scanWorker.js next to the CLI and the server.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadLanguages } from './languages';
import { runFileJob, type FileJob, type FileJobOptions, type FileJobOutcome } from './scanFileJob';

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

parentPort?.on('message', async (request: WorkerRequest) => {
  const context = await contextReady;
  const outcomes: FileJobOutcome[] = [];
  for (const job of request.jobs) {
    try {
      outcomes.push(await runFileJob(job, context, options));
    } catch (error) {
      outcomes.push({ file: job.file, kind: 'skipped', problem: { file: job.file, reason: `scan failed: ${error instanceof Error ? error.message : String(error)}`, severity: 'skipped' } });
    }
  }
  parentPort?.postMessage({ id: request.id, outcomes } satisfies WorkerResponse);
});
