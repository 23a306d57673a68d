/**
 * What the infrastructure rules (RULES.md sections C, D, E) ask of a declared resource, whatever
 * format declared it. Each predicate names canonical kinds (`AWS::DynamoDB::Table`): the kind table
 * (`src/core/resources/kinds.ts`) maps every format's spelling of a type onto one kind, so that
 * each rule reads as its RULES.md line and no type is spelled twice.
 *
 * The helpers below answer the questions several rules share: is a resource copied to another
 * region, which resources a resource's links reach, which stack declares a resource, and where a
 * quick fix may add a property line.
 */
import type { Dependency, Fix, RelatedLocation, RelationKind, ResourceAttributes } from '../model';
import { isRegion } from '../regions';
import type { RuleContext } from './types';
import { folderOf } from '../paths';
import { regionsOfStep } from '../trace';
import { formatOfType, isCdkL2Construct, kindOf, type ResourceKind } from '../resources/kinds';
import { deployRegions, replicationOf as replicationIn, type Replication } from '../resources/replication';

export type { Replication };

// ---------------------------------------------------------------------------------------------
// Resource kinds

export type ResourcePredicate = (dep: Dependency) => boolean;

/** A predicate over declared resources of any of the given canonical kinds. */
export function resourceOfKind(...kinds: ResourceKind[]): ResourcePredicate {
  const wanted = new Set(kinds);
  return (dep) => dep.kind === 'iac-resource' && dep.resource !== undefined && wanted.has(kindOf(dep.resource) ?? '');
}

export const isDynamoDbTable = resourceOfKind('AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable');
/** A table declared with its replicas, its own region among them (CloudFormation's `AWS::DynamoDB::GlobalTable`, CDK `CfnGlobalTable`) */
export const isDynamoDbGlobalTable = resourceOfKind('AWS::DynamoDB::GlobalTable');
/** Terraform's separate replica resource (`aws_dynamodb_table_replica`): one of a global table's replicas */
export const isDynamoDbTableReplica = resourceOfKind('AWS::DynamoDB::GlobalTable/Replicas');
/** DynamoDB global tables version 2017.11.29 (`aws_dynamodb_global_table`); not CloudFormation's `AWS::DynamoDB::GlobalTable`, which is the current version */
export const isLegacyDynamoDbGlobalTable = resourceOfKind('AWS::DynamoDB::GlobalTable@2017.11.29');

export const isS3Bucket = resourceOfKind('AWS::S3::Bucket');
export const isS3ReplicationConfiguration = resourceOfKind('AWS::S3::Bucket/ReplicationConfiguration');
export const isS3DirectoryBucket = resourceOfKind('AWS::S3Express::DirectoryBucket');
/** Terraform and Pulumi declare lifecycle rules (ONEZONE_IA transitions) as resources of their own */
export const isS3LifecycleConfiguration = resourceOfKind('AWS::S3::Bucket/LifecycleConfiguration');
export const isEfsFileSystem = resourceOfKind('AWS::EFS::FileSystem');

export const isRdsInstance = resourceOfKind('AWS::RDS::DBInstance');
export const isRdsCluster = resourceOfKind('AWS::RDS::DBCluster');
export const isRdsGlobalCluster = resourceOfKind('AWS::RDS::GlobalCluster');
export const isRdsBackupReplication = resourceOfKind('AWS::RDS::DBInstance/AutomaticBackupReplicationRegion');

export const isKmsKey = resourceOfKind('AWS::KMS::Key');
export const isSecret = resourceOfKind('AWS::SecretsManager::Secret');
export const isEcrRepository = resourceOfKind('AWS::ECR::Repository');
export const isEcrReplicationConfiguration = resourceOfKind('AWS::ECR::ReplicationConfiguration');
export const isBackupPlan = resourceOfKind('AWS::Backup::BackupPlan');

export const isElastiCacheReplicationGroup = resourceOfKind('AWS::ElastiCache::ReplicationGroup');
export const isElastiCacheCluster = resourceOfKind('AWS::ElastiCache::CacheCluster');
export const isSearchDomain = resourceOfKind('AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain');
export const isCognitoUserPool = resourceOfKind('AWS::Cognito::UserPool');
export const isCognitoUserPoolReplica = resourceOfKind('AWS::Cognito::UserPoolReplica');
/** What makes a user pool part of sign-in: app clients, hosted domains and API authorizers */
export const isCognitoSignInResource = resourceOfKind(
  'AWS::Cognito::UserPoolClient', 'AWS::Cognito::UserPoolDomain', 'AWS::ApiGateway::Authorizer', 'AWS::ApiGatewayV2::Authorizer',
);
export const isEventBus = resourceOfKind('AWS::Events::EventBus');
export const isEventBridgeGlobalEndpoint = resourceOfKind('AWS::Events::Endpoint');
export const isEventRule = resourceOfKind('AWS::Events::Rule');
/** Deploys one template to many regions: what it declares may not be single-region */
export const isStackSet = resourceOfKind('AWS::CloudFormation::StackSet');

