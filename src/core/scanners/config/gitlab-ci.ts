/** Stub: replaced by the scanner's implementation. */
import { emptyOutput, type Scanner } from '../types';

export const gitlabCiScanner: Scanner = {
  id: 'gitlab-ci',
  accepts: () => false,
  scan: () => emptyOutput(),
};
