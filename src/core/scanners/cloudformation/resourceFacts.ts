/**
 * Resilience facts of one CloudFormation/SAM resource, normalised into {@link ResourceFacts} so
 * that the rules of RULES.md sections C–E read the same keys whatever the format. A fact is set
 * when the declaration states it, or when CloudFormation documents the default that applies when
 * the property is absent (an `AWS::RDS::DBInstance` without `MultiAZ` is single-AZ). A value
 * computed by an intrinsic function is `null`: present, but not knowable statically.
 */
import catalogue from '../../catalogue/services.generated.json';
import { serviceOfCloudFormationType } from '../../catalogue/services';
import type { ResourceAttributes, ResourceFacts } from '../../model';
import { findRegionsInText, isAvailabilityZone, isRegion } from '../../regions';
import { booleanOf, getPath, getValue, intrinsicOf, itemsOf, literalString, referencedLogicalId, textList, textOf, textRecord, type TemplateMap, type TemplateNode } from './templateTree';
import { applyFactTable } from '../../resources/facts';
import { resourceIdentity } from '../../resources/kinds';
import { subnetForm } from '../../resources/subnets';
import { certificateInStackRegion } from '../../resources/certificates';

const cfnNamespace = catalogue.cfnNamespace as Record<string, string>;

/**
 * The service id of any resource type: AWS and SAM types through the catalogue, other
 * registry namespaces (`Alexa::ASK::Skill`) through their namespace, and everything CloudFormation
 * itself runs — custom resources, modules, third-party and macro-processed types — as
 * `cloudformation`.
 */
export function serviceOfResourceType(type: string): string {
  if (type.startsWith('AWS::')) {
    const s = serviceOfCloudFormationType(type);
    if (s && /^[a-z][a-z0-9-]*$/.test(s)) return s;
  }
  const parts = type.split('::');
  if (parts.length >= 3 && Object.prototype.hasOwnProperty.call(cfnNamespace, `${parts[0]}::${parts[1]}`)) return cfnNamespace[`${parts[0]}::${parts[1]}`];
  return 'cloudformation';
}

export interface FactsContext {
  /** logical ids of the same template: a replication destination declared beside the bucket is in the same region */
  logicalIds: ReadonlySet<string>;
  /** SAM `Globals` section */
  globals?: TemplateNode;
  /** template parameters' literal `Default` values, by name */
  parameterDefaults?: ReadonlyMap<string, string>;
  /** resolves a format's own variables in a name (Serverless `${self:custom.table}`); undefined when it cannot */
  resolveName?: (text: string) => string | undefined;
}

/** SAM resource types and the `Globals` section that applies to each. */
const SAM_GLOBALS: Record<string, string> = {
  'AWS::Serverless::Function': 'Function',
  'AWS::Serverless::Api': 'Api',
  'AWS::Serverless::HttpApi': 'HttpApi',
  'AWS::Serverless::SimpleTable': 'SimpleTable',
  'AWS::Serverless::StateMachine': 'StateMachine',
  'AWS::Serverless::LayerVersion': 'LayerVersion',
};

/** Properties of a resource with SAM `Globals` behind them: a property missing here is looked up there. */
export class ResourceProperties {
  constructor(
    readonly own: TemplateNode | undefined,
    readonly globals: TemplateNode | undefined,
  ) {}

  static of(type: string, resource: TemplateMap, globals: TemplateNode | undefined): ResourceProperties {
    const section = SAM_GLOBALS[type];
    return new ResourceProperties(getValue(resource, 'Properties'), section ? getValue(globals, section) : undefined);
  }

  get(key: string): TemplateNode | undefined {
    return getValue(this.own, key) ?? getValue(this.globals, key);
  }

  path(...keys: string[]): TemplateNode | undefined {
    return getPath(this.own, ...keys) ?? getPath(this.globals, ...keys);
  }

  /** Environment variables: SAM merges the function's variables over the global ones. */
  environment(): Record<string, string> {
    return { ...textRecord(getPath(this.globals, 'Environment', 'Variables')), ...textRecord(getPath(this.own, 'Environment', 'Variables')) };
  }
}

