/**
 * AWS CDK apps in TypeScript/JavaScript: one `iac-resource` per construct from `aws-cdk-lib`
 * (`aws-cdk-lib/aws-*`, `aws_*` namespaces, v1 `@aws-cdk/aws-*`), anchored at its `new`
 * expression, with its resilience facts; stacks and stages with their `env.region` as
 * `region-config` dependencies; and the facts the cross-file pass (`src/core/resolve/cdk.ts`)
 * needs to give each construct its stack's region — the stack classes declared here and every
 * instantiation of a stack, stage or construct class with its env.
 *
 * A construct's region is wherever its stack is deployed, which the file that declares the
 * construct rarely says: constructs get `regionRef { kind: 'format', format: 'cdk', key }` where
 * `key` is the enclosing class (a Stack, Stage or Construct subclass), `Class#id` for a stack
 * instance created in this file, or `app` when nothing names the stack.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { serviceOfCdkModule, serviceOfCloudFormationType } from '../../catalogue/services';
import type { Dependency, TraceStep } from '../../model';
import { cdkResourceFacts } from './cdkFacts';
import { CdkReferences, type CdkConstructRef, type CdkReferenceFact } from './cdkReferences';
import { resolveRelativeImport } from './modulePaths';
import { staticString, unwrap, type Node } from './parse';
import { PropsReader } from './propsReader';
import type { RegionOutcome } from './regionValues';
import { regionFields, type ScanState } from './scanState';
import type { ClassInfo, Scope, Site } from './sourceIndex';
import type { Value } from './values';

/** What a resolved value names in the CDK. */
export type CdkName =
  | { kind: 'core'; className: string }
  | { kind: 'construct'; moduleName: string; path: string[]; type: string };

/** Core classes that are stacks or stages (their env decides where constructs go). */
const STACK_CLASSES = new Set(['Stack', 'NestedStack', 'Stage']);

/** Construct modules whose classes are never resources (targets, integrations, origins, tasks …). */
const NON_RESOURCE_MODULES = new Set([
  'aws-stepfunctions-tasks', 'aws-events-targets', 'aws-lambda-event-sources', 'aws-apigatewayv2-integrations',
  'aws-apigatewayv2-authorizers', 'aws-cloudfront-origins', 'aws-route53-targets', 'aws-sns-subscriptions',
  'aws-s3-notifications', 'aws-cloudwatch-actions', 'aws-elasticloadbalancingv2-targets', 'aws-codepipeline-actions',
  'aws-autoscaling-hooktargets', 'aws-elasticloadbalancingv2-actions', 'aws-scheduler-targets', 'aws-pipes-targets',
  'aws-pipes-sources', 'aws-pipes-enrichments', 'aws-iot-actions', 'aws-synthetics',
]);

/** Step Functions states and other constructs that create no AWS resource of their own. */
const NON_RESOURCE_CLASSES = new Set([
  'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map', 'DistributedMap', 'CustomState', 'Chain',
  'StateMachineFragment', 'TaskStateBase', 'Asset', 'DockerImageAsset', 'TarballImageAsset',
]);

/** `aws-cdk-lib` core classes that declare a CloudFormation resource whose type is a prop. */
const CORE_RESOURCES = new Set(['CfnResource']);

/** The CDK name a resolved value stands for. */
export function classifyCdk(value: Value): CdkName | undefined {
  if (value.kind !== 'module') return undefined;
  const { module, path } = value;
  if (path.length === 0) return undefined;
  if (module === 'aws-cdk-lib' || module === 'aws-cdk-lib/core' || module === '@aws-cdk/core' || module === '@aws-cdk/cdk' || module === 'monocdk') {
    if (module !== '@aws-cdk/core' && path[0].startsWith('aws_')) {
      const moduleName = `aws-${path[0].slice(4).replace(/_/g, '-')}`;
      const rest = path.slice(1);
      return rest.length ? { kind: 'construct', moduleName, path: rest, type: `aws-cdk-lib/${moduleName}.${rest.join('.')}` } : undefined;
    }
    return path.length === 1 ? { kind: 'core', className: path[0] } : undefined;
  }
  if (module.startsWith('aws-cdk-lib/aws-')) {
    const moduleName = module.slice('aws-cdk-lib/'.length);
    return { kind: 'construct', moduleName, path, type: `${module}.${path.join('.')}` };
  }
  if (module.startsWith('@aws-cdk/aws-')) {
    // `@aws-cdk/aws-route53-targets/lib` and other deep imports name the same module.
    const packageName = module.split('/').slice(0, 2).join('/');
    const moduleName = packageName.slice('@aws-cdk/'.length).replace(/-alpha$/, '');
    return { kind: 'construct', moduleName, path, type: `${packageName}.${path.join('.')}` };
  }
  return undefined;
}

