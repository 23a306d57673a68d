/**
 * The CDK pass: gives every construct the region of the stack it is deployed in.
 *
 * The JavaScript scanner leaves constructs with `regionRef { format: 'cdk', key }`, where `key`
 * is the class the construct is declared in (a Stack, Stage or Construct subclass), `Class#id` for
 * a stack instance created in the same file, `context:<key>` for `tryGetContext`, or `app`. Its
 * format facts list the stack classes and every instantiation of a stack, stage or local construct
 * class with its `env.region`. A class's region is then:
 * - the env of its own `super(scope, id, { env })`, else
 * - the env of each place it is instantiated (anywhere in the workspace): a literal
 *   (`stack-env`), a loop over regions (candidates), `process.env.CDK_DEFAULT_REGION` (the
 *   workspace's env files and CI settings for that folder, else chosen at deploy time:
 *   `parameter`), `tryGetContext('k')` (the `context.k` of cdk.json), or — no env — the region of
 *   the class that instantiates it (a Stage, a parent stack), else the deploying profile's region
 *   (environment-agnostic: the same settings as CDK_DEFAULT_REGION).
 * Several instantiations in different regions give candidates.
 *
 * Code deployed as a CDK Lambda function then reads AWS_REGION from that function's region.
 *
 * Once every construct has its region, the facts that name another construct are completed
 * (`completeReferences`): a replication rule's destination bucket gives the rule its region, and a
 * distribution's certificate its region, also where the construct comes from another stack (a
 * CDK cross-stack reference: `props.replicaBucket` of a stack that the app instantiates with
 * `replicaStack.bucket`).
 */
import type { Dependency, RegionSource, TraceAt, TraceEvidence, TraceStep } from '../model';
import { findRegionsInText } from '../regions';
import type { CdkClassFact, CdkEnvFact, CdkFacts, CdkInstantiationFact } from '../scanners/javascript/cdk';
import type { CdkConstructRef, CdkReferenceFact } from '../scanners/javascript/cdkReferences';
import type { Resolution, ResolutionPass, ResolutionWorkspace } from './types';
import { isInFolder } from '../paths';
import { StepBudget, type StopPoint } from '../stepBudget';
import { traceKey, traceStep } from '../trace';
import { configTraceStep } from './configSteps';
import { deployedUnits, isCiDeploy } from './deploy';
import { isTestCode } from '../testCode';

interface Located<T> {
  file: string;
  fact: T;
}

/** One way the region may turn out (a stack instantiated twice has two). */
export interface RegionOption {
  region: string | null;
  source: RegionSource;
  trace: TraceStep[];
}

const REGION_VARIABLES = ['AWS_REGION', 'AWS_DEFAULT_REGION'];
const MAX_DEPTH = 12;
/**
 * Classes and instantiations one stack's region may follow, and the whole pass: a construct class
 * instantiated many times inside a class instantiated many times fans out on every level. Classes
 * are memoised, so a real app spends a few steps per stack.
 */
export const CDK_STEPS_PER_VALUE = 5_000;
export const CDK_STEPS_PER_WORKSPACE = 100_000;
/** Alternatives kept per class: their regions and first traces are what the resolution shows. */
const MAX_OPTIONS = 64;
/** Steps one reference may take through members and props (stacks instantiated many times fan out). */
const MAX_REFERENCE_STEPS = 256;

/** The configs nearest to `file` (deepest directory) among those whose scope contains it. */
function nearest(configs: Dependency[], file: string): Dependency[] {
  const applicable = configs.filter((c) => c.scope?.directory !== undefined && isInFolder(file, c.scope.directory));
  if (applicable.length === 0) return [];
  const depth = (c: Dependency): number => (c.scope?.directory ?? '').split('/').filter(Boolean).length;
  const best = Math.max(...applicable.map(depth));
  return applicable.filter((c) => depth(c) === best);
}

function configStep(c: Dependency): TraceStep {
  return configTraceStep(c);
}

function optionsOfConfigs(configs: Dependency[], source: RegionSource, lead: TraceStep[]): RegionOption[] {
  const out: RegionOption[] = [];
  for (const c of configs) {
    if (c.region) out.push({ region: c.region, source, trace: [...lead, configStep(c)] });
    else for (const r of c.candidateRegions ?? []) out.push({ region: r, source, trace: [...lead, configStep(c)] });
  }
  return out;
}

