/**
 * Pulumi programs in TypeScript/JavaScript: `new aws.Provider('name', { region })` is a
 * `region-config`; `new aws.<module>.<Type>('name', args, { provider })` (and `@pulumi/awsx`
 * components) is an `iac-resource` with its service, Pulumi type token and resilience facts.
 *
 * A resource's region is its explicit provider's when that provider's region is written in the
 * file (`regionSource: 'provider'`), its own `region` argument (provider v7), or else the stack's
 * `aws:region` config, which the cross-file pass (`src/core/resolve/pulumi.ts`) reads from
 * `Pulumi.<stack>.yaml`: such resources get `regionRef { kind: 'format', format: 'pulumi', key: 'stack' }`.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isKnownService, serviceOfCdkModule } from '../../catalogue/services';
import type { Dependency, ResourceAttributes, ResourceFacts } from '../../model';
import { evaluatePath } from './modulePaths';
import { staticString, unwrap, type Node } from './parse';
import { PropsReader } from './propsReader';
import type { RegionOutcome } from './regionValues';
import { regionFields, type ScanState } from './scanState';
import type { Scope, Site } from './sourceIndex';
import type { Value } from './values';
import { folderOf } from '../../paths';
import { applyFactTable } from '../../resources/facts';
import { resourceIdentity } from '../../resources/kinds';
import { certificateInStackRegion } from '../../resources/certificates';
import { isComputedList, propsFactSource } from './cdkFacts';

export type PulumiName =
  | { kind: 'provider' }
  | { kind: 'resource'; module: string; className: string; awsx: boolean };

/** Pulumi modules whose name is not a CDK module name (`aws-<module>`). */
const MODULE_SERVICES: Record<string, string> = {
  lb: 'elasticloadbalancing', alb: 'elasticloadbalancing', elb: 'elasticloadbalancing', applicationloadbalancing: 'elasticloadbalancing',
  sfn: 'states', efs: 'elasticfilesystem', opensearch: 'es', elasticsearch: 'es', msk: 'kafka', cognito: 'cognito-idp',
  cfg: 'config', acm: 'acm', cloudwatch: 'monitoring', apigatewayv2: 'apigateway', ebs: 'ec2', ec2transitgateway: 'ec2',
  servicediscovery: 'servicediscovery', ses: 'ses', sesv2: 'ses', iam: 'iam', s3control: 's3', rds: 'rds', lambda: 'lambda',
  cloudfront: 'cloudfront', route53: 'route53', ecr: 'ecr', ecs: 'ecs', eks: 'eks', classic: 'ec2',
};

/** The service of a Pulumi resource class: modules like `cloudwatch` hold several services. */
export function serviceOfPulumiResource(module: string, className: string): string | undefined {
  if (module === 'cloudwatch') {
    if (/^Log/.test(className)) return 'logs';
    if (/^Event/.test(className)) return 'events';
    return 'monitoring';
  }
  if (Object.prototype.hasOwnProperty.call(MODULE_SERVICES, module)) return MODULE_SERVICES[module];
  const viaCdk = serviceOfCdkModule(`aws-${module}`);
  if (viaCdk) return viaCdk;
  return isKnownService(module) ? module : undefined;
}

export function classifyPulumi(value: Value): PulumiName | undefined {
  if (value.kind !== 'module') return undefined;
  const { module, path } = value;
  let awsx = false;
  let full: string[];
  if (module === '@pulumi/aws') full = path;
  else if (module.startsWith('@pulumi/aws/')) full = [module.slice('@pulumi/aws/'.length), ...path];
  else if (module === '@pulumi/awsx') {
    full = path;
    awsx = true;
  } else return undefined;
  if (!awsx && full.length === 1 && full[0] === 'Provider') return { kind: 'provider' };
  // `awsx.classic.apigateway.API`: the classic components keep their module one level down.
  if (awsx && full.length === 3 && full[0] === 'classic') full = full.slice(1);
  if (full.length === 2 && /^[a-z]/.test(full[0]) && /^[A-Z]/.test(full[1])) return { kind: 'resource', module: full[0], className: full[1], awsx };
  return undefined;
}

export function importsPulumi(modules: Set<string>): boolean {
  for (const m of modules) if (m === '@pulumi/aws' || m.startsWith('@pulumi/aws/') || m === '@pulumi/awsx') return true;
  return false;
}

interface ProviderInfo {
  name: string;
  outcome: RegionOutcome;
  /** the `region` property, where traces point */
  at: Node | null;
}

export class PulumiScan {
  private readonly providers = new Map<Node, ProviderInfo>();
  /** resources by their `new` expression, so later resources (replicas, replication configs) can amend them */
  private readonly resources = new Map<Node, Dependency>();

  constructor(private readonly state: ScanState) {}

  scanNew(node: TSESTree.NewExpression, site: Site, callee: Value): boolean {
    const name = classifyPulumi(callee);
    if (!name) return false;
    if (name.kind === 'provider') this.addProvider(node, site);
    else this.addResource(node, site, name);
    return true;
  }

