/**
 * What the infrastructure rules (RULES.md sections C, D, E) ask of a declared resource, whatever
 * format declared it. One predicate per concept accepts every spelling of the resource type —
 * CloudFormation and SAM (`AWS::DynamoDB::Table`, `AWS::Serverless::SimpleTable`), Terraform
 * (`aws_dynamodb_table`), AWS CDK L2 and L1 constructs (`aws-cdk-lib/aws-dynamodb.TableV2`,
 * `…CfnTable`), Pulumi classic (`aws:dynamodb/table:Table`, `@pulumi/aws.dynamodb.Table`) and
 * Pulumi AWS Native (`aws-native:dynamodb:Table`) — so that each rule reads as its RULES.md line.
 *
 * The helpers below answer the questions several rules share: is a resource copied to another
 * region, which resource does a reference written in a template name, which stack declares a
 * resource, and where a quick fix may add a property line.
 */
import type { Dependency, Fix, RelatedLocation, ResourceAttributes } from '../model';
import { isRegion } from '../regions';
import type { RuleContext } from './types';
import { folderOf } from '../paths';
import { regionsOfStep } from '../trace';

// ---------------------------------------------------------------------------------------------
// Resource types

const CFN_TYPE = /^AWS::([A-Za-z0-9]+)::([A-Za-z0-9]+)$/;
const CDK_TYPE = /^(?:aws-cdk-lib\/|@aws-cdk\/)?aws-([a-z0-9-]+)\.([A-Za-z0-9.]+)$/;
const PULUMI_TOKEN = /^aws:([A-Za-z0-9]+)\/[A-Za-z0-9]+:([A-Za-z0-9]+)$/;
const PULUMI_CLASS = /^(?:@pulumi\/)?aws\.([A-Za-z0-9]+)\.([A-Za-z0-9]+)$/;
const PULUMI_NATIVE_TOKEN = /^aws-native:([a-z0-9]+):([A-Za-z0-9]+)$/;
const PULUMI_NATIVE_CLASS = /^(?:@pulumi\/)?aws-native\.([a-z0-9]+)\.([A-Za-z0-9]+)$/;
const TERRAFORM_TYPE = /^aws_[a-z0-9_]+$/;

const typeKeyCache = new Map<string, string | undefined>();

/**
 * One key per resource kind across formats. A CDK L1 class (`aws-dynamodb.CfnTable`) and a Pulumi
 * AWS Native type are the CloudFormation type they wrap, so they share its key; CDK L2 constructs,
 * Terraform types and Pulumi classic types have keys of their own, listed beside the
 * CloudFormation type in each predicate.
 */
export function resourceTypeKey(type: string): string | undefined {
  if (typeKeyCache.has(type)) return typeKeyCache.get(type);
  const key = computeTypeKey(type.trim());
  if (typeKeyCache.size < 5000) typeKeyCache.set(type, key);
  return key;
}

function computeTypeKey(type: string): string | undefined {
  let m = CFN_TYPE.exec(type);
  if (m) return `cfn:${m[1]}::${m[2]}`.toLowerCase();
  if (TERRAFORM_TYPE.test(type)) return `tf:${type}`;
  m = CDK_TYPE.exec(type);
  if (m) {
    // `experimental.EdgeFunction` and `EdgeFunction` are one construct.
    const cls = m[2].slice(m[2].lastIndexOf('.') + 1);
    if (/^Cfn[A-Z]/.test(cls)) return `cfn:${m[1]}::${cls.slice(3)}`.toLowerCase();
    return `cdk:${m[1]}.${cls}`.toLowerCase();
  }
  m = PULUMI_NATIVE_TOKEN.exec(type) ?? PULUMI_NATIVE_CLASS.exec(type);
  if (m) return `cfn:${m[1]}::${m[2]}`.toLowerCase();
  m = PULUMI_TOKEN.exec(type) ?? PULUMI_CLASS.exec(type);
  if (m) return `pulumi:${m[1]}.${m[2]}`.toLowerCase();
  return undefined;
}

export type ResourcePredicate = (dep: Dependency) => boolean;

/** A predicate over declared resources of any of the given types (in any of the spellings above). */
export function resourceOfType(...types: string[]): ResourcePredicate {
  const keys = new Set(types.map((t) => resourceTypeKey(t)).filter((k): k is string => k !== undefined));
  return (dep) => dep.kind === 'iac-resource' && dep.resource !== undefined && keys.has(resourceTypeKey(dep.resource.type) ?? '');
}

