/**
 * One name per kind of infrastructure resource, whatever format declares it: the canonical kind is
 * the CloudFormation resource type (`AWS::DynamoDB::Table`), taken from the catalogue
 * (`src/core/catalogue`, generated from the CDK service spec). Terraform types, AWS CDK constructs
 * (L1 `Cfn*` and L2), Pulumi classic and AWS Native types and SAM's transform types map onto it here,
 * in one table; rules and views ask by canonical kind only.
 *
 * Two extensions of the CloudFormation type name, for declarations CloudFormation has no type for:
 * - `Type/Property`: a format that declares one property of a CloudFormation resource as a resource
 *   of its own (Terraform's `aws_s3_bucket_replication_configuration` is `AWS::S3::Bucket`'s
 *   `ReplicationConfiguration`; `aws_dynamodb_table_replica` is one of `AWS::DynamoDB::GlobalTable`'s
 *   `Replicas`). The property exists in the spec (a test checks it).
 * - `Type@version`: an older generation of the service the type no longer declares (DynamoDB global
 *   tables version 2017.11.29, Terraform's `aws_dynamodb_global_table`).
 *
 * The table lists the types the rules ask about with every spelling the formats use. Other types map
 * mechanically where the mapping is certain: a CloudFormation type as written, a CDK L1 class and a
 * Pulumi AWS Native token (both name the type they wrap), a CDK L2 construct whose module and class
 * name a CloudFormation type (`aws-sqs.Queue`), a Terraform type whose words after the service name
 * name one (`aws_sqs_queue`), and a Pulumi classic token through the Terraform type it is generated
 * from. A mechanical mapping never lands on a kind of the table (the table lists all its spellings),
 * so a type the table does not list cannot change what a rule finds.
 */
import { cloudFormationNamespacesOf, cloudFormationTypeOf, cloudFormationTypesIn, isCloudFormationResourceType, serviceOfCloudFormationType } from '../catalogue/services';
import { serviceOfTerraformType } from '../scanners/terraform/resourceTypes';
import type { ResourceFacts } from '../model';

/** A canonical kind: a CloudFormation type, optionally `/Property` or `@version` (see the module comment). */
export type ResourceKind = string;

/** The format a resource type is written in. */
export type ResourceFormat = 'cloudformation' | 'terraform' | 'cdk' | 'pulumi' | 'pulumi-native';

export interface KindEntry {
  kind: ResourceKind;
  /** Terraform resource types (`aws_dynamodb_table`) */
  terraform?: string[];
  /** CDK L2 constructs as `<module>.<Class>` (`aws-dynamodb.TableV2`); L1 `Cfn*` classes map mechanically */
  cdk?: string[];
  /** Pulumi classic type tokens (`aws:dynamodb/table:Table`); AWS Native tokens map mechanically */
  pulumi?: string[];
  /** SAM transform types that expand to this kind (`AWS::Serverless::SimpleTable`) */
  sam?: string[];
}

