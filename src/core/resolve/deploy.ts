/**
 * The deploy pass: where a stack is deployed, and what AWS_REGION code sees at run time.
 *
 * - A resource of a CloudFormation/SAM/Serverless stack (`regionRef: deploy-region`) takes the
 *   region of the stack's deploy config: samconfig environments, the Serverless provider, else a
 *   CI workflow that deploys from a folder containing the stack; none → `parameter` (chosen at
 *   deploy time).
 * - Code that reads its region from the environment (`regionRef: runtime-env`) takes the region of
 *   the function that deploys it (Lambda sets AWS_REGION to the function's region), else the
 *   nearest runtime setting (.env, compose, Dockerfile, AWS config, CI env), else the literal
 *   fallback written in the code, else stays unresolved.
 */
import type { DeployUnit, Dependency, RegionSource, TraceStep } from '../model';
import type { Resolution, ResolutionPass, ResolutionWorkspace } from './types';
import { folderOf, isInFolder } from '../paths';
import { isTestCode } from '../testCode';
import { configTraceStep } from './configSteps';
import { traceStep } from '../trace';

const REGION_VARIABLES = new Set(['AWS_REGION', 'AWS_DEFAULT_REGION']);

/** A code path may omit the extension: `src/orders` matches `src/orders.ts` and files under `src/orders/`. */
export function codePathMatches(codePath: string, file: string): boolean {
  // Called for every dependency against every code path: no pattern for the usual clean path.
  const p = codePath.endsWith('/') || codePath.startsWith('./') ? codePath.replace(/\/+$/, '').replace(/^\.\//, '') : codePath;
  if (p === '' || p === '.') return true;
  if (file === p || file.startsWith(`${p}/`)) return true;
  const dot = file.lastIndexOf('.');
  return dot > file.lastIndexOf('/') && file.slice(0, dot) === p;
}

function normaliseCodePath(codePath: string): string {
  const p = codePath.replace(/\/+$/, '').replace(/^\.\//, '');
  return p === '.' ? '' : p;
}

/** The keys a file is found under in a path index: itself, itself without extension, and every folder above it. */
function lookupKeys(file: string): string[] {
  const keys = [file];
  const slash = file.lastIndexOf('/');
  const dot = file.lastIndexOf('.');
  if (dot > slash) keys.push(file.slice(0, dot));
  for (let i = slash; i >= 0; i = file.lastIndexOf('/', i - 1)) keys.push(file.slice(0, i));
  keys.push('');
  return keys;
}

/**
 * Deploy units by code path, so that "which functions deploy this file" is a few map lookups
 * (the file, the file without extension, its folders) instead of a scan of every unit — the same
 * answers as {@link codePathMatches}, linear in the workspace instead of quadratic. Units declared
 * in test code deploy nothing and are left out (the simulation's components and every pass agree).
 */
export class DeployUnitIndex {
  private readonly byPath = new Map<string, DeployUnit[]>();
  private readonly order = new Map<DeployUnit, number>();

  constructor(units: readonly DeployUnit[]) {
    for (const unit of units) {
      if (isTestCode(unit.stackFile)) continue;
      this.order.set(unit, this.order.size);
      for (const key of new Set(unit.codePaths.map(normaliseCodePath))) {
        const list = this.byPath.get(key);
        if (list) list.push(unit);
        else this.byPath.set(key, [unit]);
      }
    }
  }

  unitsOf(file: string): DeployUnit[] {
    const found = new Set<DeployUnit>();
    for (const key of lookupKeys(file)) for (const u of this.byPath.get(key) ?? []) found.add(u);
    // In declaration order, as a scan of the units would find them.
    return [...found].sort((a, b) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0));
  }
}

/** The deploy units of the workspace, but those declared in test code (a fixture template is not deployed). */
export function deployedUnits(workspace: ResolutionWorkspace): DeployUnit[] {
  return workspace.results.flatMap((r) => (isTestCode(r.file) ? [] : r.deployUnits ?? []));
}

function isPrimary(env: string | undefined): boolean {
  return env === undefined || env === 'default';
}

function configStep(config: Dependency): TraceStep {
  return configTraceStep(config, !isPrimary(config.scope?.environment) ? config.scope?.environment : undefined);
}

/** A CI step's own trace says where its region came from (the job's AWS_REGION); other settings speak for themselves. */
function evidenceSteps(config: Dependency): TraceStep[] {
  return isCiDeploy(config) || (CI_ORIGINS.has(config.origin ?? '') && config.name === 'run command') ? [configStep(config), ...(config.regionTrace ?? [])] : [configStep(config)];
}

/** Combines the region configs that apply to one thing into one resolution. */
function combine(configs: Dependency[], source?: RegionSource): Resolution | undefined {
  if (configs.length === 0) return undefined;
  const regions = [...new Set(configs.flatMap((c) => (c.region ? [c.region] : c.candidateRegions ?? [])))];
  const primary = configs.filter((c) => isPrimary(c.scope?.environment) && c.region);
  const primaryRegions = [...new Set(primary.map((c) => c.region as string))];
  const trace = configs.flatMap(evidenceSteps);
  if (regions.length === 0) return { region: null, regionSource: 'unresolved', trace };
  if (regions.length === 1) return { region: regions[0], regionSource: source ?? configs[0].regionSource, trace };
  // A primary environment decides the region; the others stay visible as candidates (CONTRACTS.md "Regions").
  if (primaryRegions.length === 1) return { region: primaryRegions[0], regionSource: source ?? primary[0].regionSource, candidateRegions: regions, trace };
  return { region: null, regionSource: source ?? configs[0].regionSource, candidateRegions: regions, trace };
}

const CI_ORIGINS = new Set(['github-actions', 'gitlab-ci']);

/** A deploy step of a CI job (`sam deploy`, `terraform apply` …), as opposed to the job's other settings. */
export function isCiDeploy(c: Dependency): boolean {
  return c.name === 'deploy command' && CI_ORIGINS.has(c.origin ?? '') && c.scope?.appliesTo === 'deploy';
}

function hasRegion(c: Dependency): boolean {
  return c.region !== null || (c.candidateRegions?.length ?? 0) > 0;
}

/**
 * The CI deploy steps that deploy a stack file with one of the tools: the step names the template
 * (`--template-file`), or runs in the stack's own folder (`cd services/orders && sam deploy`
 * deploys services/orders/template.yaml, not the templates of the folders below).
 */
export function ciDeploysOf(stackFile: string, configs: readonly Dependency[], tools: readonly string[]): Dependency[] {
  const dir = folderOf(stackFile);
  return configs.filter((c) => isCiDeploy(c) && tools.includes(c.container ?? '') && (c.scope?.stackFile !== undefined ? c.scope.stackFile === stackFile : c.scope?.directory === dir));
}

export function stackDeployRegion(stackFile: string, workspace: ResolutionWorkspace): Resolution | undefined {
  // Tests are not deployed: a samconfig or a workflow under test/ says nothing about the stack.
  const configs = workspace.regionConfigs().filter((c) => !isTestCode(c.file));
  const deployish = (c: Dependency) => c.scope?.appliesTo === 'deploy' || c.scope?.appliesTo === 'both';
  const own = configs.filter((c) => c.scope?.stackFile === stackFile && deployish(c) && !isCiDeploy(c));
  const tools = own.some((c) => c.origin === 'serverless') ? ['serverless'] : ['sam', 'aws'];
  const deploys = ciDeploysOf(stackFile, configs, tools).filter(hasRegion);
  // `sls deploy --region X` / `sam deploy --region X` in CI override the stack's own setting.
  const explicit = deploys.filter((c) => c.regionSource !== 'env');
  // The job's AWS_REGION decides only where the stack's own configuration names no region.
  const fromJob = deploys.filter((c) => c.regionSource === 'env');
  if (explicit.length && own.every((c) => c.regionSource === 'default')) return combine(explicit, 'deploy-config');
  const fromOwn = combine([...own, ...explicit]);
  if (fromOwn && (fromOwn.region || fromOwn.candidateRegions?.length || fromJob.length === 0)) return fromOwn;
  return combine([...explicit, ...fromJob], 'deploy-config') ?? fromOwn;
}

/** Runtime region settings by the file or folder they apply to, built once per pass. */
class RuntimeConfigIndex {
  private readonly byPlace = new Map<string, Dependency[]>();
  private readonly everywhere: Dependency[] = [];

  constructor(configs: readonly Dependency[]) {
    for (const c of configs) {
      const scope = c.scope;
      if (!scope || scope.stackFile) continue;
      if (scope.appliesTo !== 'runtime' && scope.appliesTo !== 'both') continue;
      if (c.name === 'sso_region' || c.name === 'deploy command') continue;
      // A CI job's environment is the region of what the job runs and deploys, not of the
      // repository's code: it reaches code only through a deploy step (the stack it deploys).
      if ((CI_ORIGINS.has(c.origin ?? '') && c.name !== 'run command') || isTestCode(c.file)) continue;
      const place = scope.file !== undefined ? `file:${scope.file}` : scope.directory !== undefined ? `dir:${scope.directory}` : undefined;
      if (place === undefined) this.everywhere.push(c);
      else this.byPlace.set(place, [...(this.byPlace.get(place) ?? []), c]);
    }
  }

  /** The settings whose scope covers the file (its own file scope, and every folder above it). */
  covering(file: string): Dependency[] {
    const out = [...this.everywhere, ...(this.byPlace.get(`file:${file}`) ?? [])];
    for (const key of lookupKeys(file)) if (key !== file) out.push(...(this.byPlace.get(`dir:${key}`) ?? []));
    // A directory scope equal to the file's own path (rare) also covers it, as inDirectory says.
    out.push(...(this.byPlace.get(`dir:${file}`) ?? []));
    return out.filter((c) => c.scope?.file === undefined || c.scope.file === file);
  }
}

function runtimeConfigsFor(file: string, variable: string | undefined, index: RuntimeConfigIndex): Dependency[] {
  const candidates = index.covering(file).filter((c) => {
    if (c.scope?.directory !== undefined && !isInFolder(file, c.scope.directory)) return false;
    if (variable && !REGION_VARIABLES.has(variable)) return c.setsEnv === variable;
    return c.setsEnv === undefined ? c.origin === 'aws-config' : REGION_VARIABLES.has(c.setsEnv);
  });
  if (candidates.length === 0) return [];
  // The nearest folder wins: a service's own .env says more than the repository's workflow.
  const depth = (c: Dependency) => (c.scope?.file ? 1000 : (c.scope?.directory ?? '').split('/').filter(Boolean).length);
  const best = Math.max(...candidates.map(depth));
  return candidates.filter((c) => depth(c) === best);
}

function sourceOfRuntime(configs: Dependency[]): RegionSource {
  return configs.every((c) => c.origin === 'aws-config') ? 'config-file' : configs.some((c) => c.setsEnv) ? 'env' : 'deploy-config';
}

function resolveRuntime(dep: Dependency, units: DeployUnitIndex, runtime: RuntimeConfigIndex, stackRegion: (stackFile: string) => Resolution | undefined): Resolution | undefined {
  const ref = dep.regionRef;
  if (!ref || ref.kind !== 'runtime-env') return undefined;
  const variable = ref.variable;
  const mine = units.unitsOf(dep.file);
  const lambdaRegion = !variable || REGION_VARIABLES.has(variable);
  if (mine.length > 0 && lambdaRegion) {
    const parts = mine.map((u) => ({ unit: u, region: stackRegion(u.stackFile) }));
    const resolved = parts.filter((p) => p.region);
    if (resolved.length > 0) {
      const regions = [...new Set(resolved.flatMap((p) => (p.region?.region ? [p.region.region] : p.region?.candidateRegions ?? [])))];
      const trace: TraceStep[] = [
        traceStep(dep, { kind: 'runtime-env', ...(variable ? { variable } : {}) }),
      ];
      for (const p of resolved) {
        trace.push(traceStep({ file: p.unit.stackFile, line: p.unit.line }, { kind: 'deployed-function', unit: p.unit.name, regionOf: 'stack' }));
        trace.push(...(p.region?.trace ?? []));
      }
      const first = resolved[0].region as Resolution;
      if (regions.length === 1 && resolved.every((p) => p.region?.region === regions[0])) return { region: regions[0], regionSource: first.regionSource, trace, candidateRegions: first.candidateRegions };
      return { region: null, regionSource: first.regionSource, candidateRegions: regions, trace };
    }
    // Deployed as a function of a stack whose region is chosen at deploy time.
    return {
      region: null,
      regionSource: 'parameter',
      trace: [traceStep({ file: mine[0].stackFile, line: mine[0].line }, { kind: 'deployed-function', unit: mine[0].name, regionOf: 'deploy-time' })],
    };
  }
  if (mine.length > 0 && variable) {
    for (const u of mine) {
      const value = u.environment?.[variable];
      if (value && /^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(value)) {
        return { region: value, regionSource: 'env', trace: [traceStep({ file: u.stackFile, line: u.line }, { kind: 'unit-env', unit: u.name, variable, value, region: value })] };
      }
    }
  }
  const configs = runtimeConfigsFor(dep.file, variable, runtime);
  const fromConfig = combine(configs, sourceOfRuntime(configs));
  if (fromConfig && (fromConfig.region || fromConfig.candidateRegions?.length)) {
    return { ...fromConfig, trace: [traceStep(dep, { kind: 'runtime-env', variable: variable ?? 'AWS_REGION' }), ...fromConfig.trace] };
  }
  if (ref.fallback) {
    return { region: ref.fallback, regionSource: 'literal', trace: [traceStep(dep, { kind: 'fallback', region: ref.fallback, variable: variable ?? 'AWS_REGION', applied: true })] };
  }
  return undefined;
}

export const deployPass: ResolutionPass = {
  id: 'deploy',
  run(workspace) {
    const units = new DeployUnitIndex(deployedUnits(workspace));
    const runtime = new RuntimeConfigIndex(workspace.regionConfigs());
    const stackCache = new Map<string, Resolution | undefined>();
    const stackRegion = (stackFile: string) => {
      if (!stackCache.has(stackFile)) stackCache.set(stackFile, stackDeployRegion(stackFile, workspace));
      return stackCache.get(stackFile);
    };
    for (const dep of workspace.pending('deploy-region')) {
      const ref = dep.regionRef;
      if (!ref || ref.kind !== 'deploy-region') continue;
      const r = stackRegion(ref.stackFile);
      if (r) workspace.settle(dep, r);
      else workspace.settle(dep, { region: null, regionSource: 'parameter', trace: [traceStep({ file: ref.stackFile, line: 1 }, { kind: 'deploy-time', subject: 'stack' })] });
    }
    for (const dep of workspace.pending('runtime-env')) {
      const r = resolveRuntime(dep, units, runtime, stackRegion);
      if (r) workspace.settle(dep, r);
    }
  },
};