export const isDynamoDbTable = resourceOfType(
  'AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::Serverless::SimpleTable',
  'aws_dynamodb_table', 'aws-dynamodb.Table', 'aws-dynamodb.TableV2', 'aws:dynamodb/table:Table',
);
/** Terraform's separate replica resource (`aws_dynamodb_table_replica`) */
export const isDynamoDbTableReplica = resourceOfType('aws_dynamodb_table_replica', 'aws:dynamodb/tableReplica:TableReplica');
/** DynamoDB global tables version 2017.11.29 (`aws_dynamodb_global_table`); not CloudFormation's `AWS::DynamoDB::GlobalTable`, which is the current version */
export const isLegacyDynamoDbGlobalTable = resourceOfType('aws_dynamodb_global_table', 'aws:dynamodb/globalTable:GlobalTable');

export const isS3Bucket = resourceOfType('AWS::S3::Bucket', 'aws_s3_bucket', 'aws-s3.Bucket', 'aws:s3/bucket:Bucket', 'aws:s3/bucketV2:BucketV2');
export const isS3ReplicationConfiguration = resourceOfType('aws_s3_bucket_replication_configuration', 'aws:s3/bucketReplicationConfig:BucketReplicationConfig');
export const isS3DirectoryBucket = resourceOfType('AWS::S3Express::DirectoryBucket', 'aws_s3_directory_bucket', 'aws:s3/directoryBucket:DirectoryBucket');
/** Terraform and Pulumi declare lifecycle rules (ONEZONE_IA transitions) as resources of their own */
export const isS3LifecycleConfiguration = resourceOfType('aws_s3_bucket_lifecycle_configuration', 'aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2');
export const isEfsFileSystem = resourceOfType('AWS::EFS::FileSystem', 'aws_efs_file_system', 'aws-efs.FileSystem', 'aws:efs/fileSystem:FileSystem');

export const isRdsInstance = resourceOfType(
  'AWS::RDS::DBInstance', 'aws_db_instance', 'aws-rds.DatabaseInstance', 'aws-rds.DatabaseInstanceFromSnapshot',
  'aws-rds.DatabaseInstanceReadReplica', 'aws:rds/instance:Instance',
);
export const isRdsCluster = resourceOfType(
  'AWS::RDS::DBCluster', 'aws_rds_cluster', 'aws-rds.DatabaseCluster', 'aws-rds.DatabaseClusterFromSnapshot',
  'aws-rds.ServerlessCluster', 'aws:rds/cluster:Cluster',
);
export const isRdsGlobalCluster = resourceOfType('AWS::RDS::GlobalCluster', 'aws_rds_global_cluster', 'aws:rds/globalCluster:GlobalCluster');
export const isRdsBackupReplication = resourceOfType('aws_db_instance_automated_backups_replication', 'aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication');

export const isKmsKey = resourceOfType('AWS::KMS::Key', 'aws_kms_key', 'aws-kms.Key', 'aws:kms/key:Key');
export const isSecret = resourceOfType('AWS::SecretsManager::Secret', 'aws_secretsmanager_secret', 'aws-secretsmanager.Secret', 'aws:secretsmanager/secret:Secret');
export const isEcrRepository = resourceOfType('AWS::ECR::Repository', 'aws_ecr_repository', 'aws-ecr.Repository', 'aws:ecr/repository:Repository');
export const isEcrReplicationConfiguration = resourceOfType('AWS::ECR::ReplicationConfiguration', 'aws_ecr_replication_configuration', 'aws:ecr/replicationConfiguration:ReplicationConfiguration');
export const isBackupPlan = resourceOfType('AWS::Backup::BackupPlan', 'aws_backup_plan', 'aws-backup.BackupPlan', 'aws:backup/plan:Plan');