/** The kinds the rules ask about, with every spelling of each. */
export const KIND_TABLE: readonly KindEntry[] = [
  // DynamoDB
  { kind: 'AWS::DynamoDB::Table', terraform: ['aws_dynamodb_table'], cdk: ['aws-dynamodb.Table', 'aws-dynamodb.TableV2'], pulumi: ['aws:dynamodb/table:Table'], sam: ['AWS::Serverless::SimpleTable'] },
  { kind: 'AWS::DynamoDB::GlobalTable' },
  { kind: 'AWS::DynamoDB::GlobalTable/Replicas', terraform: ['aws_dynamodb_table_replica'], pulumi: ['aws:dynamodb/tableReplica:TableReplica'] },
  { kind: 'AWS::DynamoDB::GlobalTable@2017.11.29', terraform: ['aws_dynamodb_global_table'], pulumi: ['aws:dynamodb/globalTable:GlobalTable'] },
  // S3 and EFS
  { kind: 'AWS::S3::Bucket', terraform: ['aws_s3_bucket'], cdk: ['aws-s3.Bucket'], pulumi: ['aws:s3/bucket:Bucket', 'aws:s3/bucketV2:BucketV2'] },
  { kind: 'AWS::S3::Bucket/ReplicationConfiguration', terraform: ['aws_s3_bucket_replication_configuration'], pulumi: ['aws:s3/bucketReplicationConfig:BucketReplicationConfig'] },
  { kind: 'AWS::S3::Bucket/LifecycleConfiguration', terraform: ['aws_s3_bucket_lifecycle_configuration'], pulumi: ['aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2'] },
  { kind: 'AWS::S3Express::DirectoryBucket', terraform: ['aws_s3_directory_bucket'], pulumi: ['aws:s3/directoryBucket:DirectoryBucket'] },
  { kind: 'AWS::EFS::FileSystem', terraform: ['aws_efs_file_system'], cdk: ['aws-efs.FileSystem'], pulumi: ['aws:efs/fileSystem:FileSystem'] },
  // RDS
  { kind: 'AWS::RDS::DBInstance', terraform: ['aws_db_instance'], cdk: ['aws-rds.DatabaseInstance', 'aws-rds.DatabaseInstanceFromSnapshot', 'aws-rds.DatabaseInstanceReadReplica'], pulumi: ['aws:rds/instance:Instance'] },
  { kind: 'AWS::RDS::DBInstance/AutomaticBackupReplicationRegion', terraform: ['aws_db_instance_automated_backups_replication'], pulumi: ['aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication'] },
  { kind: 'AWS::RDS::DBCluster', terraform: ['aws_rds_cluster'], cdk: ['aws-rds.DatabaseCluster', 'aws-rds.DatabaseClusterFromSnapshot', 'aws-rds.ServerlessCluster'], pulumi: ['aws:rds/cluster:Cluster'] },
  { kind: 'AWS::RDS::GlobalCluster', terraform: ['aws_rds_global_cluster'], pulumi: ['aws:rds/globalCluster:GlobalCluster'] },
  { kind: 'AWS::RDS::DBSubnetGroup', terraform: ['aws_db_subnet_group'], cdk: ['aws-rds.SubnetGroup'], pulumi: ['aws:rds/subnetGroup:SubnetGroup'] },
  // Keys, secrets, images, backups
  { kind: 'AWS::KMS::Key', terraform: ['aws_kms_key'], cdk: ['aws-kms.Key'], pulumi: ['aws:kms/key:Key'] },
  { kind: 'AWS::SecretsManager::Secret', terraform: ['aws_secretsmanager_secret'], cdk: ['aws-secretsmanager.Secret'], pulumi: ['aws:secretsmanager/secret:Secret'] },
  { kind: 'AWS::ECR::Repository', terraform: ['aws_ecr_repository'], cdk: ['aws-ecr.Repository'], pulumi: ['aws:ecr/repository:Repository'] },
  { kind: 'AWS::ECR::ReplicationConfiguration', terraform: ['aws_ecr_replication_configuration'], pulumi: ['aws:ecr/replicationConfiguration:ReplicationConfiguration'] },
  { kind: 'AWS::Backup::BackupPlan', terraform: ['aws_backup_plan'], cdk: ['aws-backup.BackupPlan'], pulumi: ['aws:backup/plan:Plan'] },
  // Caches and search
  { kind: 'AWS::ElastiCache::ReplicationGroup', terraform: ['aws_elasticache_replication_group'], pulumi: ['aws:elasticache/replicationGroup:ReplicationGroup'] },
  { kind: 'AWS::ElastiCache::CacheCluster', terraform: ['aws_elasticache_cluster'], pulumi: ['aws:elasticache/cluster:Cluster'] },
  { kind: 'AWS::ElastiCache::SubnetGroup', terraform: ['aws_elasticache_subnet_group'], pulumi: ['aws:elasticache/subnetGroup:SubnetGroup'] },
  { kind: 'AWS::OpenSearchService::Domain', terraform: ['aws_opensearch_domain'], cdk: ['aws-opensearchservice.Domain'], pulumi: ['aws:opensearch/domain:Domain'] },
  { kind: 'AWS::Elasticsearch::Domain', terraform: ['aws_elasticsearch_domain'], cdk: ['aws-elasticsearch.Domain'], pulumi: ['aws:elasticsearch/domain:Domain'] },
  // Cognito
  { kind: 'AWS::Cognito::UserPool', terraform: ['aws_cognito_user_pool'], cdk: ['aws-cognito.UserPool'], pulumi: ['aws:cognito/userPool:UserPool'] },
  { kind: 'AWS::Cognito::UserPoolReplica' },
  { kind: 'AWS::Cognito::UserPoolClient', terraform: ['aws_cognito_user_pool_client'], cdk: ['aws-cognito.UserPoolClient'], pulumi: ['aws:cognito/userPoolClient:UserPoolClient'] },
  { kind: 'AWS::Cognito::UserPoolDomain', terraform: ['aws_cognito_user_pool_domain'], cdk: ['aws-cognito.UserPoolDomain'], pulumi: ['aws:cognito/userPoolDomain:UserPoolDomain'] },
  // API Gateway
  { kind: 'AWS::ApiGateway::Authorizer', terraform: ['aws_api_gateway_authorizer'], cdk: ['aws-apigateway.CognitoUserPoolsAuthorizer'] },
  { kind: 'AWS::ApiGatewayV2::Authorizer', terraform: ['aws_apigatewayv2_authorizer'] },
  {
    kind: 'AWS::ApiGateway::RestApi', terraform: ['aws_api_gateway_rest_api'], sam: ['AWS::Serverless::Api'], pulumi: ['aws:apigateway/restApi:RestApi'],
    cdk: ['aws-apigateway.RestApi', 'aws-apigateway.LambdaRestApi', 'aws-apigateway.SpecRestApi', 'aws-apigateway.StepFunctionsRestApi'],
  },
  { kind: 'AWS::ApiGateway::DomainName', terraform: ['aws_api_gateway_domain_name'], cdk: ['aws-apigateway.DomainName'], pulumi: ['aws:apigateway/domainName:DomainName'] },
  // EventBridge and CloudFormation
  { kind: 'AWS::Events::EventBus', terraform: ['aws_cloudwatch_event_bus'], cdk: ['aws-events.EventBus'], pulumi: ['aws:cloudwatch/eventBus:EventBus'] },
  { kind: 'AWS::Events::Endpoint', terraform: ['aws_cloudwatch_event_endpoint'], pulumi: ['aws:cloudwatch/eventEndpoint:EventEndpoint'] },
  { kind: 'AWS::Events::Rule', terraform: ['aws_cloudwatch_event_rule'], cdk: ['aws-events.Rule'], pulumi: ['aws:cloudwatch/eventRule:EventRule'] },
  { kind: 'AWS::CloudFormation::StackSet', terraform: ['aws_cloudformation_stack_set'], pulumi: ['aws:cloudformation/stackSet:StackSet'] },
  // Networks and compute spread over subnets
  { kind: 'AWS::EC2::Subnet', terraform: ['aws_subnet'], pulumi: ['aws:ec2/subnet:Subnet'] },
  { kind: 'AWS::EC2::NatGateway', terraform: ['aws_nat_gateway'], pulumi: ['aws:ec2/natGateway:NatGateway'] },
  { kind: 'AWS::EC2::VPC', terraform: ['aws_vpc'], cdk: ['aws-ec2.Vpc'], pulumi: ['aws:ec2/vpc:Vpc'] },
  { kind: 'AWS::AutoScaling::AutoScalingGroup', terraform: ['aws_autoscaling_group'], cdk: ['aws-autoscaling.AutoScalingGroup'], pulumi: ['aws:autoscaling/group:Group'] },
  {
    kind: 'AWS::Lambda::Function', terraform: ['aws_lambda_function'], sam: ['AWS::Serverless::Function'], pulumi: ['aws:lambda/function:Function'],
    // `EdgeFunction` is a Lambda function the CDK deploys to us-east-1 for CloudFront (`attributes.lambdaEdge`).
    cdk: ['aws-lambda.Function', 'aws-lambda-nodejs.NodejsFunction', 'aws-cloudfront.EdgeFunction'],
  },
  { kind: 'AWS::ECS::Service', terraform: ['aws_ecs_service'], cdk: ['aws-ecs.FargateService', 'aws-ecs.Ec2Service'], pulumi: ['aws:ecs/service:Service'] },
  { kind: 'AWS::ElasticLoadBalancing::LoadBalancer', terraform: ['aws_elb'], pulumi: ['aws:elb/loadBalancer:LoadBalancer'] },
  {
    kind: 'AWS::ElasticLoadBalancingV2::LoadBalancer', terraform: ['aws_lb', 'aws_alb'], pulumi: ['aws:lb/loadBalancer:LoadBalancer', 'aws:alb/loadBalancer:LoadBalancer'],
    cdk: ['aws-elasticloadbalancingv2.ApplicationLoadBalancer', 'aws-elasticloadbalancingv2.NetworkLoadBalancer'],
  },
  // Edge and DNS
  { kind: 'AWS::Route53::RecordSet', terraform: ['aws_route53_record'], cdk: ['aws-route53.ARecord', 'aws-route53.AaaaRecord', 'aws-route53.CnameRecord', 'aws-route53.RecordSet'], pulumi: ['aws:route53/record:Record'] },
  { kind: 'AWS::Route53::RecordSetGroup' },
  { kind: 'AWS::CloudFront::Distribution', terraform: ['aws_cloudfront_distribution'], cdk: ['aws-cloudfront.Distribution', 'aws-cloudfront.CloudFrontWebDistribution'], pulumi: ['aws:cloudfront/distribution:Distribution'] },
  { kind: 'AWS::CertificateManager::Certificate', terraform: ['aws_acm_certificate'], cdk: ['aws-certificatemanager.Certificate', 'aws-certificatemanager.DnsValidatedCertificate'], pulumi: ['aws:acm/certificate:Certificate'] },
  { kind: 'AWS::WAFv2::WebACL', terraform: ['aws_wafv2_web_acl'], pulumi: ['aws:wafv2/webAcl:WebAcl'] },
];