/** Properties that name a resource at run time, by type. */
const PHYSICAL_NAME_KEYS: Record<string, string[]> = {
  'AWS::DynamoDB::Table': ['TableName'],
  'AWS::DynamoDB::GlobalTable': ['TableName'],
  'AWS::Serverless::SimpleTable': ['TableName'],
  'AWS::S3::Bucket': ['BucketName'],
  'AWS::S3Express::DirectoryBucket': ['BucketName'],
  'AWS::SQS::Queue': ['QueueName'],
  'AWS::SNS::Topic': ['TopicName'],
  'AWS::Lambda::Function': ['FunctionName'],
  'AWS::Serverless::Function': ['FunctionName'],
  'AWS::Kinesis::Stream': ['Name'],
  'AWS::KinesisFirehose::DeliveryStream': ['DeliveryStreamName'],
  'AWS::SecretsManager::Secret': ['Name'],
  'AWS::StepFunctions::StateMachine': ['StateMachineName'],
  'AWS::Serverless::StateMachine': ['Name'],
  'AWS::Events::EventBus': ['Name'],
  'AWS::Logs::LogGroup': ['LogGroupName'],
  'AWS::SSM::Parameter': ['Name'],
  'AWS::ECR::Repository': ['RepositoryName'],
  'AWS::Cognito::UserPool': ['UserPoolName'],
  'AWS::RDS::DBInstance': ['DBInstanceIdentifier'],
  'AWS::RDS::DBCluster': ['DBClusterIdentifier'],
  'AWS::ElastiCache::ReplicationGroup': ['ReplicationGroupId'],
  'AWS::OpenSearchService::Domain': ['DomainName'],
  'AWS::Elasticsearch::Domain': ['DomainName'],
  // The DNS name a record answers for: rules tell validation records (`_…`) from application ones by it.
  'AWS::Route53::RecordSet': ['Name'],
};

/** Top-level properties that hold availability zone names. */
const AZ_KEYS = ['AvailabilityZone', 'AvailabilityZoneName', 'AvailabilityZones', 'PreferredAvailabilityZone', 'PreferredAvailabilityZones', 'PreferredCacheClusterAZs'];

