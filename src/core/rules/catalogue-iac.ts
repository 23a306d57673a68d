/** Rules for infrastructure as code: data, network, global and edge services (RULES.md sections C, D, E). */
import type { Rule } from './types';

export const IAC_RULES: readonly Rule[] = [];
