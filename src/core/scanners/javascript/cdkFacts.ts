/**
 * Resilience facts of CDK constructs, in the format-independent names of `ResourceFacts`:
 * DynamoDB replicas, S3 replication, RDS Multi-AZ and global clusters, KMS multi-Region keys,
 * Secrets Manager replicas, NAT gateways, Lambda@Edge, API Gateway endpoint types, and the code
 * and environment of Lambda functions (a deploy unit, so handler code can find its stack).
 * L2 constructs are read by their own props; L1 `Cfn*` constructs by their CloudFormation
 * properties in camelCase. Defaults the CDK documents are stated as such (a `Table` without
 * replication regions has none; a `DatabaseInstance` without `multiAz` is single-AZ).
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { DeployUnit, ResourceAttributes, ResourceFacts } from '../../model';
import { dirnameOf, evaluatePath, joinPath, projectRootOf } from './modulePaths';
import { unwrap, type Node } from './parse';
import { PropsReader } from './propsReader';
import type { RegionOutcome } from './regionValues';
import type { ScanState } from './scanState';
import type { Site } from './sourceIndex';
import type { Value } from './values';

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
  if (objects === null) return undefined;
  return objects.map((o) => regionAt(state, o, key));
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

function setIf<K extends keyof ResourceAttributes>(attrs: ResourceAttributes, key: K, value: ResourceAttributes[K] | undefined): void {
  if (value !== undefined) attrs[key] = value;
}

function pitr(props: PropsReader): boolean | null | undefined {
  const direct = props.bool('pointInTimeRecovery');
  if (direct !== undefined) return direct;
  return props.props('pointInTimeRecoverySpecification').bool('pointInTimeRecoveryEnabled');
}

function isNewOf(state: ScanState, v: Value | undefined, className: string): boolean {
  if (!v || v.kind !== 'expr') return false;
  const n = unwrap(v.node);
  if (n.type !== 'NewExpression') return false;
  const callee = state.values.resolve(n.callee, v.scope);
  const last = callee.kind === 'module' || callee.kind === 'global' ? callee.path[callee.path.length - 1] : undefined;
  return last === className;
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
    const base = state.file.slice(dirnameOf(state.file).length).replace(/^\//, '').replace(/\.[cm]?[jt]sx?$/, '');
    const p = joinPath(dirnameOf(state.file), `${base}.${ctx.id}.ts`);
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
  const resource: ResourceFacts = { type: ctx.type, name: ctx.id };
  const attrs: ResourceAttributes = {};
  const out: ConstructFacts = { resource };
  const physical = (name: string): void => {
    const s = props.string(name);
    if (s) attrs.physicalNames = [s];
  };
  switch (key) {
    case 'aws-dynamodb.TableV2':
      resource.replicaRegions = regionsOfObjects(state, props, 'replicas', 'region');
      setIf(attrs, 'pointInTimeRecovery', pitr(props));
      physical('tableName');
      break;
    case 'aws-dynamodb.Table': {
      const l = props.list('replicationRegions');
      resource.replicaRegions = l === undefined ? [] : l === null ? undefined : l.map((v) => regionOfValue(state, v));
      setIf(attrs, 'pointInTimeRecovery', pitr(props));
      physical('tableName');
      break;
    }
    case 'aws-dynamodb.CfnTable':
      resource.replicaRegions = [];
      setIf(attrs, 'pointInTimeRecovery', pitr(props));
      physical('tableName');
      break;
    case 'aws-dynamodb.CfnGlobalTable':
      // CloudFormation lists the stack's own region among the replicas; the cross-file pass removes it.
      resource.replicaRegions = regionsOfObjects(state, props, 'replicas', 'region');
      physical('tableName');
      break;
    case 'aws-s3.Bucket': {
      const rules = props.list('replicationRules');
      resource.replicaRegions = rules === undefined ? [] : rules === null ? [null] : rules.map(() => null);
      if (/ONE_ZONE/.test(props.text())) attrs.singleAzStorage = true;
      physical('bucketName');
      break;
    }
    case 'aws-s3.CfnBucket': {
      const rules = props.props('replicationConfiguration').list('rules');
      resource.replicaRegions = rules === undefined ? [] : rules === null ? [null] : rules.map(() => null);
      if (/ONEZONE_IA/.test(props.text())) attrs.singleAzStorage = true;
      physical('bucketName');
      break;
    }
    case 'aws-s3express.CfnDirectoryBucket':
      attrs.singleAzStorage = true;
      break;
    case 'aws-rds.DatabaseInstance':
    case 'aws-rds.DatabaseInstanceFromSnapshot': {
      const m = props.bool('multiAz');
      resource.multiAz = m === undefined ? false : m;
      break;
    }
    case 'aws-rds.CfnDBInstance': {
      const inCluster = props.has('dbClusterIdentifier');
      if (inCluster) attrs.inCluster = true;
      else {
        const m = props.bool('multiAz');
        resource.multiAz = m === undefined ? false : m;
      }
      break;
    }
    case 'aws-rds.DatabaseCluster':
    case 'aws-rds.DatabaseClusterFromSnapshot': {
      const readers = props.list('readers');
      const instances = props.number('instances');
      if (readers !== undefined) resource.multiAz = readers === null ? null : readers.length > 0;
      else if (instances !== undefined) resource.multiAz = instances === null ? null : instances > 1;
      else if (props.has('instanceProps')) resource.multiAz = true; // two instances by default
      else if (props.has('writer')) resource.multiAz = false;
      attrs.globalCluster = false;
      break;
    }
    case 'aws-rds.CfnDBCluster':
      attrs.globalCluster = props.has('globalClusterIdentifier');
      break;
    case 'aws-rds.CfnGlobalCluster':
      attrs.globalCluster = true;
      break;
    case 'aws-kms.Key':
      // The L2 Key has no multi-Region option.
      attrs.multiRegion = false;
      break;
    case 'aws-kms.CfnKey': {
      const m = props.bool('multiRegion');
      attrs.multiRegion = m === undefined ? false : m;
      break;
    }
    case 'aws-secretsmanager.Secret':
      resource.replicaRegions = regionsOfObjects(state, props, 'replicaRegions', 'region');
      break;
    case 'aws-secretsmanager.CfnSecret':
      resource.replicaRegions = regionsOfObjects(state, props, 'replicaRegions', 'region');
      break;
    case 'aws-ec2.Vpc': {
      const nat = props.number('natGateways');
      if (typeof nat === 'number') attrs.natGateways = nat;
      const azs = stringList(props, 'availabilityZones');
      if (azs?.length) attrs.availabilityZones = azs;
      break;
    }
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
    case 'aws-cloudfront.CloudFrontWebDistribution': {
      const origins = props.objects('originConfigs');
      if (origins) attrs.originFailover = origins.some((o) => o.has('failoverS3OriginSource') || o.has('failoverCustomOriginSource'));
      break;
    }
    case 'aws-cloudfront.Distribution': {
      const behavior = props.props('defaultBehavior');
      if (behavior.has('edgeLambdas')) attrs.lambdaEdge = true;
      attrs.originFailover = isNewOf(state, behavior.value('origin'), 'OriginGroup');
      break;
    }
    case 'aws-cloudfront.CfnDistribution': {
      const config = props.props('distributionConfig');
      const groups = config.props('originGroups');
      attrs.originFailover = groups.has('items') || config.has('originGroups');
      const arn = config.props('viewerCertificate').string('acmCertificateArn');
      if (arn) attrs.viewerCertificateArn = arn;
      if (config.props('defaultCacheBehavior').has('lambdaFunctionAssociations')) attrs.lambdaEdge = true;
      break;
    }
    case 'aws-apigateway.RestApi':
    case 'aws-apigateway.LambdaRestApi':
    case 'aws-apigateway.SpecRestApi':
    case 'aws-apigateway.StepFunctionsRestApi':
    case 'aws-apigateway.CfnRestApi':
    case 'aws-apigateway.DomainName': {
      const t = endpointTypeOf(props);
      if (t) attrs.endpointType = t;
      break;
    }
    case 'aws-wafv2.CfnWebACL': {
      const scope = props.string('scope');
      if (scope) attrs.scope = scope;
      break;
    }
    case 'aws-elasticache.CfnReplicationGroup': {
      setIf(attrs, 'automaticFailover', props.bool('automaticFailoverEnabled'));
      const m = props.bool('multiAzEnabled');
      if (m !== undefined) resource.multiAz = m;
      break;
    }
    case 'aws-opensearchservice.Domain':
    case 'aws-elasticsearch.Domain': {
      const z = props.props('zoneAwareness').bool('enabled');
      attrs.zoneAwareness = z === undefined ? false : z;
      break;
    }
    case 'aws-efs.FileSystem':
      if (props.bool('oneZone') === true) attrs.singleAzStorage = true;
      break;
    case 'aws-events.Rule':
    case 'aws-events.CfnRule': {
      const sources = stringList(props.props('eventPattern'), 'source');
      if (sources?.length) attrs.eventSources = sources;
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

