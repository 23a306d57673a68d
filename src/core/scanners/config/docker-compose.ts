/** Stub: replaced by the scanner's implementation. */
import { emptyOutput, type Scanner } from '../types';

export const dockerComposeScanner: Scanner = {
  id: 'docker-compose',
  accepts: () => false,
  scan: () => emptyOutput(),
};
