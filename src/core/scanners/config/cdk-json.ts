/** Stub: replaced by the scanner's implementation. */
import { emptyOutput, type Scanner } from '../types';

export const cdkJsonScanner: Scanner = {
  id: 'cdk-json',
  accepts: () => false,
  scan: () => emptyOutput(),
};
