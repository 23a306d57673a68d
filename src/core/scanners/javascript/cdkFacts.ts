/**
 * Resilience facts of CDK constructs, in the format-independent names of `ResourceFacts`:
 * DynamoDB replicas and point-in-time recovery, S3 replication and its destinations, ECR registry
 * replication, RDS Multi-AZ and global clusters, KMS multi-Region keys, Secrets Manager replicas,
 * NAT gateways, Lambda@Edge, CloudFront origins, origin failover and certificates, API Gateway
 * endpoint types, and the code and environment of Lambda functions (a deploy unit, so handler code
 * can find its stack). L2 constructs are read by their own props; L1 `Cfn*` constructs by their
 * CloudFormation properties in camelCase. Defaults the CDK documents are stated as such (a `Table`
 * without replication regions has none, nor point-in-time recovery; a `DatabaseInstance` without
 * `multiAz` is single-AZ). Props that name another construct (a destination bucket, a
 * certificate) are also returned as references, which the CDK pass completes across stacks.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { DeployUnit, ResourceAttributes, ResourceFacts } from '../../model';
import { findRegionsInText } from '../../regions';
import { importCall, referenceText, stringText, type PendingReference } from './cdkReferences';
import { evaluatePath, joinPath, projectRootOf } from './modulePaths';
import { propertyKeyName, staticString, unwrap, type Node } from './parse';
import { PropsReader, stringOfValue } from './propsReader';
import type { RegionOutcome } from './regionValues';
import type { ScanState } from './scanState';
import type { Scope, Site } from './sourceIndex';
import type { Value } from './values';
import { folderOf } from '../../paths';
import { applyFactTable, type FactSource } from '../../resources/facts';
import { resourceIdentity } from '../../resources/kinds';
import { certificateInStackRegion } from '../../resources/certificates';

export interface ConstructContext {
  id: string;
  type: string;
  node: TSESTree.NewExpression;
  site: Site;
}

export interface ConstructFacts {
  resource: ResourceFacts;
  deployUnit?: Omit<DeployUnit, 'dependencyId'>;
  /** `cloudfront.experimental.EdgeFunction`: deployed in us-east-1 whatever the stack's region */
  edgeFunction?: boolean;
  /** a construct that creates its resource in a region of its own (`DnsValidatedCertificate`'s `region`) */
  ownRegion?: RegionOutcome;
  /** props that name other constructs, for the CDK pass to follow */
  references?: PendingReference[];
}

/** A region value inside props (`replicas: [{ region: 'us-west-2' }]`): the region, or null. */
function regionAt(state: ScanState, props: PropsReader, name: string): string | null {
  const at = props.node(name);
  return at ? state.tracer.trace(at.node, at.scope).region : null;
}

function regionOfValue(state: ScanState, v: Value): string | null {
  return state.tracer.traceValue(v).region;
}

/** `[{ region }]` lists (TableV2/CfnGlobalTable replicas, secret replica regions). undefined: not an array literal. */
function regionsOfObjects(state: ScanState, props: PropsReader, list: string, key: string): (string | null)[] | undefined {
  const objects = props.objects(list);
  if (objects === undefined) return [];
  if (objects === null) return regionsOfMappedList(state, props, list, key);
  return objects.map((o) => regionAt(state, o, key));
}

/**
 * `replicas: regions.map((region) => ({ region, … }))`, the idiom of multi-region stacks: the
 * regions of the mapped list when it is an array literal (through consts), else undefined.
 */
function regionsOfMappedList(state: ScanState, props: PropsReader, list: string, key: string): (string | null)[] | undefined {
  const mapped = mappedList(props, list);
  if (!mapped) return undefined;
  const { array, param, body } = mapped;
  const object = body.type === 'ObjectExpression' ? body : undefined;
  const property = object?.properties.find((p) => p.type === 'Property' && !p.computed && ((p.key.type === 'Identifier' && p.key.name === key) || (p.key.type === 'Literal' && p.key.value === key)));
  const value = property?.type === 'Property' ? property.value : undefined;
  if (!value || value.type !== 'Identifier' || value.name !== param) return undefined;
  const items = state.values.resolve(array.node, array.scope);
  if (items.kind !== 'expr') return undefined;
  const n = unwrap(items.node);
  if (n.type !== 'ArrayExpression' || n.elements.some((e) => !e || e.type === 'SpreadElement')) return undefined;
  return n.elements.map((e) => regionOfValue(state, state.values.resolve(e as Node, items.scope)));
}

