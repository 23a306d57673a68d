/** Stub: replaced by the scanner's implementation. */
import { emptyOutput, type Scanner } from '../types';

export const pythonScanner: Scanner = {
  id: 'python',
  accepts: () => false,
  scan: () => emptyOutput(),
};
