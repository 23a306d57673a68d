/**
 * Resilience facts read through one table instead of four hand-written extractors: for each
 * canonical kind, each fact, how each format states it — a property path in CloudFormation
 * properties, Terraform attributes (blocks, then the attribute), CDK construct props (per construct
 * class: an L2 and its L1 take different props) and Pulumi args — and the value AWS (or the tool)
 * documents when the declaration is silent. Where a format needs real code (a setting spread over a
 * list of replicas, a default that depends on another property), the table names a function the
 * format's extractor provides (`reader`).
 *
 * The extractors (`scanners/cloudformation/resourceFacts.ts`, `scanners/terraform/resourceFacts.ts`,
 * `scanners/javascript/cdkFacts.ts`, `scanners/javascript/pulumi.ts`) apply the table first, then
 * read what the table does not cover yet (replica lists, replication rules, certificates, origins,
 * routing) in their own code.
 */
import type { ResourceAttributes, ResourceFacts } from '../model';
import type { ResourceKind } from './kinds';

/** The facts the table reads: `multiAz` and `replicaRegions` on the resource, the others in its attributes. */
export type TableFact = 'replicaRegions' | 'multiAz' | 'multiRegion' | 'pointInTimeRecovery' | 'automaticFailover' | 'zoneAwareness' | 'crossZone' | 'globalCluster' | 'singleAzStorage';

export type Accessor =
  /** a boolean at a property path (`ClusterConfig.ZoneAwarenessEnabled`); `absent`: the documented value when the path is not written (left out: not stated) */
  | { bool: string; absent?: boolean }
  /** a value every declaration of the kind has */
  | { always: boolean }
  /**
   * the regions of a list of replicas: each element's `field` (`ReplicaRegions[].Region`; in
   * Terraform, the `field` of each `list` block). `computed`: a list the code computes
   * (`regions.map((region) => ({ region }))`) is replicated to regions it does not list (`resource.replicated`).
   */
  | { regions: string; field: string; computed?: boolean }
  /** a function of the format's extractor, by name (see each extractor's `FACT_READERS`) */
  | { reader: string };

export interface FactRow {
  fact: TableFact;
  cloudformation?: Accessor;
  terraform?: Accessor;
  /** by construct class (`aws-kms.CfnKey`, `aws-kms.Key`) */
  cdk?: Record<string, Accessor>;
  pulumi?: Accessor;
}

export const FACT_TABLE: Readonly<Record<ResourceKind, readonly FactRow[]>> = {
  'AWS::DynamoDB::Table': [
    // CloudFormation's Table has no replicas (GlobalTable has); the CDK's `Table` lists regions, not objects: both are read by their extractors.
    {
      fact: 'replicaRegions',
      terraform: { regions: 'replica', field: 'region_name' },
      cdk: { 'aws-dynamodb.TableV2': { regions: 'replicas', field: 'region', computed: true } },
      pulumi: { regions: 'replicas', field: 'regionName', computed: true },
    },
    {
      fact: 'pointInTimeRecovery',
      cloudformation: { reader: 'pointInTimeRecovery' },
      terraform: { bool: 'point_in_time_recovery.enabled', absent: false },
      cdk: { 'aws-dynamodb.Table': { reader: 'pointInTimeRecovery' }, 'aws-dynamodb.TableV2': { reader: 'pointInTimeRecovery' }, 'aws-dynamodb.CfnTable': { reader: 'pointInTimeRecovery' } },
      pulumi: { bool: 'pointInTimeRecovery.enabled' },
    },
  ],
  'AWS::DynamoDB::GlobalTable': [
    // CloudFormation lists the stack's own region among the replicas (and point-in-time recovery per replica): read by its extractor.
    { fact: 'replicaRegions', cdk: { 'aws-dynamodb.CfnGlobalTable': { regions: 'replicas', field: 'region', computed: true } } },
  ],
  'AWS::SecretsManager::Secret': [
    {
      fact: 'replicaRegions',
      cloudformation: { regions: 'ReplicaRegions', field: 'Region' },
      terraform: { regions: 'replica', field: 'region' },
      cdk: { 'aws-secretsmanager.Secret': { regions: 'replicaRegions', field: 'region' }, 'aws-secretsmanager.CfnSecret': { regions: 'replicaRegions', field: 'region' } },
      pulumi: { regions: 'replicas', field: 'region' },
    },
  ],
  'AWS::KMS::Key': [
    {
      fact: 'multiRegion',
      cloudformation: { bool: 'MultiRegion', absent: false },
      terraform: { bool: 'multi_region', absent: false },
      // The L2 Key has no multi-Region option.
      cdk: { 'aws-kms.CfnKey': { bool: 'multiRegion', absent: false }, 'aws-kms.Key': { always: false } },
      pulumi: { bool: 'multiRegion', absent: false },
    },
  ],
  // Terraform's replica keys (`aws_kms_replica_key`, `aws_kms_replica_external_key`) are read by its extractor: the second has no kind.
  'AWS::KMS::ReplicaKey': [{ fact: 'multiRegion', cloudformation: { always: true } }],
  'AWS::ElastiCache::ReplicationGroup': [
    {
      fact: 'automaticFailover',
      cloudformation: { bool: 'AutomaticFailoverEnabled', absent: false },
      terraform: { bool: 'automatic_failover_enabled', absent: false },
      cdk: { 'aws-elasticache.CfnReplicationGroup': { bool: 'automaticFailoverEnabled' } },
      pulumi: { bool: 'automaticFailoverEnabled' },
    },
    {
      fact: 'multiAz',
      cloudformation: { bool: 'MultiAZEnabled', absent: false },
      terraform: { bool: 'multi_az_enabled', absent: false },
      cdk: { 'aws-elasticache.CfnReplicationGroup': { bool: 'multiAzEnabled' } },
      pulumi: { bool: 'multiAzEnabled' },
    },
  ],
  'AWS::OpenSearchService::Domain': [
    {
      fact: 'zoneAwareness',
      cloudformation: { bool: 'ClusterConfig.ZoneAwarenessEnabled', absent: false },
      terraform: { bool: 'cluster_config.zone_awareness_enabled', absent: false },
      cdk: { 'aws-opensearchservice.Domain': { bool: 'zoneAwareness.enabled', absent: false } },
      pulumi: { bool: 'clusterConfig.zoneAwarenessEnabled', absent: false },
    },
    { fact: 'multiAz', cloudformation: { bool: 'ClusterConfig.MultiAZWithStandbyEnabled' } },
  ],
  'AWS::Elasticsearch::Domain': [
    {
      fact: 'zoneAwareness',
      cloudformation: { bool: 'ElasticsearchClusterConfig.ZoneAwarenessEnabled', absent: false },
      terraform: { bool: 'cluster_config.zone_awareness_enabled', absent: false },
      cdk: { 'aws-elasticsearch.Domain': { bool: 'zoneAwareness.enabled', absent: false } },
      pulumi: { bool: 'clusterConfig.zoneAwarenessEnabled', absent: false },
    },
    { fact: 'multiAz', cloudformation: { bool: 'ElasticsearchClusterConfig.MultiAZWithStandbyEnabled' } },
  ],
  // Classic load balancers: CloudFormation creates them with cross-zone off unless `CrossZone: true`; the Terraform provider turns it on by default.
  'AWS::ElasticLoadBalancing::LoadBalancer': [{ fact: 'crossZone', cloudformation: { bool: 'CrossZone', absent: false }, terraform: { bool: 'cross_zone_load_balancing', absent: true } }],
  'AWS::RDS::GlobalCluster': [
    { fact: 'globalCluster', cloudformation: { always: true }, terraform: { always: true }, cdk: { 'aws-rds.CfnGlobalCluster': { always: true } }, pulumi: { always: true } },
  ],
  'AWS::S3Express::DirectoryBucket': [{ fact: 'singleAzStorage', cloudformation: { always: true }, cdk: { 'aws-s3express.CfnDirectoryBucket': { always: true } } }],
};