/** Combines the options into one resolution: one region, candidates, or the reason there is none. */
export function combineOptions(options: RegionOption[]): Resolution | undefined {
  if (options.length === 0) return undefined;
  const known = options.filter((o) => o.region);
  const regions = [...new Set(known.map((o) => o.region as string))];
  // Options from one loop or one config share their steps: each step once.
  const seen = new Set<string>();
  const trace = options.flatMap((o) => o.trace).filter((t) => {
    const k = traceKey(t);
    return seen.has(k) ? false : (seen.add(k), true);
  });
  if (regions.length === 1 && known.length === options.length) return { region: regions[0], regionSource: known[0].source, trace };
  if (regions.length >= 1) return { region: null, regionSource: known[0].source, candidateRegions: regions, trace };
  return { region: null, regionSource: options[0].source, trace };
}

/** What a construct reference names once followed: a construct of the workspace, or an ARN passed in props. */
type ReferenceTarget = { dep: Dependency } | { text: string };

/** A reference followed further down: the rest of a path below a member or a prop (a construct's own attributes name the construct). */
function extendRef(ref: CdkConstructRef, rest: string[]): CdkConstructRef {
  if (rest.length === 0 || ref.kind === 'construct' || ref.kind === 'text') return ref;
  return { ...ref, path: [...ref.path, ...rest] };
}

class CdkApp {
  readonly classes: Located<CdkClassFact>[] = [];
  readonly instantiations: Located<CdkInstantiationFact>[] = [];
  readonly references: Located<CdkReferenceFact>[] = [];
  /** `class|asking file` → options, for results no cut (depth, cycle, budget) touched */
  private readonly classMemo = new Map<string, RegionOption[]>();
  /** Counts resolutions cut short: a result computed while it stayed the same is exact and memoised. */
  private cuts = 0;
  readonly passBudget: StepBudget;
  /** the budget of the value being resolved; the pass replaces it per key */
  budget: StepBudget;

  constructor(private readonly workspace: ResolutionWorkspace) {
    this.passBudget = workspace.budget('cdk', CDK_STEPS_PER_WORKSPACE);
    this.budget = new StepBudget(CDK_STEPS_PER_VALUE, this.passBudget);
    for (const { file, facts } of workspace.formatFacts<{ cdk?: CdkFacts }>('javascript')) {
      if (!facts?.cdk) continue;
      for (const fact of facts.cdk.classes ?? []) this.classes.push({ file, fact });
      for (const fact of facts.cdk.instantiations ?? []) this.instantiations.push({ file, fact });
      for (const fact of facts.cdk.references ?? []) this.references.push({ file, fact });
    }
  }

  /**
   * What a reference written in `file` names: a construct of that file; a member of a stack
   * created there (the member its class assigns, in the class's file); or a prop of the class
   * whose constructor reads it (what every instantiation of the class passes, in its file).
   */
  targetsOf(ref: CdkConstructRef, file: string, depth = 0, budget = new StepBudget(MAX_REFERENCE_STEPS)): ReferenceTarget[] {
    // Each step may fan out (a class instantiated many times): the budget bounds the whole walk.
    if (depth > MAX_DEPTH || !budget.step(() => ({ file, what: ref.kind }))) return [];
    switch (ref.kind) {
      case 'construct': {
        const dep = this.workspace.byId.get(ref.id);
        return dep ? [{ dep }] : [];
      }
      case 'text':
        return [{ text: ref.text }];
      case 'member': {
        const [name, ...rest] = ref.path;
        const inst = this.instantiations.find((i) => i.file === file && i.fact.key === ref.instance);
        if (!inst || name === undefined) return [];
        const cls = this.classNamed(inst.fact.className, inst.fact.classFile ?? inst.file);
        const member = cls?.fact.members?.[name];
        return cls && member ? this.targetsOf(extendRef(member, rest), cls.file, depth + 1, budget) : [];
      }
      case 'prop': {
        const [name, ...rest] = ref.path;
        const cls = this.classNamed(ref.className, file);
        return this.instantiations
          .filter((i) => i.fact.className === ref.className && !i.fact.core && (!cls || this.classNamed(i.fact.className, i.fact.classFile ?? i.file) === cls))
          .flatMap((i) => {
            const passed = name === undefined ? undefined : i.fact.props?.[name];
            return passed ? this.targetsOf(extendRef(passed, rest), i.file, depth + 1, budget) : [];
          });
      }
    }
  }

