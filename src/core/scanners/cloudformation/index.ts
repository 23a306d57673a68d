/** Stub: replaced by the scanner's implementation. */
import { emptyOutput, type Scanner } from '../types';

export const cloudFormationScanner: Scanner = {
  id: 'cloudformation',
  accepts: () => false,
  scan: () => emptyOutput(),
};
