/**
 * The rule catalogue (RULES.md): application-code and config rules in `catalogue-app.ts`,
 * infrastructure rules in `catalogue-iac.ts`. Rule id = module file name = docs page.
 */
import { APP_RULES } from './catalogue-app';
import { IAC_RULES } from './catalogue-iac';
import type { Rule } from './types';

export const RULES: readonly Rule[] = [...APP_RULES, ...IAC_RULES];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