  /** The class of a name, preferring the one declared in `file` (two classes of one name in a workspace). */
  private classNamed(name: string, file: string): Located<CdkClassFact> | undefined {
    const declared = this.classes.filter((c) => c.fact.name === name);
    return declared.find((c) => c.file === file) ?? (declared.length === 1 ? declared[0] : undefined);
  }

  resolveKey(key: string, file: string): RegionOption[] {
    if (key.startsWith('context:')) return this.contextOptions(key.slice('context:'.length), file, { file, line: 1 });
    if (key === 'app') {
      // Nothing names the stack: any stack the same file creates.
      return this.instantiations.filter((i) => i.file === file && !i.fact.container).flatMap((i) => this.optionsOfInstantiation(i, new Set(), 0));
    }
    if (key.includes('#')) {
      const inst = this.instantiations.find((i) => i.file === file && i.fact.key === key) ?? this.instantiations.find((i) => i.fact.key === key);
      return inst ? this.optionsOfInstantiation(inst, new Set(), 0) : [];
    }
    return this.optionsOfClass(key, file, new Set(), 0);
  }

  private optionsOfClass(name: string, fromFile: string, seen: Set<string>, depth: number): RegionOption[] {
    const key = `${name}|${fromFile}`;
    const known = this.classMemo.get(key);
    if (known) return known;
    if (seen.has(name) || depth > MAX_DEPTH) {
      this.cuts++;
      return [];
    }
    const where = (): StopPoint => {
      const decl = this.classes.find((c) => c.fact.name === name && c.file === fromFile) ?? this.classes.find((c) => c.fact.name === name);
      return { file: decl?.file ?? fromFile, line: decl?.fact.line, what: `class ${name}` };
    };
    if (!this.budget.step(where)) {
      this.cuts++;
      return [];
    }
    const before = this.cuts;
    const options = this.optionsOfClassOnce(name, fromFile, seen, depth);
    const bounded = options.length > MAX_OPTIONS ? options.slice(0, MAX_OPTIONS) : options;
    if (this.cuts === before) this.classMemo.set(key, bounded);
    return bounded;
  }

  private optionsOfClassOnce(name: string, fromFile: string, seen: Set<string>, depth: number): RegionOption[] {
    seen.add(name);
    const declared = this.classes.filter((c) => c.fact.name === name);
    // Two classes of the same name in the workspace: the one in the asking file, else all of them.
    const cls = declared.find((c) => c.file === fromFile) ?? declared[0];
    if (cls?.fact.env) return this.envOptions(cls.fact.env, cls.file);
    let insts = this.instantiations.filter((i) => i.fact.className === name && !i.fact.core);
    if (cls && declared.length > 1) insts = insts.filter((i) => !i.fact.classFile || i.fact.classFile === cls.file || i.file === cls.file);
    return insts.flatMap((i) => this.optionsOfInstantiation(i, new Set(seen), depth + 1));
  }

  private optionsOfInstantiation(inst: Located<CdkInstantiationFact>, seen: Set<string>, depth: number): RegionOption[] {
    const at = traceStep({ file: inst.file, line: inst.fact.line, column: inst.fact.column }, { kind: 'stack-instantiation', className: inst.fact.className, id: inst.fact.id });
    if (inst.fact.env) return this.envOptions(inst.fact.env, inst.file, at);
    if (inst.fact.container) {
      const outer = this.optionsOfClass(inst.fact.container, inst.file, seen, depth + 1);
      if (outer.length) return outer.map((o) => ({ ...o, trace: [at, ...o.trace] }));
    }
    return this.profileOptions(inst.file, at);
  }

  private envOptions(env: CdkEnvFact, file: string, at?: TraceStep): RegionOption[] {
    const lead = at ? [at] : [];
    const step = (fields: Omit<Extract<TraceEvidence, { kind: 'stack-env' }>, 'kind'>): TraceStep => traceStep({ file, line: env.line, column: env.column }, { kind: 'stack-env', ...fields });
    if (env.region) return [{ region: env.region, source: 'stack-env', trace: [...lead, step({ region: env.region }), ...(env.trace ?? [])] }];
    if (env.candidateRegions?.length) return env.candidateRegions.map((r) => ({ region: r, source: 'stack-env' as const, trace: [...lead, step({ regions: [...(env.candidateRegions ?? [])] })] }));
    if (env.variable) return this.variableOptions(env.variable, env.fallback, file, [...lead, step({ variable: env.variable })]);
    if (env.contextKey) return this.contextOptions(env.contextKey, file, step({ contextKey: env.contextKey }), lead);
    return [{ region: null, source: 'unresolved', trace: [...lead, step({})] }];
  }

