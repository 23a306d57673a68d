/**
 * Runs the rule catalogue over the whole dependency map. The engine, not the rules, applies what
 * is the same for every rule: disabled rules, tier-aware severity, per-rule severity overrides,
 * inline and config suppressions, help URIs and baseline fingerprints.
 */
import type { OutageRadarConfig } from '../config';
import { hashText } from '../ids';
import type { DeployUnit, Dependency, Finding, Problem, Severity, Suppression, Tier } from '../model';
import { SEVERITIES } from '../model';
import { isTestCode } from '../testCode';
import type { FindingReport, Rule, RuleContext } from './types';

export interface RuleEngineInput {
  dependencies: readonly Dependency[];
  deployUnits: readonly DeployUnit[];
  suppressions: readonly Suppression[];
  problems: readonly Problem[];
  config: OutageRadarConfig;
  /** base of `helpUri`: the rule id and `.md` are appended (CONTRACTS.md "Rules") */
  docsBaseUrl: string;
  /** keep suppressed findings in the output (marked `suppressed`), for the editor's "show suppressed" */
  keepSuppressed?: boolean;
}

export interface RuleEngineOutput {
  findings: Finding[];
  /** rules that threw: each a problem naming the rule (and the file it failed on, when it could be found) */
  problems: Problem[];
  /** how many findings each suppression matched (meta rules read it) */
  suppressionUse: Map<Suppression, number>;
}

const TIER_STEP: Record<Tier, number> = { MissionCritical: 1, Critical: 1, Important: 0, CoreServices: -1, NonCritical: -1 };

/** Moves a severity by `step` places toward critical (positive) or info (negative), clamped. */
export function shiftSeverity(severity: Severity, step: number): Severity {
  const i = SEVERITIES.indexOf(severity);
  return SEVERITIES[Math.max(0, Math.min(SEVERITIES.length - 1, i - step))];
}

export function helpUriFor(ruleId: string, docsBaseUrl: string): string {
  return `${docsBaseUrl.replace(/\/?$/, '/')}${ruleId}.md`;
}

function isEnabled(rule: Rule, config: OutageRadarConfig): boolean {
  const setting = config.rules[rule.meta.id];
  if (setting === 'off') return false;
  if (setting && typeof setting === 'object' && setting.enabled === false) return false;
  return true;
}

function severityFor(rule: Rule, report: FindingReport, config: OutageRadarConfig): Severity {
  const setting = config.rules[rule.meta.id];
  if (setting && typeof setting === 'object' && setting.severity) return setting.severity;
  const base = report.severity ?? rule.meta.defaultSeverity;
  return rule.meta.tierAware ? shiftSeverity(base, TIER_STEP[config.tier]) : base;
}

export function runRules(rules: readonly Rule[], input: RuleEngineInput): RuleEngineOutput {
  const byId = new Map(input.dependencies.map((d) => [d.id, d] as const));
  const knownRuleIds = new Set(rules.map((r) => r.meta.id));
  const suppressionUse = new Map<Suppression, number>(input.suppressions.map((s) => [s, 0]));
  const configUse = new Map<OutageRadarConfig['suppress'][number], number>(input.config.suppress.map((s) => [s, 0]));
  const raw: Finding[] = [];
  const failures: Problem[] = [];

  const run = (rule: Rule, extra: Partial<RuleContext> = {}) => {
    const context: RuleContext = {
      dependencies: input.dependencies,
      byId,
      deployUnits: input.deployUnits,
      suppressions: input.suppressions,
      problems: input.problems,
      config: input.config,
      knownRuleIds,
      report: (r) => {
        const finding = toFinding(rule, r, input);
        if (finding && (input.config.includeTests || !isTestCode(finding.file))) raw.push(finding);
      },
      ...extra,
    };
    const before = raw.length;
    try {
      rule.check(context);
    } catch (error) {
      // One broken rule must not lose the map: its partial findings are dropped (they depend on how
      // far it got) and the failure becomes a problem the user sees like any other.
      raw.length = before;
      failures.push(ruleFailure(rule, error, failingFile(rule, context)));
    }
  };

  // Rules about findings themselves (unused suppressions) run after the others have reported.
  const [meta, ordinary] = partition(rules.filter((r) => isEnabled(r, input.config)), (r) => r.meta.category === 'findings');
  for (const rule of ordinary) run(rule);

  const findings: Finding[] = [];
  for (const f of raw) {
    const inline = input.suppressions.find((s) => s.file === f.file && s.targetLine === f.line && s.ruleIds.includes(f.ruleId));
    const fromConfig = inline ? undefined : input.config.suppress.find((s) => configSuppressionMatches(s, f, byId));
    if (inline) suppressionUse.set(inline, (suppressionUse.get(inline) ?? 0) + 1);
    if (fromConfig) configUse.set(fromConfig, (configUse.get(fromConfig) ?? 0) + 1);
    const by = inline ? { reason: inline.reason, line: inline.line } : fromConfig ? { reason: fromConfig.reason, line: fromConfig.at?.line ?? 1 } : undefined;
    if (by) {
      if (input.keepSuppressed) findings.push({ ...f, suppressed: by });
    } else findings.push(f);
  }

  // Meta rules see how often each suppression matched; their own findings are never suppressed.
  const ordinaryCount = raw.length;
  // Failures of ordinary rules are problems by now, so `parse-problem` reports them too.
  const problems = failures.length ? [...input.problems, ...failures] : input.problems;
  for (const rule of meta) run(rule, { suppressionUse, configSuppressionUse: configUse, problems });
  findings.push(...raw.slice(ordinaryCount));
  return { findings: sortFindings(dedupe(findings)), problems: failures, suppressionUse };
}