/** The service of a CDK module, trying the module's base name for helper modules (`aws-lambda-nodejs` → `aws-lambda`). */
export function serviceOfCdkConstruct(moduleName: string, className: string): string | undefined {
  if (className === 'EdgeFunction') return 'lambda';
  const direct = serviceOfCdkModule(moduleName);
  if (direct) return direct;
  const parts = moduleName.split('-');
  for (let n = parts.length - 1; n >= 2; n--) {
    const s = serviceOfCdkModule(parts.slice(0, n).join('-'));
    if (s) return s;
  }
  return undefined;
}

/** A stack's env region as the cross-file pass reads it. */
export interface CdkEnvFact {
  region?: string;
  candidateRegions?: string[];
  /** `process.env.X` (CDK_DEFAULT_REGION, AWS_REGION …) */
  variable?: string;
  fallback?: string;
  /** `tryGetContext('key')` */
  contextKey?: string;
  /** an expression nothing in the file decides */
  unknown?: true;
  line: number;
  column: number;
  trace?: TraceStep[];
}

export interface CdkClassFact {
  name: string;
  /** the superclass as written (`Stack`, `cdk.Stack`, `BaseStack`) */
  extends: string | null;
  /** what the superclass is when the file can tell: a core stack/stage, `Construct`, else null (another class) */
  base: 'stack' | 'nested-stack' | 'stage' | 'construct' | null;
  line: number;
  /** env stated in the class's own `super(scope, id, { env })` */
  env?: CdkEnvFact;
  /** members that hold constructs (`this.bucket = new s3.Bucket(…)`), for references from other stacks */
  members?: Record<string, CdkConstructRef>;
}

export interface CdkInstantiationFact {
  /** the class instantiated: `Stack`/`Stage` for core classes, else the class's name as exported */
  className: string;
  /** `Class#id`: what constructs whose scope is this instance point at */
  key: string;
  id: string;
  /** the class whose code instantiates it (a Stage building its stacks), or null at app level */
  container: string | null;
  line: number;
  column: number;
  env?: CdkEnvFact;
  crossRegionReferences?: boolean;
  /** the workspace file of an imported class (a guess from the import path) */
  classFile?: string;
  core?: boolean;
  /** props that pass constructs (or ARNs) to the instance: `{ replicaBucket: replica.bucket }` */
  props?: Record<string, CdkConstructRef>;
}

export interface CdkFacts {
  classes: CdkClassFact[];
  instantiations: CdkInstantiationFact[];
  /** facts of this file's constructs that name other constructs, for the pass to complete */
  references?: CdkReferenceFact[];
}

/** Whether a file is CDK code: it imports the CDK. */
export function importsCdk(modules: Set<string>): boolean {
  for (const m of modules) if (m === 'aws-cdk-lib' || m.startsWith('aws-cdk-lib/') || m.startsWith('@aws-cdk/') || m === 'monocdk') return true;
  return false;
}

function idText(state: ScanState, node: Node | undefined, scope: Scope): string {
  if (!node) return '';
  const v = state.values.resolve(node, scope);
  const s = v.kind === 'expr' ? staticString(v.node) : undefined;
  return s ?? state.source(node, 60);
}

/** A plausible construct scope argument (`this`, `scope`, `app`, `props.scope`, `new cdk.App()`). */
function isScopeArgument(node: Node | undefined): boolean {
  if (!node) return false;
  const n = unwrap(node);
  return n.type === 'ThisExpression' || n.type === 'Identifier' || n.type === 'MemberExpression' || n.type === 'CallExpression' || n.type === 'NewExpression';
}