export function resourceFacts(type: string, logicalId: string, resource: TemplateMap, context: FactsContext): ResourceFacts {
  const props = ResourceProperties.of(type, resource, context.globals);
  const facts: ResourceFacts = resourceIdentity(type, logicalId);
  const attributes: ResourceAttributes = {};

  const names = (PHYSICAL_NAME_KEYS[type] ?? [])
    .map((k) => literalString(props.get(k)))
    .map((n) => (n !== undefined && n.includes('${') && context.resolveName ? context.resolveName(n) ?? n : n))
    .filter((n): n is string => !!n);
  if (names.length) attributes.physicalNames = names;

  const zones: string[] = [];
  for (const key of AZ_KEYS) for (const item of itemsOf(props.get(key))) {
    const az = literalString(item);
    if (az && isAvailabilityZone(az.trim())) zones.push(az.trim());
  }
  if (zones.length) attributes.availabilityZones = zones;
  const zoneRefs: string[] = [];
  for (const key of AZ_KEYS) for (const item of itemsOf(props.get(key))) {
    const ref = availabilityZoneRef(item);
    if (ref) zoneRefs.push(ref);
  }
  if (zoneRefs.length) attributes.availabilityZoneRefs = zoneRefs;
  // Keys named by any resource; the table states `[]` for the kinds that can name one and name none.
  const kmsKeys = kmsKeysOf(props);
  if (kmsKeys?.length) attributes.kmsKeys = kmsKeys;

  // The facts the table states for this kind (src/core/resources/facts.ts), then the rest by hand.
  const at = (path: string) => props.path(...path.split('.'));
  let replication: S3Replication | undefined;
  const s3Replication = (): S3Replication => (replication ??= s3BucketReplication(props, context));
  applyFactTable(facts.kind, {
    format: 'cloudformation',
    sam: type.startsWith('AWS::Serverless::'),
    bool: (path) => booleanOf(at(path)),
    present: (path) => {
      const node = at(path);
      return node === undefined ? undefined : intrinsicOf(node) || literalString(node) ? true : null;
    },
    literal: (path) => {
      const node = at(path);
      return node === undefined ? undefined : literalString(node) ?? null;
    },
    text: (path, first) => (first ? textList(at(path))[0] : textOf(at(path))),
    regions: (list, field) => {
      const [head, ...nested] = list.split('[].');
      let items = itemsOf(at(head));
      for (const path of nested) items = items.flatMap((item) => itemsOf(getPath(item, ...path.split('.'))));
      return items.map((r) => regionValue(getValue(r, field)));
    },
    kmsKeys: () => kmsKeys,
    readers: {
      originDomains: () => originDomainsOf(props.get('DistributionConfig')),
      copyTargets: () => backupCopyTargets(props),
      fsxMultiAz: () => {
        if (props.get('LustreConfiguration')) return false;
        const config = props.get('WindowsConfiguration') ?? props.get('OntapConfiguration') ?? props.get('OpenZFSConfiguration');
        const deployment = literalString(getValue(config, 'DeploymentType'));
        return deployment ? /MULTI_AZ/i.test(deployment) : undefined;
      },
      eventSources: () => {
        const sources = eventPatternSources(props.get('EventPattern'));
        return sources.length ? sources : undefined;
      },
      originFailover: () => originFailoverOf(props.get('DistributionConfig')),
      replicationRegions: () => s3Replication().regions,
      replicationDestinations: () => (s3Replication().destinations.length ? s3Replication().destinations : undefined),
      oneZoneStorage: () => (s3Replication().singleAz ? true : undefined),
      pointInTimeRecovery: () => pointInTimeRecovery(props.get('PointInTimeRecoverySpecification')),
      globalTablePointInTimeRecovery: () => {
        const pitr = itemsOf(props.get('Replicas')).map((r) => pointInTimeRecovery(getValue(r, 'PointInTimeRecoverySpecification')));
        return pitr.length === 0 ? false : pitr.includes(null) ? null : pitr.every((p) => p === true);
      },
      samEndpointType: () => {
        const ec = props.get('EndpointConfiguration');
        const t = ec?.kind === 'map' && !intrinsicOf(ec) ? textOf(getValue(ec, 'Type')) : textOf(ec);
        return t?.toUpperCase();
      },
    },
  }, facts, attributes);

  switch (type) {
    case 'AWS::RDS::DBInstance':
    case 'AWS::DocDB::DBInstance':
    case 'AWS::Neptune::DBInstance':
      dbInstanceFacts(props, attributes);
      break;
    case 'AWS::RDS::DBCluster':
    case 'AWS::DocDB::DBCluster':
    case 'AWS::Neptune::DBCluster':
      addReplicaOf(attributes, props.get('ReplicationSourceIdentifier'));
      break;
    case 'AWS::RDS::GlobalCluster':
      addReplicaOf(attributes, props.get('SourceDBClusterIdentifier'));
      break;
    case 'AWS::Cognito::UserPoolReplica':
      // The resource lives in the primary pool's stack; the replica pool it creates is in `RegionName`.
      addReplicaOf(attributes, props.get('UserPoolId'));
      if (props.get('RegionName')) facts.replicaRegions = [regionValue(props.get('RegionName'))];
      break;
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer':
      loadBalancerFacts(props, attributes);
      break;
    case 'AWS::ElasticLoadBalancing::LoadBalancer':
      addSubnets(attributes, props.get('Subnets'));
      break;
    case 'AWS::ElasticLoadBalancingV2::TargetGroup': {
      const cz = keyValueAttribute(props.get('TargetGroupAttributes'), 'load_balancing.cross_zone.enabled');
      if (cz !== undefined) attributes.crossZone = cz === 'use_load_balancer_configuration' ? undefined : booleanText(cz);
      break;
    }
    case 'AWS::EC2::Instance':
    case 'AWS::EC2::NatGateway':
    case 'AWS::EFS::MountTarget':
      addSubnets(attributes, props.get('SubnetId'));
      break;
    case 'AWS::AutoScaling::AutoScalingGroup':
      addSubnets(attributes, props.get('VPCZoneIdentifier'));
      break;
    case 'AWS::Lambda::Function':
    case 'AWS::Serverless::Function':
      addSubnets(attributes, props.path('VpcConfig', 'SubnetIds'));
      lambdaEventFacts(props, attributes);
      break;
    case 'AWS::ECS::Service':
      addSubnets(attributes, props.path('NetworkConfiguration', 'AwsvpcConfiguration', 'Subnets'));
      break;
    case 'AWS::RDS::DBSubnetGroup':
    case 'AWS::ElastiCache::SubnetGroup':
    case 'AWS::DocDB::DBSubnetGroup':
    case 'AWS::Neptune::DBSubnetGroup':
      addSubnets(attributes, props.get('SubnetIds'));
      break;
    case 'AWS::Route53::RecordSet':
      Object.assign(attributes, recordFacts(props.own));
      break;
    case 'AWS::Route53::RecordSetGroup': {
      const records = itemsOf(props.get('RecordSets')).map((r) => ({ name: textOf(getValue(r, 'Name')), ...recordFacts(r) }));
      attributes.records = records;
      const routed = records.find((r) => r.routingPolicy !== 'simple');
      attributes.routingPolicy = routed?.routingPolicy ?? 'simple';
      const failover = records.filter((r) => r.failoverRole);
      if (failover.length) {
        attributes.failoverRole = failover.some((r) => r.failoverRole === 'PRIMARY') ? 'PRIMARY' : 'SECONDARY';
        attributes.healthCheck = failover.every((r) => r.healthCheck);
      } else attributes.healthCheck = records.length > 0 && records.every((r) => r.healthCheck);
      break;
    }
    case 'AWS::CloudFront::Distribution':
      cloudFrontFacts(props.get('DistributionConfig'), attributes, context);
      break;
    case 'AWS::Events::Endpoint':
      eventEndpointFacts(props, attributes);
      break;
    case 'AWS::AmazonMQ::Broker': {
      const mode = literalString(props.get('DeploymentMode'));
      if (mode) facts.multiAz = /MULTI_AZ/i.test(mode);
      else if (props.get('DeploymentMode')) facts.multiAz = null;
      break;
    }
    case 'AWS::CloudFormation::StackSet': {
      const regions = itemsOf(props.get('StackInstancesGroup')).flatMap((g) => itemsOf(getValue(g, 'Regions')).map((r) => regionValue(r)));
      if (regions.length) attributes.deploymentRegions = regions;
      break;
    }
    case 'AWS::ECS::TaskDefinition': {
      const env: Record<string, string> = {};
      for (const c of itemsOf(props.get('ContainerDefinitions'))) {
        for (const e of itemsOf(getValue(c, 'Environment'))) {
          const name = literalString(getValue(e, 'Name'));
          const value = textOf(getValue(e, 'Value'));
          if (name && value !== undefined) env[name] = value;
        }
      }
      if (Object.keys(env).length) attributes.environment = env;
      break;
    }
    default:
      break;
  }

  if (type === 'AWS::Lambda::Function' || type === 'AWS::Serverless::Function') {
    const env = props.environment();
    if (Object.keys(env).length) attributes.environment = env;
  }

  if (Object.keys(attributes).some((k) => attributes[k] !== undefined)) {
    for (const k of Object.keys(attributes)) if (attributes[k] === undefined) delete attributes[k];
    facts.attributes = attributes;
  }
  return facts;
}

