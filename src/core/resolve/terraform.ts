/**
 * The Terraform pass: gives every Terraform resource and provider setting its region, following
 * what Terraform itself follows —
 *
 *   resource → its provider (`provider = aws.west`, or the default `aws`) in the module folder
 *   → the provider's `region` (a literal, `var.x`, `local.x`, a conditional)
 *   → the variable's value: `terraform.tfvars` / `*.auto.tfvars` (they win over the default), the
 *     `default`, or — in a called module — the argument of each `module` call;
 *   → in a module without its own provider block, the provider its callers pass (`providers = {…}`)
 *     or the caller's default provider;
 *   → a default provider without `region`: `AWS_REGION`/`AWS_DEFAULT_REGION` set by the workspace
 *     (a CI workflow, an env file) for that folder.
 *
 * Variable files that are not loaded automatically (`env/prod.tfvars`, passed with `-var-file`)
 * are alternatives: their values become candidate regions. A variable with no value anywhere is
 * decided at apply time (`parameter`); an expression Terraform would compute is `unresolved`.
 * After the regions, cross-resource facts are completed: S3 replication destinations, DynamoDB
 * and KMS replicas, RDS read replicas and backup copies take the regions of the resources they
 * name.
 */
import type { DeployUnit, Dependency, RegionSource, TraceStep } from '../model';
import { isRegion } from '../regions';
import type { ArchiveFact, ModuleCallFact, NamedValueFact, ProviderFact, ResourceFact, TerraformFileFacts, ValueFact, VariableFact } from '../scanners/terraform/facts';
import { codePathMatches, isCiDeploy } from './deploy';
import { isTestCode } from '../testCode';
import type { Resolution, ResolutionPass, ResolutionWorkspace } from './types';
import { isInFolder } from '../paths';
import { StepBudget, type StopPoint } from '../stepBudget';
import { traceKey, traceStep } from '../trace';
import { configTraceStep } from './configSteps';

const FORMAT = 'terraform';
const MAX_DEPTH = 12;
/** Alternatives kept per value: modules called from many places with conditionals could multiply them. */
const MAX_OUTCOMES = 64;

function bounded(outcomes: Outcome[]): Outcome[] {
  return outcomes.length > MAX_OUTCOMES ? outcomes.slice(0, MAX_OUTCOMES) : outcomes;
}
const REGION_VARIABLES = new Set(['AWS_REGION', 'AWS_DEFAULT_REGION']);
/**
 * Steps (variables, module calls and providers followed) one value may take, and the whole pass.
 * With memoisation a real workspace spends a few steps per value; modules that call each other
 * many times each fan out on every path and would otherwise take exponential time.
 */
export const TERRAFORM_STEPS_PER_VALUE = 5_000;
export const TERRAFORM_STEPS_PER_WORKSPACE = 200_000;

/** One way a value may turn out; several outcomes are alternatives (candidate regions). */
interface Outcome {
  region: string | null;
  source: RegionSource;
  trace: TraceStep[];
  /** the value is `null`: a `region` argument that is unset falls back to the provider (or the environment) */
  unset?: boolean;
}

/** Where a literal region was written decides the source the dependency reports. */
type LiteralPlace = 'provider' | 'variable' | 'config-file' | 'literal';

type Located<T> = T & { file: string; folder: string };

function parentOf(folder: string): string | undefined {
  if (folder === '') return undefined;
  const i = folder.lastIndexOf('/');
  return i < 0 ? '' : folder.slice(0, i);
}

function valueText(v: ValueFact): string {
  const text = v.kind === 'string' ? JSON.stringify(v.value) : v.kind === 'null' ? 'null' : v.text;
  return text.length > 120 ? `${text.slice(0, 117).replace(/\s+/g, ' ')}...` : text.replace(/\s+/g, ' ');
}

/** The region a value names, for the trace step's structured fields. */
function regionOfValue(v: ValueFact): { region?: string } {
  return v.kind === 'string' && isRegion(v.value) ? { region: v.value } : {};
}

function providerName(alias: string): string {
  return alias ? `aws.${alias}` : 'aws';
}

