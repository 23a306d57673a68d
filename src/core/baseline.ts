/** Stub: replaced by the baseline implementation. */
import type { DependencyMap, Finding } from './model';

export interface BaselineFile {
  version: 1;
  findings: Array<{ ruleId: string; file: string; fingerprint: string }>;
}

export function createBaseline(map: DependencyMap): BaselineFile {
  return { version: 1, findings: map.findings.map((f) => ({ ruleId: f.ruleId, file: f.file, fingerprint: f.fingerprint ?? '' })) };
}

export function applyBaseline(findings: Finding[], baseline: BaselineFile): Finding[] {
  const known = new Set(baseline.findings.map((f) => f.fingerprint));
  return findings.filter((f) => !f.fingerprint || !known.has(f.fingerprint));
}
