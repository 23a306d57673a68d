/**
 * The worker side of {@link ScanRunner}: loads the parsers once, then scans each text it is sent
 * with the real registry (`scanFile`) and checks the result against the model's invariants here,
 * on the original objects (before they are cloned back to the test). When a scanner threw (the
 * registry turns that into a "scanner failed" problem), the scanner is run once more on its own
 * so that the report carries the exception's stack.
 */
import { parentPort } from 'node:worker_threads';
import { findRegionsInText } from '../../src/core/regions';
import { scanFile, SCANNERS } from '../../src/core/scanners';
import { mayHoldDependency } from '../../src/core/scanners/candidates';
import { analyseStringValue, regionLiteral } from '../../src/core/scanners/literals';
import { findSuppressions } from '../../src/core/scanners/suppressions';
import { loadLanguages } from '../../src/node/languages';
import { scanResultViolations, SCANNER_FAILURE } from './invariants';

export interface ScanRequest {
  id: number;
  file: string;
  text: string;
  /** instead of scanning: call one of {@link FUNCTIONS} with `text` (and `file` as its second argument where it takes one) */
  call?: keyof typeof FUNCTIONS;
}

/** Text functions the regular-expression tests run under the watchdog; each returns a count. */
export const FUNCTIONS = {
  analyseStringValue: (text: string, key: string) => analyseStringValue(text, key || undefined).length,
  findSuppressionsHash: (text: string, file: string) => findSuppressions(file, text, 'hash').length,
  findSuppressionsSlash: (text: string, file: string) => findSuppressions(file, text, 'slash').length,
  findRegionsInText: (text: string) => findRegionsInText(text).length,
  regionLiteral: (text: string) => (regionLiteral(text) ? 1 : 0),
  mayHoldDependency: (text: string, file: string) => (mayHoldDependency(file, text) ? 1 : 0),
  accepts: (text: string, file: string) => SCANNERS.filter((s) => s.accepts(file, text)).length,
};

export interface ScanReply {
  id: number;
  /** what a called function returned */
  value?: number;
  violations: string[];
  /** the stack of each scanner that threw */
  stacks: string[];
  formats: string[];
  dependencies: number;
}

const contextReady = loadLanguages().then((languages) => ({ languages }));

parentPort?.on('message', async (request: ScanRequest) => {
  if (request.call) {
    let value: number | undefined;
    let violations: string[] = [];
    try {
      value = FUNCTIONS[request.call](request.text, request.file);
    } catch (error) {
      violations = [`${request.call} threw: ${error instanceof Error ? error.stack ?? error.message : String(error)}`];
    }
    parentPort?.postMessage({ id: request.id, value, violations, stacks: [], formats: [], dependencies: 0 } satisfies ScanReply);
    return;
  }
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