function addReplicaOf(attributes: ResourceAttributes, source: TemplateNode | undefined): void {
  const text = textOf(source);
  if (text) attributes.replicaOf = [...(attributes.replicaOf ?? []), text];
}

/**
 * An availability zone chosen by an expression, in a normal form: `!Select [0, !GetAZs '']` →
 * `GetAZs[0]`, `!Select [1, !Ref Zones]` → `${Zones}[1]`, `!Ref Zone` → `${Zone}`.
 */
function availabilityZoneRef(node: TemplateNode | undefined): string | undefined {
  const call = intrinsicOf(node);
  if (!call) return undefined;
  if (call.fn === 'Fn::Select' && call.arg?.kind === 'seq' && call.arg.items.length === 2) {
    const index = literalString(call.arg.items[0]);
    const list = intrinsicOf(call.arg.items[1]);
    if (index === undefined || !list) return undefined;
    if (list.fn === 'Fn::GetAZs') return `GetAZs[${index}]`;
    const listText = textOf(call.arg.items[1]);
    return listText ? `${listText}[${index}]` : undefined;
  }
  if (call.fn === 'Ref') return textOf(node);
  return undefined;
}

/**
 * Property names that hold a KMS key: `KMSMasterKeyID`, `KmsKeyId`, `SSEKMSKeyId`, `KmsKeyArn`,
 * `ReplicaKmsKeyID`, `KmsKeyIdentifier`, `AWSKMSKeyARN` … — but not `KmsDataKeyReusePeriodSeconds`
 * or `SseKmsEncryptedObjects`, which only mention KMS.
 */
