/** Stub: replaced by the cdk resolution pass. */
import type { ResolutionPass } from './types';

export const cdkPass: ResolutionPass = { id: 'cdk', run: () => undefined };
