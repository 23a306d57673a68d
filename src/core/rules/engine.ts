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

/**
 * What one run of the rules leaves for the next (the findings of each scoped rule with the
 * dependency or file they came from), so that the next run re-runs scoped rules only where the
 * dependencies changed. Valid for the same rules, config and docs base only.
 */
export interface RuleRunState {
  readonly rules: readonly Rule[];
  readonly config: OutageRadarConfig;
  readonly docsBaseUrl: string;
  readonly byId: ReadonlyMap<string, Dependency>;
  /** per scoped rule that did not fail: its findings, each with its owner (a dependency id or a file), in report order */
  readonly raw: ReadonlyMap<Rule, readonly OwnedFinding[]>;
}

interface OwnedFinding {
  owner: string;
  finding: Finding;
}

/** What a run re-checked (the recomputation tests count it; never time). */
export interface RuleRunScope {
  /** false when every rule ran over everything */
  incremental: boolean;
  /** dependencies whose resolved value changed (or that link to one that did): dependency-scoped rules ran over these */
  dependencies: ReadonlySet<string>;
  /** files holding one of them, or a removed dependency: file-scoped rules ran over these */
  files: ReadonlySet<string>;
  /** a declared resource changed, came or went: resource-scoped rules ran again */
  resources: boolean;
}

export function runRules(rules: readonly Rule[], input: RuleEngineInput, previous?: RuleRunState): RuleEngineOutput & { state: RuleRunState; scope: RuleRunScope } {
  const byId = new Map(input.dependencies.map((d) => [d.id, d] as const));
  const knownRuleIds = new Set(rules.map((r) => r.meta.id));
  const suppressionUse = new Map<Suppression, number>(input.suppressions.map((s) => [s, 0]));
  const configUse = new Map<OutageRadarConfig['suppress'][number], number>(input.config.suppress.map((s) => [s, 0]));
  const failures: Problem[] = [];
  const dirty = previous && previous.rules === rules && previous.config === input.config && previous.docsBaseUrl === input.docsBaseUrl && byId.size === input.dependencies.length ? changedSince(previous, input.dependencies, byId) : undefined;

  /** Runs a rule over the given dependencies; its findings with their owners, or undefined if it threw. */
  const run = (rule: Rule, dependencies: readonly Dependency[], extra: Partial<RuleContext> = {}): OwnedFinding[] | undefined => {
    const found: OwnedFinding[] = [];
    const scope = rule.meta.scope ?? 'workspace';
    const context: RuleContext = {
      dependencies,
      byId,
      deployUnits: input.deployUnits,
      suppressions: input.suppressions,
      problems: input.problems,
      config: input.config,
      knownRuleIds,
      report: (r) => {
        const finding = toFinding(rule, r, input);
        if (!finding || (!input.config.includeTests && isTestCode(finding.file))) return;
        found.push({ owner: scope === 'dependency' && r.dependency ? r.dependency.id : finding.file, finding });
      },
      ...extra,
    };
    try {
      rule.check(context);
      return found;
    } catch (error) {
      // One broken rule must not lose the map: its partial findings are dropped (they depend on how
      // far it got) and the failure becomes a problem the user sees like any other.
      failures.push(ruleFailure(rule, error, failingFile(rule, context)));
      return undefined;
    }
  };

  // Rules about findings themselves (unused suppressions) run after the others have reported.
  const [meta, ordinary] = partition(rules.filter((r) => isEnabled(r, input.config)), (r) => r.meta.category === 'findings');
  const raw: Finding[] = [];
  const kept = new Map<Rule, readonly OwnedFinding[]>();
  // What each scope re-runs over, and where a whole run would have reported (built once, when needed).
  const targets = dirty && {
    dependency: input.dependencies.filter((d) => dirty.dependencies.has(d.id)),
    file: input.dependencies.filter((d) => dirty.files.has(d.file)),
  };
  let position: Map<string, number> | undefined;
  for (const rule of ordinary) {
    const scope = rule.meta.scope ?? 'workspace';
    const before = dirty ? previous?.raw.get(rule) : undefined;
    let owned: readonly OwnedFinding[] | undefined;
    if (scope === 'resources' && dirty && before && !dirty.resources) owned = before;
    else if (scope === 'workspace' || scope === 'resources' || !dirty || !targets || !before || (scope === 'dependency' && before.some((f) => !previous?.byId.has(f.owner)))) owned = run(rule, input.dependencies);
    else {
      const stale = scope === 'dependency' ? dirty.dependencies : dirty.files;
      const failed = failures.length;
      const fresh = targets[scope].length ? run(rule, targets[scope]) : [];
      if (!fresh) {
        // Failed on what changed: run over everything, so that the problem names what a cold run names.
        failures.length = failed;
        owned = run(rule, input.dependencies);
      } else if (stale.size === 0) owned = before;
      else {
        // The findings of unchanged owners, and the new ones, in the order one run over the whole
        // map reports them (by dependency or file: the order the scope test checks).
        position ??= positions(input.dependencies);
        const at = (f: OwnedFinding) => (position as Map<string, number>).get(f.owner) ?? Number.MAX_SAFE_INTEGER;
        owned = [...before.filter((f) => !stale.has(f.owner) && (scope === 'file' || byId.has(f.owner))), ...fresh].sort((a, b) => at(a) - at(b));
      }
    }
    if (!owned) continue;
    if (scope !== 'workspace') kept.set(rule, owned);
    for (const f of owned) raw.push(f.finding);
  }

  const inlineByFile = new Map<string, Suppression[]>();
  for (const s of input.suppressions) {
    const list = inlineByFile.get(s.file);
    if (list) list.push(s);
    else inlineByFile.set(s.file, [s]);
  }
  const findings: Finding[] = [];
  for (const f of raw) {
    const inline = inlineByFile.get(f.file)?.find((s) => s.targetLine === f.line && s.ruleIds.includes(f.ruleId));
    const fromConfig = inline ? undefined : input.config.suppress.find((s) => configSuppressionMatches(s, f, byId));
    if (inline) suppressionUse.set(inline, (suppressionUse.get(inline) ?? 0) + 1);
    if (fromConfig) configUse.set(fromConfig, (configUse.get(fromConfig) ?? 0) + 1);
    const by = inline ? { reason: inline.reason, line: inline.line } : fromConfig ? { reason: fromConfig.reason, line: fromConfig.at?.line ?? 1 } : undefined;
    if (by) {
      if (input.keepSuppressed) findings.push({ ...f, suppressed: by });
    } else findings.push(f);
  }

  // Meta rules see how often each suppression matched; their own findings are never suppressed.
  // Failures of ordinary rules are problems by now, so `parse-problem` reports them too.
  const problems = failures.length ? [...input.problems, ...failures] : input.problems;
  for (const rule of meta) for (const f of run(rule, input.dependencies, { suppressionUse, configSuppressionUse: configUse, problems }) ?? []) findings.push(f.finding);
  const state: RuleRunState = { rules, config: input.config, docsBaseUrl: input.docsBaseUrl, byId, raw: kept };
  const scope: RuleRunScope = dirty ? { incremental: true, ...dirty } : { incremental: false, dependencies: new Set(byId.keys()), files: new Set(input.dependencies.map((d) => d.file)), resources: true };
  return { findings: sortFindings(dedupe(findings)), problems: failures, suppressionUse, state, scope };
}