function isKmsKeyProperty(key: string): boolean {
  return /kms/i.test(key) && /key(?:id|arn|identifier)?$/i.test(key);
}
/** Key properties whose names do not say KMS, by the property that contains them ('' = top level). */
const OTHER_KEY_PROPERTIES = new Map([['KeyId', 'StreamEncryption'], ['EncryptionKeyArn', '']]);
/** How many nodes one resource's key search may visit: YAML aliases can make a small text a huge tree. */
const KMS_SEARCH_BUDGET = 5000;

interface KmsKeySearch {
  keys: string[];
  /** part of the properties could not be read (a transform, a value too deep or too large): "none named" cannot be claimed */
  opaque: boolean;
  budget: number;
}

/**
 * The KMS keys a resource names, as written (`${DataKey}`, `${DataKey.Arn}`, an ARN, `alias/…`);
 * null when none is found and part of the properties could not be searched.
 */
function kmsKeysOf(props: ResourceProperties): string[] | null {
  const search: KmsKeySearch = { keys: [], opaque: false, budget: KMS_SEARCH_BUDGET };
  const own = props.own;
  if (own && (own.kind !== 'map' || intrinsicOf(own))) search.opaque = true;
  else collectKmsKeys(own, '', search, 0);
  // SAM functions take `KmsKeyArn` from Globals when they do not set their own.
  if (search.keys.length === 0 && props.globals) collectKmsKeys(props.globals, '', search, 0);
  if (search.keys.length > 0) return [...new Set(search.keys)];
  return search.opaque ? null : [];
}

function collectKmsKeys(node: TemplateNode | undefined, parentKey: string, search: KmsKeySearch, depth: number): void {
  if (!node) return;
  if (--search.budget < 0 || depth > 8) {
    search.opaque = true;
    return;
  }
  const call = intrinsicOf(node);
  if (call) {
    // `!If [Condition, A, B]` is either branch; any other function computes a value that cannot be searched.
    if (call.fn === 'Fn::If' && call.arg?.kind === 'seq') for (const branch of call.arg.items.slice(1, 3)) collectKmsKeys(branch, parentKey, search, depth + 1);
    else if (call.fn === 'Fn::Transform') search.opaque = true;
    return;
  }
  if (node.kind === 'seq') {
    for (const item of node.items) collectKmsKeys(item, parentKey, search, depth + 1);
    return;
  }
  if (node.kind !== 'map') return;
  for (const p of node.pairs) {
    if (p.key === 'Fn::Transform') search.opaque = true;
    else if (isKmsKeyProperty(p.key) || OTHER_KEY_PROPERTIES.get(p.key) === parentKey) addKmsKey(p.value, search, depth);
    else collectKmsKeys(p.value, p.key, search, depth + 1);
  }
}