/** Everything the Terraform files of the workspace declare, indexed by module folder. */
class TerraformWorkspace {
  readonly configFolders = new Set<string>();
  readonly providers = new Map<string, Array<Located<ProviderFact>>>();
  readonly variables = new Map<string, Map<string, Located<VariableFact>>>();
  readonly locals = new Map<string, Map<string, Located<NamedValueFact>>>();
  /** module folder → the calls of it (from any folder) */
  readonly callers = new Map<string, Array<Located<ModuleCallFact>>>();
  readonly varFiles: Array<{ file: string; appliesTo: string; autoLoaded: boolean; values: Map<string, NamedValueFact> }> = [];
  readonly resources: Array<Located<ResourceFact>> = [];
  readonly archives = new Map<string, Map<string, Located<ArchiveFact>>>();
  readonly providerByConfigId = new Map<string, Located<ProviderFact>>();

  constructor(files: Array<{ file: string; facts: TerraformFileFacts }>) {
    for (const { file, facts } of files) {
      if (facts.role !== 'config') continue;
      const folder = facts.folder;
      this.configFolders.add(folder);
      for (const p of facts.providers) {
        const located = { ...p, file, folder };
        this.push(this.providers, folder, located);
        this.providerByConfigId.set(p.configId, located);
      }
      for (const v of facts.variables) this.index(this.variables, folder, v.name, { ...v, file, folder });
      for (const l of facts.locals) this.index(this.locals, folder, l.name, { ...l, file, folder });
      for (const m of facts.modules) if (m.folder !== undefined) this.push(this.callers, m.folder, { ...m, file, folder });
      for (const r of facts.resources) this.resources.push({ ...r, file, folder });
      for (const a of facts.archives ?? []) this.index(this.archives, folder, a.name, { ...a, file, folder });
    }
    // Variable files apply to the nearest module folder at or above them (`env/prod.tfvars` → the root).
    const sorted = files.filter((f) => f.facts.role === 'tfvars').sort((a, b) => (a.file < b.file ? -1 : 1));
    for (const { file, facts } of sorted) {
      let target: string | undefined = facts.folder;
      while (target !== undefined && !this.configFolders.has(target)) target = parentOf(target);
      if (target === undefined) continue;
      // Terraform loads terraform.tfvars and *.auto.tfvars only from the working directory itself.
      const autoLoaded = !!facts.autoLoaded && target === facts.folder;
      this.varFiles.push({ file, appliesTo: target, autoLoaded, values: new Map(facts.assignments.map((a) => [a.name, a])) });
    }
    // terraform.tfvars first, then *.auto.tfvars in lexical order: later files win.
    this.varFiles.sort((a, b) => rankOfVarFile(a.file) - rankOfVarFile(b.file) || (a.file < b.file ? -1 : 1));
  }

  private push<T>(map: Map<string, T[]>, key: string, value: T): void {
    const list = map.get(key) ?? [];
    list.push(value);
    map.set(key, list);
  }

  private index<T>(map: Map<string, Map<string, T>>, folder: string, name: string, value: T): void {
    const inner = map.get(folder) ?? new Map<string, T>();
    if (!inner.has(name)) inner.set(name, value);
    map.set(folder, inner);
  }
}

function rankOfVarFile(file: string): number {
  const base = file.slice(file.lastIndexOf('/') + 1);
  if (base === 'terraform.tfvars') return 0;
  if (base === 'terraform.tfvars.json') return 1;
  return 2;
}

const UNRESOLVED: readonly Outcome[] = [{ region: null, source: 'unresolved', trace: [] }];

class TerraformResolver {
  private readonly envCache = new Map<string, Outcome[]>();
  /** `folder|variable|path` and `folder|alias` → outcomes, for results no cut (depth, cycle, budget) touched */
  private readonly variableMemo = new Map<string, Outcome[]>();
  private readonly providerMemo = new Map<string, Outcome[]>();
  private readonly inProgress = new Set<string>();
  /**
   * Counts the times a resolution was cut short. A result computed while the count stayed the same
   * is exact and may be memoised; one that was cut depends on where the cut happened.
   */
  private cuts = 0;
  /** the budget of the value being resolved; the pass replaces it per dependency */
  budget: StepBudget;

  constructor(private readonly tf: TerraformWorkspace, private readonly workspace: ResolutionWorkspace, readonly passBudget: StepBudget) {
    this.budget = new StepBudget(TERRAFORM_STEPS_PER_VALUE, passBudget);
  }