/** A plausible construct id argument: a string, a template, or a name holding one. */
function isIdArgument(node: Node | undefined): boolean {
  if (!node) return false;
  const n = unwrap(node);
  return (n.type === 'Literal' && typeof n.value === 'string') || n.type === 'TemplateLiteral' || n.type === 'Identifier' || n.type === 'MemberExpression' || n.type === 'BinaryExpression' || n.type === 'CallExpression';
}

export class CdkScan {
  readonly facts: CdkFacts = { classes: [], instantiations: [] };
  /** region properties already turned into a region-config (one const env shared by several stacks) */
  private readonly envConfigs = new Set<Node>();
  /** stack instances created in this file, by their `new` expression */
  private readonly instances = new Map<Node, CdkInstantiationFact>();
  private readonly references: CdkReferences;

  constructor(private readonly state: ScanState) {
    this.references = new CdkReferences(state, (node) => this.instances.get(node));
  }

  /** Once every `new` expression is scanned: what the constructs' references name, into the facts. */
  finish(): void {
    const classes = new Map<string, ClassInfo>();
    for (const cls of this.state.index.classes) if (!classes.has(cls.name)) classes.set(cls.name, cls);
    this.references.finish(this.facts, classes);
  }

  /** Whether the file holds CDK facts worth handing to the pass. */
  hasFacts(): boolean {
    return this.facts.classes.length > 0 || this.facts.instantiations.length > 0 || (this.facts.references?.length ?? 0) > 0;
  }

  /** Records the file's class declarations (stack classes and their own env). */
  scanClasses(): void {
    for (const cls of this.state.index.classes) {
      if (!cls.superClass) continue;
      const superValue = this.state.values.resolve(cls.superClass, cls.scope);
      const name = classifyCdk(superValue);
      let base: CdkClassFact['base'] = null;
      if (name?.kind === 'core') base = name.className === 'Stack' ? 'stack' : name.className === 'NestedStack' ? 'nested-stack' : name.className === 'Stage' ? 'stage' : null;
      if ((superValue.kind === 'module' && superValue.module === 'constructs' && superValue.path[0] === 'Construct') || (name?.kind === 'core' && name.className === 'Construct')) base = 'construct';
      const fact: CdkClassFact = { name: cls.name, extends: this.state.source(cls.superClass, 80), base, line: this.state.line(cls.node) };
      if (cls.superCall && cls.superCallScope) {
        const env = this.envOf(cls.superCall.arguments[2], cls.superCallScope, `${cls.name}`, this.state.file, true);
        if (env) fact.env = env;
      }
      this.facts.classes.push(fact);
    }
  }

  /** A `new` expression: a construct, a stack/stage, or an instance of a local class. */
  scanNew(node: TSESTree.NewExpression, site: Site, callee: Value): boolean {
    const name = classifyCdk(callee);
    if (name?.kind === 'core') {
      if (STACK_CLASSES.has(name.className)) {
        this.addInstantiation(node, site, name.className, true);
        return true;
      }
      if (CORE_RESOURCES.has(name.className)) return this.addCfnResource(node, site);
      return false;
    }
    if (name?.kind === 'construct') return this.addConstruct(node, site, name);
    // A class declared in this file or imported from the app's own modules (stacks, stages, constructs).
    const local = this.localClassName(callee);
    if (local && node.arguments.length >= 2 && isScopeArgument(node.arguments[0]) && isIdArgument(node.arguments[1])) {
      this.addInstantiation(node, site, local.name, false, local.file);
      return true;
    }
    return false;
  }

  private localClassName(callee: Value): { name: string; file?: string } | undefined {
    const node = callee.kind === 'expr' ? (callee.node as Node) : null;
    if (node && (node.type === 'ClassDeclaration' || node.type === 'ClassExpression')) {
      const cls = this.state.index.classes.find((c) => c.node === node);
      return cls ? { name: cls.name } : undefined;
    }
    if (callee.kind === 'module' && callee.module.startsWith('.')) {
      const name = callee.path.length === 1 ? callee.path[0] : callee.path.length === 0 ? callee.importedAs : null;
      if (name && /^[A-Z]/.test(name)) return { name, file: resolveRelativeImport(this.state.file, callee.module) };
    }
    return undefined;
  }

