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
 * answers as {@link codePathMatches}, linear in the workspace instead of quadratic.
 */
export class DeployUnitIndex {
  private readonly byPath = new Map<string, DeployUnit[]>();
  private readonly order = new Map<DeployUnit, number>();

  constructor(units: readonly DeployUnit[]) {
    for (const unit of units) {
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

function isPrimary(env: string | undefined): boolean {
  return env === undefined || env === 'default';
}

function configStep(config: Dependency): TraceStep {
  const env = config.scope?.environment && !isPrimary(config.scope.environment) ? ` (${config.scope.environment})` : '';
  return { file: config.file, line: config.line, column: config.column, reason: `${config.name ?? 'region'} = ${config.text ?? config.region ?? '?'}${env}` };
}

/** Combines the region configs that apply to one thing into one resolution. */
function combine(configs: Dependency[], source?: RegionSource): Resolution | undefined {
  if (configs.length === 0) return undefined;
  const regions = [...new Set(configs.flatMap((c) => (c.region ? [c.region] : c.candidateRegions ?? [])))];
  const primary = configs.filter((c) => isPrimary(c.scope?.environment) && c.region);
  const primaryRegions = [...new Set(primary.map((c) => c.region as string))];
  const trace = configs.map(configStep);
  if (regions.length === 0) return { region: null, regionSource: 'unresolved', trace };
  if (regions.length === 1) return { region: regions[0], regionSource: source ?? configs[0].regionSource, trace };
  // A primary environment decides the region; the others stay visible as candidates (CONTRACTS.md "Regions").
  if (primaryRegions.length === 1) return { region: primaryRegions[0], regionSource: source ?? primary[0].regionSource, candidateRegions: regions, trace };
  return { region: null, regionSource: source ?? configs[0].regionSource, candidateRegions: regions, trace };
}

export function stackDeployRegion(stackFile: string, workspace: ResolutionWorkspace): Resolution | undefined {
  const configs = workspace.regionConfigs();
  const deployish = (c: Dependency) => c.scope?.appliesTo === 'deploy' || c.scope?.appliesTo === 'both';
  const own = configs.filter((c) => c.scope?.stackFile === stackFile && deployish(c));
  const dir = folderOf(stackFile);
  // `sls deploy --region X` / `sam deploy --region X` in CI override the stack's own setting.
  const tools = own.some((c) => c.origin === 'serverless') ? ['serverless'] : ['sam', 'aws'];
  const explicit = configs.filter(
    (c) => c.name === 'deploy command' && c.region && tools.includes(c.container ?? '') && (c.scope?.stackFile === stackFile || (c.scope?.directory !== undefined && !c.scope.stackFile && isInFolder(dir, c.scope.directory))),
  );
  if (explicit.length && own.every((c) => c.regionSource === 'default')) return combine(explicit, 'deploy-config');
  if (own.length) return combine([...own, ...explicit]);
  const ci = configs.filter((c) => deployish(c) && c.scope?.directory !== undefined && !c.scope.stackFile && isInFolder(dir, c.scope.directory) && !c.setsEnv && (c.origin === 'github-actions' || c.origin === 'gitlab-ci'));
  return combine(ci, 'deploy-config');
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
    return c.setsEnv === undefined ? c.origin === 'aws-config' || c.origin === 'github-actions' || c.origin === 'gitlab-ci' : REGION_VARIABLES.has(c.setsEnv);
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
        { file: dep.file, line: dep.line, column: dep.column, reason: variable ? `reads ${variable} at run time` : 'no region option: the SDK reads AWS_REGION at run time' },
      ];
      for (const p of resolved) {
        trace.push({ file: p.unit.stackFile, line: p.unit.line, reason: `deployed as ${p.unit.name}, whose AWS_REGION is the stack's region` });
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
      trace: [{ file: mine[0].stackFile, line: mine[0].line, reason: `deployed as ${mine[0].name}; the stack's region is chosen at deploy time` }],
    };
  }
  if (mine.length > 0 && variable) {
    for (const u of mine) {
      const value = u.environment?.[variable];
      if (value && /^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(value)) {
        return { region: value, regionSource: 'env', trace: [{ file: u.stackFile, line: u.line, reason: `${u.name} sets ${variable}=${value}` }] };
      }
    }
  }
  const configs = runtimeConfigsFor(dep.file, variable, runtime);
  const fromConfig = combine(configs, sourceOfRuntime(configs));
  if (fromConfig && (fromConfig.region || fromConfig.candidateRegions?.length)) {
    return { ...fromConfig, trace: [{ file: dep.file, line: dep.line, column: dep.column, reason: `reads ${variable ?? 'AWS_REGION'} at run time` }, ...fromConfig.trace] };
  }
  if (ref.fallback) {
    return { region: ref.fallback, regionSource: 'literal', trace: [{ file: dep.file, line: dep.line, column: dep.column, reason: `falls back to "${ref.fallback}" when ${variable ?? 'AWS_REGION'} is unset` }] };
  }
  return undefined;
}

export const deployPass: ResolutionPass = {
  id: 'deploy',
  run(workspace) {
    const units = new DeployUnitIndex(workspace.results.flatMap((r) => r.deployUnits ?? []));
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
      else workspace.settle(dep, { region: null, regionSource: 'parameter', trace: [{ file: ref.stackFile, line: 1, reason: 'no deploy config names this stack\'s region: it is chosen at deploy time (AWS::Region)' }] });
    }
    for (const dep of workspace.pending('runtime-env')) {
      const r = resolveRuntime(dep, units, runtime, stackRegion);
      if (r) workspace.settle(dep, r);
    }
  },
};