  private cut(): Outcome[] {
    this.cuts++;
    return [...UNRESOLVED];
  }

  /** Spends a step following something at `where`; false once the value's budget is spent. */
  private step(where: () => StopPoint): boolean {
    if (this.budget.step(where)) return true;
    this.cuts++;
    return false;
  }

  /** Memoises `compute` under `key` when nothing cut it short; a key met again while it is computed is a cycle. */
  private memoised(memo: Map<string, Outcome[]>, key: string, compute: () => Outcome[]): Outcome[] {
    const known = memo.get(key);
    if (known) return known;
    if (this.inProgress.has(key)) return this.cut();
    const before = this.cuts;
    this.inProgress.add(key);
    try {
      const out = compute();
      if (this.cuts === before) memo.set(key, out);
      return out;
    } finally {
      this.inProgress.delete(key);
    }
  }

  /**
   * The alternatives a value may take in a module folder. `path` is what the expression reads
   * from the value: `var.settings.region` evaluates `var.settings` with path ['region'].
   */
  evaluate(value: ValueFact, folder: string, place: LiteralPlace, depth: number, path: string[] = []): Outcome[] {
    return bounded(this.evaluateAll(value, folder, place, depth, path));
  }

  private evaluateAll(value: ValueFact, folder: string, place: LiteralPlace, depth: number, path: string[]): Outcome[] {
    if (depth > MAX_DEPTH) return this.cut();
    switch (value.kind) {
      case 'string':
        if (path.length === 0 && isRegion(value.value)) return [{ region: value.value, source: place, trace: [] }];
        return [{ region: null, source: 'unresolved', trace: [] }];
      case 'conditional':
        return value.options.flatMap((o) => this.evaluate(o, folder, place, depth + 1, path));
      case 'null':
        return [{ region: null, source: 'parameter', trace: [], unset: true }];
      case 'collection': {
        // A key the expression names (`var.settings.region`), else any item: references drop their
        // indexes, so `var.regions[terraform.workspace]` and `var.envs[terraform.workspace].region`
        // read some item (with the rest of the path).
        const at = path.length && value.keys ? value.keys.indexOf(path[0]) : -1;
        if (at >= 0) return this.evaluate(value.items[at], folder, place, depth + 1, path.slice(1));
        const items = value.items.flatMap((o) => this.evaluate(o, folder, place, depth + 1, path)).filter((o) => o.region !== null);
        return items.length ? items : [{ region: null, source: 'unresolved', trace: [] }];
      }
      case 'reference': {
        const [head, name, ...rest] = value.path;
        if (head === 'var' && name) return this.variable(folder, name, depth + 1, [...rest, ...path]);
        if (head === 'local' && name) return this.local(folder, name, depth + 1, [...rest, ...path]);
        return [{ region: null, source: 'unresolved', trace: [] }];
      }
      default:
        return [{ region: null, source: 'unresolved', trace: [] }];
    }
  }

  private local(folder: string, name: string, depth: number, path: string[]): Outcome[] {
    return this.memoised(this.variableMemo, `${folder}|local.${name}|${path.join('.')}`, () => this.localAll(folder, name, depth, path));
  }

  private localAll(folder: string, name: string, depth: number, path: string[]): Outcome[] {
    const local = this.tf.locals.get(folder)?.get(name);
    if (!local) return [{ region: null, source: 'unresolved', trace: [] }];
    if (!this.step(() => ({ file: local.file, line: local.line, column: local.column, what: `local.${name}` }))) return [...UNRESOLVED];
    const step = traceStep(local, { kind: 'terraform-local', name, value: valueText(local.value), ...regionOfValue(local.value) });
    return this.evaluate(local.value, folder, 'variable', depth, path).map((o) => ({ ...o, trace: [step, ...o.trace] }));
  }

  private variable(folder: string, name: string, depth: number, path: string[]): Outcome[] {
    return this.memoised(this.variableMemo, `${folder}|${name}|${path.join('.')}`, () => this.variableAll(folder, name, depth, path));
  }