export const isElastiCacheReplicationGroup = resourceOfType('AWS::ElastiCache::ReplicationGroup', 'aws_elasticache_replication_group', 'aws:elasticache/replicationGroup:ReplicationGroup');
export const isElastiCacheCluster = resourceOfType('AWS::ElastiCache::CacheCluster', 'aws_elasticache_cluster', 'aws:elasticache/cluster:Cluster');
export const isSearchDomain = resourceOfType(
  'AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain', 'aws_opensearch_domain', 'aws_elasticsearch_domain',
  'aws-opensearchservice.Domain', 'aws-elasticsearch.Domain', 'aws:opensearch/domain:Domain', 'aws:elasticsearch/domain:Domain',
);
export const isCognitoUserPool = resourceOfType('AWS::Cognito::UserPool', 'aws_cognito_user_pool', 'aws-cognito.UserPool', 'aws:cognito/userPool:UserPool');
export const isCognitoUserPoolReplica = resourceOfType('AWS::Cognito::UserPoolReplica');
/** What makes a user pool part of sign-in: app clients, hosted domains and API authorizers */
export const isCognitoSignInResource = resourceOfType(
  'AWS::Cognito::UserPoolClient', 'AWS::Cognito::UserPoolDomain', 'aws_cognito_user_pool_client', 'aws_cognito_user_pool_domain',
  'aws-cognito.UserPoolClient', 'aws-cognito.UserPoolDomain', 'aws:cognito/userPoolClient:UserPoolClient', 'aws:cognito/userPoolDomain:UserPoolDomain',
  'AWS::ApiGateway::Authorizer', 'AWS::ApiGatewayV2::Authorizer', 'aws_api_gateway_authorizer', 'aws_apigatewayv2_authorizer',
  'aws-apigateway.CognitoUserPoolsAuthorizer',
);
export const isEventBus = resourceOfType('AWS::Events::EventBus', 'aws_cloudwatch_event_bus', 'aws-events.EventBus', 'aws:cloudwatch/eventBus:EventBus');
export const isEventBridgeGlobalEndpoint = resourceOfType('AWS::Events::Endpoint', 'aws_cloudwatch_event_endpoint', 'aws:cloudwatch/eventEndpoint:EventEndpoint');
export const isEventRule = resourceOfType('AWS::Events::Rule', 'aws_cloudwatch_event_rule', 'aws-events.Rule', 'aws:cloudwatch/eventRule:EventRule');
/** Deploys one template to many regions: what it declares may not be single-region */
export const isStackSet = resourceOfType('AWS::CloudFormation::StackSet', 'aws_cloudformation_stack_set', 'aws:cloudformation/stackSet:StackSet');

export const isSubnet = resourceOfType('AWS::EC2::Subnet', 'aws_subnet', 'aws:ec2/subnet:Subnet');
export const isNatGateway = resourceOfType('AWS::EC2::NatGateway', 'aws_nat_gateway', 'aws:ec2/natGateway:NatGateway');
export const isCdkVpc = resourceOfType('aws-ec2.Vpc');
/** Resources that spread across the subnets they are given (RULES.md subnets-single-az) */
export const isMultiSubnetResource = resourceOfType(
  'AWS::AutoScaling::AutoScalingGroup', 'aws_autoscaling_group', 'aws-autoscaling.AutoScalingGroup', 'aws:autoscaling/group:Group',
  'AWS::Lambda::Function', 'AWS::Serverless::Function', 'aws_lambda_function', 'aws-lambda.Function', 'aws-lambda-nodejs.NodejsFunction', 'aws:lambda/function:Function',
  'AWS::ECS::Service', 'aws_ecs_service', 'aws-ecs.FargateService', 'aws-ecs.Ec2Service', 'aws:ecs/service:Service',
  'AWS::ElasticLoadBalancing::LoadBalancer', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'aws_lb', 'aws_alb', 'aws_elb',
  'aws-elasticloadbalancingv2.ApplicationLoadBalancer', 'aws-elasticloadbalancingv2.NetworkLoadBalancer',
  'aws:lb/loadBalancer:LoadBalancer', 'aws:alb/loadBalancer:LoadBalancer', 'aws:elb/loadBalancer:LoadBalancer',
  'AWS::RDS::DBSubnetGroup', 'aws_db_subnet_group', 'aws-rds.SubnetGroup', 'aws:rds/subnetGroup:SubnetGroup',
  'AWS::ElastiCache::SubnetGroup', 'aws_elasticache_subnet_group', 'aws:elasticache/subnetGroup:SubnetGroup',
);

