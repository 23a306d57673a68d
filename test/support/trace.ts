/**
 * Region traces as the user reads them: place and sentence. Tests that pin the wording of a whole
 * trace compare this view; the kinds and fields are asserted where a test is about them.
 */
import type { TraceStep } from '../../src/core/model';

export interface DisplayedStep {
  file: string;
  line: number;
  column?: number;
  reason: string;
}

export function displayed(steps: readonly TraceStep[] | undefined): DisplayedStep[] | undefined {
  return steps?.map((s) => (s.column === undefined ? { file: s.file, line: s.line, reason: s.reason } : { file: s.file, line: s.line, column: s.column, reason: s.reason }));
}