  private addInstantiation(node: TSESTree.NewExpression, site: Site, className: string, core: boolean, classFile?: string): void {
    const id = idText(this.state, node.arguments[1], site.scope);
    const key = `${className}#${id}`;
    const p = this.state.builder.lines.position(node.range[0]);
    const fact: CdkInstantiationFact = { className, key, id, container: site.cls?.name ?? null, line: p.line, column: p.column };
    if (core) fact.core = true;
    if (classFile) fact.classFile = classFile;
    const stackFile = classFile ?? this.state.file;
    const env = this.envOf(node.arguments[2], site.scope, key, stackFile, false);
    if (env) fact.env = env;
    const props = PropsReader.of(this.state, node.arguments[2], site.scope);
    const cross = props.bool('crossRegionReferences');
    if (typeof cross === 'boolean') fact.crossRegionReferences = cross;
    this.facts.instantiations.push(fact);
    this.instances.set(node, fact);
    this.references.addInstantiation(fact, node.arguments[2], site.scope);
  }

  /**
   * The `env.region` of stack or stage props, as a fact and as a region-config at the `region`
   * property. `fromClass`: the class's own super() call, where an unresolved parameter means
   * "whatever the instantiation passes", not an env of its own.
   */
  private envOf(propsNode: Node | undefined, scope: Scope, key: string, stackFile: string, fromClass: boolean): CdkEnvFact | undefined {
    if (!propsNode) return undefined;
    const props = PropsReader.of(this.state, propsNode, scope);
    const envAt = props.node('env');
    if (!envAt) return undefined;
    const env = PropsReader.of(this.state, envAt.node, envAt.scope);
    const regionAt = env.node('region');
    if (!regionAt) {
      if (!env.unknown) return undefined;
      // `env: props.env` (a parameter): the instantiation's env decides, or the enclosing stage's.
      const traced = this.state.tracer.traceValue(this.state.values.member(this.state.values.resolve(envAt.node, envAt.scope), 'region'));
      if (fromClass || (traced.regionRef?.kind === 'runtime-env' && !traced.regionRef.variable)) return undefined;
      return this.envFact(traced, envAt.property);
    }
    const outcome = this.state.tracer.trace(regionAt.node, regionAt.scope);
    if (fromClass && outcome.regionRef?.kind === 'runtime-env' && !outcome.regionRef.variable) return undefined;
    const fact = this.envFact(outcome, regionAt.property);
    if (!this.envConfigs.has(regionAt.property)) {
      this.envConfigs.add(regionAt.property);
      const unresolved = !outcome.region && !outcome.candidateRegions?.length;
      const fields = regionFields(outcome);
      if (unresolved) {
        delete fields.regionRef;
        fields.regionRef = { kind: 'format', format: 'cdk', key };
      }
      this.state.add({
        kind: 'region-config',
        service: '*',
        name: 'env.region',
        origin: 'cdk',
        text: staticString(regionAt.node) ?? this.state.source(regionAt.node),
        scope: { file: stackFile, appliesTo: 'deploy' },
        ...fields,
      }, regionAt.property);
    }
    return fact;
  }

  private envFact(o: RegionOutcome, at: Node): CdkEnvFact {
    const p = this.state.builder.lines.position(at.range[0]);
    const fact: CdkEnvFact = { line: p.line, column: p.column };
    if (o.region) fact.region = o.region;
    else if (o.candidateRegions?.length) fact.candidateRegions = [...o.candidateRegions];
    else if (o.regionRef?.kind === 'runtime-env' && o.regionRef.variable) {
      fact.variable = o.regionRef.variable;
      if (o.regionRef.fallback) fact.fallback = o.regionRef.fallback;
    } else if (o.regionRef?.kind === 'format' && o.regionRef.format === 'cdk' && o.regionRef.key.startsWith('context:')) {
      fact.contextKey = o.regionRef.key.slice('context:'.length);
    } else fact.unknown = true;
    // The pass writes its own `env.region = …` step; the literal's own step would repeat it.
    const trace = (o.regionTrace ?? []).filter((t) => t.kind !== 'literal');
    if (trace.length) fact.trace = trace.map((t) => ({ ...t }));
    return fact;
  }