  private addProvider(node: TSESTree.NewExpression, site: Site): void {
    const name = staticString(node.arguments[0]) ?? this.state.source(node.arguments[0] ?? node, 40);
    const args = PropsReader.of(this.state, node.arguments[1], site.scope);
    const at = args.node('region');
    if (!at) {
      // No region: the provider reads AWS_REGION / the profile at deploy time, like the default provider.
      this.providers.set(node, { name, outcome: { region: null, regionSource: 'unresolved', regionRef: { kind: 'format', format: 'pulumi', key: 'stack' } }, at: null });
      return;
    }
    const outcome = this.state.tracer.trace(at.node, at.scope);
    this.providers.set(node, { name, outcome, at: at.property });
    this.state.add({
      kind: 'region-config',
      service: '*',
      name: 'aws.Provider.region',
      origin: 'pulumi',
      text: staticString(at.node) ?? this.state.source(at.node),
      scope: { file: this.state.file, appliesTo: 'deploy' },
      ...regionFields(outcome),
    }, at.property);
  }

  private providerOf(opts: Node | undefined, scope: Scope): ProviderInfo | undefined {
    if (!opts) return undefined;
    const p = PropsReader.of(this.state, opts, scope).value('provider');
    if (!p || p.kind !== 'expr') return undefined;
    return this.providers.get(unwrap(p.node));
  }

  private regionOf(node: TSESTree.NewExpression, site: Site): RegionOutcome {
    // Provider v7: a per-resource `region` argument.
    const own = PropsReader.of(this.state, node.arguments[1], site.scope).node('region');
    if (own) {
      const o = this.state.tracer.trace(own.node, own.scope);
      if (o.region || o.candidateRegions) return o;
    }
    const provider = this.providerOf(node.arguments[2], site.scope);
    if (provider) {
      const o = provider.outcome;
      if (o.region && provider.at) return { region: o.region, regionSource: 'provider', regionTrace: [this.state.step(provider.at, { kind: 'provider', provider: provider.name, state: 'pulumi' }), ...(o.regionTrace ?? [])] };
      if (o.regionRef || o.candidateRegions) return o;
      return { region: null, regionSource: 'unresolved' };
    }
    return { region: null, regionSource: 'unresolved', regionRef: { kind: 'format', format: 'pulumi', key: 'stack' } };
  }

  private addResource(node: TSESTree.NewExpression, site: Site, name: Extract<PulumiName, { kind: 'resource' }>): void {
    const service = serviceOfPulumiResource(name.module, name.className);
    if (!service) return;
    const id = staticString(node.arguments[0]) ?? this.state.source(node.arguments[0] ?? node, 60);
    const type = name.awsx ? `awsx:${name.module}:${name.className}` : `aws:${name.module}/${name.className.charAt(0).toLowerCase()}${name.className.slice(1)}:${name.className}`;
    const args = PropsReader.of(this.state, node.arguments[1], site.scope);
    const resource: ResourceFacts = resourceIdentity(type, id);
    const attrs: ResourceAttributes = {};
    this.readFacts(`${name.module}.${name.className}`, args, resource, attrs);
    if (Object.keys(attrs).length) resource.attributes = attrs;
    const outcome = this.regionOf(node, site);
    const dep = this.state.addConstruct({
      kind: 'iac-resource',
      service,
      name: id,
      origin: 'pulumi',
      container: site.container,
      ...regionFields(outcome),
      resource,
    }, node, node.arguments[0]);
    this.resources.set(node, dep);
    if (name.module === 'dynamodb' && name.className === 'TableReplica') this.amendReplicaSource(args, 'globalTableArn', dep);
    if (name.module === 's3' && /^BucketReplicationConfig/.test(name.className)) this.amendReplicationSource(args);
    if (name.module === 'lambda' && name.className === 'Function') this.addDeployUnit(args, dep, node);
  }

  /** The resource dependency an expression such as `table.arn` or `bucket.id` refers to. */
  private resourceOf(v: Value | undefined): Dependency | undefined {
    if (!v) return undefined;
    if (v.kind === 'expr') {
      const n = unwrap(v.node);
      const direct = this.resources.get(n);
      if (direct) return direct;
      if (n.type === 'MemberExpression') return this.resourceOf(this.state.values.resolve(n.object, v.scope));
    }
    return undefined;
  }

  /** `new aws.dynamodb.TableReplica(…, { globalTableArn: table.arn }, { provider: west })` adds a replica region to the table. */
  private amendReplicaSource(args: PropsReader, key: string, replica: Dependency): void {
    const table = this.resourceOf(args.value(key));
    if (!table?.resource) return;
    table.resource.replicaRegions = [...(table.resource.replicaRegions ?? []), replica.region];
  }

