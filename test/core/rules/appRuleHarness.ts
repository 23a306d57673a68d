/**
 * Runs rules of the application half of the catalogue over hand-built dependencies, through the
 * real engine (tiers, overrides, suppressions, fingerprints), so that a rule's logic is specified
 * independently of what the scanners emit. Fixture tests through `analyseFiles` sit beside these.
 */
import { defaultConfig, type OutageRadarConfig } from '../../../src/core/config';
import type { DeployUnit, Dependency, Finding, Problem, Suppression } from '../../../src/core/model';
import { runRules } from '../../../src/core/rules/engine';
import type { Rule } from '../../../src/core/rules/types';

export interface HarnessOptions {
  config?: Partial<OutageRadarConfig>;
  suppressions?: Suppression[];
  problems?: Problem[];
  deployUnits?: DeployUnit[];
}

export function runRule(rules: Rule | readonly Rule[], dependencies: Dependency[], options: HarnessOptions = {}): Finding[] {
  return runRules(Array.isArray(rules) ? rules : [rules as Rule], {
    dependencies,
    deployUnits: options.deployUnits ?? [],
    suppressions: options.suppressions ?? [],
    problems: options.problems ?? [],
    config: { ...defaultConfig(), ...options.config },
    docsBaseUrl: 'docs/rules/',
  }).findings;
}

/** `file:line:column severity` of each finding, for exact assertions. */
export function placed(findings: Finding[]): string[] {
  return findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity}`);
}
