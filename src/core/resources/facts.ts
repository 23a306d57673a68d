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
 * read what the table does not cover yet in their own code: physical names, zones and subnets,
 * certificates and Lambda@Edge, the CDK's L2 CloudFront origins, Route 53 routing, load balancer
 * types, references to other resources (`replicaOf`, replica sources), backup replication of RDS
 * instances, Amazon MQ and FSx deployment modes, Lambda code and environment, and the types that
 * have no kind yet. Those set several attributes in an order the JSON output keeps, which a row
 * per fact would change.
 */
import type { ResourceAttributes, ResourceFacts } from '../model';
import type { ResourceKind } from './kinds';

/** The facts the table reads: `multiAz` and `replicaRegions` on the resource, the others in its attributes. */
export type TableFact =
  | 'replicaRegions'
  | 'multiAz'
  | 'multiRegion'
  | 'pointInTimeRecovery'
  | 'automaticFailover'
  | 'zoneAwareness'
  | 'crossZone'
  | 'globalCluster'
  | 'singleAzStorage'
  | 'inCluster'
  | 'endpointType'
  | 'scope'
  /** `attributes.replicated`: a user pool's own replication setting (not `resource.replicated`, which `computed` replica lists set) */
  | 'replicated'
  | 'kmsKeys'
  | 'replicationDestinations'
  | 'originDomains'
  | 'originFailover'
  | 'crossRegionCopyTargets'
  | 'eventSources'
  | 'natGateways';

export type Accessor =
  /** a boolean at a property path (`ClusterConfig.ZoneAwarenessEnabled`); `absent`: the documented value when the path is not written (left out: not stated) */
  | { bool: string; absent?: boolean }
  /** whether a value is written at the path (a Terraform `null` is not one; an unreadable value is null); `absent` as for `bool` */
  | { present: string; absent?: boolean }
  /**
   * whether the literal string at the path matches `pattern` (a regular expression's source, with
   * `flags`): an expression is null; `absent` as for `bool`
   */
  | { match: string; pattern: string; flags?: string; absent?: boolean }
  /** the text at the path (`first`: the first of a list), `upper`-cased when the format's values are case-insensitive; empty or unreadable: not stated */
  | { text: string; first?: boolean; upper?: boolean }
  /** true when any of these is true (a `present` one: when anything is written there), else not stated (a fact only ever stated as true: `inCluster`) */
  | { when: readonly Accessor[] }
  /** a value every declaration of the kind has (`[]`: a kind that has no replicas of its own) */
  | { always: boolean | string | readonly never[] }
  /**
   * the regions of a list of replicas: each element's `field` (`ReplicaRegions[].Region`; in
   * Terraform, the `field` of each `list` block). A list nested in the elements of another is
   * written `Rules[].Destinations` (in Terraform, `rule.destination`: every block of each name). `computed`: a list the code computes
   * (`regions.map((region) => ({ region }))`) is replicated to regions it does not list (`resource.replicated`).
   * `includesOwn`: the list names every copy, the stack's own region among them (`attributes.replicaRegionsIncludeOwn`).
   */
  | { regions: string; field: string; computed?: boolean; includesOwn?: boolean }
  /**
   * the KMS keys that encrypt the data, as written: the format's search of every key property
   * (`FactSource.kmsKeys`; `keys` are where the documentation puts them). A declaration that names
   * none uses the service's AWS owned or managed key: `[]`. One that cannot be searched (a
   * transform, an expression for the properties): not stated. Kinds without this row record the
   * keys they name, if any, and nothing otherwise.
   */
  | { keys: readonly string[] }
  /** a function of the format's extractor, by name (see the `readers` each extractor passes) */
  | { reader: string };

export interface FactRow {
  fact: TableFact;
  /** the row is skipped when this fact was read as true before it (Multi-AZ does not apply to a cluster member) */
  unless?: TableFact;
  cloudformation?: Accessor;
  /** SAM transform types (`AWS::Serverless::Api`), where they state the fact otherwise than the type they expand to (null: not at all) */
  sam?: Accessor | null;
  terraform?: Accessor;
  /** by construct class (`aws-kms.CfnKey`, `aws-kms.Key`) */
  cdk?: Record<string, Accessor>;
  pulumi?: Accessor;
}