  /** Where a construct's region comes from: its scope argument's stack, else its class. */
  private placement(scopeArg: Node | undefined, site: Site): { key: string; container: string } {
    if (scopeArg) {
      const n = unwrap(scopeArg);
      if (n.type !== 'ThisExpression') {
        const v = this.state.values.resolve(n, site.scope);
        if (v.kind === 'expr') {
          const inst = this.instances.get(unwrap(v.node));
          if (inst) return { key: inst.key, container: inst.core ? inst.id : inst.className };
        }
      }
    }
    const cls: ClassInfo | null = site.cls;
    return cls ? { key: cls.name, container: cls.name } : { key: 'app', container: 'app' };
  }

  private addConstruct(node: TSESTree.NewExpression, site: Site, name: Extract<CdkName, { kind: 'construct' }>): boolean {
    const className = name.path[name.path.length - 1];
    if (NON_RESOURCE_MODULES.has(name.moduleName) || NON_RESOURCE_CLASSES.has(className) || /Principal$/.test(className)) return false;
    if (!/^[A-Z]/.test(className)) return false;
    if (node.arguments.length < 2 || !isScopeArgument(node.arguments[0]) || !isIdArgument(node.arguments[1])) return false;
    const service = serviceOfCdkConstruct(name.moduleName, className);
    if (!service) return false;
    return this.addResource(node, site, service, name.type, name.moduleName, className);
  }

  /** `new CfnResource(this, 'X', { type: 'AWS::S3::Bucket' })` */
  private addCfnResource(node: TSESTree.NewExpression, site: Site): boolean {
    const props = PropsReader.of(this.state, node.arguments[2], site.scope);
    const type = props.string('type');
    const service = type ? serviceOfCloudFormationType(type) : undefined;
    if (!type || !service) return false;
    return this.addResource(node, site, service, type, 'core', 'CfnResource');
  }

  /**
   * A construct's region fields: its stack's (left to the cross-file pass), except for
   * `EdgeFunction`, which the CDK always deploys in a us-east-1 stack of its own. Global services
   * (IAM, Route 53, CloudFront) are pinned to their home region by the global-service pass.
   */
  private regionOf(edgeFunction: boolean, key: string, node: Node): Pick<Dependency, 'region' | 'regionSource' | 'regionRef' | 'regionTrace' | 'global'> {
    if (edgeFunction) return { region: 'us-east-1', regionSource: 'global-service', global: true, regionTrace: [this.state.step(node, { kind: 'edge-function', region: 'us-east-1' })] };
    return { region: null, regionSource: 'unresolved', regionRef: { kind: 'format', format: 'cdk', key } };
  }

  private addResource(node: TSESTree.NewExpression, site: Site, service: string, type: string, moduleName: string, className: string): boolean {
    const id = idText(this.state, node.arguments[1], site.scope);
    const { key, container } = this.placement(node.arguments[0], site);
    const props = PropsReader.of(this.state, node.arguments[2], site.scope);
    const facts = cdkResourceFacts(this.state, `${moduleName}.${className}`, props, { id, type, node, site });
    const dep = this.state.addConstruct({
      kind: 'iac-resource',
      service,
      name: id,
      origin: 'cdk',
      container,
      ...(facts.ownRegion ? regionFields(facts.ownRegion) : this.regionOf(facts.edgeFunction === true, key, node)),
      resource: facts.resource,
    }, node, node.arguments[1]);
    if (facts.deployUnit) this.state.deployUnits.push({ ...facts.deployUnit, dependencyId: dep.id });
    this.references.constructs.set(node, dep.id);
    if (facts.references?.length) this.references.addPending(dep.id, facts.references);
    return true;
  }
}
