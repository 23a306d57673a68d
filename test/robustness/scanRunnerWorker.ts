/**
 * The worker side of {@link ScanRunner}: loads the parsers once, then scans each text it is sent
 * with the real registry (`scanFile`) and checks the result against the model's invariants here,
 * on the original objects (before they are cloned back to the test). When a scanner threw (the
 * registry turns that into a "scanner failed" problem), the scanner is run once more on its own
 * so that the report carries the exception's stack.
 */
import { parentPort } from 'node:worker_threads';
import { scanFile, SCANNERS } from '../../src/core/scanners';
import { loadLanguages } from '../../src/node/languages';
import { scanResultViolations, SCANNER_FAILURE } from './invariants';

export interface ScanRequest {
  id: number;
  file: string;
  text: string;
}

export interface ScanReply {
  id: number;
  violations: string[];
  /** the stack of each scanner that threw */
  stacks: string[];
  formats: string[];
  dependencies: number;
}

const contextReady = loadLanguages().then((languages) => ({ languages }));

parentPort?.on('message', async (request: ScanRequest) => {
  const context = await contextReady;
  let violations: string[];
  const stacks: string[] = [];
  let formats: string[] = [];
  let dependencies = 0;
  try {
    const result = scanFile(request.file, request.text, context);
    formats = result.formats;
    dependencies = result.dependencies.length;
    violations = scanResultViolations(request.file, request.text, result);
    for (const problem of result.problems) {
      const failed = SCANNER_FAILURE.exec(problem.reason);
      if (!failed) continue;
      const id = problem.reason.slice(0, failed.index).trim();
      const scanner = SCANNERS.find((s) => s.id === id);
      try {
        scanner?.scan(request.file, request.text, context);
      } catch (error) {
        stacks.push(`${id}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      }
    }
  } catch (error) {
    violations = [`scanFile threw: ${error instanceof Error ? error.stack ?? error.message : String(error)}`];
  }
  parentPort?.postMessage({ id: request.id, violations, stacks, formats, dependencies } satisfies ScanReply);
});