  private variableAll(folder: string, name: string, depth: number, path: string[]): Outcome[] {
    const declared = this.tf.variables.get(folder)?.get(name);
    const unsetOutcomes = (): Outcome[] => [
      {
        region: null,
        source: 'parameter',
        unset: declared?.nullDefault === true,
        trace: declared ? [declared.nullDefault ? traceStep(declared, { kind: 'terraform-variable', variable: name, nullDefault: true }) : traceStep(declared, { kind: 'deploy-time', subject: 'terraform-variable', name })] : [],
      },
    ];
    const defaultOutcomes = (): Outcome[] | undefined => {
      if (!declared?.default) return undefined;
      const step = traceStep(declared, { kind: 'terraform-variable', variable: name, value: valueText(declared.default), ...regionOfValue(declared.default) });
      return this.evaluate(declared.default, folder, 'variable', depth, path).map((o) => ({ ...o, trace: [step, ...o.trace] }));
    };
    const calls = this.tf.callers.get(folder);
    if (calls?.length) {
      // A called module: each call gives the variable its value, else its default applies.
      return calls.flatMap((call) => {
        if (!this.step(() => ({ file: call.file, line: call.line, column: call.column, what: `module "${call.name}" (${name})` }))) return [...UNRESOLVED];
        const arg = call.arguments[name];
        if (!arg) return defaultOutcomes() ?? unsetOutcomes();
        const step = traceStep(call, { kind: 'module-input', module: call.name, variable: name, value: valueText(arg), ...regionOfValue(arg) });
        return this.evaluate(arg, call.folder, 'variable', depth, path).map((o) => ({ ...o, trace: [step, ...o.trace] }));
      });
    }
    const fromFile = (vf: TerraformWorkspace['varFiles'][number]): Outcome[] | undefined => {
      const a = vf.values.get(name);
      if (!a) return undefined;
      const step = traceStep({ file: vf.file, line: a.line, column: a.column }, { kind: 'tfvars', variable: name, value: valueText(a.value), ...regionOfValue(a.value), ...(vf.autoLoaded ? {} : { varFile: vf.file }) });
      return this.evaluate(a.value, folder, 'config-file', depth, path).map((o) => ({ ...o, trace: [step, ...o.trace] }));
    };
    const files = this.tf.varFiles.filter((vf) => vf.appliesTo === folder);
    // The last automatically loaded file that sets the variable wins over the default.
    const auto = files.filter((vf) => vf.autoLoaded && vf.values.has(name));
    const base = auto.length ? fromFile(auto[auto.length - 1]) : defaultOutcomes();
    const alternatives = files.filter((vf) => !vf.autoLoaded).flatMap((vf) => fromFile(vf) ?? []);
    const out = [...(base ?? []), ...alternatives];
    return out.length ? out : unsetOutcomes();
  }

  /** The region of a provider configuration as seen from a module folder. */
  provider(folder: string, alias: string, depth: number): Outcome[] {
    return bounded(this.memoised(this.providerMemo, `${folder}|${alias}`, () => this.providerAll(folder, alias, depth)));
  }

  private providerAll(folder: string, alias: string, depth: number): Outcome[] {
    if (depth > MAX_DEPTH) return this.cut();
    const own = this.tf.providers.get(folder)?.find((p) => p.alias === alias);
    if (own) return this.providerRegion(own, depth, true);
    const calls = this.tf.callers.get(folder);
    if (calls?.length) return this.passedByCallers(calls, alias, depth);
    if (alias === '') return this.environment(folder, undefined);
    return [{ region: null, source: 'unresolved', trace: [] }];
  }

  /** The provider configuration each call of a module passes it as `aws` / `aws.<alias>` (or, for the default one, lets it inherit). */
  private passedByCallers(calls: Array<Located<ModuleCallFact>>, alias: string, depth: number): Outcome[] {
    return calls.flatMap((call) => {
        if (!this.step(() => ({ file: call.file, line: call.line, column: call.column, what: `module "${call.name}" (provider ${providerName(alias)})` }))) return [...UNRESOLVED];
        const passed = call.providers[providerName(alias)];
        if (passed !== undefined) {
          const m = /^aws(?:\.([A-Za-z0-9_-]+))?$/.exec(passed.trim());
          if (!m) return [{ region: null, source: 'unresolved' as RegionSource, trace: [] }];
          const step = traceStep(call, { kind: 'module-provider', module: call.name, provider: providerName(alias), passed });
          return this.provider(call.folder, m[1] ?? '', depth + 1).map((o) => ({ ...o, trace: [step, ...o.trace] }));
        }
        if (alias === '') {
          const step = traceStep(call, { kind: 'module-provider', module: call.name, provider: providerName(alias), inheritsFrom: call.folder });
          return this.provider(call.folder, '', depth + 1).map((o) => ({ ...o, trace: [step, ...o.trace] }));
        }
        return [{ region: null, source: 'unresolved' as RegionSource, trace: [traceStep(call, { kind: 'module-provider', module: call.name, provider: providerName(alias), missing: true })] }];
    });
  }