  /** `process.env.X` at synth time: env files and CI settings of the app's folder. */
  private variableOptions(variable: string, fallback: string | undefined, file: string, lead: TraceStep[]): RegionOption[] {
    const regionVariable = variable === 'CDK_DEFAULT_REGION' || REGION_VARIABLES.includes(variable);
    const wanted = variable === 'CDK_DEFAULT_REGION' ? ['CDK_DEFAULT_REGION', ...REGION_VARIABLES] : regionVariable ? REGION_VARIABLES : [variable];
    const found = optionsOfConfigs(nearest(this.runtimeSettings().filter((c) => c.setsEnv !== undefined && wanted.includes(c.setsEnv)), file), 'env', lead);
    if (found.length) return found;
    if (regionVariable) {
      const ci = this.ciOptions(file, lead);
      if (ci.length) return ci;
    }
    const last: TraceAt = lead[lead.length - 1] ?? { file, line: 1 };
    // The CLI always sets CDK_DEFAULT_REGION, so a fallback written for it never applies at deploy.
    if (fallback && variable !== 'CDK_DEFAULT_REGION') return [{ region: fallback, source: 'default', trace: [...lead, traceStep(last, { kind: 'fallback', region: fallback, variable, applied: true })] }];
    return [{ region: null, source: 'parameter', trace: [...lead, traceStep(last, { kind: 'deploy-time', subject: 'variable', name: variable })] }];
  }

  /**
   * The `cdk deploy` steps of CI jobs whose folder contains the app: the region the job runs them
   * with (its `aws-region`, its AWS_REGION). A job that deploys nothing here says nothing about it.
   */
  private ciOptions(file: string, lead: TraceStep[]): RegionOption[] {
    const ci = nearest(this.workspace.regionConfigs().filter((c) => isCiDeploy(c) && c.container === 'cdk' && !isTestCode(c.file)), file);
    const out: RegionOption[] = [];
    for (const c of ci) {
      const steps = [...lead, configStep(c), ...(c.regionTrace ?? [])];
      if (c.region) out.push({ region: c.region, source: 'deploy-config', trace: steps });
      else for (const r of c.candidateRegions ?? []) out.push({ region: r, source: 'deploy-config', trace: steps });
    }
    return out;
  }

  /** Settings of the environment a synth or a process runs with (.env files, compose, AWS config); a CI job's reach only what it deploys. */
  private runtimeSettings(): Dependency[] {
    return this.workspace.regionConfigs().filter((c) => c.origin !== 'github-actions' && c.origin !== 'gitlab-ci' && !isTestCode(c.file));
  }

  /**
   * An environment-agnostic stack goes to the region of the profile or CI job that runs
   * `cdk deploy`: env settings of AWS_REGION/CDK_DEFAULT_REGION, or a CI `aws-region`.
   */
  private profileOptions(file: string, at: TraceStep): RegionOption[] {
    const envs = nearest(this.runtimeSettings().filter((c) => c.setsEnv !== undefined && ['CDK_DEFAULT_REGION', ...REGION_VARIABLES].includes(c.setsEnv)), file);
    const found = optionsOfConfigs(envs, 'env', [at]);
    if (found.length) return found;
    const fromCi = this.ciOptions(file, [at]);
    if (fromCi.length) return fromCi;
    return [{ region: null, source: 'parameter', trace: [traceStep(at, { kind: 'deploy-time', subject: 'profile' })] }];
  }

  /** `tryGetContext('k')`: `context.k` in the cdk.json of the app's folder. */
  private contextOptions(key: string, file: string, at: TraceAt | TraceStep, lead: TraceStep[] = []): RegionOption[] {
    const configs = nearest(this.workspace.regionConfigs().filter((c) => c.origin === 'cdk-json' && c.name === `context.${key}`), file);
    const found = optionsOfConfigs(configs, 'config-file', [...lead, ...('kind' in at ? [at] : [])]);
    if (found.length) return found;
    return [{ region: null, source: 'parameter', trace: [...lead, traceStep(at, { kind: 'deploy-time', subject: 'cdk-context', name: key })] }];
  }
}

