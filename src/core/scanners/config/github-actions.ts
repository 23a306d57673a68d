/** Stub: replaced by the scanner's implementation. */
import { emptyOutput, type Scanner } from '../types';

export const githubActionsScanner: Scanner = {
  id: 'github-actions',
  accepts: () => false,
  scan: () => emptyOutput(),
};