  /** `new aws.s3.BucketReplicationConfig(…, { bucket: source.id, rules: [{ destination: { bucket: dest.arn } }] })` */
  private amendReplicationSource(args: PropsReader): void {
    const source = this.resourceOf(args.value('bucket'));
    if (!source?.resource) return;
    const rules = args.objects('rules') ?? [];
    const regions = rules.length ? rules.map((r) => this.resourceOf(r.props('destination').value('bucket'))?.region ?? null) : [null];
    source.resource.replicaRegions = [...(source.resource.replicaRegions ?? []), ...regions];
  }

  private addDeployUnit(args: PropsReader, dep: Dependency, node: Node): void {
    const codePaths: string[] = [];
    const code = args.value('code');
    if (code?.kind === 'expr') {
      const n = unwrap(code.node);
      if (n.type === 'NewExpression' && n.arguments[0]) {
        // `new pulumi.asset.FileArchive('./app')`, or an AssetArchive of them.
        const inner = this.state.values.resolve(n.arguments[0], code.scope);
        if (inner.kind === 'expr' && unwrap(inner.node).type === 'ObjectExpression') {
          for (const p of (unwrap(inner.node) as TSESTree.ObjectExpression).properties) {
            if (p.type !== 'Property') continue;
            const v = this.state.values.resolve(p.value, inner.scope);
            if (v.kind === 'expr' && unwrap(v.node).type === 'NewExpression') {
              const path = evaluatePath(this.state, (unwrap(v.node) as TSESTree.NewExpression).arguments[0], v.scope, folderOf(this.state.file));
              if (path !== undefined) codePaths.push(path);
            }
          }
        } else {
          const path = evaluatePath(this.state, n.arguments[0], code.scope, folderOf(this.state.file));
          if (path !== undefined) codePaths.push(path);
        }
      }
    }
    const environment = args.props('environment').props('variables').stringMap();
    if (dep.resource) {
      dep.resource.attributes ??= {};
      if (codePaths.length) dep.resource.attributes.codePaths = codePaths;
      if (environment && Object.keys(environment).length) dep.resource.attributes.environment = environment;
    }
    const p = this.state.builder.lines.position(node.range[0]);
    this.state.deployUnits.push({ name: dep.name ?? 'function', stackFile: this.state.file, codePaths, line: p.line, dependencyId: dep.id, ...(environment && Object.keys(environment).length ? { environment } : {}) });
  }

  private readFacts(key: string, args: PropsReader, resource: ResourceFacts, attrs: ResourceAttributes): void {
    const regionsOf = (list: string, field: string): (string | null)[] | undefined => {
      const objects = args.objects(list);
      if (objects === undefined) return [];
      if (objects === null) return undefined;
      return objects.map((o) => {
        const at = o.node(field);
        return at ? this.state.tracer.trace(at.node, at.scope).region : null;
      });
    };
    const physical = (name: string): void => {
      const s = args.string(name);
      if (s) attrs.physicalNames = [s];
    };
    // The facts the table states for this kind (src/core/resources/facts.ts), then the rest by hand.
    applyFactTable(resource.kind, {
      format: 'pulumi',
      ...propsFactSource(args),
      regions: (list, field) => regionsOf(list, field) ?? null,
      computedList: (list) => isComputedList(args, list),
      readers: {
        // A group fails over only to another member: one member (or none) is no failover at all.
        originFailover: () => {
          const groups = args.objects('originGroups');
          return groups === null ? null : (groups ?? []).some((g) => {
            const members = g.list('members');
            return members === null || (members !== undefined && members.length >= 2);
          });
        },
        // One replica per enabled rule (`status: "Disabled"` replicates nothing), in a region the program does not say:
        // a BucketReplicationConfig declared later names it.
        replicationRegions: () => {
          const rules = args.props('replicationConfiguration').objects('rules')?.filter((r) => !/^disabled$/i.test(r.string('status') ?? ''));
          return rules === undefined ? [] : rules === null ? [null] : rules.map(() => null);
        },
      },
    }, resource, attrs);
    switch (key) {
      case 'dynamodb.Table': {
        physical('name');
        break;
      }
      case 'dynamodb.GlobalTable': {
        const r = regionsOf('replicas', 'regionName');
        if (r) resource.replicaRegions = r;
        break;
      }
      case 's3.Bucket':
      case 's3.BucketV2':
        physical('bucket');
        break;
      case 'rds.ClusterInstance':
        attrs.inCluster = true;
        break;
      case 'cloudfront.Distribution': {
        const arn = args.props('viewerCertificate').string('acmCertificateArn');
        if (arn) attrs.viewerCertificateArn = arn;
        if (arn && certificateInStackRegion(arn)) attrs.viewerCertificateInStackRegion = true;
        if (args.props('defaultCacheBehavior').has('lambdaFunctionAssociations')) attrs.lambdaEdge = true;
        break;
      }
      case 'lambda.Function':
        physical('name');
        break;
      default:
        break;
    }
    const az = args.string('availabilityZone');
    if (az && /^[a-z]{2}-/.test(az)) attrs.availabilityZones = [az];
  }
}
