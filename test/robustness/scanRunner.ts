/**
 * Scans texts in a worker thread under a watchdog, so that a scanner that hangs (a regular
 * expression gone quadratic, a parser in a loop) fails the test that fed it instead of hanging
 * mocha. One worker serves many scans; a scan that overruns its budget ends the worker, is
 * reported as a hang, and the next scan starts a fresh worker.
 *
 * The budget is a watchdog, not a timing assertion: it is many times what any scan of the inputs
 * takes on a loaded machine, and only turns "never finishes" into a failure.
 */
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import type { ScanReply, ScanRequest } from './scanRunnerWorker';

export interface ScanOutcome {
  /** the scan finished: invariant violations (empty when the result is sound) */
  reply?: ScanReply;
  /** the scan did not finish within the budget */
  hung?: boolean;
}

/** Default watchdog per scan: far above the few milliseconds to a second that real files take. */
export const DEFAULT_SCAN_BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 15_000);

export class ScanRunner {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 1;

  constructor(private readonly budgetMs = DEFAULT_SCAN_BUDGET_MS) {}

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(path.join(__dirname, 'scanRunnerWorker.ts'), { execArgv: ['--require', require.resolve('tsx/cjs')] });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** Loads the worker's parsers before the first timed scan (loading is not the scanner's time). */
  async warmUp(): Promise<void> {
    this.ready ??= this.scanUntimed('warm-up.tf', 'provider "aws" { region = "us-east-1" }\n').then(() => undefined);
    await this.ready;
  }

  private scanUntimed(file: string, text: string): Promise<ScanReply> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onMessage = (reply: ScanReply) => {
        if (reply.id !== id) return;
        worker.off('message', onMessage);
        worker.off('error', reject);
        resolve(reply);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      worker.postMessage({ id, file, text } satisfies ScanRequest);
    });
  }

  /** Scans `text` as `file`; resolves with the reply, or `{ hung: true }` after the budget. */
  scan(file: string, text: string): Promise<ScanOutcome> {
    return this.send({ file, text });
  }

  /** Calls one of the worker's text functions on `text` under the watchdog. */
  call(name: NonNullable<ScanRequest['call']>, text: string, second = ''): Promise<ScanOutcome> {
    return this.send({ file: second, text, call: name });
  }

  private async send(request: Omit<ScanRequest, 'id'>): Promise<ScanOutcome> {
    await this.warmUp();
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanUp();
        this.stop();
        resolve({ hung: true });
      }, this.budgetMs);
      const onMessage = (reply: ScanReply) => {
        if (reply.id !== id) return;
        cleanUp();
        resolve({ reply });
      };
      const onError = (error: Error) => {
        cleanUp();
        this.worker = undefined;
        this.ready = undefined;
        reject(error);
      };
      const cleanUp = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ id, ...request } satisfies ScanRequest);
    });
  }

  /** Ends the worker (a hung one, or at the end of a suite). */
  stop(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    this.ready = undefined;
  }
}
