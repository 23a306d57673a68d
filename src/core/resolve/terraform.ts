/** Stub: replaced by the terraform resolution pass. */
import type { ResolutionPass } from './types';

export const terraformPass: ResolutionPass = { id: 'terraform', run: () => undefined };