/**
 * The dependencies whose resolved value changed since the previous run (the resolution keeps the
 * object of a dependency whose value stayed the same), those that link or relate to one that
 * changed or went, and the files that hold any of them or held a dependency that went.
 */
function changedSince(previous: RuleRunState, dependencies: readonly Dependency[], byId: ReadonlyMap<string, Dependency>): { dependencies: Set<string>; files: Set<string>; resources: boolean } {
  const changed = new Set<string>();
  const files = new Set<string>();
  let resources = false;
  for (const d of dependencies) {
    if (previous.byId.get(d.id) === d) continue;
    changed.add(d.id);
    if (d.kind === 'iac-resource') resources = true;
  }
  for (const [id, d] of previous.byId) {
    if (byId.has(id)) continue;
    changed.add(id);
    files.add(d.file);
    if (d.kind === 'iac-resource') resources = true;
  }
  const stale = new Set(changed);
  if (changed.size) {
    // A verdict can read what a dependency links or relates to. The other way round (`linkingTo`:
    // who relates to a resource) only rules of scope `resources` or `workspace` read, and those
    // re-run on any change of a resource anyway.
    for (const d of dependencies) if (d.links?.some((id) => changed.has(id)) || d.relations?.some((r) => changed.has(r.to))) stale.add(d.id);
  }
  for (const id of stale) {
    const d = byId.get(id);
    if (d) files.add(d.file);
  }
  return { dependencies: stale, files, resources };
}

/** Each dependency's index in the map, and each file's first (the order a whole run reports in). */
function positions(dependencies: readonly Dependency[]): Map<string, number> {
  const at = new Map<string, number>();
  dependencies.forEach((d, i) => {
    at.set(d.id, i);
    if (!at.has(d.file)) at.set(d.file, i);
  });
  return at;
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
