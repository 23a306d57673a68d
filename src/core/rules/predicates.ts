/**
 * Predicates the rule modules share: which dependencies are application code, which services are
 * data planes, what counts as failover code, where a region was written, and which settings a
 * region-config stands for. Rules stay small and declarative by asking these questions instead of
 * re-deriving them; the infrastructure rules may import this module read-only.
 *
 * Stability promise: exported names and their meaning do not change; new predicates are added.
 */
import { globalServiceOf } from '../catalogue/globalServices';
import type { Dependency, TraceStep } from '../model';
import { findRegionsInText } from '../regions';

/** Origins of dependencies found in application code (SDK clients, calls, literals in code). */
export const CODE_ORIGINS: ReadonlySet<string> = new Set(['js-v3', 'js-v2', 'js', 'javascript', 'boto3', 'botocore', 'python']);

/** Origins of infrastructure-as-code declarations and their deploy configuration. */
export const IAC_ORIGINS: ReadonlySet<string> = new Set([
  'cloudformation', 'sam', 'serverless', 'samconfig', 'terraform', 'cdk', 'cdk-json', 'pulumi', 'pulumi-yaml',
]);

/** Origins of CI pipelines. */
export const CI_ORIGINS: ReadonlySet<string> = new Set(['github-actions', 'gitlab-ci']);

/** Origins of files that set the environment a process runs with (.env files, compose, Dockerfiles). */
export const RUNTIME_ENV_ORIGINS: ReadonlySet<string> = new Set(['dotenv', 'docker-compose', 'dockerfile']);

/** The environment variables that choose a default region for the SDKs and the CDK. */
export const REGION_ENV_VARIABLES: ReadonlySet<string> = new Set(['AWS_REGION', 'AWS_DEFAULT_REGION', 'CDK_DEFAULT_REGION']);

/**
 * The data-plane services whose us-east-1 clients escalate sdk-literal-region to high: the request
 * paths that failed on 20 October 2025 (DynamoDB first, then the services built on it).
 */
export const DATA_PLANE_SERVICES: ReadonlySet<string> = new Set(['dynamodb', 'sqs', 'lambda', 'sns', 'kinesis', 's3']);

const CODE_FILE = /\.(?:[cm]?[jt]sx?|py)$/i;

/** Whether a file name is source code a scanner of application code reads (JS/TS or Python). */
export function isCodeFile(file: string): boolean {
  return CODE_FILE.test(file);
}

const iacFilesCache = new WeakMap<readonly Dependency[], Set<string>>();

/**
 * Files that declare infrastructure: a TypeScript CDK or Pulumi program is code by extension but
 * infrastructure by purpose, so a file with any IaC dependency counts as infrastructure.
 */
export function infrastructureFiles(dependencies: readonly Dependency[]): ReadonlySet<string> {
  let files = iacFilesCache.get(dependencies);
  if (!files) {
    files = new Set(dependencies.filter((d) => d.origin !== undefined && IAC_ORIGINS.has(d.origin)).map((d) => d.file));
    iacFilesCache.set(dependencies, files);
  }
  return files;
}

/**
 * Whether a dependency is written in application code (as opposed to IaC or configuration): its
 * origin is an SDK dialect, or it sits in a code file that declares no infrastructure.
 */
export function isApplicationCode(dep: Dependency, dependencies: readonly Dependency[]): boolean {
  if (dep.origin !== undefined && (IAC_ORIGINS.has(dep.origin) || CI_ORIGINS.has(dep.origin) || RUNTIME_ENV_ORIGINS.has(dep.origin))) return false;
  if (infrastructureFiles(dependencies).has(dep.file)) return false;
  if (dep.origin !== undefined && CODE_ORIGINS.has(dep.origin)) return true;
  return isCodeFile(dep.file);
}

/** Whether AWS hosts the service's control plane or endpoint in one region (IAM, Route 53 …). */
export function isGlobalService(service: string): boolean {
  return globalServiceOf(service) !== undefined;
}

