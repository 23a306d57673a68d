/** Stub: replaced by the scanner's implementation. */
import { emptyOutput, type Scanner } from '../types';

export const pulumiYamlScanner: Scanner = {
  id: 'pulumi-yaml',
  accepts: () => false,
  scan: () => emptyOutput(),
};
