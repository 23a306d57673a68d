/** Severity mappings shared by every renderer and the language server (CONTRACTS.md "Severities"). */
import type { Severity } from '../model';
import { SEVERITIES } from '../model';

export type SarifLevel = 'error' | 'warning' | 'note';

export const SARIF_LEVEL: Record<Severity, SarifLevel> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

/** Position of a severity in the scale, 0 = critical; for sorting and `--fail-on`. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) <= severityRank(threshold);
}