/** The text of a key property's value: each branch of an `!If`, nothing for `AWS::NoValue`. */
function addKmsKey(value: TemplateNode | undefined, search: KmsKeySearch, depth: number): void {
  const call = intrinsicOf(value);
  if (call?.fn === 'Fn::If' && call.arg?.kind === 'seq' && depth < 8) {
    for (const branch of call.arg.items.slice(1, 3)) addKmsKey(branch, search, depth + 1);
    return;
  }
  const text = textOf(value);
  if (text && text !== '${AWS::NoValue}') search.keys.push(text);
}

/** A literal region, or null for an expression (`!Ref AWS::Region`, a parameter). */
function regionValue(node: TemplateNode | undefined): string | null {
  const v = literalString(node)?.trim();
  return v && isRegion(v) ? v : null;
}

function pointInTimeRecovery(spec: TemplateNode | undefined): boolean | null {
  if (!spec) return false;
  const enabled = booleanOf(getValue(spec, 'PointInTimeRecoveryEnabled'));
  if (enabled === undefined) return intrinsicOf(spec) ? null : false;
  return enabled;
}

interface S3Replication {
  /** one per enabled rule: the destination's region, null when the template does not say */
  regions: (string | null)[];
  /** the destination buckets as written */
  destinations: string[];
  /** a destination or a lifecycle transition stores ONEZONE_IA */
  singleAz: boolean;
}

/** A bucket's replication rules and one-zone storage classes, for the fact table's readers. */
function s3BucketReplication(props: ResourceProperties, context: FactsContext): S3Replication {
  // A rule with `Status: Disabled` replicates nothing.
  const rules = itemsOf(props.path('ReplicationConfiguration', 'Rules')).filter((r) => !/^disabled$/i.test(literalString(getValue(r, 'Status')) ?? ''));
  const destinations: string[] = [];
  const regions: (string | null)[] = [];
  let singleAz = false;
  for (const rule of rules) {
    const destination = getValue(rule, 'Destination');
    const bucket = getValue(destination, 'Bucket');
    const text = textOf(bucket);
    if (text !== undefined) destinations.push(text);
    const target = referencedLogicalId(bucket) ?? referencedInSub(text);
    // A destination declared in this template is in the stack's own region: not a cross-region copy.
    if (!(target && context.logicalIds.has(target))) regions.push(findRegionsInText(text ?? '')[0] ?? null);
    if (/^ONEZONE_IA$/i.test(literalString(getValue(destination, 'StorageClass')) ?? '')) singleAz = true;
  }
  for (const rule of itemsOf(props.path('LifecycleConfiguration', 'Rules'))) {
    const transitions = [...itemsOf(getValue(rule, 'Transitions')), ...itemsOf(getValue(rule, 'Transition'))];
    if (transitions.some((t) => /^ONEZONE_IA$/i.test(literalString(getValue(t, 'StorageClass')) ?? ''))) singleAz = true;
  }
  return { regions, destinations, singleAz };
}

/** `${ReplicaBucket.Arn}` or `arn:aws:s3:::${ReplicaBucket}` → the logical id, when the text is that simple. */
function referencedInSub(text: string | undefined): string | undefined {
  const m = /^(?:arn:[^:]*:s3:::)?\$\{([A-Za-z0-9]+)(?:\.Arn)?\}$/.exec(text ?? '');
  return m?.[1];
}

/** A database instance after the table has read `inCluster` and `multiAz`: its source, its backup replication. */
function dbInstanceFacts(props: ResourceProperties, attributes: ResourceAttributes): void {
  // Instances of a cluster (Aurora, DocumentDB, Neptune) leave encryption to the cluster: its key
  // encrypts them, so naming none says nothing.
  if (attributes.inCluster && attributes.kmsKeys?.length === 0) delete attributes.kmsKeys;
  addReplicaOf(attributes, props.get('SourceDBInstanceIdentifier') ?? props.get('SourceDBClusterIdentifier'));
  const backupRegion = props.get('AutomaticBackupReplicationRegion');
  if (backupRegion) {
    attributes.crossRegionCopy = true;
    attributes.crossRegionCopyTargets = [regionValue(backupRegion)];
  } else if (!attributes.inCluster) attributes.crossRegionCopy = false;
}