/**
 * Code deployed as a Lambda function of a format this pass resolved (its deploy unit points at
 * the function's dependency): what reads AWS_REGION at run time gets the function's region.
 */
export function settleFunctionCode(workspace: ResolutionWorkspace, origin: string): void {
  const units = deployedUnits(workspace).filter((u) => {
    const fn = u.dependencyId ? workspace.byId.get(u.dependencyId) : undefined;
    return fn?.origin === origin && fn.regionRef === undefined;
  });
  if (units.length === 0) return;
  for (const dep of workspace.pending('runtime-env')) {
    const ref = dep.regionRef;
    if (ref?.kind !== 'runtime-env') continue;
    const mine = units.filter((u) => u.codePaths.some((p) => codeCovers(p, dep.file)));
    if (mine.length === 0) continue;
    const options: RegionOption[] = [];
    for (const u of mine) {
      const fn = workspace.byId.get(u.dependencyId as string) as Dependency;
      const at = traceStep({ file: u.stackFile, line: u.line }, { kind: 'deployed-function', unit: u.name, regionOf: 'own' });
      if (ref.variable && !REGION_VARIABLES.includes(ref.variable)) {
        const value = u.environment?.[ref.variable];
        if (value && /^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(value)) options.push({ region: value, source: 'env', trace: [traceStep({ file: u.stackFile, line: u.line }, { kind: 'unit-env', unit: u.name, variable: ref.variable, value, region: value })] });
        continue;
      }
      if (fn.region) options.push({ region: fn.region, source: fn.regionSource, trace: [at, ...(fn.regionTrace ?? [])] });
      else if (fn.candidateRegions?.length) for (const r of fn.candidateRegions) options.push({ region: r, source: fn.regionSource, trace: [at] });
      else options.push({ region: null, source: fn.regionSource, trace: [at, ...(fn.regionTrace ?? [])] });
    }
    const resolution = combineOptions(options);
    if (!resolution) continue;
    const lead = traceStep(dep, { kind: 'runtime-env', ...(ref.variable ? { variable: ref.variable } : {}) });
    workspace.settle(dep, { ...resolution, trace: [lead, ...resolution.trace] });
  }
}