export const isRoute53Record = resourceOfType(
  'AWS::Route53::RecordSet', 'AWS::Route53::RecordSetGroup', 'aws_route53_record', 'aws:route53/record:Record',
  'aws-route53.ARecord', 'aws-route53.AaaaRecord', 'aws-route53.CnameRecord', 'aws-route53.RecordSet',
);
export const isCloudFrontDistribution = resourceOfType(
  'AWS::CloudFront::Distribution', 'aws_cloudfront_distribution', 'aws-cloudfront.Distribution',
  'aws-cloudfront.CloudFrontWebDistribution', 'aws:cloudfront/distribution:Distribution',
);
export const isAcmCertificate = resourceOfType(
  'AWS::CertificateManager::Certificate', 'aws_acm_certificate', 'aws-certificatemanager.Certificate',
  'aws-certificatemanager.DnsValidatedCertificate', 'aws:acm/certificate:Certificate',
);
export const isRestApi = resourceOfType(
  'AWS::ApiGateway::RestApi', 'AWS::Serverless::Api', 'aws_api_gateway_rest_api', 'aws-apigateway.RestApi',
  'aws-apigateway.LambdaRestApi', 'aws-apigateway.SpecRestApi', 'aws-apigateway.StepFunctionsRestApi', 'aws:apigateway/restApi:RestApi',
);
export const isRestApiDomainName = resourceOfType('AWS::ApiGateway::DomainName', 'aws_api_gateway_domain_name', 'aws-apigateway.DomainName', 'aws:apigateway/domainName:DomainName');
export const isEdgeFunction = resourceOfType('aws-cloudfront.experimental.EdgeFunction');
export const isWafWebAcl = resourceOfType('AWS::WAFv2::WebACL', 'aws_wafv2_web_acl', 'aws:wafv2/webAcl:WebAcl');

/** Any IAM resource (role, policy, user, instance profile …), in any format. */
export function isIamResource(dep: Dependency): boolean {
  return dep.kind === 'iac-resource' && dep.service === 'iam' && dep.resource !== undefined;
}