export const FACT_TABLE: Readonly<Record<ResourceKind, readonly FactRow[]>> = {
  'AWS::DynamoDB::Table': [
    { fact: 'kmsKeys', cloudformation: { keys: ['SSESpecification.KMSMasterKeyId'] }, terraform: { keys: ['server_side_encryption.kms_key_arn', 'replica.kms_key_arn'] } },
    // CloudFormation's Table (and its L1) has no replicas: GlobalTable has. The CDK's `Table` lists regions, not objects: read by its extractor.
    {
      fact: 'replicaRegions',
      cloudformation: { always: [] },
      terraform: { regions: 'replica', field: 'region_name' },
      cdk: { 'aws-dynamodb.TableV2': { regions: 'replicas', field: 'region', computed: true }, 'aws-dynamodb.CfnTable': { always: [] } },
      pulumi: { regions: 'replicas', field: 'regionName', computed: true },
    },
    {
      fact: 'pointInTimeRecovery',
      cloudformation: { reader: 'pointInTimeRecovery' },
      // SAM's SimpleTable has no backup settings at all.
      sam: { always: false },
      terraform: { bool: 'point_in_time_recovery.enabled', absent: false },
      cdk: { 'aws-dynamodb.Table': { reader: 'pointInTimeRecovery' }, 'aws-dynamodb.TableV2': { reader: 'pointInTimeRecovery' }, 'aws-dynamodb.CfnTable': { reader: 'pointInTimeRecovery' } },
      pulumi: { bool: 'pointInTimeRecovery.enabled' },
    },
  ],
  'AWS::DynamoDB::GlobalTable': [
    { fact: 'kmsKeys', cloudformation: { keys: ['Replicas[].SSESpecification.KMSMasterKeyId'] } },
    {
      fact: 'replicaRegions',
      // CloudFormation lists every replica, the stack's own region included (usually `!Ref AWS::Region`); the CDK pass removes the own region.
      cloudformation: { regions: 'Replicas', field: 'Region', includesOwn: true },
      cdk: { 'aws-dynamodb.CfnGlobalTable': { regions: 'replicas', field: 'region', computed: true } },
    },
    // Set per replica: the table has it when every replica has it.
    { fact: 'pointInTimeRecovery', cloudformation: { reader: 'globalTablePointInTimeRecovery' }, cdk: { 'aws-dynamodb.CfnGlobalTable': { reader: 'globalTablePointInTimeRecovery' } } },
  ],
  'AWS::RDS::DBInstance': [
    { fact: 'kmsKeys', cloudformation: { keys: ['KmsKeyId', 'AutomaticBackupReplicationKmsKeyId', 'PerformanceInsightsKMSKeyId'] }, terraform: { keys: ['kms_key_id', 'performance_insights_kms_key_id', 'master_user_secret_kms_key_id'] } },
    {
      // An instance of a cluster (Aurora) leaves Multi-AZ to the cluster, whatever else it says.
      fact: 'inCluster',
      cloudformation: { when: [{ present: 'DBClusterIdentifier' }, { match: 'Engine', pattern: '^aurora', flags: 'i' }] },
      terraform: { when: [{ match: 'engine', pattern: '^aurora', flags: 'i' }] },
      cdk: { 'aws-rds.CfnDBInstance': { when: [{ present: 'dbClusterIdentifier' }, { match: 'engine', pattern: '^aurora', flags: 'i' }] } },
      pulumi: { when: [{ match: 'engine', pattern: '^aurora', flags: 'i' }] },
    },
    {
      fact: 'multiAz',
      unless: 'inCluster',
      cloudformation: { bool: 'MultiAZ', absent: false },
      terraform: { bool: 'multi_az', absent: false },
      cdk: { 'aws-rds.DatabaseInstance': { bool: 'multiAz', absent: false }, 'aws-rds.DatabaseInstanceFromSnapshot': { bool: 'multiAz', absent: false }, 'aws-rds.CfnDBInstance': { bool: 'multiAz', absent: false } },
      pulumi: { bool: 'multiAz', absent: false },
    },
  ],
  // DocumentDB and Neptune instances always belong to a cluster.
  'AWS::DocDB::DBInstance': [{ fact: 'inCluster', cloudformation: { always: true } }],
  'AWS::Neptune::DBInstance': [{ fact: 'inCluster', cloudformation: { always: true } }],
  'AWS::RDS::DBCluster': [
    { fact: 'kmsKeys', cloudformation: { keys: ['KmsKeyId'] }, terraform: { keys: ['kms_key_id'] } },
    {
      // The L2 clusters cannot join a global cluster by a prop; ServerlessCluster is not read.
      fact: 'globalCluster',
      cloudformation: { present: 'GlobalClusterIdentifier', absent: false },
      terraform: { present: 'global_cluster_identifier', absent: false },
      cdk: { 'aws-rds.DatabaseCluster': { always: false }, 'aws-rds.DatabaseClusterFromSnapshot': { always: false }, 'aws-rds.CfnDBCluster': { present: 'globalClusterIdentifier', absent: false } },
      pulumi: { present: 'globalClusterIdentifier', absent: false },
    },
    // Readers, instance counts and writers decide it (two instances by default).
    { fact: 'multiAz', cdk: { 'aws-rds.DatabaseCluster': { reader: 'clusterMultiAz' }, 'aws-rds.DatabaseClusterFromSnapshot': { reader: 'clusterMultiAz' } } },
  ],
  // Terraform's `aws_docdb_cluster` and `aws_neptune_cluster` have no kind yet: read by its extractor.
  'AWS::DocDB::DBCluster': [{ fact: 'kmsKeys', cloudformation: { keys: ['KmsKeyId'] } }, { fact: 'globalCluster', cloudformation: { present: 'GlobalClusterIdentifier', absent: false } }],
  'AWS::Neptune::DBCluster': [{ fact: 'kmsKeys', cloudformation: { keys: ['KmsKeyId'] } }, { fact: 'globalCluster', cloudformation: { present: 'GlobalClusterIdentifier', absent: false } }],
  'AWS::Redshift::Cluster': [{ fact: 'kmsKeys', terraform: { keys: ['kms_key_id'] } }, { fact: 'multiAz', cloudformation: { bool: 'MultiAZ', absent: false }, terraform: { bool: 'multi_az', absent: false } }],
  'AWS::DMS::ReplicationInstance': [{ fact: 'multiAz', cloudformation: { bool: 'MultiAZ', absent: false } }],
  'AWS::ApiGateway::RestApi': [
    {
      // Absent means EDGE, which the rules read as "not stated" (they ask for REGIONAL or PRIVATE).
      fact: 'endpointType',
      cloudformation: { text: 'EndpointConfiguration.Types', first: true, upper: true },
      // SAM accepts a string (`REGIONAL`) or a map (`Type: REGIONAL`).
      sam: { reader: 'samEndpointType' },
      terraform: { text: 'endpoint_configuration.types', first: true },
      cdk: Object.fromEntries(['RestApi', 'LambdaRestApi', 'SpecRestApi', 'StepFunctionsRestApi', 'CfnRestApi'].map((c) => [`aws-apigateway.${c}`, { reader: 'endpointType' }])),
      pulumi: { text: 'endpointConfiguration.types', first: true, upper: true },
    },
  ],
  'AWS::ApiGateway::DomainName': [
    {
      fact: 'endpointType',
      cloudformation: { text: 'EndpointConfiguration.Types', first: true, upper: true },
      terraform: { text: 'endpoint_configuration.types', first: true },
      cdk: { 'aws-apigateway.DomainName': { reader: 'endpointType' } },
    },
  ],
  // HTTP and WebSocket APIs are regional only (Terraform's `aws_apigatewayv2_domain_name` has no kind yet: read by its extractor).
  'AWS::ApiGatewayV2::Api': [{ fact: 'endpointType', cloudformation: { always: 'REGIONAL' } }],
  // WAF: CLOUDFRONT (global, in us-east-1) or REGIONAL.
  'AWS::WAFv2::WebACL': [
    { fact: 'scope', cloudformation: { text: 'Scope', upper: true }, terraform: { text: 'scope' }, cdk: { 'aws-wafv2.CfnWebACL': { text: 'scope' } }, pulumi: { text: 'scope' } },
  ],
  'AWS::WAFv2::IPSet': [{ fact: 'scope', cloudformation: { text: 'Scope', upper: true }, terraform: { text: 'scope' } }],
  'AWS::WAFv2::RuleGroup': [{ fact: 'scope', cloudformation: { text: 'Scope', upper: true }, terraform: { text: 'scope' } }],
  'AWS::WAFv2::RegexPatternSet': [{ fact: 'scope', cloudformation: { text: 'Scope', upper: true } }],
  'AWS::ElastiCache::CacheCluster': [
    { fact: 'multiAz', cloudformation: { match: 'AZMode', pattern: '^cross-az$', flags: 'i', absent: false }, terraform: { match: 'az_mode', pattern: '^cross-az$', absent: false } },
  ],
  // Members list every replication group, the primary's own region included.
  'AWS::ElastiCache::GlobalReplicationGroup': [{ fact: 'replicaRegions', cloudformation: { regions: 'Members', field: 'ReplicationGroupRegion', includesOwn: true } }],
  'AWS::SecretsManager::Secret': [
    { fact: 'kmsKeys', cloudformation: { keys: ['KmsKeyId', 'ReplicaRegions[].KmsKeyId'] }, terraform: { keys: ['kms_key_id', 'replica.kms_key_id'] } },
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
    { fact: 'kmsKeys', cloudformation: { keys: ['KmsKeyId'] }, terraform: { keys: ['kms_key_id'] } },
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
    { fact: 'kmsKeys', cloudformation: { keys: ['EncryptionAtRestOptions.KmsKeyId'] }, terraform: { keys: ['encrypt_at_rest.kms_key_id'] } },
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
    { fact: 'kmsKeys', cloudformation: { keys: ['EncryptionAtRestOptions.KmsKeyId'] }, terraform: { keys: ['encrypt_at_rest.kms_key_id'] } },
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
  // Directory buckets (S3 Express One Zone) keep data in one availability zone.
  'AWS::S3Express::DirectoryBucket': [{ fact: 'kmsKeys', cloudformation: { keys: ['BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault.KMSMasterKeyID'] } }, { fact: 'singleAzStorage', cloudformation: { always: true }, terraform: { always: true }, cdk: { 'aws-s3express.CfnDirectoryBucket': { always: true } } }],
  // A One Zone file system (Terraform's `availability_zone_name` is read by its extractor, with the zone).
  'AWS::EFS::FileSystem': [{ fact: 'kmsKeys', cloudformation: { keys: ['KmsKeyId', 'ReplicationConfiguration.Destinations[].KmsKeyId'] }, terraform: { keys: ['kms_key_id'] } }, { fact: 'singleAzStorage', cloudformation: { when: [{ present: 'AvailabilityZoneName' }] }, cdk: { 'aws-efs.FileSystem': { when: [{ bool: 'oneZone' }] } } }],
  // Neither CloudFormation nor Terraform has a property for user pool replication: a pool declared there is in one region.
  'AWS::Cognito::UserPool': [{ fact: 'kmsKeys', cloudformation: { keys: ['KeyConfiguration.KmsKeyArn', 'LambdaConfig.KMSKeyID'] } }, { fact: 'replicated', cloudformation: { always: false }, terraform: { always: false } }],
  'AWS::CloudFront::Distribution': [
    // The domains of its origins as written (`${SiteBucket.RegionalDomainName}`, `api.example.com`), for rules to find what they front.
    // The CDK's L2 `Distribution` reads origins and their groups together from origin constructs: read by its extractor.
    { fact: 'originDomains', cloudformation: { reader: 'originDomains' }, terraform: { reader: 'originDomains' } },
    {
      // Origin groups: a group fails over only to another member, so one member (or none) is no failover at all.
      fact: 'originFailover',
      cloudformation: { reader: 'originFailover' },
      terraform: { reader: 'originFailover' },
      cdk: { 'aws-cloudfront.CfnDistribution': { reader: 'originFailover' }, 'aws-cloudfront.CloudFrontWebDistribution': { reader: 'originFailover' } },
      pulumi: { reader: 'originFailover' },
    },
  ],
  // Registry replication: every destination of every rule (a rule of the registry in its own region replicates nothing elsewhere, which the rules judge).
  'AWS::ECR::ReplicationConfiguration': [
    {
      fact: 'replicaRegions',
      cloudformation: { regions: 'ReplicationConfiguration.Rules[].Destinations', field: 'Region' },
      terraform: { regions: 'replication_configuration.rule.destination', field: 'region' },
      // A configuration the file cannot read (props passed in) replicates somewhere: read by the extractor.
      cdk: { 'aws-ecr.CfnReplicationConfiguration': { reader: 'ecrReplicationRegions' } },
    },
  ],
  // The regions of a backup plan's copy actions (a vault in the plan's own region, `${AWS::Region}`, is no cross-region copy).
  'AWS::Backup::BackupPlan': [{ fact: 'crossRegionCopyTargets', cloudformation: { reader: 'copyTargets' }, terraform: { reader: 'copyTargets' } }],
  // The `source` of a rule's event pattern (`aws.health`), which may be a JSON string.
  'AWS::Events::Rule': [
    {
      fact: 'eventSources',
      cloudformation: { reader: 'eventSources' },
      terraform: { reader: 'eventSources' },
      cdk: { 'aws-events.Rule': { reader: 'eventSources' }, 'aws-events.CfnRule': { reader: 'eventSources' } },
    },
  ],
  // How many NAT gateways: one per Terraform declaration unless `count` says otherwise (`for_each` and computed counts: not stated).
  'AWS::EC2::NatGateway': [{ fact: 'natGateways', terraform: { reader: 'natGatewayCount' } }],
  'AWS::EC2::VPC': [{ fact: 'natGateways', cdk: { 'aws-ec2.Vpc': { reader: 'natGatewayCount' } } }],
  // FSx: a MULTI_AZ deployment type (Windows, ONTAP, OpenZFS); Lustre is single-AZ. Terraform's Lustre type states nothing.
  'AWS::FSx::FileSystem': [{ fact: 'multiAz', cloudformation: { reader: 'fsxMultiAz' }, terraform: { reader: 'fsxMultiAz' } }],
  'AWS::S3::Bucket': [
    { fact: 'kmsKeys', cloudformation: { keys: ['BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault.KMSMasterKeyID'] }, terraform: { keys: ['server_side_encryption_configuration.rule.apply_server_side_encryption_by_default.kms_master_key_id'] } },
    // Replication rules: one replica region per enabled rule (`Status: Disabled` replicates nothing), from its destination
    // bucket (an ARN or name with a region in it; a bucket of the same template is in the stack's region; a construct, for the pass).
    // Terraform's provider v4+ `aws_s3_bucket_replication_configuration` is a resource of its own (`AWS::S3::Bucket/ReplicationConfiguration`).
    {
      fact: 'replicaRegions',
      cloudformation: { reader: 'replicationRegions' },
      terraform: { reader: 'replicationRegions' },
      cdk: { 'aws-s3.Bucket': { reader: 'replicationRegions' }, 'aws-s3.CfnBucket': { reader: 'replicationRegions' } },
      pulumi: { reader: 'replicationRegions' },
    },
    // The destination buckets as written, for resolution to find them (`replicates-to`).
    {
      fact: 'replicationDestinations',
      cloudformation: { reader: 'replicationDestinations' },
      terraform: { reader: 'replicationDestinations' },
      cdk: { 'aws-s3.Bucket': { reader: 'replicationDestinations' }, 'aws-s3.CfnBucket': { reader: 'replicationDestinations' } },
    },
    // ONEZONE_IA as a replication destination's storage class or a lifecycle transition's.
    {
      fact: 'singleAzStorage',
      cloudformation: { reader: 'oneZoneStorage' },
      terraform: { reader: 'oneZoneStorage' },
      cdk: { 'aws-s3.Bucket': { reader: 'oneZoneStorage' }, 'aws-s3.CfnBucket': { reader: 'oneZoneStorage' } },
    },
  ],
  // Kinds whose only fact in the table is the key that encrypts their data.
  'AWS::DynamoDB::GlobalTable/Replicas': [{ fact: 'kmsKeys', terraform: { keys: ['kms_key_arn'] } }],
  'AWS::S3::Bucket/ReplicationConfiguration': [{ fact: 'kmsKeys', terraform: { keys: ['rule.destination.encryption_configuration.replica_kms_key_id'] } }],
  'AWS::SQS::Queue': [{ fact: 'kmsKeys', cloudformation: { keys: ['KmsMasterKeyId'] }, terraform: { keys: ['kms_master_key_id'] } }],
  'AWS::SNS::Topic': [{ fact: 'kmsKeys', cloudformation: { keys: ['KmsMasterKeyId'] }, terraform: { keys: ['kms_master_key_id'] } }],
  'AWS::EC2::Volume': [{ fact: 'kmsKeys', terraform: { keys: ['kms_key_id'] } }],
  'AWS::Kinesis::Stream': [{ fact: 'kmsKeys', cloudformation: { keys: ['StreamEncryption.KeyId'] }, terraform: { keys: ['kms_key_id'] } }],
  'AWS::ECR::Repository': [{ fact: 'kmsKeys', cloudformation: { keys: ['EncryptionConfiguration.KmsKey'] }, terraform: { keys: ['encryption_configuration.kms_key'] } }],
  'AWS::Logs::LogGroup': [{ fact: 'kmsKeys', cloudformation: { keys: ['KmsKeyId'] }, terraform: { keys: ['kms_key_id'] } }],
  'AWS::Events::EventBus': [{ fact: 'kmsKeys', cloudformation: { keys: ['KmsKeyIdentifier'] }, terraform: { keys: ['kms_key_identifier'] } }],
  'AWS::Backup::BackupVault': [{ fact: 'kmsKeys', cloudformation: { keys: ['EncryptionKeyArn'] }, terraform: { keys: ['kms_key_arn'] } }],
  'AWS::StepFunctions::StateMachine': [{ fact: 'kmsKeys', cloudformation: { keys: ['EncryptionConfiguration.KmsKeyId'] }, sam: null, terraform: { keys: ['encryption_configuration.kms_key_id'] } }],
  'AWS::Lambda::Function': [{ fact: 'kmsKeys', cloudformation: { keys: ['KmsKeyArn'] }, terraform: { keys: ['kms_key_arn'] } }],
};

/** A fact's value: undefined when the declaration does not state it, null when an expression decides it. */
export type FactValue = boolean | number | string | (string | null)[] | null | undefined;

/** How an extractor reads its own declaration for the table. */
export interface FactSource {
  format: 'cloudformation' | 'terraform' | 'cdk' | 'pulumi';
  /** a SAM transform type (`AWS::Serverless::Api`), for CloudFormation: the rows' `sam` accessors apply */
  sam?: boolean;
  /** the construct class (`aws-kms.CfnKey`), for CDK */
  cdkClass?: string;
  /** a boolean at a dotted path: true/false, null for an expression, undefined when not written */
  bool(path: string): boolean | null | undefined;
  /** whether a value is written at a dotted path: undefined when not, null when written but unreadable */
  present(path: string): boolean | null | undefined;
  /** the literal string at a dotted path: null for an expression, undefined when not written */
  literal(path: string): string | null | undefined;
  /** the text at a dotted path as the format writes references (`${Param}`); `first`: the first of a list */
  text(path: string, first: boolean): string | null | undefined;
  /** the regions of a list of replicas: null when the list is an expression whose regions cannot be read */
  regions(list: string, field: string): (string | null)[] | null;
  /** whether a list is computed by the code (`regions.map(…)`) rather than written out */
  computedList?(list: string): boolean;
  /** the KMS keys the declaration names, in any key property; null when its properties cannot be searched */
  kmsKeys?(): string[] | null;
  /** the extractor's named readers */
  readers?: Readonly<Record<string, () => FactValue>>;
}

/** The accessor a source uses for a row, if the table has one. */
function accessorOf(row: FactRow, source: FactSource): Accessor | undefined {
  if (source.format === 'cdk') return source.cdkClass !== undefined && row.cdk && Object.prototype.hasOwnProperty.call(row.cdk, source.cdkClass) ? row.cdk[source.cdkClass] : undefined;
  if (source.format === 'cloudformation' && source.sam && row.sam !== undefined) return row.sam ?? undefined;
  return row[source.format];
}

/** One value through a scalar accessor: undefined when the declaration does not state it. */
function readValue(accessor: Exclude<Accessor, { regions: string }>, source: FactSource): FactValue {
  if ('always' in accessor) return accessor.always as FactValue;
  if ('bool' in accessor) {
    const value = source.bool(accessor.bool);
    return value === undefined ? accessor.absent : value;
  }
  if ('present' in accessor) {
    const present = source.present(accessor.present);
    return present === undefined ? accessor.absent : present;
  }
  if ('match' in accessor) {
    const literal = source.literal(accessor.match);
    if (literal === undefined) return accessor.absent;
    return literal === null ? null : new RegExp(accessor.pattern, accessor.flags).test(literal);
  }
  if ('text' in accessor) {
    const text = source.text(accessor.text, accessor.first === true);
    if (!text) return undefined;
    return accessor.upper ? text.toUpperCase() : text;
  }
  if ('keys' in accessor) return source.kmsKeys?.() ?? undefined;
  if ('when' in accessor) return accessor.when.some((a) => ('present' in a ? (source.present(a.present) ?? false) !== false : !('regions' in a) && readValue(a, source) === true)) ? true : undefined;
  return source.readers?.[accessor.reader]?.();
}

/** Reads the table's facts of `kind` from one declaration into `facts` and `attributes`; returns the facts it set. */
export function applyFactTable(kind: ResourceKind | undefined, source: FactSource, facts: ResourceFacts, attributes: ResourceAttributes): TableFact[] {
  const rows = kind !== undefined && Object.prototype.hasOwnProperty.call(FACT_TABLE, kind) ? FACT_TABLE[kind] : [];
  const set: TableFact[] = [];
  for (const row of rows) {
    if (row.unless !== undefined && (row.unless === 'multiAz' ? facts.multiAz : (attributes as Record<string, unknown>)[row.unless]) === true) continue;
    const accessor = accessorOf(row, source);
    if (!accessor) continue;
    if ('regions' in accessor) {
      const regions = source.regions(accessor.regions, accessor.field);
      if (regions) {
        facts.replicaRegions = regions;
        if (accessor.includesOwn) attributes.replicaRegionsIncludeOwn = true;
      } else if (accessor.computed && source.computedList?.(accessor.regions)) facts.replicated = true;
      if (regions || facts.replicated) set.push(row.fact);
      continue;
    }
    const read = readValue(accessor, source);
    // A list from the table itself (`always: []`) is each declaration's own.
    const value = Array.isArray(read) ? [...read] : read;
    if (value === undefined) continue;
    if (row.fact === 'multiAz') facts.multiAz = value as boolean | null;
    else if (row.fact === 'replicaRegions') facts.replicaRegions = value as (string | null)[];
    // `singleAzStorage` rows are `always: true`; the other attributes take null for an expression.
    else (attributes as Record<string, unknown>)[row.fact] = value;
    set.push(row.fact);
  }
  return set;
}
