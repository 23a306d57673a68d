/** Rules for application code, config, CI and the findings themselves (RULES.md sections A, B, F). */
import type { Rule } from './types';

export const APP_RULES: readonly Rule[] = [];
