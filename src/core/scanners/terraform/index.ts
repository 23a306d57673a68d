/** Stub: replaced by the scanner's implementation. */
import { emptyOutput, type Scanner } from '../types';

export const terraformScanner: Scanner = {
  id: 'terraform',
  accepts: () => false,
  scan: () => emptyOutput(),
};