export const isSubnet = resourceOfKind('AWS::EC2::Subnet');
export const isNatGateway = resourceOfKind('AWS::EC2::NatGateway');
const isVpc = resourceOfKind('AWS::EC2::VPC');
/** A CDK `Vpc` construct: it creates its subnets and NAT gateways itself (`natGateways`), unlike a declared `AWS::EC2::VPC` */
export function isCdkVpc(dep: Dependency): boolean {
  return isVpc(dep) && isCdkL2Construct(dep.resource?.type ?? '');
}
/** Resources that spread across the subnets they are given (RULES.md subnets-single-az) */
export const isMultiSubnetResource = resourceOfKind(
  'AWS::AutoScaling::AutoScalingGroup', 'AWS::Lambda::Function', 'AWS::ECS::Service', 'AWS::ElasticLoadBalancing::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::RDS::DBSubnetGroup', 'AWS::ElastiCache::SubnetGroup',
);

export const isRoute53Record = resourceOfKind('AWS::Route53::RecordSet', 'AWS::Route53::RecordSetGroup');
export const isCloudFrontDistribution = resourceOfKind('AWS::CloudFront::Distribution');
export const isAcmCertificate = resourceOfKind('AWS::CertificateManager::Certificate');
export const isRestApi = resourceOfKind('AWS::ApiGateway::RestApi');
export const isRestApiDomainName = resourceOfKind('AWS::ApiGateway::DomainName');
const isLambdaFunction = resourceOfKind('AWS::Lambda::Function');
/** A Lambda@Edge function the CDK deploys to us-east-1 for CloudFront (`EdgeFunction`) */
export function isEdgeFunction(dep: Dependency): boolean {
  return isLambdaFunction(dep) && attributesOf(dep).lambdaEdge === true;
}
export const isWafWebAcl = resourceOfKind('AWS::WAFv2::WebACL');

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

export { deployRegions };

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

/** Whether a resource is declared in Terraform (a module is a folder, not a file). */
export function isTerraform(dep: Dependency): boolean {
  return formatOfType(dep.resource?.type ?? '') === 'terraform';
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
// Links between resources

/**
 * The dependencies `dep` links to with relations of `kind` (made by resolution from the references
 * it writes, `src/core/resolve/links.ts`), in declaration order; with `index`, only those the
 * reference at that position of its attribute names.
 */
export function linkedFrom(dep: Dependency, kind: RelationKind, context: RuleContext, index?: number): Dependency[] {
  const out: Dependency[] = [];
  for (const r of dep.relations ?? []) {
    if (r.kind !== kind || (index !== undefined && r.index !== index)) continue;
    const target = context.byId.get(r.to);
    if (target && !out.includes(target)) out.push(target);
  }
  return out;
}

/** Who links to whom, per relation kind, computed once per analysis (rules ask for every resource). */
const reverseLinkCache = new WeakMap<readonly Dependency[], Map<string, Dependency[]>>();

/**
 * The dependencies that link to `target` with a relation of `kind`, in declaration order. Only a
 * rule of scope `resources` or `workspace` may ask this (the incremental engine re-checks a
 * dependency when what it relates to changes, not when what relates to it does).
 */
export function linkingTo(target: Dependency, kind: RelationKind, context: RuleContext): Dependency[] {
  let reverse = reverseLinkCache.get(context.dependencies);
  if (!reverse) {
    reverse = new Map();
    for (const from of context.dependencies) {
      for (const r of from.relations ?? []) {
        const key = `${r.kind}\u0000${r.to}`;
        const list = reverse.get(key);
        if (!list) reverse.set(key, [from]);
        else if (list[list.length - 1] !== from) list.push(from);
      }
    }
    reverseLinkCache.set(context.dependencies, reverse);
  }
  return (reverse.get(`${kind}\u0000${target.id}`) ?? []).filter((d) => d !== target);
}

/**
 * Whether a resource states which resource it replicates (`replicaOf`, and the RDS source of a read
 * replica as the CloudFormation `readReplicaOf` and Terraform `replicaSource` record it), whether or
 * not the workspace declares that source.
 */
export function statesReplicaSource(dep: Dependency): boolean {
  return ['replicaOf', 'readReplicaOf', 'replicaSource'].some((key) => textListAttribute(dep, key).length > 0);
}

/** Resources elsewhere in the workspace that copy `target`: replica resources, read replicas, backup replications. */
export function copiesOf(target: Dependency, context: RuleContext): Dependency[] {
  return linkingTo(target, 'replica-of', context);
}

// ---------------------------------------------------------------------------------------------
// Replication

/**
 * Where the copies of a resource live (`src/core/resources/replication.ts`, shared with the
 * simulation and the views): its own replica regions and the resources that link to it as
 * `replica-of`, or the given copies.
 */
export function replicationOf(dep: Dependency, context: RuleContext, copies: Dependency[] = copiesOf(dep, context)): Replication {
  return replicationIn(dep, copies);
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