  /** A provider block's region; `withStep` adds the provider itself to the trace (resources, not the provider's own setting). */
  providerRegion(p: Located<ProviderFact>, depth: number, withStep: boolean): Outcome[] {
    const label = `provider "aws"${p.alias ? ` (alias ${p.alias})` : ''}`;
    const calls = p.proxy ? this.tf.callers.get(p.folder) : undefined;
    if (calls?.length) {
      // A proxy block configures nothing: the module's callers pass the provider.
      const step = traceStep(p, { kind: 'provider', provider: label, state: 'proxy', value: providerName(p.alias) });
      const outcomes = this.passedByCallers(calls, p.alias, depth);
      return withStep ? outcomes.map((o) => ({ ...o, trace: [step, ...o.trace] })) : outcomes;
    }
    if (!p.region) {
      const step = traceStep(p, { kind: 'provider', provider: label, state: 'no-region' });
      return this.environment(p.folder, step);
    }
    // `region = var.region` whose value is null: the provider reads the environment.
    const outcomes = this.evaluate(p.region, p.folder, 'provider', depth + 1).flatMap((o) => (o.unset ? this.environment(p.folder, undefined).map((e) => ({ ...e, trace: [...o.trace, ...e.trace] })) : [o]));
    if (!withStep) return outcomes;
    const step = traceStep(p, { kind: 'provider', provider: label, state: 'region', value: valueText(p.region), ...regionOfValue(p.region) });
    return outcomes.map((o) => ({ ...o, trace: [step, ...o.trace] }));
  }

  /**
   * AWS_REGION / AWS_DEFAULT_REGION as the workspace sets them for a folder: env files, and the
   * CI jobs that run `terraform apply` in that folder (a job's environment reaches a module only
   * through such a step).
   */
  private environment(folder: string, lead: TraceStep | undefined): Outcome[] {
    let found = this.envCache.get(folder);
    if (!found) {
      const configs = this.workspace.regionConfigs().filter((c) => {
        if (c.origin === FORMAT || !c.scope || c.scope.stackFile !== undefined || c.scope.file !== undefined || isTestCode(c.file)) return false;
        if (c.origin === 'github-actions' || c.origin === 'gitlab-ci') return isCiDeploy(c) && c.container === 'terraform' && c.scope.directory === folder;
        if (c.scope.directory === undefined || !isInFolder(folder, c.scope.directory)) return false;
        return c.setsEnv !== undefined && REGION_VARIABLES.has(c.setsEnv);
      });
      const depth = (c: Dependency) => (c.scope?.directory ?? '').split('/').filter(Boolean).length;
      const best = configs.length ? Math.max(...configs.map(depth)) : 0;
      found = configs
        .filter((c) => depth(c) === best)
        .flatMap((c): Outcome[] => {
          const steps = [configTraceStep(c), ...(isCiDeploy(c) ? c.regionTrace ?? [] : [])];
          const regions = c.region ? [c.region] : c.candidateRegions ?? [];
          // A CI credentials step exports AWS_REGION too, but the setting itself is deploy configuration.
          const source: RegionSource = c.setsEnv ? 'env' : 'deploy-config';
          return regions.map((region) => ({ region, source, trace: steps }));
        });
      this.envCache.set(folder, found);
    }
    if (found.length === 0) return [{ region: null, source: 'unresolved', trace: lead ? [lead] : [] }];
    return found.map((o) => ({ ...o, trace: [...(lead ? [lead] : []), ...o.trace] }));
  }
}

