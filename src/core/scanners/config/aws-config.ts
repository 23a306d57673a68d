/** Stub: replaced by the scanner's implementation. */
import { emptyOutput, type Scanner } from '../types';

export const awsConfigScanner: Scanner = {
  id: 'aws-config',
  accepts: () => false,
  scan: () => emptyOutput(),
};
