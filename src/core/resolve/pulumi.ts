/** Stub: replaced by the pulumi resolution pass. */
import type { ResolutionPass } from './types';

export const pulumiPass: ResolutionPass = { id: 'pulumi', run: () => undefined };