/** Any Route 53 resource (hosted zone, record, health check …); Route 53 Resolver is regional and is not one. */
export function isRoute53Resource(dep: Dependency): boolean {
  return dep.kind === 'iac-resource' && dep.service === 'route53' && dep.resource !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Reading facts

/** The declared resources of the workspace. */
export function iacResources(context: RuleContext): Dependency[] {
  return context.dependencies.filter((d) => d.kind === 'iac-resource' && d.resource !== undefined);
}

export function attributesOf(dep: Dependency): ResourceAttributes {
  return dep.resource?.attributes ?? {};
}

/** A string-list attribute, tolerating a single string (scanners of different formats differ). */
export function textListAttribute(dep: Dependency, key: string): string[] {
  const v = attributesOf(dep)[key];
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** The resource's logical name for messages. */
export function nameOf(dep: Dependency): string {
  return dep.resource?.name ?? dep.name ?? dep.service;
}

/** The regions the resource is deployed to: its region, else its candidates; empty when unknown. */
export function deployRegions(dep: Dependency): string[] {
  if (dep.region) return [dep.region];
  return [...new Set(dep.candidateRegions ?? [])];
}

/** Every region the workspace deploys the resource to: its primary region and the other candidates (stages, environments). */
export function everyDeployRegion(dep: Dependency): string[] {
  return [...new Set([...(dep.region ? [dep.region] : []), ...(dep.candidateRegions ?? [])])];
}

/** "in us-east-1", "in us-east-1 or us-west-2", "in the region it is deployed to". */
export function whereDeployed(dep: Dependency): string {
  const regions = deployRegions(dep);
  if (regions.length === 0) return 'in the region it is deployed to';
  return `in ${regions.join(' or ')}`;
}

/** A region: "us-east-1"; several: "us-east-1 or us-west-2"; none: "its region". */
export function regionWords(regions: string[]): string {
  return regions.length === 0 ? 'its region' : regions.join(' or ');
}

/** `arn:aws:acm:eu-west-1:…` → `eu-west-1`; a placeholder or an expression → null. */
export function regionOfArn(text: string): string | null {
  const m = /arn:[a-z-]+:[a-z0-9-]+:([^:]*):/.exec(text);
  return m && isRegion(m[1]) ? m[1] : null;
}

export function isTerraform(dep: Dependency): boolean {
  return resourceTypeKey(dep.resource?.type ?? '')?.startsWith('tf:') === true;
}

/**
 * The stack a resource belongs to: a Terraform module is its directory; a CloudFormation, SAM,
 * Serverless, CDK or Pulumi stack is its file. (Scanners use `container` for different things —
 * the logical id itself in CloudFormation — so it is not read; two CDK stacks in one file count as
 * one stack.)
 */
export function stackOf(dep: Dependency): string {
  return isTerraform(dep) ? `tf:${folderOf(dep.file)}` : `file:${dep.file}`;
}

/**
 * The region a resource's stack is deployed to, before the global-service pass re-pinned the
 * resource to its service's control-plane region (a CloudFront distribution is "in us-east-1"
 * whatever stack declares it). Every region the stack is deployed to (its environments included),
 * read in order from: the resource's own region and candidates when it was not re-pinned; the pass's "configured for <region>" trace step; the other resources of the same stack
 * that were not re-pinned; the trace steps written before the pinning step. Empty when unknown.
 */
export function stackRegionsOf(dep: Dependency, context: RuleContext): string[] {
  if (dep.regionSource !== 'global-service') return everyDeployRegion(dep);
  const steps = dep.regionTrace ?? [];
  for (const step of steps) {
    if (step.kind === 'global-control-plane' && step.configuredRegion && isRegion(step.configuredRegion)) return [step.configuredRegion];
  }
  const siblings = iacResources(context).filter((r) => r !== dep && r.regionSource !== 'global-service' && stackOf(r) === stackOf(dep));
  if (siblings.length > 0) return [...new Set(siblings.flatMap(everyDeployRegion))];
  return [...new Set(steps.slice(0, -1).flatMap(regionsOfStep))];
}

export function relatedAt(dep: Dependency, message: string): RelatedLocation {
  return { file: dep.file, line: dep.line, column: dep.column, message };
}

// ---------------------------------------------------------------------------------------------
// References between resources

const REF_IN_TEXT = /\$\{([A-Za-z][A-Za-z0-9_-]{0,254})(?:\.[A-Za-z0-9_.[\]]{0,200})?\}/g;

/**
 * Whether a reference written in one resource (`from`) names `target`. References come as the
 * scanners render them: `${Logical}` / `${Logical.Arn}` (CloudFormation `!Ref`/`!GetAtt`/`!Sub`),
 * a bare logical id or construct id, a Terraform address (`aws_s3_bucket.replica.arn`), an ARN or
 * a physical name. Logical ids count only inside the same template; Terraform addresses only
 * inside the same module directory; ARNs and physical names anywhere.
 */
export function refersTo(reference: string, target: Dependency, from: Dependency): boolean {
  const facts = target.resource;
  if (!facts) return false;
  const ref = reference.trim();
  if (ref === '') return false;
  if (isTerraform(target)) {
    if (folderOf(target.file) === folderOf(from.file)) {
      const address = `${facts.type}.${facts.name}`;
      const i = ref.indexOf(address);
      if (i >= 0) {
        const before = i === 0 ? '' : ref[i - 1];
        const after = ref[i + address.length] ?? '';
        if (!/[A-Za-z0-9_]/.test(before) && !/[A-Za-z0-9_-]/.test(after)) return true;
      }
    }
  } else if (target.file === from.file) {
    if (ref === facts.name) return true;
    REF_IN_TEXT.lastIndex = 0;
    for (let m = REF_IN_TEXT.exec(ref); m; m = REF_IN_TEXT.exec(ref)) if (m[1] === facts.name) return true;
  }
  for (const name of facts.attributes?.physicalNames ?? []) {
    if (!name) continue;
    if (ref === name) return true;
    if (ref.startsWith('arn:') && (ref.endsWith(`:${name}`) || ref.endsWith(`/${name}`))) return true;
  }
  return false;
}

/** The resources (matching `predicate`) that any of the references written in `from` names. */
export function referencedResources(references: readonly string[], from: Dependency, context: RuleContext, predicate: ResourcePredicate): Dependency[] {
  if (references.length === 0) return [];
  return iacResources(context).filter((r) => r !== from && predicate(r) && references.some((ref) => refersTo(ref, r, from)));
}

/**
 * The references a resource makes to the resource it replicates: `replicaOf`, and the RDS source
 * of a read replica as the CloudFormation (`readReplicaOf`) and Terraform (`replicaSource`)
 * scanners record it.
 */
export function replicaOfReferences(dep: Dependency): string[] {
  return [...textListAttribute(dep, 'replicaOf'), ...textListAttribute(dep, 'readReplicaOf'), ...textListAttribute(dep, 'replicaSource')];
}

/** Resources elsewhere in the workspace that copy `target`: replica resources, read replicas, backup replications. */
export function copiesOf(target: Dependency, context: RuleContext): Dependency[] {
  return copySources(context).filter(({ dep, refs }) => dep !== target && refs.some((ref) => refersTo(ref, target, dep))).map(({ dep }) => dep);
}

/** The resources that name a source they copy, computed once per analysis (rules ask for every resource). */
const copySourceCache = new WeakMap<readonly Dependency[], Array<{ dep: Dependency; refs: string[] }>>();

function copySources(context: RuleContext): Array<{ dep: Dependency; refs: string[] }> {
  let cached = copySourceCache.get(context.dependencies);
  if (!cached) {
    cached = iacResources(context).map((dep) => ({ dep, refs: replicaOfReferences(dep) })).filter((c) => c.refs.length > 0);
    copySourceCache.set(context.dependencies, cached);
  }
  return cached;
}

// ---------------------------------------------------------------------------------------------
// Replication

export type Replication =
  /** at least one copy in a region other than the resource's own */
  | { kind: 'other-region'; regions: string[]; via: Dependency[] }
  /** copies exist but the workspace does not say where (a parameter, an expression) */
  | { kind: 'unknown-region'; via: Dependency[] }
  /** copies exist, all in the resource's own region */
  | { kind: 'same-region'; via: Dependency[] }
  | { kind: 'none' };

/**
 * Where the copies of a resource live: its own `replicaRegions` plus every resource that says it
 * replicates it (`replicaOf`). A replica region equal to the resource's own region does not count.
 * Where the resource's region is unknown, any named replica region counts as another region (the
 * workspace states a copy elsewhere; the deploy region is decided outside it).
 *
 * Where `attributes.replicaRegionsIncludeOwn` is set (CloudFormation `AWS::DynamoDB::GlobalTable`
 * lists every replica, its own region included), one entry is the resource itself: the own region
 * if it is listed, else one unnamed entry (the usual `!Ref AWS::Region`).
 */
export function replicationOf(dep: Dependency, context: RuleContext, copies: Dependency[] = copiesOf(dep, context)): Replication {
  const own = new Set(deployRegions(dep));
  const entries: (string | null)[] = [...(dep.resource?.replicaRegions ?? [])];
  if (attributesOf(dep).replicaRegionsIncludeOwn === true && entries.length > 0) {
    const i = entries.findIndex((r) => r !== null && own.has(r));
    entries.splice(i >= 0 ? i : Math.max(0, entries.indexOf(null)), 1);
  }
  const via: Dependency[] = [];
  for (const copy of copies) {
    const where = copy.resource?.replicaRegions?.length ? copy.resource.replicaRegions : [copy.region];
    entries.push(...where);
    via.push(copy);
  }
  const other = [...new Set(entries.filter((r): r is string => r !== null && (!own.has(r) || own.size > 1)))];
  if (other.length > 0) return { kind: 'other-region', regions: other, via };
  // Replicas the declaration computes (`regions.map(…)`): replicated, to regions it does not list.
  if (dep.resource?.replicated === true) return { kind: 'other-region', regions: [], via };
  if (entries.length === 0) return { kind: 'none' };
  if (entries.some((r) => r === null)) return { kind: 'unknown-region', via };
  return { kind: 'same-region', via };
}

// ---------------------------------------------------------------------------------------------
// Quick fixes

/**
 * A fix that adds one property line to a declaration, at the insertion point the scanner recorded
 * (`attributes.propertyInsertion`). No fix when the scanner recorded none, or when the key is
 * already written there (then the value is wrong, and replacing it is not mechanical).
 */
export function addPropertyFix(dep: Dependency, description: string, lines: { yaml?: [key: string, value: string]; hcl?: [key: string, value: string] }): Fix | undefined {
  const at = attributesOf(dep).propertyInsertion;
  if (!at || typeof at.line !== 'number' || at.line < 1 || typeof at.indent !== 'string' || !/^[ \t]*$/.test(at.indent)) return undefined;
  const line = at.syntax === 'yaml' ? lines.yaml : at.syntax === 'hcl' ? lines.hcl : undefined;
  if (!line) return undefined;
  const [key, value] = line;
  if (!Array.isArray(at.keys) || at.keys.includes(key)) return undefined;
  const text = at.syntax === 'yaml' ? `${at.indent}${key}: ${value}\n` : `${at.indent}${key} = ${value}\n`;
  return { description, edits: [{ file: dep.file, line: at.line + 1, column: 1, endLine: at.line + 1, endColumn: 1, newText: text }] };
}