/** How many files a failed rule is re-run on, one at a time, to name the file it fails on. */
const MAX_FILES_TO_LOCATE_FAILURE = 500;

/**
 * The file a rule fails on, found by re-running it over one file's dependencies at a time (only
 * after it failed: the normal path pays nothing). Reports of these runs are discarded.
 */
function failingFile(rule: Rule, context: RuleContext): string | undefined {
  const files = [...new Set(context.dependencies.map((d) => d.file))].slice(0, MAX_FILES_TO_LOCATE_FAILURE);
  for (const file of files) {
    try {
      rule.check({ ...context, dependencies: context.dependencies.filter((d) => d.file === file), report: () => undefined });
    } catch {
      return file;
    }
  }
  return undefined;
}

/** Where a problem with no file of its own is reported: the workspace root. */
export const WORKSPACE_PROBLEM_FILE = '.';

function ruleFailure(rule: Rule, error: unknown, file: string | undefined): Problem {
  const where = file ? ` on ${file}` : '';
  return {
    file: file ?? WORKSPACE_PROBLEM_FILE,
    reason: `rule ${rule.meta.id} failed${where} (${errorMessage(error)}); its findings are missing from this analysis`,
    severity: 'partial',
  };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function configSuppressionMatches(s: OutageRadarConfig['suppress'][number], f: Finding, byId: Map<string, Dependency>): boolean {
  if (s.rule !== f.ruleId || s.file !== f.file) return false;
  if (s.line !== undefined && s.line !== f.line) return false;
  if (s.resource !== undefined) {
    return f.dependencyIds.some((id) => {
      const d = byId.get(id);
      return d?.resource?.name === s.resource || d?.name === s.resource;
    });
  }
  return true;
}

function toFinding(rule: Rule, r: FindingReport, input: RuleEngineInput): Finding | undefined {
  const anchor = r.at ?? r.dependency;
  if (!anchor) return undefined;
  const dependencyIds = [...new Set([...(r.dependency ? [r.dependency.id] : []), ...(r.dependencyIds ?? [])])];
  const finding: Finding = {
    ruleId: rule.meta.id,
    severity: severityFor(rule, r, input.config),
    message: r.message,
    file: anchor.file,
    line: anchor.line,
    column: anchor.column,
    endLine: anchor.endLine,
    endColumn: anchor.endColumn,
    dependencyIds,
    helpUri: helpUriFor(rule.meta.id, input.docsBaseUrl),
    fingerprint: hashText(`${rule.meta.id}\u0000${anchor.file}\u0000${r.fingerprintText ?? dependencyIds.join(',') ?? r.message}`),
  };
  if (r.fix) finding.fix = r.fix;
  if (r.related?.length) finding.related = r.related;
  return finding;
}

function partition<T>(items: T[], test: (t: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const i of items) (test(i) ? yes : no).push(i);
  return [yes, no];
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.ruleId}|${f.file}|${f.line}|${f.column}|${f.message}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)));
}
