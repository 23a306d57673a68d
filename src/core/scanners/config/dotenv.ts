/** Stub: replaced by the scanner's implementation. */
import { emptyOutput, type Scanner } from '../types';

export const dotenvScanner: Scanner = {
  id: 'dotenv',
  accepts: () => false,
  scan: () => emptyOutput(),
};
