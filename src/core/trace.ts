/**
 * Region trace steps: the one place that turns a step's kind and fields into its display
 * sentence, and the questions consumers ask of a trace (which regions a step names, which
 * dependencies a region setting decided). Everything else reads `kind` and the fields; a test
 * (test/core/traceSentences.test.ts) fails if code outside this file matches on `reason`.
 */
import type { Dependency, TraceAt, TraceEvidence, TraceKind, TraceStep } from './model';
import { isRegion } from './regions';

/** Every kind of trace step (the schema lists the same, and a test checks that it does). */
const KIND_SET: Record<TraceKind, true> = {
  'literal': true,
  'table-entry': true,
  'fallback': true,
  'env-read': true,
  'runtime-env': true,
  'value': true,
  'assignment': true,
  'call-argument': true,
  'parameter-default': true,
  'caller-parameter': true,
  'loop': true,
  'cdk-context': true,
  'pulumi-config': true,
  'pulumi-function': true,
  'edge-function': true,
  'sdk-global-config': true,
  'global-endpoint': true,
  'default-session': true,
  'imported-client': true,
  'deploy-config': true,
  'deployed-function': true,
  'unit-env': true,
  'stack-instantiation': true,
  'stack-env': true,
  'provider': true,
  'module-provider': true,
  'module-input': true,
  'terraform-variable': true,
  'terraform-local': true,
  'tfvars': true,
  'resource-provider': true,
  'resource-region': true,
  'global-control-plane': true,
  'deploy-time': true,
  'ci-env': true,
  'ci-matrix': true,
  'ci-input': true,
  'ci-deploy': true,
  'ci-run': true,
  'env-assignment': true,
  'shell-loop': true,
  'framework-default': true,
  'stage-dependent': true,
  'unresolved': true,
};
export const TRACE_KINDS: readonly TraceKind[] = Object.keys(KIND_SET) as TraceKind[];

/** A trace step at `at`, with its display sentence rendered from the evidence. */
export function traceStep(at: TraceAt, evidence: TraceEvidence): TraceStep {
  const step = { file: at.file, line: at.line, ...(at.column !== undefined ? { column: at.column } : {}), ...evidence } as TraceStep;
  step.reason = renderTraceReason(evidence);
  return step;
}

/** The same evidence at another place (a resolver reusing a position). */
export function traceStepAt(at: TraceAt, step: TraceStep): TraceStep {
  return traceStep(at, evidenceOf(step));
}

/** The evidence of a step without its place and sentence. */
export function evidenceOf(step: TraceStep): TraceEvidence {
  const { file: _file, line: _line, column: _column, reason: _reason, ...evidence } = step;
  return evidence as TraceEvidence;
}

const env = (environment: string | undefined) => (environment && environment !== 'default' ? ` (${environment})` : '');