/** SAM transform types and the CloudFormation types they expand to (besides those in the table). */
const SAM_KINDS: Record<string, ResourceKind> = {
  'AWS::Serverless::HttpApi': 'AWS::ApiGatewayV2::Api',
  'AWS::Serverless::StateMachine': 'AWS::StepFunctions::StateMachine',
  'AWS::Serverless::LayerVersion': 'AWS::Lambda::LayerVersion',
  'AWS::Serverless::Application': 'AWS::CloudFormation::Stack',
  'AWS::Serverless::GraphQLApi': 'AWS::AppSync::GraphQLApi',
};

const CFN_TYPE = /^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$/;
const CDK_TYPE = /^(?:aws-cdk-lib\/|@aws-cdk\/)?(aws-[a-z0-9-]+)\.([A-Za-z0-9.]+)$/;
const PULUMI_TOKEN = /^aws:([A-Za-z0-9]+)\/[A-Za-z0-9]+:([A-Za-z0-9]+)$/;
const PULUMI_CLASS = /^(?:@pulumi\/)?aws\.([A-Za-z0-9]+)\.([A-Za-z0-9]+)$/;
const PULUMI_NATIVE_TOKEN = /^aws-native:([a-z0-9]+):([A-Za-z0-9]+)$/;
const PULUMI_NATIVE_CLASS = /^(?:@pulumi\/)?aws-native\.([a-z0-9]+)\.([A-Za-z0-9]+)$/;
const TERRAFORM_TYPE = /^aws_[a-z0-9_]+$/;