/** How an extractor reads its own declaration for the table. */
export interface FactSource {
  format: 'cloudformation' | 'terraform' | 'cdk' | 'pulumi';
  /** the construct class (`aws-kms.CfnKey`), for CDK */
  cdkClass?: string;
  /** a boolean at a dotted path: true/false, null for an expression, undefined when not written */
  bool(path: string): boolean | null | undefined;
  /** the regions of a list of replicas: null when the list is an expression whose regions cannot be read */
  regions(list: string, field: string): (string | null)[] | null;
  /** whether a list is computed by the code (`regions.map(…)`) rather than written out */
  computedList?(list: string): boolean;
  /** the extractor's named readers */
  readers?: Readonly<Record<string, () => boolean | null | undefined>>;
}

/** The accessor a source uses for a row, if the table has one. */
function accessorOf(row: FactRow, source: FactSource): Accessor | undefined {
  if (source.format === 'cdk') return source.cdkClass !== undefined && row.cdk && Object.prototype.hasOwnProperty.call(row.cdk, source.cdkClass) ? row.cdk[source.cdkClass] : undefined;
  return row[source.format];
}

/** Reads the table's facts of `kind` from one declaration into `facts` and `attributes`; returns the facts it set. */
export function applyFactTable(kind: ResourceKind | undefined, source: FactSource, facts: ResourceFacts, attributes: ResourceAttributes): TableFact[] {
  const rows = kind !== undefined && Object.prototype.hasOwnProperty.call(FACT_TABLE, kind) ? FACT_TABLE[kind] : [];
  const set: TableFact[] = [];
  for (const row of rows) {
    const accessor = accessorOf(row, source);
    if (!accessor) continue;
    if ('regions' in accessor) {
      const regions = source.regions(accessor.regions, accessor.field);
      if (regions) facts.replicaRegions = regions;
      else if (accessor.computed && source.computedList?.(accessor.regions)) facts.replicated = true;
      if (regions || facts.replicated) set.push(row.fact);
      continue;
    }
    let value: boolean | null | undefined;
    if ('always' in accessor) value = accessor.always;
    else if ('bool' in accessor) {
      value = source.bool(accessor.bool);
      if (value === undefined) value = accessor.absent;
    } else value = source.readers?.[accessor.reader]?.();
    if (value === undefined) continue;
    if (row.fact === 'multiAz') facts.multiAz = value;
    // `singleAzStorage` rows are `always: true`; the other attributes take null for an expression.
    else (attributes as Record<string, unknown>)[row.fact] = value;
    set.push(row.fact);
  }
  return set;
}