/** The display sentence of a step. The only function that writes trace sentences. */
export function renderTraceReason(e: TraceEvidence): string {
  switch (e.kind) {
    case 'literal':
      return `region "${e.region}" written here`;
    case 'table-entry':
      return `${e.region}: ${e.text} (one entry of a table keyed by region)`;
    case 'fallback':
      return e.applied ? `falls back to "${e.region}" when ${e.variable} is unset` : `fallback "${e.region}" when ${e.variable} is unset`;
    case 'env-read':
      return `reads process.env.${e.variable}`;
    case 'runtime-env':
      return e.variable ? `reads ${e.variable} at run time` : 'no region option: the SDK reads AWS_REGION at run time';
    case 'value':
      return `region from ${e.via}`;
    case 'assignment':
      return `${e.name} = ${e.expression}`;
    case 'call-argument':
      return `argument of ${e.function} at this call`;
    case 'parameter-default':
      return `default of parameter ${e.parameter}`;
    case 'caller-parameter':
      return `parameter ${e.parameter} of ${e.function}()${e.default !== undefined ? ` defaults to ${e.default}` : ': the caller passes the region'}`;
    case 'loop':
      return e.several ? `one of the regions ${e.variable} loops over` : `region from loop variable ${e.variable}`;
    case 'cdk-context':
      return `region from CDK context "${e.key}"`;
    case 'pulumi-config':
      return 'region from the Pulumi stack config aws:region';
    case 'pulumi-function':
      return 'runs in a function the Pulumi program deploys: AWS_REGION is the stack region';
    case 'edge-function':
      return `EdgeFunction deploys the function in a ${e.region} stack (Lambda@Edge)`;
    case 'sdk-global-config':
      return 'AWS.config sets the region for clients created after it';
    case 'global-endpoint':
      return `SDK v2 calls the global endpoint ${e.host} unless stsRegionalEndpoints is 'regional'`;
    case 'default-session':
      return e.call;
    case 'imported-client':
      return `client ${e.name ? `${e.name} ` : ''}imported from ${e.from}`;
    case 'deploy-config':
      return `${e.setting} = ${e.value}${env(e.environment)}${e.overridable ? ' (a --region option or variable given at deploy time overrides it)' : ''}`;
    case 'deployed-function':
      if (e.regionOf === 'deploy-time') return `deployed as ${e.unit}; the stack's region is chosen at deploy time`;
      if (e.regionOf === 'own') return `deployed as ${e.unit}, whose AWS_REGION is its own region`;
      if (e.regionOf === 'function') return `deployed as ${e.unit}${e.codePath ? ` (code from ${e.codePath})` : ''}, whose AWS_REGION is the function's region`;
      return `deployed as ${e.unit}, whose AWS_REGION is the stack's region`;
    case 'unit-env':
      return `${e.unit} sets ${e.variable}=${e.value}`;
    case 'stack-instantiation':
      return `new ${e.className}(…, '${e.id}')`;
    case 'stack-env':
      if (e.region) return `env.region = ${e.region}`;
      if (e.regions?.length) return `env.region: one of ${e.regions.join(', ')}`;
      if (e.variable) return `env.region = process.env.${e.variable}`;
      if (e.contextKey) return `env.region = tryGetContext('${e.contextKey}')`;
      return 'env.region is an expression the workspace does not decide';
    case 'provider':
      if (e.state === 'pulumi') return `region of provider ${e.provider}`;
      if (e.state === 'proxy') return `${e.provider} is a proxy: the module's callers pass ${e.value ?? 'it'}`;
      if (e.state === 'no-region') return `${e.provider} sets no region: Terraform uses AWS_REGION / AWS_DEFAULT_REGION`;
      return `${e.provider}: region = ${e.value ?? '?'}`;
    case 'module-provider':
      if (e.passed) return `module "${e.module}" passes ${e.passed} as ${e.provider}`;
      if (e.inheritsFrom !== undefined) return `module "${e.module}" inherits the default aws provider of ${e.inheritsFrom || 'the root module'}`;
      return `module "${e.module}" passes no ${e.provider} provider`;
    case 'module-input':
      return `module "${e.module}" sets ${e.variable} = ${e.value}`;
    case 'terraform-variable':
      if (e.nullDefault) return `variable "${e.variable}" defaults to null`;
      return `variable "${e.variable}" default = ${e.value ?? '?'}`;
    case 'terraform-local':
      return `local.${e.name} = ${e.value}`;
    case 'tfvars':
      return `${e.variable} = ${e.value}${e.varFile ? ` (used with -var-file=${e.varFile})` : ''}`;
    case 'resource-provider':
      return `${e.resource} uses provider ${e.provider}${e.folder ? ` in ${e.folder}` : ''}`;
    case 'resource-region':
      return `${e.resource}: region = ${e.value}`;
    case 'global-control-plane':
      return e.configuredRegion ? `configured for ${e.configuredRegion}, but ${e.note}` : e.note;
    case 'deploy-time':
      return deployTimeSentence(e.subject, e.name);
    case 'ci-env':
      if (e.exported) return `${e.variable} exported by ${e.label ?? 'an earlier step'}`;
      if (e.form === 'setting') return `${e.variable} = ${e.value ?? '?'}${env(e.job)}`;
      return `${e.variable}: ${e.value ?? '?'}${e.label ? ` (${e.label})` : ''}`;
    case 'ci-matrix':
      if (e.form === 'gitlab') return `parallel.matrix ${e.path}: ${e.regions.join(', ')}`;
      return `strategy.matrix.${e.path}: ${e.regions.join(', ') || 'no literal region'}`;
    case 'ci-input':
      return e.options ? `inputs.${e.input}: one of ${e.options.join(', ')}` : `inputs.${e.input} defaults to ${e.default ?? '?'}`;
    case 'ci-deploy': {
      const where = e.region ? ` in ${e.region}` : e.regions?.length ? ` in ${e.regions.join(' and ')}` : '';
      return `deployed by \`${e.command}\`${e.job ? ` in job ${e.job}` : ''}${where}`;
    }
    case 'ci-run': {
      const where = e.region ? ` with AWS_REGION ${e.region}` : e.regions?.length ? ` with AWS_REGION one of ${e.regions.join(', ')}` : '';
      return `run by \`${e.command}\`${e.job ? ` in job ${e.job}` : ''}${where}`;
    }
    case 'env-assignment':
      return e.form === 'setting' ? `${e.variable} = ${e.value}` : `${e.keyword ? `${e.keyword} ` : ''}${e.variable}=${e.value}`;
    case 'shell-loop':
      return `for ${e.variable} in ${e.values}`;
    case 'framework-default':
      return `provider.region is not set: the Serverless Framework deploys to ${e.region} unless --region is given`;
    case 'stage-dependent':
      return `${e.expression} depends on the stage: one of ${e.regions.join(', ')}`;
    case 'unresolved':
      if (e.subject === 'no-instantiation') return `no instantiation of ${e.name} in the workspace says where it is deployed`;
      if (e.subject === 'imported') return `region_name is ${e.name}, defined in another module`;
      if (e.subject === 'computed') return `region_name = ${e.name} is computed at run time`;
      if (e.subject === 'budget') return `resolution stopped here after ${e.steps ?? 0} steps (${e.name})`;
      return `${e.name}: the workspace does not decide this region`;
  }
}