/** Several outcomes become one resolution: one region, or candidates, or unknown. */
function combine(outcomes: Outcome[]): Resolution {
  const trace: TraceStep[] = [];
  const seen = new Set<string>();
  for (const o of outcomes) {
    for (const s of o.trace) {
      const k = traceKey(s);
      if (!seen.has(k)) {
        seen.add(k);
        trace.push(s);
      }
    }
  }
  const known = outcomes.filter((o) => o.region !== null);
  const regions = [...new Set(known.map((o) => o.region as string))];
  if (regions.length === 0) {
    return { region: null, regionSource: outcomes.some((o) => o.source === 'parameter') ? 'parameter' : 'unresolved', trace };
  }
  if (regions.length === 1 && known.length === outcomes.length) return { region: regions[0], regionSource: known[0].source, trace };
  return { region: null, regionSource: known[0].source, candidateRegions: regions.sort(), trace };
}

/**
 * A value whose budget ran out is unresolved, whatever the paths followed so far found (the rest
 * could add candidates), and the workspace gets one problem per place where resolution stopped.
 */
function stoppedResolution(workspace: ResolutionWorkspace, budget: StepBudget, at: StopPoint): Resolution {
  const reason = `Terraform region resolution stopped at ${at.what}: its step budget was spent (modules and variables reached from here call each other too often to follow); regions that depend on them are unresolved`;
  workspace.reportOnce({ file: at.file, line: at.line, column: at.column, reason, severity: 'partial' });
  return { region: null, regionSource: 'unresolved', trace: [traceStep({ file: at.file, line: at.line ?? 1, column: at.column }, { kind: 'unresolved', subject: 'budget', name: at.what, steps: budget.spent })] };
}

function parseKey(key: string): { folder: string; alias: string } {
  const bar = key.lastIndexOf('|');
  return bar < 0 ? { folder: key, alias: '' } : { folder: key.slice(0, bar), alias: key.slice(bar + 1) };
}

/** Completes the facts that name other resources, now that every resource has its region. */
function completeLinks(tf: TerraformWorkspace, workspace: ResolutionWorkspace): void {
  const byAddress = new Map<string, Dependency>();
  for (const r of tf.resources) {
    const dep = workspace.byId.get(r.id);
    if (dep) byAddress.set(`${r.folder}|${r.address}`, dep);
  }
  const target = (r: Located<ResourceFact>, address: string) => byAddress.get(`${r.folder}|${address}`);
  const sources: Array<{ dep: Dependency; source: Dependency }> = [];
  /** `folder|aws_kms_alias.orders` → `aws_kms_key.orders` */
  const aliasTargets = new Map<string, string>();
  /** bucket name → the aws_s3_buckets declared with it, anywhere in the workspace (names are global) */
  let bucketsByName: Map<string, Dependency[]> | undefined;
  const bucketsNamed = (name: string): Dependency[] => {
    if (!bucketsByName) {
      bucketsByName = new Map();
      for (const dep of byAddress.values()) {
        if (dep.resource?.type !== 'aws_s3_bucket') continue;
        for (const n of dep.resource.attributes?.physicalNames ?? []) bucketsByName.set(n, [...(bucketsByName.get(n) ?? []), dep]);
      }
    }
    return bucketsByName.get(name) ?? [];
  };
  for (const r of tf.resources) {
    const dep = workspace.byId.get(r.id);
    if (!dep?.resource) continue;
    for (const link of r.links) {
      if (link.role === 'replicates-to-bucket') {
        // One bucket of that name: its region is the destination's (it outweighs a region read from the name).
        const named = bucketsNamed(link.target);
        const slots = dep.resource.replicaRegions;
        if (named.length === 1 && slots && link.slot !== undefined && link.slot < slots.length) slots[link.slot] = named[0].region ?? slots[link.slot];
        continue;
      }
      const t = target(r, link.target);
      if (!t?.resource) continue;
      switch (link.role) {
        case 'replica-of': {
          t.resource.replicaRegions = [...(t.resource.replicaRegions ?? []), dep.region];
          if (/^aws_(db_instance|rds_cluster|docdb_cluster|neptune_cluster)$/.test(t.resource.type) && (dep.region === null || dep.region !== t.region)) {
            (t.resource.attributes ??= {}).crossRegionCopy = true;
          }
          break;
        }
        case 'replicates-to':
          if (dep.resource.replicaRegions && link.slot !== undefined && link.slot < dep.resource.replicaRegions.length) dep.resource.replicaRegions[link.slot] = t.region;
          break;
        case 'copy-to': {
          const targets = dep.resource.attributes?.crossRegionCopyTargets;
          if (targets && link.slot !== undefined && link.slot < targets.length) targets[link.slot] = t.region;
          break;
        }
        case 'backup-replication-of':
          (t.resource.attributes ??= {}).crossRegionCopy = true;
          break;
        case 'replication-source':
          sources.push({ dep, source: t });
          break;
        case 'encryption-of': {
          const keys = dep.resource.attributes?.kmsKeys ?? [];
          const attributes = (t.resource.attributes ??= {});
          attributes.kmsKeys = [...new Set([...(attributes.kmsKeys ?? []), ...keys])];
          break;
        }
        case 'alias-of':
          aliasTargets.set(`${r.folder}|${r.address}`, link.target);
          break;
      }
    }
  }
  if (aliasTargets.size > 0) nameAliasedKeys(tf, workspace, aliasTargets);
  // After the destinations are known: the source bucket replicates to them.
  for (const { dep, source } of sources) {
    if (!source.resource) continue;
    source.resource.replicaRegions = [...(source.resource.replicaRegions ?? []), ...(dep.resource?.replicaRegions ?? [])];
  }
}