/** Every spelling in the table, keyed by its normalised form ({@link spellingKey}). */
const bySpelling = new Map<string, ResourceKind>();
const tableKinds = new Set<ResourceKind>();
for (const entry of KIND_TABLE) {
  tableKinds.add(entry.kind);
  for (const t of entry.terraform ?? []) bySpelling.set(`tf:${t}`, entry.kind);
  for (const c of entry.cdk ?? []) bySpelling.set(`cdk:${c.toLowerCase()}`, entry.kind);
  for (const p of entry.pulumi ?? []) bySpelling.set(pulumiKey(p) ?? p, entry.kind);
  for (const s of entry.sam ?? []) bySpelling.set(`cfn:${s}`, entry.kind);
}
for (const [sam, kind] of Object.entries(SAM_KINDS)) bySpelling.set(`cfn:${sam}`, kind);

/** `aws:dynamodb/table:Table` and `@pulumi/aws.dynamodb.Table` are one Pulumi class. */
function pulumiKey(type: string): string | undefined {
  const m = PULUMI_TOKEN.exec(type) ?? PULUMI_CLASS.exec(type);
  return m ? `pulumi:${m[1]}.${m[2]}`.toLowerCase() : undefined;
}

/** The format a resource type is written in, from its spelling; undefined for types that are none of these (`Custom::X`, a Serverless event). */
export function formatOfType(type: string): ResourceFormat | undefined {
  if (TERRAFORM_TYPE.test(type)) return 'terraform';
  if (CDK_TYPE.test(type)) return 'cdk';
  if (PULUMI_NATIVE_TOKEN.test(type) || PULUMI_NATIVE_CLASS.test(type)) return 'pulumi-native';
  if (PULUMI_TOKEN.test(type) || PULUMI_CLASS.test(type)) return 'pulumi';
  if (CFN_TYPE.test(type)) return 'cloudformation';
  return undefined;
}

const kindCache = new Map<string, ResourceKind | undefined>();

/**
 * The canonical kind of a resource type in any format's spelling, or undefined when the type is not
 * an AWS resource type the catalogue knows (a custom resource, a Terraform backend, an unknown class).
 */
export function canonicalKind(type: string): ResourceKind | undefined {
  if (kindCache.has(type)) return kindCache.get(type);
  const kind = computeKind(type.trim());
  if (kindCache.size < 5000) kindCache.set(type, kind);
  return kind;
}

