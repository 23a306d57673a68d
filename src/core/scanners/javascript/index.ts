/** Stub: replaced by the scanner's implementation. */
import { emptyOutput, type Scanner } from '../types';

export const javascriptScanner: Scanner = {
  id: 'javascript',
  accepts: () => false,
  scan: () => emptyOutput(),
};