const KMS_ALIAS_REFERENCE = /\baws_kms_alias\.([A-Za-z_][A-Za-z0-9_-]*)/g;

/**
 * A resource that names its key through an `aws_kms_alias` of the module (`kms_key_id =
 * aws_kms_alias.orders.arn`) is encrypted with the alias's target key: the key's address is added
 * to its `kmsKeys`, so that rules find the key resource.
 */
function nameAliasedKeys(tf: TerraformWorkspace, workspace: ResolutionWorkspace, aliasTargets: Map<string, string>): void {
  for (const r of tf.resources) {
    const attributes = workspace.byId.get(r.id)?.resource?.attributes;
    const keys = attributes?.kmsKeys;
    if (!attributes || !keys?.length) continue;
    const added: string[] = [];
    for (const key of keys) {
      for (const m of key.matchAll(KMS_ALIAS_REFERENCE)) {
        const address = aliasTargets.get(`${r.folder}|aws_kms_alias.${m[1]}`);
        if (address && !keys.includes(address) && !added.includes(address)) added.push(address);
      }
    }
    if (added.length) attributes.kmsKeys = [...keys, ...added];
  }
}

/**
 * `${path.module}/../src/worker` in module folder `infra` → `src/worker`; undefined when the path is
 * computed or leaves the workspace.
 */
export function terraformCodePath(source: string, folder: string): string | undefined {
  const replaced = source.replace(/\$\{\s*path\.(?:module|root|cwd)\s*\}/g, '.');
  if (replaced.includes('${') || replaced.startsWith('/')) return undefined;
  const parts = folder === '' ? [] : folder.split('/');
  for (const p of replaced.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(p);
  }
  return parts.length ? parts.join('/') : undefined;
}

/**
 * Lambda functions whose code is packaged from the workspace (`data "archive_file"`) become deploy
 * units, so that their code's clients take the function's region: Lambda sets AWS_REGION to it.
 * The code's pending runtime-env dependencies are settled here, before the deploy pass (which
 * knows stacks by their deploy configs, not Terraform providers), and the calls that name a
 * resource through an environment variable are linked to it.
 */