/** The canonical kind of a declared resource: the one its scanner recorded, else the one its type maps to. */
export function kindOf(facts: Pick<ResourceFacts, 'type' | 'kind'> | undefined): ResourceKind | undefined {
  if (!facts) return undefined;
  return facts.kind ?? canonicalKind(facts.type);
}

/** A mechanical mapping is kept only where it names a type of the catalogue that the table does not list. */
function mechanical(kind: string | undefined): ResourceKind | undefined {
  return kind !== undefined && !tableKinds.has(kind) && isCloudFormationResourceType(kind) ? kind : undefined;
}

function computeKind(type: string): ResourceKind | undefined {
  if (CFN_TYPE.test(type)) return bySpelling.get(`cfn:${type}`) ?? (tableKinds.has(type) || isCloudFormationResourceType(type) ? type : undefined);
  if (TERRAFORM_TYPE.test(type)) return bySpelling.get(`tf:${type}`) ?? mechanical(terraformMechanical(type));
  let m = CDK_TYPE.exec(type);
  if (m) {
    // `experimental.EdgeFunction` and `EdgeFunction` are one construct.
    const cls = m[2].slice(m[2].lastIndexOf('.') + 1);
    const moduleName = m[1];
    const namespace = moduleName.slice('aws-'.length);
    if (/^Cfn[A-Z]/.test(cls)) return cloudFormationTypeOf(namespace, cls.slice(3));
    return bySpelling.get(`cdk:${moduleName}.${cls}`.toLowerCase()) ?? mechanical(cloudFormationTypeOf(namespace, cls));
  }
  m = PULUMI_NATIVE_TOKEN.exec(type) ?? PULUMI_NATIVE_CLASS.exec(type);
  if (m) return cloudFormationTypeOf(m[1], m[2]);
  const pulumi = pulumiKey(type);
  if (pulumi) {
    const listed = bySpelling.get(pulumi);
    if (listed) return listed;
    // Pulumi classic is generated from the Terraform provider: `aws:sqs/queue:Queue` is `aws_sqs_queue`.
    const p = (PULUMI_TOKEN.exec(type) ?? PULUMI_CLASS.exec(type))!;
    const terraform = `aws_${p[1].toLowerCase()}_${p[2].replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()}`;
    return bySpelling.has(`tf:${terraform}`) ? undefined : mechanical(terraformMechanical(terraform));
  }
  return undefined;
}

/**
 * `aws_sqs_queue` → `AWS::SQS::Queue`: the type's words, or its last words, joined, are a resource
 * name of a CloudFormation namespace of the type's service (`aws_vpc_endpoint` → EC2 `VPCEndpoint`,
 * `aws_cloudwatch_log_group` → Logs `LogGroup`), longest first.
 */
function terraformMechanical(type: string): string | undefined {
  const service = serviceOfTerraformType(type);
  if (!service) return undefined;
  const words = type.slice('aws_'.length).split('_');
  const namespaces = cloudFormationNamespacesOf(service);
  for (let k = 0; k < words.length; k++) {
    const name = words.slice(k).join('');
    for (const ns of namespaces) {
      const found = cloudFormationTypesIn(ns).find((n) => n.toLowerCase() === name);
      if (found) return `${ns}::${found}`;
    }
  }
  return undefined;
}

/** The CloudFormation type a canonical kind is about (`AWS::S3::Bucket/ReplicationConfiguration` → `AWS::S3::Bucket`). */
export function baseTypeOf(kind: ResourceKind): string {
  return kind.replace(/[/@].*$/, '');
}

/** The service id of a canonical kind (through the catalogue). */
export function serviceOfKind(kind: ResourceKind): string | undefined {
  return serviceOfCloudFormationType(baseTypeOf(kind));
}

/** The identity a scanner gives a declared resource: its type as written, its canonical kind where it has one, its name. */
export function resourceIdentity(type: string, name: string): ResourceFacts {
  const kind = canonicalKind(type);
  return kind === undefined ? { type, name } : { type, kind, name };
}

/** Whether a type is a CDK L2 construct (`aws-ec2.Vpc`), which builds resources of its own around the one it declares, rather than an L1 `Cfn*` class. */
export function isCdkL2Construct(type: string): boolean {
  const m = CDK_TYPE.exec(type);
  return m !== null && !/^Cfn[A-Z]/.test(m[2].slice(m[2].lastIndexOf('.') + 1));
}
