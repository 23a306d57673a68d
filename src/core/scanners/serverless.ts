/** Stub: replaced by the scanner's implementation. */
import { emptyOutput, type Scanner } from './types';

export const serverlessScanner: Scanner = {
  id: 'serverless',
  accepts: () => false,
  scan: () => emptyOutput(),
};
