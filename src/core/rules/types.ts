/**
 * A rule is declarative metadata plus a pure function over the whole dependency map (ESLint's
 * `{ meta, create }`, checkov's graph checks). Rule id = module file name = `docs/rules/<id>.md`.
 */
import type { OutageRadarConfig } from '../config';
import type { DeployUnit, Dependency, Fix, Problem, RelatedLocation, Severity, Span, Suppression } from '../model';

/**
 * What a rule's findings depend on, so that the engine re-runs it only where that changed
 * (ESLint's rule `meta`; rust-analyzer's per-item queries):
 * - `dependency`: each finding comes from one dependency (the `dependency` it is reported on), its
 *   resolved value and the dependencies it links to (`links`, through `byId`);
 * - `file`: the findings of a file come from the dependencies of that file (and what they link
 *   to), and are reported on them;
 * - `resources`: the findings come from the declared resources (`iac-resource` dependencies) of
 *   the whole workspace and nothing else (replicas, copies and references between resources);
 * - `workspace`: anything else (code and settings of other files, deploy units, suppressions,
 *   problems).
 * The engine then runs a `dependency` rule over the dependencies whose resolved value changed, a
 * `file` rule over the files that hold one, a `resources` rule when a resource changed, and a
 * `workspace` rule always. A test checks, over the examples and fixtures, that running a scoped
 * rule one unit at a time (a `resources` rule over the resources alone) gives what one run gives.
 */
export type RuleScope = 'dependency' | 'file' | 'resources' | 'workspace';

export type RuleCategory = 'code' | 'config' | 'iac-data' | 'iac-network' | 'global' | 'findings';

export interface RuleMeta {
  /** kebab-case, equal to the file name and the docs page name */
  id: string;
  /** a short title for lists and SARIF `shortDescription` */
  title: string;
  /** one or two sentences: the risk during a regional outage (SARIF `fullDescription`, hover) */
  description: string;
  defaultSeverity: Severity;
  /** severity moves with the workload tier (CONTRACTS.md "Severities") */
  tierAware?: boolean;
  category: RuleCategory;
  /** what its findings depend on ({@link RuleScope}); undefined is `workspace` (always re-run) */
  scope?: RuleScope;
  /** the source the rule rests on (AWS documentation URL) */
  source?: string;
  /** the rule rests on a heuristic; its documentation lists the false positives it accepts */
  heuristic?: boolean;
}

/** What a rule reports; the engine adds rule id, severity adjustments, help URI and fingerprint. */
export interface FindingReport {
  /** the dependency the finding is anchored at (its file and span), and the first of `dependencyIds` */
  dependency?: Dependency;
  /** an explicit anchor, for findings not on one dependency (suppression comments, config entries) */
  at?: Span & { file: string };
  message: string;
  /** overrides the default severity for this finding (a documented escalation) before tier and config apply */
  severity?: Severity;
  /** further dependencies involved */
  dependencyIds?: string[];
  fix?: Fix;
  related?: RelatedLocation[];
  /** text that identifies the construct for the baseline fingerprint (defaults to the dependency id) */
  fingerprintText?: string;
}

/** Read-only view of the analysed workspace that rules query. */
export interface RuleContext {
  readonly dependencies: readonly Dependency[];
  readonly byId: ReadonlyMap<string, Dependency>;
  readonly deployUnits: readonly DeployUnit[];
  readonly suppressions: readonly Suppression[];
  /** files skipped or partly understood */
  readonly problems: readonly Problem[];
  readonly config: OutageRadarConfig;
  /** ids of every rule known to the engine (for unknown-id checks) */
  readonly knownRuleIds: ReadonlySet<string>;
  report(finding: FindingReport): void;
  /** for rules of category 'findings' only: how many findings each inline suppression matched */
  readonly suppressionUse?: ReadonlyMap<Suppression, number>;
  /** for rules of category 'findings' only: how many findings each config-file suppression matched */
  readonly configSuppressionUse?: ReadonlyMap<OutageRadarConfig['suppress'][number], number>;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}