/** Whether a code path (a folder, or a file with or without its extension) holds a file. */
function codeCovers(codePath: string, file: string): boolean {
  // Called for every dependency against every code path: no pattern for the usual clean path.
  const p = codePath.endsWith('/') || codePath.startsWith('./') ? codePath.replace(/\/+$/, '').replace(/^\.\//, '') : codePath;
  if (p === '' || file === p || file.startsWith(`${p}/`)) return true;
  const dot = file.lastIndexOf('.');
  return dot > file.lastIndexOf('/') && file.slice(0, dot) === p.replace(/\.[cm]?[jt]sx?$/, '');
}

/** `arn:aws:…`, `arn:aws-cn:…`: the partition of a region. */
function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * A replication destination: its region fills the rule's slot in `replicaRegions` when every
 * place the reference can name has a known region (further regions of other deployments are added
 * after the slots). The destination bucket is also named in
 * `replicationDestinations` the way rules find it: by its construct id in the same file, by its
 * bucket names from another file (construct ids identify a bucket only within their own file).
 */
function completeDestination(from: Dependency, slot: number | undefined, targets: ReferenceTarget[]): void {
  const resource = from.resource;
  if (!resource) return;
  const attributes = (resource.attributes ??= {});
  const written = attributes.replicationDestinations ?? [];
  const add = (text: string): void => {
    if (!written.includes(text)) written.push(text);
  };
  const regions = new Set<string>();
  let unknown = false;
  for (const t of targets) {
    if ('text' in t) {
      add(t.text);
      const region = findRegionsInText(t.text)[0];
      if (region) regions.add(region);
      else unknown = true;
      continue;
    }
    if (t.dep.file !== from.file) for (const name of t.dep.resource?.attributes?.physicalNames ?? []) add(name);
    else if (t.dep.resource?.name) add(t.dep.resource.name);
    const where = t.dep.region ? [t.dep.region] : t.dep.candidateRegions ?? [];
    if (where.length === 0) unknown = true;
    for (const r of where) regions.add(r);
  }
  if (written.length) attributes.replicationDestinations = written;
  const replicas = resource.replicaRegions;
  if (!replicas || slot === undefined || slot >= replicas.length || replicas[slot] !== null || unknown || regions.size === 0) return;
  // A destination deployed to several regions (a stack instantiated per environment, or several
  // instantiations passing different buckets): each deployment replicates to one of them, so all count.
  const [first, ...others] = regions;
  replicas[slot] = first;
  replicas.push(...others);
}

/**
 * A distribution's certificate, as the rules read `viewerCertificateArn`: an ARN passed in props
 * replaces the reference the scanner could not follow; a certificate construct of the same file is
 * named by its construct id; one of another file (a stack in us-east-1 made for CloudFront) by the
 * ARN it will have, whose region is its stack's — rules find constructs by id only within a file.
 */
function completeCertificate(from: Dependency, targets: ReferenceTarget[]): void {
  const attributes = from.resource?.attributes;
  if (!attributes) return;
  const keys = new Set(targets.map((t) => ('text' in t ? `text:${t.text}` : `dep:${t.dep.id}`)));
  if (keys.size !== 1) return;
  const [target] = targets;
  const current = attributes.viewerCertificateArn;
  if ('text' in target) {
    if (current === undefined || current.startsWith('${')) attributes.viewerCertificateArn = target.text;
    return;
  }
  const cert = target.dep;
  const id = cert.resource?.name ?? cert.name;
  if (!id) return;
  if (cert.file === from.file) attributes.viewerCertificateArn = id;
  else if (cert.region) attributes.viewerCertificateArn = `arn:${partitionOf(cert.region)}:acm:${cert.region}:\${AWS::AccountId}:certificate/\${${id}}`;
}

/** Completes the facts that name other constructs, now that every construct has its region. */
function completeReferences(app: CdkApp, workspace: ResolutionWorkspace): void {
  for (const { file, fact } of app.references) {
    const from = workspace.byId.get(fact.from);
    if (!from?.resource) continue;
    const targets = app.targetsOf(fact.target, file);
    if (targets.length === 0) continue;
    if (fact.attribute === 'replicationDestinations') completeDestination(from, fact.slot, targets);
    else completeCertificate(from, targets);
  }
}

/** A stack whose region's budget ran out is unresolved, and the workspace says where it stopped. */
function stoppedResolution(workspace: ResolutionWorkspace, budget: StepBudget, at: StopPoint): Resolution {
  workspace.reportOnce({ file: at.file, line: at.line, reason: `CDK region resolution stopped at ${at.what}: its step budget was spent (construct classes instantiated inside each other too often to follow); regions that depend on it are unresolved`, severity: 'partial' });
  return { region: null, regionSource: 'unresolved', trace: [traceStep({ file: at.file, line: at.line ?? 1, column: at.column }, { kind: 'unresolved', subject: 'budget', name: at.what, steps: budget.spent })] };
}

export const cdkPass: ResolutionPass = {
  id: 'cdk',
  run(workspace) {
    const pending = workspace.pending('format').filter((d) => d.regionRef?.kind === 'format' && d.regionRef.format === 'cdk');
    if (pending.length === 0) return;
    const app = new CdkApp(workspace);
    const cache = new Map<string, Resolution | undefined>();
    for (const dep of pending) {
      const ref = dep.regionRef;
      if (ref?.kind !== 'format') continue;
      const cacheKey = ref.key.includes('#') || ref.key === 'app' || ref.key.startsWith('context:') ? `${dep.file}\u0000${ref.key}` : ref.key;
      if (!cache.has(cacheKey)) {
        app.budget = new StepBudget(CDK_STEPS_PER_VALUE, app.passBudget);
        const options = app.resolveKey(ref.key, dep.file);
        const stop = app.budget.stoppedAt;
        cache.set(cacheKey, stop ? stoppedResolution(workspace, app.budget, stop) : combineOptions(options));
      }
      const resolution = cache.get(cacheKey) ?? { region: null, regionSource: 'unresolved', trace: [traceStep(dep, { kind: 'unresolved', subject: 'no-instantiation', name: ref.key })] };
      workspace.settle(dep, { ...resolution, trace: resolution.trace.map((t) => ({ ...t })) });
      // CloudFormation global tables list their own region among the replicas.
      if (dep.region && dep.resource?.type.endsWith('.CfnGlobalTable') && dep.resource.replicaRegions) {
        dep.resource.replicaRegions = dep.resource.replicaRegions.filter((r) => r !== dep.region);
      }
    }
    completeReferences(app, workspace);
    settleFunctionCode(workspace, 'cdk');
  },
};