/** A readable name of a dependency for messages: its label, else its service and kind. */
export function describe(dep: Dependency): string {
  return dep.name ?? (dep.text && dep.kind !== 'region-config' ? dep.text : `${dep.service} ${dep.kind}`);
}

/** `failoverToWest` → `failover to west`; `DRRunbook` → `dr runbook`; `dr_plan` → `dr plan`. */
function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Words that mark code as part of a failover or disaster-recovery path (heuristic rules). */
export const FAILOVER_WORDS: readonly string[] = ['failover', 'failback', 'switchover', 'recover', 'disaster', 'dr'];

/**
 * Why a dependency looks like failover code: the failover word found in its enclosing function
 * (`container`) or in its file path, or undefined. `failover`, `failback`, `switchover` also
 * match when split (`fail_over`); `recover` and `disaster` match inside longer words
 * (`recoverRegion`, `disasterRecovery`); `dr` matches only as a whole word (`src/dr/`, `runDrDrill`),
 * so that `address` or `drain` do not count.
 */
export function failoverEvidence(dep: Dependency): string | undefined {
  const places: Array<[string, string | undefined]> = [['function', dep.container], ['path', dep.file]];
  for (const [where, text] of places) {
    if (!text) continue;
    const tokens = words(text);
    const joined = tokens.join('');
    for (const word of ['failover', 'failback', 'switchover']) if (joined.includes(word)) return `${where} ${where === 'function' ? text : `"${text}"`} mentions ${word}`;
    for (const word of ['recover', 'disaster']) if (tokens.some((t) => t.includes(word))) return `${where} ${where === 'function' ? text : `"${text}"`} mentions ${word}`;
    if (tokens.includes('dr')) return `${where} ${where === 'function' ? text : `"${text}"`} mentions DR`;
  }
  return undefined;
}

/** An operation name in its API form whatever the dialect: `change_resource_record_sets` → `ChangeResourceRecordSets`. */
export function apiOperation(operation: string | undefined): string | undefined {
  if (!operation) return undefined;
  if (!operation.includes('_') && /^[A-Z]/.test(operation)) return operation;
  return operation
    .split('_')
    .filter(Boolean)
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');
}

const FALLBACK_REASON = /\bfall(?:s)?\s?back\b|\bfallback\b/i;

/** Whether a trace step records a fallback region (`fallback when AWS_REGION is unset`, `falls back to "us-east-1" when …`). */
export function isFallbackStep(step: TraceStep): boolean {
  return FALLBACK_REASON.test(step.reason);
}

/**
 * The fallback a code dependency uses when its environment variable is unset, with the trace
 * step that records it: the scanner's step at the literal (`fallback "us-east-1" when X is unset`)
 * or the resolver's (`falls back to "…" when X is unset`, when the workspace says nothing else).
 * `region` is known when a step names it or the resolver used it.
 */
export function fallbackOf(dep: Dependency): { region?: string; variable?: string; step: TraceStep } | undefined {
  const steps = (dep.regionTrace ?? []).filter(isFallbackStep);
  if (steps.length === 0) return undefined;
  const named = steps.map((s) => findRegionsInText(s.reason)[0]).find((r) => r !== undefined);
  const region = named ?? (dep.regionSource === 'literal' ? dep.region ?? undefined : undefined);
  const variable = steps.map((s) => /\bwhen\s+([A-Za-z_][A-Za-z0-9_]*)\s+is\s+unset/i.exec(s.reason)?.[1]).find((v) => v !== undefined);
  // The scanner's step points at the literal itself; prefer it over the resolver's as the place to show.
  const step = steps.find((s) => s.file === dep.file && /^fallback\b/i.test(s.reason)) ?? steps[0];
  return { region, variable, step };
}

/** Trace reasons that mean the region comes from the environment or resolution, never from this code. */
const NOT_WRITTEN = [/^reads /, /^no region option/, /^deployed as /];

/** The step a scanner leaves at a region literal token: `region "us-east-1" written here`. */
const WRITTEN_HERE = /^region "([^"]+)" written here$/;