function lambdaDeployUnits(tf: TerraformWorkspace, workspace: ResolutionWorkspace): void {
  const byAddress = new Map<string, Dependency>();
  for (const r of tf.resources) {
    const dep = workspace.byId.get(r.id);
    if (dep) byAddress.set(`${r.folder}|${r.address}`, dep);
  }
  for (const r of tf.resources) {
    if (!r.code?.archive) continue;
    const fn = workspace.byId.get(r.id);
    const archive = tf.archives.get(r.folder)?.get(r.code.archive);
    const codePath = archive ? terraformCodePath(archive.source, r.folder) : undefined;
    if (!fn || !codePath) continue;
    const unit: DeployUnit = { name: r.address, stackFile: r.file, codePaths: [codePath], line: fn.line, dependencyId: fn.id };
    const environment = fn.resource?.attributes?.environment;
    if (environment) unit.environment = { ...environment };
    const result = workspace.byFile.get(r.file);
    if (result) (result.deployUnits ??= []).push(unit);
    const reads = workspace.dependencies.filter((d) => codePathMatches(codePath, d.file));
    for (const dep of reads) {
      const ref = dep.regionRef;
      if (ref?.kind !== 'runtime-env' || (ref.variable !== undefined && !REGION_VARIABLES.has(ref.variable))) continue;
      const trace: TraceStep[] = [
        traceStep(dep, { kind: 'runtime-env', ...(ref.variable ? { variable: ref.variable } : {}) }),
        traceStep(fn, { kind: 'deployed-function', unit: r.address, regionOf: 'function', codePath }),
        ...(fn.regionTrace ?? []),
      ];
      workspace.settle(dep, { region: fn.region, regionSource: fn.regionSource, candidateRegions: fn.candidateRegions, trace });
    }
    // `TABLE_NAME = aws_dynamodb_table.orders.name` and the code calls with TableName=os.environ["TABLE_NAME"].
    for (const [variable, address] of Object.entries(r.environmentResources ?? {})) {
      const target = byAddress.get(`${r.folder}|${address}`);
      if (!target) continue;
      for (const call of reads) {
        if (call.kind !== 'sdk-call' || call.text !== `env:${variable}` || call.service !== target.service) continue;
        const links = (call.links ??= []);
        if (!links.includes(target.id)) links.push(target.id);
      }
    }
  }
}

export const terraformPass: ResolutionPass = {
  id: FORMAT,
  run(workspace) {
    const files = workspace.formatFacts<TerraformFileFacts>(FORMAT);
    if (files.length === 0) return;
    const tf = new TerraformWorkspace(files);
    const resolver = new TerraformResolver(tf, workspace, workspace.budget(FORMAT, TERRAFORM_STEPS_PER_WORKSPACE));
    const resourceById = new Map(tf.resources.map((r) => [r.id, r]));
    /** `folder|alias` → the provider's outcomes, or where resolving it stopped (a later resource of the provider stops there too) */
    const providerCache = new Map<string, Outcome[] | StopPoint>();
    for (const dep of workspace.pending('format')) {
      const ref = dep.regionRef;
      if (!ref || ref.kind !== 'format' || ref.format !== FORMAT) continue;
      const { folder, alias } = parseKey(ref.key);
      resolver.budget = new StepBudget(TERRAFORM_STEPS_PER_VALUE, resolver.passBudget);
      let stoppedEarlier: StopPoint | undefined;
      const settle = (outcomes: Outcome[]) => {
        const stop = resolver.budget.stoppedAt ?? stoppedEarlier;
        workspace.settle(dep, stop ? stoppedResolution(workspace, resolver.budget, stop) : combine(outcomes));
      };
      // The provider's own region setting.
      const provider = tf.providerByConfigId.get(dep.id);
      if (provider) {
        settle(resolver.providerRegion(provider, 0, false));
        continue;
      }
      // A resource with its own (non-literal) region argument.
      const key = `${folder}|${alias}`;
      const viaProvider = (): Outcome[] => {
        if (!providerCache.has(key)) {
          const outcomes = resolver.provider(folder, alias, 0);
          providerCache.set(key, resolver.budget.stoppedAt ?? outcomes);
        }
        const known = providerCache.get(key) as Outcome[] | StopPoint;
        if (!Array.isArray(known)) {
          stoppedEarlier = known;
          return [];
        }
        const step = traceStep(dep, { kind: 'resource-provider', resource: dep.name ?? 'resource', provider: providerName(alias), ...(folder ? { folder } : {}) });
        return known.map((o) => ({ ...o, trace: [step, ...o.trace] }));
      };
      const own = resourceById.get(dep.id)?.region;
      if (own) {
        // The provider v6 `region` argument; when it turns out unset (`var.region` defaulting to null), the provider's region applies.
        const step = traceStep(dep, { kind: 'resource-region', resource: dep.name ?? 'resource', value: valueText(own), ...regionOfValue(own) });
        const outcomes = resolver.evaluate(own, folder, 'variable', 0).flatMap((o) => (o.unset ? viaProvider().map((p) => ({ ...p, trace: [step, ...o.trace, ...p.trace] })) : [{ ...o, trace: [step, ...o.trace] }]));
        settle(outcomes);
        continue;
      }
      settle(viaProvider());
    }
    completeLinks(tf, workspace);
    lambdaDeployUnits(tf, workspace);
  },
};