/** The parts of `list.map((param) => body)` written as a prop's value; undefined for anything else. */
function mappedList(props: PropsReader, list: string): { array: { node: Node; scope: Scope }; param: string; body: Node } | undefined {
  const v = props.value(list);
  if (!v || v.kind !== 'expr') return undefined;
  const n = unwrap(v.node);
  if (n.type !== 'CallExpression' || n.callee.type !== 'MemberExpression' || n.callee.computed || n.callee.property.type !== 'Identifier' || n.callee.property.name !== 'map') return undefined;
  const fn = n.arguments[0];
  if (!fn || (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression')) return undefined;
  const first = fn.params[0];
  if (!first || first.type !== 'Identifier') return undefined;
  let body: Node = fn.body as Node;
  if (body.type === 'BlockStatement') {
    const ret = body.body.find((st): st is TSESTree.ReturnStatement => st.type === 'ReturnStatement');
    if (!ret?.argument) return undefined;
    body = ret.argument;
  }
  return { array: { node: n.callee.object, scope: v.scope }, param: first.name, body: unwrap(body) };
}

/**
 * A replica list the declaration computes (`regions.map(…)`, `props.replicaRegions`) whose regions
 * cannot be read: the construct is replicated, to regions the workspace does not list.
 */
/** A list prop the code computes (`regions.map(…)`) rather than writes out. */
export function isComputedList(props: PropsReader, list: string): boolean {
  return props.has(list) && props.list(list) === null;
}

function markComputedReplicas(resource: ResourceFacts, props: PropsReader, list: string): void {
  if (resource.replicaRegions === undefined && isComputedList(props, list)) resource.replicated = true;
}

function stringList(props: PropsReader, name: string): string[] | undefined {
  const l = props.list(name);
  if (!l) return undefined;
  const out: string[] = [];
  for (const v of l) if (v.kind === 'expr') {
    const n = unwrap(v.node);
    if (n.type === 'Literal' && typeof n.value === 'string') out.push(n.value);
  }
  return out;
}

/** The props holding the last name of a dotted path (`zoneAwareness.enabled`), and that name. */
function propsAtPath(props: PropsReader, path: string): { at: PropsReader; name: string } {
  const names = path.split('.');
  let at = props;
  for (const name of names.slice(0, -1)) at = at.props(name);
  return { at, name: names[names.length - 1] };
}

/** How the fact table reads props at a dotted path; CDK props and Pulumi args read alike. */
export function propsFactSource(props: PropsReader): Pick<FactSource, 'bool' | 'present' | 'literal' | 'text'> {
  return {
    bool: (path) => {
      const { at, name } = propsAtPath(props, path);
      return at.bool(name);
    },
    present: (path) => {
      const { at, name } = propsAtPath(props, path);
      return at.has(name) ? true : undefined;
    },
    literal: (path) => {
      const { at, name } = propsAtPath(props, path);
      return at.string(name);
    },
    // A string (or an enum member's name); `first`: else the first element of a list.
    text: (path, first) => {
      const { at, name } = propsAtPath(props, path);
      const text = at.string(name);
      if (!first) return text;
      const list = at.list(name);
      return text ?? (list && list[0] ? stringOfValue(list[0]) : null);
    },
  };
}

/** `pointInTimeRecovery: true` or `pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }`; undefined: neither is written. */
function pitr(props: PropsReader): boolean | null | undefined {
  const direct = props.bool('pointInTimeRecovery');
  if (direct !== undefined) return direct;
  if (!props.has('pointInTimeRecoverySpecification')) return undefined;
  const spec = props.props('pointInTimeRecoverySpecification');
  const enabled = spec.bool('pointInTimeRecoveryEnabled');
  // `PointInTimeRecoveryEnabled` defaults to false inside a specification too.
  return enabled !== undefined ? enabled : spec.unknown ? null : false;
}

/**
 * Point-in-time recovery of a table: as written, else DynamoDB's default (off) — unless the props
 * may hold it where the file cannot see (props passed in, a spread of an unknown object).
 */
function pitrOrDefault(props: PropsReader): boolean | null {
  const stated = pitr(props);
  if (stated !== undefined) return stated;
  return props.hidden('pointInTimeRecovery') || props.hidden('pointInTimeRecoverySpecification') ? null : false;
}

/** A string literal prop (never an enum member: `bucketName: PhysicalName.GENERATE_IF_NEEDED` names no bucket). */
function literalProp(props: PropsReader, name: string): string | undefined {
  const v = props.value(name);
  return v?.kind === 'expr' ? staticString(v.node) : undefined;
}

/** A replication destination bucket: how it is written, its region when the writing names it, and the expression the CDK pass may follow. */
interface Destination {
  text: string;
  region: string | null;
  follow: { node: Node; scope: Scope };
}

/**
 * The destination of an S3 replication rule: a bucket imported by name or ARN (`Bucket.fromBucketName`,
 * `fromBucketArn`, `fromBucketAttributes` with its `region`), a bucket construct (its id; the CDK
 * pass adds its stack's region), or an ARN or name written as a string. A name or ARN that holds a
 * region (`uploads-us-west-2`) is taken to be in that region, as in CloudFormation templates.
 */
function bucketDestination(state: ScanState, node: Node, scope: Scope): Destination {
  const inText = (text: string): string | null => (text.startsWith('${') ? null : findRegionsInText(text)[0] ?? null);
  const call = importCall(state, node, scope);
  if (call?.method === 'fromBucketAttributes') {
    const attrs = PropsReader.of(state, call.args[2], call.scope);
    const arn = attrs.node('bucketArn');
    const name = attrs.node('bucketName');
    const written = arn ?? name;
    const text = written ? stringText(state, written.node, written.scope) : referenceText(state, node, scope);
    return { text, region: regionAt(state, attrs, 'region') ?? inText(text), follow: written ?? { node, scope } };
  }
  if ((call?.method === 'fromBucketName' || call?.method === 'fromBucketArn') && call.args[2]) {
    const text = stringText(state, call.args[2], call.scope);
    return { text, region: inText(text), follow: { node: call.args[2], scope: call.scope } };
  }
  const text = referenceText(state, node, scope);
  const v = state.values.resolve(node, scope);
  const literal = v.kind === 'expr' && staticString(v.node) !== undefined;
  return { text, region: literal ? inText(text) : null, follow: { node, scope } };
}

/**
 * Replication destinations of S3 rules (`replicationRules[].destination`, `rules[].destination.bucket`):
 * one replica region per rule, the destinations as written, and each destination as a reference for the CDK pass.
 */
function replicationOf(state: ScanState, rules: PropsReader[] | null | undefined, destinationOf: (rule: PropsReader) => { node: Node; scope: Scope } | undefined, out: ConstructFacts): { regions: (string | null)[]; destinations: string[] } {
  if (rules === undefined) return { regions: [], destinations: [] };
  if (rules === null) return { regions: [null], destinations: [] };
  const regions: (string | null)[] = [];
  const destinations: string[] = [];
  rules.forEach((rule, slot) => {
    const at = destinationOf(rule);
    if (!at) {
      regions.push(null);
      return;
    }
    const d = bucketDestination(state, at.node, at.scope);
    regions.push(d.region);
    destinations.push(d.text);
    (out.references ??= []).push({ attribute: 'replicationDestinations', slot, ...d.follow });
  });
  return { regions, destinations };
}

/** ECR registry replication: the region of every destination of every rule. */
function ecrReplicationRegions(state: ScanState, props: PropsReader): (string | null)[] {
  const config = props.props('replicationConfiguration');
  const rules = config.objects('rules');
  if (rules === undefined) return config.unknown || props.hidden('replicationConfiguration') ? [null] : [];
  if (rules === null) return [null];
  const regions: (string | null)[] = [];
  for (const rule of rules) {
    const destinations = rule.objects('destinations');
    if (destinations === null || (destinations === undefined && rule.unknown)) regions.push(null);
    for (const d of destinations ?? []) regions.push(regionAt(state, d, 'region'));
  }
  return regions;
}

/** The last name of what `new X(…)` or `X.y(…)` calls: `OriginGroup`, `withOriginAccessControl`. */
function calleeName(n: Node): string | undefined {
  if (n.type !== 'NewExpression' && n.type !== 'CallExpression') return undefined;
  const callee = unwrap(n.callee);
  if (callee.type === 'Identifier') return callee.name;
  return callee.type === 'MemberExpression' ? propertyKeyName(callee) : undefined;
}

/** The object a call is made on, as written: `origins.S3BucketOrigin` for `origins.S3BucketOrigin.withOriginAccessControl(…)`. */
function calleeObjectName(n: Node): string | undefined {
  if (n.type !== 'CallExpression') return undefined;
  const callee = unwrap(n.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  const object = unwrap(callee.object);
  if (object.type === 'Identifier') return object.name;
  return object.type === 'MemberExpression' ? propertyKeyName(object) : undefined;
}

const MAX_ORIGIN_DEPTH = 4;

/** A reference as the expression part of a `${…}` text: `SiteBucket`, `props.site`. */
function referenceExpression(state: ScanState, node: Node, scope: Scope): string {
  return referenceText(state, node, scope).replace(/^\$\{(.*)\}$/, '$1');
}

/**
 * The domains of a CloudFront L2 origin, as `originDomains` holds them: an `HttpOrigin`'s domain
 * as written (`api.example.com`; a template keeps its `${…}` parts), an S3 origin as its bucket's
 * regional domain name (`${SiteBucket.bucketRegionalDomainName}`), any other origin (load
 * balancer, API, function URL) as a reference to what it fronts. An `OriginGroup` gives both its
 * origins and failover.
 */
function readOrigin(state: ScanState, at: { node: Node; scope: Scope } | undefined, origins: string[], depth = 0): { failover: boolean } {
  if (!at || depth > MAX_ORIGIN_DEPTH) return { failover: false };
  const v = state.values.resolve(at.node, at.scope);
  const n = v.kind === 'expr' ? unwrap(v.node) : undefined;
  const scope = v.kind === 'expr' ? v.scope : at.scope;
  const name = n ? calleeName(n) : undefined;
  const args = n && (n.type === 'NewExpression' || n.type === 'CallExpression') ? (n.arguments as Node[]) : [];
  if (n?.type === 'NewExpression' && name === 'OriginGroup') {
    const group = PropsReader.of(state, args[0], scope);
    readOrigin(state, group.node('primaryOrigin'), origins, depth + 1);
    readOrigin(state, group.node('fallbackOrigin'), origins, depth + 1);
    return { failover: group.has('fallbackOrigin') };
  }
  if (n?.type === 'NewExpression' && name === 'HttpOrigin' && args[0]) {
    origins.push(stringText(state, args[0], scope));
    return { failover: false };
  }
  const s3 = n !== undefined && ((n.type === 'NewExpression' && /^S3(?:StaticWebsite)?Origin$/.test(name ?? '')) || calleeObjectName(n) === 'S3BucketOrigin');
  if (s3 && args[0]) {
    const attribute = name === 'S3StaticWebsiteOrigin' ? 'bucketWebsiteDomainName' : 'bucketRegionalDomainName';
    origins.push(`\${${referenceExpression(state, args[0], scope)}.${attribute}}`);
    return { failover: false };
  }
  // A load balancer, a REST API, a function URL, a VPC origin: regional resources, kept as references.
  origins.push(`\${${args[0] ? referenceExpression(state, args[0], scope) : state.source(at.node, 80)}}`);
  return { failover: false };
}

/** The origins of an L2 `Distribution`: the default behaviour's and every additional behaviour's. */
function distributionOrigins(state: ScanState, props: PropsReader, attrs: ResourceAttributes): void {
  const origins: string[] = [];
  let failover = readOrigin(state, props.props('defaultBehavior').node('origin'), origins).failover;
  for (const b of props.props('additionalBehaviors').entries() ?? []) {
    if (readOrigin(state, PropsReader.of(state, b.node, b.scope).node('origin'), origins).failover) failover = true;
  }
  attrs.originFailover = failover;
  const unique = [...new Set(origins)];
  if (unique.length) attrs.originDomains = unique;
}

/**
 * The certificate of an L2 `Distribution`, as `viewerCertificateArn` holds it: the ARN of an
 * imported certificate (`Certificate.fromCertificateArn(this, id, 'arn:aws:acm:…')`), else the
 * certificate construct's id, which rules find in the same file (the CDK pass writes the ARN's
 * region when the construct comes from a stack in another file).
 */
function certificateOf(state: ScanState, node: Node, scope: Scope): { text: string; follow: { node: Node; scope: Scope } } {
  const call = importCall(state, node, scope);
  if (call?.method === 'fromCertificateArn' && call.args[2]) return { text: stringText(state, call.args[2], call.scope), follow: { node: call.args[2], scope: call.scope } };
  return { text: referenceText(state, node, scope), follow: { node, scope } };
}

/** Whether an RDS L2 cluster has a reader beside its writer: `readers`, `instances`, `instanceProps` (two instances by default), a lone `writer`. */
function clusterMultiAz(props: PropsReader): boolean | null | undefined {
  const readers = props.list('readers');
  if (readers !== undefined) return readers === null ? null : readers.length > 0;
  const instances = props.number('instances');
  if (instances !== undefined) return instances === null ? null : instances > 1;
  if (props.has('instanceProps')) return true;
  if (props.has('writer')) return false;
  return undefined;
}

/** Whether an L1 distribution's origin group fails over: a group fails over only to another member, so one member (or none) is no failover at all. */
function cfnOriginFailover(props: PropsReader): boolean | null {
  const items = props.props('distributionConfig').props('originGroups').objects('items');
  return items === null ? null : (items ?? []).some((g) => {
    const members = g.props('members').list('items');
    return members === null || (members !== undefined && members.length >= 2);
  });
}

/** Whether a `CloudFrontWebDistribution` names a failover origin; undefined when its origins cannot be read. */
function webDistributionFailover(props: PropsReader): boolean | undefined {
  const origins = props.objects('originConfigs');
  return origins ? origins.some((o) => o.has('failoverS3OriginSource') || o.has('failoverCustomOriginSource')) : undefined;
}

/** The API Gateway endpoint type of `endpointTypes: [EndpointType.REGIONAL]` or `endpointConfiguration: { types: [...] }`. */
function endpointTypeOf(props: PropsReader): string | undefined {
  const fromList = (l: Value[] | null | undefined): string | undefined => {
    if (!l || l.length === 0) return undefined;
    const first = l[0];
    if (first.kind === 'expr') {
      const n = unwrap(first.node);
      if (n.type === 'Literal' && typeof n.value === 'string') return n.value.toUpperCase();
      if (n.type === 'MemberExpression' && n.property.type === 'Identifier') return n.property.name.toUpperCase();
    }
    if (first.kind === 'module' && first.path.length) return first.path[first.path.length - 1].toUpperCase();
    return undefined;
  };
  return fromList(props.list('endpointTypes')) ?? fromList(props.props('endpointConfiguration').list('types')) ?? props.props('endpointConfiguration').string('types')?.toUpperCase() ?? props.string('endpointType')?.toUpperCase();
}

const LAMBDA_CLASSES = new Set(['aws-lambda.Function', 'aws-lambda.SingletonFunction', 'aws-lambda-nodejs.NodejsFunction', 'aws-lambda-python.PythonFunction', 'aws-lambda-go.GoFunction', 'aws-lambda.DockerImageFunction', 'aws-cloudfront.EdgeFunction']);

function lambdaUnit(state: ScanState, key: string, props: PropsReader, ctx: ConstructContext, attrs: ResourceAttributes): Omit<DeployUnit, 'dependencyId'> | undefined {
  const root = projectRootOf(state.file);
  const codePaths: string[] = [];
  const entry = props.node('entry');
  if (entry) {
    const p = evaluatePath(state, entry.node, entry.scope, root);
    if (p) codePaths.push(p);
  } else if (key === 'aws-lambda-nodejs.NodejsFunction') {
    // Without `entry`, NodejsFunction bundles `<defining file>.<construct id>.ts` beside the defining file.
    const base = state.file.slice(folderOf(state.file).length).replace(/^\//, '').replace(/\.[cm]?[jt]sx?$/, '');
    const p = joinPath(folderOf(state.file), `${base}.${ctx.id}.ts`);
    if (p) codePaths.push(p);
  }
  const code = props.value('code');
  if (code && code.kind === 'expr') {
    const n = unwrap(code.node);
    // `lambda.Code.fromAsset(path)`, `Code.fromDockerBuild(path)`, v1's `Code.asset(path)` and `new lambda.AssetCode(path)`
    const callee = n.type === 'CallExpression' || n.type === 'NewExpression' ? unwrap(n.callee) : null;
    const name = callee?.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : callee?.type === 'Identifier' ? callee.name : '';
    if ((n.type === 'CallExpression' && /^(fromAsset|fromDockerBuild|asset)$/.test(name)) || (n.type === 'NewExpression' && name === 'AssetCode')) {
      const p = evaluatePath(state, (n as { arguments: Node[] }).arguments[0], code.scope, root);
      if (p) codePaths.push(p);
    }
  }
  const environment = props.props('environment').stringMap();
  if (environment && Object.keys(environment).length) attrs.environment = environment;
  if (codePaths.length) attrs.codePaths = codePaths;
  const p = state.builder.lines.position(ctx.node.range[0]);
  const unit: Omit<DeployUnit, 'dependencyId'> = { name: ctx.id, stackFile: state.file, codePaths, line: p.line };
  if (environment && Object.keys(environment).length) unit.environment = environment;
  return unit;
}

/** Facts of one construct; `key` is `<module>.<Class>` (`aws-dynamodb.TableV2`). */
export function cdkResourceFacts(state: ScanState, key: string, props: PropsReader, ctx: ConstructContext): ConstructFacts {
  const resource: ResourceFacts = resourceIdentity(ctx.type, ctx.id);
  const attrs: ResourceAttributes = {};
  const out: ConstructFacts = { resource };
  const physical = (name: string): void => {
    const s = literalProp(props, name);
    if (s) attrs.physicalNames = [s];
  };
  let replication: { regions: (string | null)[]; destinations: string[] } | undefined;
  // A rule of the L1 with `status: "Disabled"` replicates nothing.
  const bucketReplication = () => (replication ??= key === 'aws-s3.Bucket'
    ? replicationOf(state, props.objects('replicationRules'), (rule) => rule.node('destination'), out)
    : replicationOf(state, props.props('replicationConfiguration').objects('rules')?.filter((r) => !/^disabled$/i.test(r.string('status') ?? '')), (rule) => rule.props('destination').node('bucket'), out));
  // The facts the table states for this construct (src/core/resources/facts.ts), then the rest by hand.
  applyFactTable(resource.kind, {
    format: 'cdk',
    cdkClass: key,
    ...propsFactSource(props),
    regions: (list, field) => regionsOfObjects(state, props, list, field) ?? null,
    computedList: (list) => isComputedList(props, list),
    readers: {
      pointInTimeRecovery: () => pitrOrDefault(props),
      globalTablePointInTimeRecovery: () => {
        const replicas = props.objects('replicas');
        if (replicas === null) return null;
        if (replicas === undefined) return undefined;
        const each = replicas.map((r) => pitrOrDefault(r));
        return each.length === 0 ? false : each.includes(null) ? null : each.every((p) => p === true);
      },
      clusterMultiAz: () => clusterMultiAz(props),
      endpointType: () => endpointTypeOf(props),
      ecrReplicationRegions: () => ecrReplicationRegions(state, props),
      natGatewayCount: () => {
        const nat = props.number('natGateways');
        return typeof nat === 'number' ? nat : undefined;
      },
      eventSources: () => {
        const sources = stringList(props.props('eventPattern'), 'source');
        return sources?.length ? sources : undefined;
      },
      originFailover: () => (key === 'aws-cloudfront.CfnDistribution' ? cfnOriginFailover(props) : webDistributionFailover(props)),
      replicationRegions: () => bucketReplication().regions,
      replicationDestinations: () => (bucketReplication().destinations.length ? bucketReplication().destinations : undefined),
      // The L2 names the storage class `ONE_ZONE_INFREQUENT_ACCESS`, the L1 `ONEZONE_IA`.
      oneZoneStorage: () => ((key === 'aws-s3.Bucket' ? /ONE_ZONE/ : /ONEZONE_IA/).test(props.text()) ? true : undefined),
    },
  }, resource, attrs);
  switch (key) {
    case 'aws-dynamodb.TableV2':
      physical('tableName');
      break;
    case 'aws-dynamodb.Table': {
      const l = props.list('replicationRegions');
      resource.replicaRegions = l === undefined ? [] : l === null ? undefined : l.map((v) => regionOfValue(state, v));
      markComputedReplicas(resource, props, 'replicationRegions');
      physical('tableName');
      break;
    }
    case 'aws-dynamodb.CfnTable':
      physical('tableName');
      break;
    case 'aws-dynamodb.CfnGlobalTable':
      physical('tableName');
      break;
    case 'aws-s3.Bucket':
    case 'aws-s3.CfnBucket':
      physical('bucketName');
      break;
    case 'aws-ec2.Vpc': {
      const azs = stringList(props, 'availabilityZones');
      if (azs?.length) attrs.availabilityZones = azs;
      break;
    }
    // The class is the record type (`new ARecord(…)`).
    case 'aws-route53.ARecord':
      attrs.recordType = 'A';
      break;
    case 'aws-route53.AaaaRecord':
      attrs.recordType = 'AAAA';
      break;
    case 'aws-route53.CnameRecord':
      attrs.recordType = 'CNAME';
      break;
    case 'aws-cloudfront.EdgeFunction':
      attrs.lambdaEdge = true;
      out.edgeFunction = true;
      break;
    case 'aws-certificatemanager.DnsValidatedCertificate': {
      // The certificate is created through a custom resource in the region the props name.
      const at = props.node('region');
      const o = at ? state.tracer.trace(at.node, at.scope) : undefined;
      if (o && (o.region || o.candidateRegions)) out.ownRegion = o;
      break;
    }
    case 'aws-cloudfront.Distribution': {
      const behavior = props.props('defaultBehavior');
      if (behavior.has('edgeLambdas')) attrs.lambdaEdge = true;
      distributionOrigins(state, props, attrs);
      const certificate = props.node('certificate');
      if (certificate) {
        const c = certificateOf(state, certificate.node, certificate.scope);
        attrs.viewerCertificateArn = c.text;
        if (certificateInStackRegion(c.text)) attrs.viewerCertificateInStackRegion = true;
        (out.references ??= []).push({ attribute: 'viewerCertificateArn', ...c.follow });
      }
      break;
    }
    case 'aws-cloudfront.CfnDistribution': {
      const config = props.props('distributionConfig');
      const arn = config.props('viewerCertificate').string('acmCertificateArn');
      if (arn) attrs.viewerCertificateArn = arn;
      if (arn && certificateInStackRegion(arn)) attrs.viewerCertificateInStackRegion = true;
      if (config.props('defaultCacheBehavior').has('lambdaFunctionAssociations')) attrs.lambdaEdge = true;
      break;
    }
    default:
      break;
  }
  if (LAMBDA_CLASSES.has(key)) {
    out.deployUnit = lambdaUnit(state, key, props, ctx, attrs);
    physical('functionName');
  }
  if (!attrs.availabilityZones) {
    const az = props.string('availabilityZone');
    if (az && /^[a-z]{2}-/.test(az)) attrs.availabilityZones = [az];
  }
  if (Object.keys(attrs).length) resource.attributes = attrs;
  if (resource.replicaRegions === undefined) delete resource.replicaRegions;
  return out;
}

