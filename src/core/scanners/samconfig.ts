/** Stub: replaced by the scanner's implementation. */
import { emptyOutput, type Scanner } from './types';

export const samconfigScanner: Scanner = {
  id: 'samconfig',
  accepts: () => false,
  scan: () => emptyOutput(),
};