/** The region literal a trace step points at, when the step is a scanner's "written here" step. */
export function literalRegionOfStep(step: TraceStep): string | undefined {
  const region = WRITTEN_HERE.exec(step.reason)?.[1];
  return region && findRegionsInText(region).length ? region : undefined;
}

/**
 * The region written in code for a dependency, when the code itself pins it:
 * - `literal` / `variable` sources: the region (unless it is only a fallback);
 * - global services, whose region the global-service pass replaces with the hosting region, when
 *   nothing in the trace says the region came from the environment or a deployment: the region
 *   of the scanner's `region "X" written here` step in the same file (the literal, directly or
 *   behind a constant), else of the pass's "configured for X, but …" step.
 */
export function regionWrittenInCode(dep: Dependency): { region: string; step?: TraceStep } | undefined {
  const trace = dep.regionTrace ?? [];
  if ((dep.regionSource === 'literal' || dep.regionSource === 'variable') && dep.region) {
    return fallbackOf(dep) ? undefined : { region: dep.region, step: trace.find((s) => s.file === dep.file) };
  }
  if (trace.some((s) => isFallbackStep(s) || NOT_WRITTEN.some((r) => r.test(s.reason)))) return undefined;
  for (const step of trace) {
    const region = step.file === dep.file ? literalRegionOfStep(step) : undefined;
    if (region) return { region, step };
  }
  for (const step of trace) {
    const m = /^configured for (\S+), but /.exec(step.reason);
    if (m && findRegionsInText(m[1]).length) return { region: m[1], step };
  }
  return undefined;
}

/** Whether a trace step points at the given dependency (the place that decided a region). */
export function stepIsAt(step: TraceStep, dep: Dependency): boolean {
  return step.file === dep.file && step.line === dep.line && (step.column === undefined || step.column === dep.column);
}

/** The dependencies whose region was decided (at least in part) by the given region-config. */
export function decidedBy(config: Dependency, dependencies: readonly Dependency[]): Dependency[] {
  // Only dependencies with a trace step on the config's line can match: looked up, not filtered
  // from every dependency for every config (quadratic: 3.6 s of a 50k-file scan's rules).
  const candidates = traceStepIndex(dependencies).get(`${config.file}\0${config.line}`) ?? [];
  return candidates.filter((d) => d !== config && (d.regionTrace ?? []).some((s) => stepIsAt(s, config)));
}

/** Per dependency list: the non-config dependencies with a trace step at each `file\0line`, in list order. */
const traceStepIndexes = new WeakMap<readonly Dependency[], { length: number; byLine: Map<string, Dependency[]> }>();

function traceStepIndex(dependencies: readonly Dependency[]): Map<string, Dependency[]> {
  const known = traceStepIndexes.get(dependencies);
  // The rules never change a list they are given; the length check guards a caller that appends.
  if (known && known.length === dependencies.length) return known.byLine;
  const byLine = new Map<string, Dependency[]>();
  for (const d of dependencies) {
    if (d.kind === 'region-config' || !d.regionTrace?.length) continue;
    const lines = new Set<string>();
    for (const s of d.regionTrace) lines.add(`${s.file}\0${s.line}`);
    for (const key of lines) {
      const list = byLine.get(key);
      if (list) list.push(d);
      else byLine.set(key, [d]);
    }
  }
  traceStepIndexes.set(dependencies, { length: dependencies.length, byLine });
  return byLine;
}

/**
 * The regions a dependency may be in: its region and its candidates (a samconfig `default`
 * environment decides the region; other environments deployed elsewhere stay candidates).
 */
export function possibleRegions(dep: Dependency): string[] {
  const out = dep.region ? [dep.region] : [];
  for (const r of dep.candidateRegions ?? []) if (!out.includes(r)) out.push(r);
  return out;
}

/** Dependencies other than region settings: what the workspace actually uses. */
export function isUsage(dep: Dependency): boolean {
  return dep.kind !== 'region-config';
}

/** Counts in messages: `1 dependency`, `3 dependencies`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