function loadBalancerFacts(props: ResourceProperties, attributes: ResourceAttributes): void {
  const lbType = (literalString(props.get('Type')) ?? 'application').toLowerCase();
  const cz = keyValueAttribute(props.get('LoadBalancerAttributes'), 'load_balancing.cross_zone.enabled');
  // Application load balancers always balance across zones; network and gateway ones default to off.
  if (lbType === 'application') attributes.crossZone = true;
  else attributes.crossZone = cz === undefined ? false : booleanText(cz);
  attributes.loadBalancerType = lbType;
  addSubnets(attributes, props.get('Subnets'));
  for (const m of itemsOf(props.get('SubnetMappings'))) addSubnets(attributes, getValue(m, 'SubnetId'));
}

/** The value of `Key: name` in a list of `{ Key, Value }` attributes (ELB attributes, target group attributes). */
function keyValueAttribute(list: TemplateNode | undefined, name: string): string | null | undefined {
  for (const item of itemsOf(list)) {
    if (literalString(getValue(item, 'Key')) !== name) continue;
    const value = getValue(item, 'Value');
    const literal = literalString(value);
    return literal === undefined ? null : literal;
  }
  return undefined;
}

function booleanText(v: string | null): boolean | null {
  if (v === null) return null;
  const t = v.trim().toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : null;
}

function addSubnets(attributes: ResourceAttributes, node: TemplateNode | undefined): void {
  const subnets = textList(node);
  if (!subnets.length) return;
  attributes.subnets = [...(attributes.subnets ?? []), ...subnets];
  attributes.subnetForms = [...(attributes.subnetForms ?? []), ...subnets.map(subnetForm)];
}

interface RecordFacts {
  routingPolicy: string;
  failoverRole?: 'PRIMARY' | 'SECONDARY';
  healthCheck: boolean;
  recordType?: string;
  aliasTarget?: string;
  aliasHostedZoneId?: string;
}

/** The routing, type and alias target of one record (an `AWS::Route53::RecordSet`, or an item of a group's `RecordSets`). */
function recordFacts(record: TemplateNode | undefined): RecordFacts {
  let routingPolicy = 'simple';
  const failover = textOf(getValue(record, 'Failover'))?.toUpperCase();
  if (failover) routingPolicy = 'failover';
  else if (getValue(record, 'Weight')) routingPolicy = 'weighted';
  else if (getValue(record, 'Region')) routingPolicy = 'latency';
  else if (getValue(record, 'GeoLocation')) routingPolicy = 'geolocation';
  else if (getValue(record, 'GeoProximityLocation')) routingPolicy = 'geoproximity';
  else if (getValue(record, 'CidrRoutingConfig')) routingPolicy = 'cidr';
  else if (booleanOf(getValue(record, 'MultiValueAnswer')) === true) routingPolicy = 'multivalue';
  const alias = getValue(record, 'AliasTarget');
  // An alias that evaluates its target's health fails over without a health check of its own.
  const healthCheck = !!getValue(record, 'HealthCheckId') || booleanOf(getValue(alias, 'EvaluateTargetHealth')) === true;
  const out: RecordFacts = { routingPolicy, healthCheck };
  if (failover === 'PRIMARY' || failover === 'SECONDARY') out.failoverRole = failover;
  const recordType = literalString(getValue(record, 'Type'));
  if (recordType) out.recordType = recordType.trim().toUpperCase();
  // Rules tell a global front door (CloudFront, Global Accelerator) from a regional target by these.
  const aliasTarget = textOf(getValue(alias, 'DNSName'));
  if (aliasTarget) out.aliasTarget = aliasTarget;
  const aliasZone = textOf(getValue(alias, 'HostedZoneId'));
  if (aliasZone) out.aliasHostedZoneId = aliasZone;
  return out;
}

/**
 * An EventBridge global endpoint: the buses it fronts (`EventBuses[].EventBusArn`, the primary and
 * the secondary region's bus of one name) in `replicaOf`. No `replicaRegions`: the endpoint holds
 * no data, and rules that look for replicated data must not take it for some.
 */
