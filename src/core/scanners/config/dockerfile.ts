/** Stub: replaced by the scanner's implementation. */
import { emptyOutput, type Scanner } from '../types';

export const dockerfileScanner: Scanner = {
  id: 'dockerfile',
  accepts: () => false,
  scan: () => emptyOutput(),
};