function deployTimeSentence(subject: Extract<TraceEvidence, { kind: 'deploy-time' }>['subject'], name: string | undefined): string {
  switch (subject) {
    case 'stack':
      return "no deploy config names this stack's region: it is chosen at deploy time (AWS::Region)";
    case 'variable':
      return `${name ?? 'the variable'} is not set in the workspace: chosen at deploy time`;
    case 'cdk-context':
      return `CDK context "${name ?? ''}" is not in cdk.json: given with --context at deploy time`;
    case 'profile':
      return 'environment-agnostic stack: deployed to the region of the deploying profile';
    case 'pulumi-stack':
      return 'no Pulumi stack config sets aws:region: chosen at deploy time (pulumi config or AWS_REGION)';
    case 's3-backend':
      return 'the S3 backend names no region: it is given at terraform init (-backend-config or AWS_REGION)';
    case 'terraform-variable':
      return `variable "${name ?? ''}" has no value in the workspace: it is given at plan/apply time`;
  }
}

/** Kinds that say the region comes from the environment, a deployment or a caller: never from the code at hand. */
const NOT_WRITTEN_IN_CODE: ReadonlySet<TraceKind> = new Set<TraceKind>(['env-read', 'runtime-env', 'deployed-function', 'caller-parameter', 'ci-deploy', 'pulumi-function']);

/** Whether a step says the region is decided outside the code (environment, deployment, caller). */
export function isOutsideCodeStep(step: TraceStep): boolean {
  return NOT_WRITTEN_IN_CODE.has(step.kind);
}

/** The regions a step names (its `region`, `regions`, the region a global service was configured for). */
export function regionsOfStep(step: TraceStep): string[] {
  const out: string[] = [];
  const s = step as TraceStep & { region?: string; regions?: string[]; configuredRegion?: string };
  if (s.kind === 'global-control-plane') {
    if (s.configuredRegion) out.push(s.configuredRegion);
  } else {
    if (typeof s.region === 'string') out.push(s.region);
    for (const r of s.regions ?? []) out.push(r);
  }
  return [...new Set(out.filter(isRegion))];
}

/** A key that is equal for equal steps (same place, same evidence): for removing repeats. */
export function traceKey(step: TraceStep): string {
  return `${step.file}:${step.line}:${step.column ?? ''}:${JSON.stringify(evidenceOf(step))}`;
}

/** Whether a trace step points at the given dependency (the place that decided a region): file, line and, when the step has one, column. */
export function stepIsAt(step: TraceStep, at: { file: string; line: number; column?: number }): boolean {
  return step.file === at.file && step.line === at.line && (step.column === undefined || step.column === at.column);
}

/** The step of a dependency's trace that points at a region setting, when that setting (at least in part) decided its region. */
export function decidingStep(dep: Dependency, config: Dependency): TraceStep | undefined {
  return (dep.regionTrace ?? []).find((s) => stepIsAt(s, config));
}

/** The dependencies whose region was decided (at least in part) by the given region-config. */
export function decidedBy(config: Dependency, dependencies: readonly Dependency[]): Dependency[] {
  // Only dependencies with a trace step on the config's line can match: looked up, not filtered
  // from every dependency for every config (quadratic: 3.6 s of a 50k-file scan's rules).
  const candidates = traceStepIndex(dependencies).get(`${config.file}\0${config.line}`) ?? [];
  return candidates.filter((d) => d !== config && decidingStep(d, config) !== undefined);
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