function eventEndpointFacts(props: ResourceProperties, attributes: ResourceAttributes): void {
  for (const bus of itemsOf(props.get('EventBuses'))) addReplicaOf(attributes, getValue(bus, 'EventBusArn'));
}

/** The domain names of a distribution's origins, as written; undefined when none is. */
function originDomainsOf(config: TemplateNode | undefined): string[] | undefined {
  const origins = itemsOf(getValue(config, 'Origins')).map((o) => textOf(getValue(o, 'DomainName'))).filter((d): d is string => d !== undefined);
  return origins.length ? origins : undefined;
}

/** Whether an origin group fails over: failover criteria and at least two members. */
function originFailoverOf(config: TemplateNode | undefined): boolean {
  const groups = itemsOf(getPath(config, 'OriginGroups', 'Items'));
  return groups.some((g) => getValue(g, 'FailoverCriteria') !== undefined && itemsOf(getPath(g, 'Members', 'Items')).length >= 2);
}

/** A distribution's certificate and Lambda@Edge, after the table has read its origins. */
function cloudFrontFacts(config: TemplateNode | undefined, attributes: ResourceAttributes, context: FactsContext): void {
  const certNode = getPath(config, 'ViewerCertificate', 'AcmCertificateArn');
  // A certificate passed as a parameter is usually the parameter's default: its region is what matters.
  const param = intrinsicOf(certNode)?.fn === 'Ref' ? referencedLogicalId(certNode) : undefined;
  const cert = (param !== undefined ? context.parameterDefaults?.get(param) : undefined) ?? textOf(certNode);
  if (cert) {
    attributes.viewerCertificateArn = cert;
    if (certificateInStackRegion(cert)) attributes.viewerCertificateInStackRegion = true;
  }
  const behaviours = [getValue(config, 'DefaultCacheBehavior'), ...itemsOf(getValue(config, 'CacheBehaviors'))];
  attributes.lambdaEdge = behaviours.some((b) => itemsOf(getValue(b, 'LambdaFunctionAssociations')).length > 0);
}

/** The regions of a backup plan's copy actions: the region an ARN names, null when it names none. */
function backupCopyTargets(props: ResourceProperties): (string | null)[] {
  const targets: (string | null)[] = [];
  for (const rule of itemsOf(props.path('BackupPlan', 'BackupPlanRule'))) for (const copy of itemsOf(getValue(rule, 'CopyActions'))) {
    const arn = textOf(getValue(copy, 'DestinationBackupVaultArn')) ?? '';
    // A vault in `${AWS::Region}` is in the plan's own region: not a cross-region copy.
    if (/:backup:\$\{AWS::Region\}:/.test(arn)) continue;
    targets.push(findRegionsInText(arn)[0] ?? null);
  }
  return targets;
}

/** `EventPattern.source` as a list (the pattern may also be a JSON string). */
function eventPatternSources(pattern: TemplateNode | undefined): string[] {
  if (!pattern) return [];
  if (pattern.kind === 'scalar' && typeof pattern.value === 'string') {
    try {
      const parsed = JSON.parse(pattern.value) as { source?: unknown };
      const s = parsed.source;
      return (Array.isArray(s) ? s : [s]).filter((x): x is string => typeof x === 'string');
    } catch {
      return [];
    }
  }
  return textList(getValue(pattern, 'source'));
}

/** SAM function events: their types, and the event sources of EventBridge rules among them. */
function lambdaEventFacts(props: ResourceProperties, attributes: ResourceAttributes): void {
  const events = props.get('Events');
  if (events?.kind !== 'map') return;
  const types: string[] = [];
  const sources: string[] = [];
  for (const e of events.pairs) {
    const t = literalString(getValue(e.value, 'Type'));
    if (t) types.push(t);
    if (t === 'EventBridgeRule' || t === 'CloudWatchEvent') sources.push(...eventPatternSources(getPath(e.value, 'Properties', 'Pattern')));
  }
  if (types.length) attributes.eventTypes = types;
  if (sources.length) attributes.eventSources = sources;
}
