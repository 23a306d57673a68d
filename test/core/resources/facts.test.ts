/**
 * The fact table: every row names a kind of the catalogue, CloudFormation paths start at a property
 * of that type in the CDK service spec, CDK classes are constructs of that kind; and a fact reads
 * the same whatever format declares it (written true, written false, silent → the documented default).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { isCloudFormationResourceType } from '../../../src/core/catalogue/services';
import { FACT_TABLE, type Accessor } from '../../../src/core/resources/facts';
import { baseTypeOf, canonicalKind } from '../../../src/core/resources/kinds';
import type { Dependency } from '../../../src/core/model';
import { analyseFiles } from '../../support/ruleTester';

interface SpecResource { cloudFormationType: string; properties: Record<string, unknown> }
const spec = JSON.parse(gunzipSync(readFileSync(require.resolve('@aws-cdk/aws-service-spec/db.json.gz'))).toString()) as { schema: { resource: { entities: Record<string, SpecResource> } } };
const specByType = new Map(Object.values(spec.schema.resource.entities).map((r) => [r.cloudFormationType, r]));

/** The property paths an accessor reads. */
function pathsOf(a: Accessor): string[] {
  if ('bool' in a) return [a.bool];
  if ('present' in a) return [a.present];
  if ('match' in a) return [a.match];
  if ('text' in a) return [a.text];
  if ('regions' in a) return [a.regions];
  if ('keys' in a) return [...a.keys];
  if ('when' in a) return a.when.flatMap(pathsOf);
  return [];
}

/** `file name value` for each declared resource of `kind`, sorted: one line per declaration, whatever the format. */
function factLines(map: { dependencies: Dependency[] }, kind: string, read: (d: Dependency) => unknown): string[] {
  return map.dependencies.filter((d) => d.resource?.kind === kind).map((d) => `${d.file} ${d.resource?.name} ${JSON.stringify(read(d)) ?? '-'}`).sort();
}

describe('resource fact table', function () {
  this.timeout(60_000);

  it('names kinds of the catalogue, their CloudFormation properties and their CDK constructs', () => {
    for (const [kind, rows] of Object.entries(FACT_TABLE)) {
      // `Type/Property` kinds are about their type.
      assert.ok(isCloudFormationResourceType(baseTypeOf(kind)), kind);
      for (const row of rows) {
        for (const path of row.cloudformation ? pathsOf(row.cloudformation) : []) {
          assert.ok(Object.prototype.hasOwnProperty.call(specByType.get(kind)?.properties ?? {}, path.split('.')[0].replace(/\[\]$/, '')), `${kind} ${path}`);
        }
        for (const cls of Object.keys(row.cdk ?? {})) assert.equal(canonicalKind(`aws-cdk-lib/${cls}`), kind, cls);
      }
    }
  });

  const kmsKeys = {
    'cfn/template.yaml': `Resources:
  Written:
    Type: AWS::KMS::Key
    Properties:
      MultiRegion: true
  Silent:
    Type: AWS::KMS::Key
    Properties:
      Description: orders
`,
    'tf/main.tf': `resource "aws_kms_key" "written" {
  multi_region = true
}

resource "aws_kms_key" "silent" {
  description = "orders"
}
`,
    'cdk/lib/keys-stack.ts': `import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
export class KeysStack extends Stack {
  build() {
    new kms.CfnKey(this, 'Written', { multiRegion: true });
    new kms.CfnKey(this, 'Silent', { description: 'orders' });
    new kms.Key(this, 'L2');
  }
}
`,
    'pulumi/index.ts': `import * as aws from '@pulumi/aws';
new aws.kms.Key('written', { multiRegion: true });
new aws.kms.Key('silent', { description: 'orders' });
`,
  };

  it('reads one fact alike in CloudFormation, Terraform, CDK and Pulumi: written, and the default when silent', async () => {
    const map = await analyseFiles(kmsKeys);
    const multiRegion = (d: Dependency) => `${d.file} ${d.resource?.name} ${String(d.resource?.attributes?.multiRegion)}`;
    assert.deepEqual(map.dependencies.filter((d) => d.resource?.kind === 'AWS::KMS::Key').map(multiRegion).sort(), [
      'cdk/lib/keys-stack.ts L2 false',
      'cdk/lib/keys-stack.ts Silent false',
      'cdk/lib/keys-stack.ts Written true',
      'cfn/template.yaml Silent false',
      'cfn/template.yaml Written true',
      'pulumi/index.ts silent false',
      'pulumi/index.ts written true',
      'tf/main.tf silent false',
      'tf/main.tf written true',
    ]);
  });

  it('keeps each format\'s own default: a classic load balancer balances across zones by default in Terraform, not in CloudFormation', async () => {
    const map = await analyseFiles({
      'template.yaml': `Resources:\n  Web:\n    Type: AWS::ElasticLoadBalancing::LoadBalancer\n    Properties:\n      Listeners: [{ LoadBalancerPort: '80', InstancePort: '80', Protocol: HTTP }]\n`,
      'main.tf': `resource "aws_elb" "web" {\n  listener {\n    lb_port           = 80\n    lb_protocol       = "http"\n    instance_port     = 80\n    instance_protocol = "http"\n  }\n}\n`,
    });
    const crossZone = Object.fromEntries(map.dependencies.filter((d) => d.resource).map((d) => [d.file, d.resource?.attributes?.crossZone]));
    assert.deepEqual(crossZone, { 'template.yaml': false, 'main.tf': true });
  });

  it('reads replica lists alike in the four formats, and marks a list the code computes as replicated', async () => {
    const map = await analyseFiles({
      'cfn/template.yaml': `Resources:\n  Credentials:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      ReplicaRegions:\n        - Region: us-west-2\n`,
      'tf/main.tf': `resource "aws_secretsmanager_secret" "credentials" {\n  replica {\n    region = "us-west-2"\n  }\n}\n`,
      'cdk/lib/secrets-stack.ts': `import { Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
export class SecretsStack extends Stack {
  build(regions: string[]) {
    new secretsmanager.Secret(this, 'Credentials', { replicaRegions: [{ region: 'us-west-2' }] });
    new dynamodb.TableV2(this, 'Orders', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, replicas: regions.map((region) => ({ region })) });
  }
}
`,
      'pulumi/index.ts': `import * as aws from '@pulumi/aws';
declare const regions: string[];
new aws.secretsmanager.Secret('credentials', { replicas: [{ region: 'us-west-2' }] });
new aws.dynamodb.Table('orders', { hashKey: 'pk', attributes: [{ name: 'pk', type: 'S' }], replicas: regions.map((regionName) => ({ regionName })) });
`,
    });
    const replicas = (d: Dependency) => `${d.file} ${d.resource?.kind} ${JSON.stringify(d.resource?.replicaRegions)} ${String(d.resource?.replicated)}`;
    assert.deepEqual(map.dependencies.filter((d) => d.resource?.kind === 'AWS::SecretsManager::Secret' || d.resource?.kind === 'AWS::DynamoDB::Table').map(replicas).sort(), [
      'cdk/lib/secrets-stack.ts AWS::DynamoDB::Table undefined true',
      'cdk/lib/secrets-stack.ts AWS::SecretsManager::Secret ["us-west-2"] undefined',
      'cfn/template.yaml AWS::SecretsManager::Secret ["us-west-2"] undefined',
      'pulumi/index.ts AWS::DynamoDB::Table undefined true',
      'pulumi/index.ts AWS::SecretsManager::Secret ["us-west-2"] undefined',
      'tf/main.tf AWS::SecretsManager::Secret ["us-west-2"] undefined',
    ]);
  });

  it('reads RDS Multi-AZ and cluster membership alike: written, the default when silent, and no Multi-AZ for a cluster member', async () => {
    const map = await analyseFiles({
      'cfn/template.yaml': `Resources:
  Written:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: postgres, MultiAZ: true }
  Silent:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: postgres }
  Aurora:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: aurora-postgresql, MultiAZ: false }
  Member:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: postgres, DBClusterIdentifier: !Ref Cluster }
`,
      'tf/main.tf': `resource "aws_db_instance" "written" {
  engine   = "postgres"
  multi_az = true
}

resource "aws_db_instance" "silent" {
  engine = "postgres"
}

resource "aws_db_instance" "aurora" {
  engine   = "aurora-mysql"
  multi_az = false
}
`,
      'cdk/lib/db-stack.ts': `import { Stack } from 'aws-cdk-lib';
import * as rds from 'aws-cdk-lib/aws-rds';
export class DbStack extends Stack {
  build(vpc: any) {
    new rds.DatabaseInstance(this, 'Written', { engine: rds.DatabaseInstanceEngine.POSTGRES, vpc, multiAz: true });
    new rds.DatabaseInstance(this, 'Silent', { engine: rds.DatabaseInstanceEngine.POSTGRES, vpc });
    new rds.CfnDBInstance(this, 'Aurora', { engine: 'aurora-postgresql', multiAz: false });
    new rds.CfnDBInstance(this, 'Member', { engine: 'postgres', dbClusterIdentifier: 'orders' });
  }
}
`,
      'pulumi/index.ts': `import * as aws from '@pulumi/aws';
new aws.rds.Instance('written', { engine: 'postgres', multiAz: true });
new aws.rds.Instance('silent', { engine: 'postgres' });
new aws.rds.Instance('aurora', { engine: 'aurora-mysql', multiAz: false });
`,
    });
    const multiAz = (d: Dependency) => [d.resource?.multiAz ?? null, d.resource?.attributes?.inCluster ?? null];
    assert.deepEqual(factLines(map, 'AWS::RDS::DBInstance', multiAz), [
      'cdk/lib/db-stack.ts Aurora [null,true]',
      'cdk/lib/db-stack.ts Member [null,true]',
      'cdk/lib/db-stack.ts Silent [false,null]',
      'cdk/lib/db-stack.ts Written [true,null]',
      'cfn/template.yaml Aurora [null,true]',
      'cfn/template.yaml Member [null,true]',
      'cfn/template.yaml Silent [false,null]',
      'cfn/template.yaml Written [true,null]',
      'pulumi/index.ts aurora [null,true]',
      'pulumi/index.ts silent [false,null]',
      'pulumi/index.ts written [true,null]',
      'tf/main.tf aurora [null,true]',
      'tf/main.tf silent [false,null]',
      'tf/main.tf written [true,null]',
    ]);
  });

  it('reads membership of a global cluster alike, and an L2 cluster\'s readers as Multi-AZ', async () => {
    const map = await analyseFiles({
      'cfn/template.yaml': `Resources:
  Member:
    Type: AWS::RDS::DBCluster
    Properties: { Engine: aurora-postgresql, GlobalClusterIdentifier: !Ref Global }
  Alone:
    Type: AWS::RDS::DBCluster
    Properties: { Engine: aurora-postgresql }
`,
      'tf/main.tf': `resource "aws_rds_cluster" "member" {
  engine                    = "aurora-postgresql"
  global_cluster_identifier = aws_rds_global_cluster.orders.id
}

resource "aws_rds_cluster" "unset" {
  engine                    = "aurora-postgresql"
  global_cluster_identifier = null
}

resource "aws_rds_cluster" "alone" {
  engine = "aurora-postgresql"
}
`,
      'cdk/lib/db-stack.ts': `import { Stack } from 'aws-cdk-lib';
import * as rds from 'aws-cdk-lib/aws-rds';
export class DbStack extends Stack {
  build(vpc: any) {
    new rds.CfnDBCluster(this, 'Member', { engine: 'aurora-postgresql', globalClusterIdentifier: 'orders' });
    new rds.CfnDBCluster(this, 'Alone', { engine: 'aurora-postgresql' });
    new rds.DatabaseCluster(this, 'Readers', { engine: rds.DatabaseClusterEngine.AURORA_POSTGRESQL, vpc, writer: rds.ClusterInstance.provisioned('w'), readers: [rds.ClusterInstance.provisioned('r')] });
    new rds.DatabaseCluster(this, 'WriterOnly', { engine: rds.DatabaseClusterEngine.AURORA_POSTGRESQL, vpc, writer: rds.ClusterInstance.provisioned('w') });
  }
}
`,
      'pulumi/index.ts': `import * as aws from '@pulumi/aws';
declare const global: aws.rds.GlobalCluster;
new aws.rds.Cluster('member', { engine: 'aurora-postgresql', globalClusterIdentifier: global.id });
new aws.rds.Cluster('alone', { engine: 'aurora-postgresql' });
`,
    });
    const global = (d: Dependency) => [d.resource?.attributes?.globalCluster ?? null, d.resource?.multiAz ?? null];
    assert.deepEqual(factLines(map, 'AWS::RDS::DBCluster', global), [
      'cdk/lib/db-stack.ts Alone [false,null]',
      'cdk/lib/db-stack.ts Member [true,null]',
      'cdk/lib/db-stack.ts Readers [false,true]',
      'cdk/lib/db-stack.ts WriterOnly [false,false]',
      'cfn/template.yaml Alone [false,null]',
      'cfn/template.yaml Member [true,null]',
      'pulumi/index.ts alone [false,null]',
      'pulumi/index.ts member [true,null]',
      'tf/main.tf alone [false,null]',
      'tf/main.tf member [true,null]',
      'tf/main.tf unset [false,null]',
    ]);
  });

  it('reads API Gateway endpoint types alike (SAM\'s string or map too); silent is EDGE, which is not stated', async () => {
    const map = await analyseFiles({
      'cfn/template.yaml': `Transform: AWS::Serverless-2016-10-31
Resources:
  Written:
    Type: AWS::ApiGateway::RestApi
    Properties: { Name: orders, EndpointConfiguration: { Types: [regional] } }
  Silent:
    Type: AWS::ApiGateway::RestApi
    Properties: { Name: orders }
  SamString:
    Type: AWS::Serverless::Api
    Properties: { StageName: prod, EndpointConfiguration: PRIVATE }
  SamMap:
    Type: AWS::Serverless::Api
    Properties: { StageName: prod, EndpointConfiguration: { Type: regional } }
  Http:
    Type: AWS::Serverless::HttpApi
`,
      'tf/main.tf': `resource "aws_api_gateway_rest_api" "written" {
  name = "orders"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_rest_api" "silent" {
  name = "orders"
}
`,
      'cdk/lib/api-stack.ts': `import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
export class ApiStack extends Stack {
  build() {
    new apigateway.RestApi(this, 'Written', { endpointTypes: [apigateway.EndpointType.REGIONAL] });
    new apigateway.RestApi(this, 'Silent', {});
  }
}
`,
      'pulumi/index.ts': `import * as aws from '@pulumi/aws';
new aws.apigateway.RestApi('written', { endpointConfiguration: { types: 'REGIONAL' } });
new aws.apigateway.RestApi('silent', {});
`,
    });
    const endpoint = (d: Dependency) => d.resource?.attributes?.endpointType;
    assert.deepEqual([...factLines(map, 'AWS::ApiGateway::RestApi', endpoint), ...factLines(map, 'AWS::ApiGatewayV2::Api', endpoint)], [
      'cdk/lib/api-stack.ts Silent -',
      'cdk/lib/api-stack.ts Written "REGIONAL"',
      'cfn/template.yaml SamMap "REGIONAL"',
      'cfn/template.yaml SamString "PRIVATE"',
      'cfn/template.yaml Silent -',
      'cfn/template.yaml Written "REGIONAL"',
      'pulumi/index.ts silent -',
      'pulumi/index.ts written "REGIONAL"',
      'tf/main.tf silent -',
      'tf/main.tf written "REGIONAL"',
      'cfn/template.yaml Http "REGIONAL"',
    ]);
  });

  it('reads WAF scope alike; a scope that is not written is not stated', async () => {
    const map = await analyseFiles({
      'cfn/template.yaml': `Resources:
  Edge:
    Type: AWS::WAFv2::WebACL
    Properties: { Scope: cloudfront, DefaultAction: { Allow: {} } }
  Silent:
    Type: AWS::WAFv2::WebACL
    Properties: { DefaultAction: { Allow: {} } }
`,
      'tf/main.tf': `resource "aws_wafv2_web_acl" "edge" {
  scope = "CLOUDFRONT"
}

resource "aws_wafv2_web_acl" "regional" {
  scope = "REGIONAL"
}
`,
      'cdk/lib/waf-stack.ts': `import { Stack } from 'aws-cdk-lib';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
export class WafStack extends Stack {
  build() {
    new wafv2.CfnWebACL(this, 'Edge', { scope: 'CLOUDFRONT', defaultAction: { allow: {} } });
  }
}
`,
      'pulumi/index.ts': `import * as aws from '@pulumi/aws';
new aws.wafv2.WebAcl('edge', { scope: 'CLOUDFRONT' });
new aws.wafv2.WebAcl('silent', {});
`,
    });
    assert.deepEqual(factLines(map, 'AWS::WAFv2::WebACL', (d) => d.resource?.attributes?.scope), [
      'cdk/lib/waf-stack.ts Edge "CLOUDFRONT"',
      'cfn/template.yaml Edge "CLOUDFRONT"',
      'cfn/template.yaml Silent -',
      'pulumi/index.ts edge "CLOUDFRONT"',
      'pulumi/index.ts silent -',
      'tf/main.tf edge "CLOUDFRONT"',
      'tf/main.tf regional "REGIONAL"',
    ]);
  });

  it('reads an ElastiCache cluster\'s AZ mode alike: cross-az, single-az, silent (single) and an expression (unknown)', async () => {
    const map = await analyseFiles({
      'cfn/template.yaml': `Parameters:
  Mode: { Type: String }
Resources:
  Cross:
    Type: AWS::ElastiCache::CacheCluster
    Properties: { Engine: memcached, CacheNodeType: cache.t3.micro, NumCacheNodes: 2, AZMode: Cross-AZ }
  Single:
    Type: AWS::ElastiCache::CacheCluster
    Properties: { Engine: memcached, CacheNodeType: cache.t3.micro, NumCacheNodes: 1, AZMode: single-az }
  Silent:
    Type: AWS::ElastiCache::CacheCluster
    Properties: { Engine: memcached, CacheNodeType: cache.t3.micro, NumCacheNodes: 1 }
  Chosen:
    Type: AWS::ElastiCache::CacheCluster
    Properties: { Engine: memcached, CacheNodeType: cache.t3.micro, NumCacheNodes: 1, AZMode: !Ref Mode }
`,
      'tf/main.tf': `resource "aws_elasticache_cluster" "cross" {
  engine  = "memcached"
  az_mode = "cross-az"
}

resource "aws_elasticache_cluster" "single" {
  engine  = "memcached"
  az_mode = "single-az"
}

resource "aws_elasticache_cluster" "silent" {
  engine = "memcached"
}

resource "aws_elasticache_cluster" "chosen" {
  engine  = "memcached"
  az_mode = var.mode
}
`,
    });
    assert.deepEqual(factLines(map, 'AWS::ElastiCache::CacheCluster', (d) => d.resource?.multiAz), [
      'cfn/template.yaml Chosen null',
      'cfn/template.yaml Cross true',
      'cfn/template.yaml Silent false',
      'cfn/template.yaml Single false',
      'tf/main.tf chosen null',
      'tf/main.tf cross true',
      'tf/main.tf silent false',
      'tf/main.tf single false',
    ]);
  });

  it('reads replica lists that include the stack\'s own region (global tables, global replication groups) and per-replica point-in-time recovery', async () => {
    const map = await analyseFiles({
      'cfn/template.yaml': `Resources:
  Orders:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]
      KeySchema: [{ AttributeName: pk, KeyType: HASH }]
      Replicas:
        - Region: !Ref AWS::Region
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }
        - Region: us-west-2
  Sessions:
    Type: AWS::ElastiCache::GlobalReplicationGroup
    Properties:
      Members:
        - { ReplicationGroupId: primary, ReplicationGroupRegion: us-east-1, Role: PRIMARY }
        - { ReplicationGroupId: secondary, ReplicationGroupRegion: eu-west-1, Role: SECONDARY }
`,
      'cdk/lib/table-stack.ts': `import { Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
export class TableStack extends Stack {
  build() {
    new dynamodb.CfnGlobalTable(this, 'Orders', {
      keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
      replicas: [{ region: 'us-east-1', pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } }, { region: 'us-west-2', pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } }],
    });
    new dynamodb.CfnGlobalTable(this, 'Carts', { keySchema: [{ attributeName: 'pk', keyType: 'HASH' }], replicas: [{ region: 'us-east-1' }] });
  }
}
`,
    });
    const replicas = (d: Dependency) => [d.resource?.replicaRegions, d.resource?.attributes?.replicaRegionsIncludeOwn ?? null, d.resource?.attributes?.pointInTimeRecovery ?? null];
    assert.deepEqual([...factLines(map, 'AWS::DynamoDB::GlobalTable', replicas), ...factLines(map, 'AWS::ElastiCache::GlobalReplicationGroup', replicas)], [
      'cdk/lib/table-stack.ts Carts [["us-east-1"],null,false]',
      'cdk/lib/table-stack.ts Orders [["us-east-1","us-west-2"],null,true]',
      'cfn/template.yaml Orders [[null,"us-west-2"],true,false]',
      'cfn/template.yaml Sessions [["us-east-1","eu-west-1"],true,null]',
    ]);
  });

  it('tells how each subnet is written alike in CloudFormation, Terraform and Serverless: a literal id, a reference, many (a splat)', async () => {
    const map = await analyseFiles({
      'cfn/template.yaml': `Resources:
  Fleet:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties: { MinSize: '1', MaxSize: '2', VPCZoneIdentifier: [subnet-0a1b2c3d4e5f67890, !Ref PrivateSubnetA] }
`,
      'tf/main.tf': `resource "aws_autoscaling_group" "fleet" {
  min_size            = 1
  max_size            = 2
  vpc_zone_identifier = ["subnet-0a1b2c3d4e5f67890", aws_subnet.private_a.id]
}

resource "aws_autoscaling_group" "counted" {
  min_size            = 1
  max_size            = 2
  vpc_zone_identifier = aws_subnet.private[*].id
}
`,
      'sls/serverless.yml': `service: orders
provider:
  name: aws
  region: eu-west-1
functions:
  worker:
    handler: handler.main
    vpc:
      securityGroupIds: [sg-0a1b2c3d4e5f67890]
      subnetIds: [subnet-0a1b2c3d4e5f67890, subnet-0f1e2d3c4b5a69870]
`,
    });
    const forms = (d: Dependency) => d.resource?.attributes?.subnetForms;
    assert.deepEqual([...factLines(map, 'AWS::AutoScaling::AutoScalingGroup', forms), ...factLines(map, 'AWS::Lambda::Function', forms)], [
      'cfn/template.yaml Fleet ["id","reference"]',
      'tf/main.tf counted ["many"]',
      'tf/main.tf fleet ["id","reference"]',
      'sls/serverless.yml worker ["id","id"]',
    ]);
  });

  it('states that a certificate ARN names the stack\'s own region alike in CloudFormation, CDK and Pulumi, and not for a literal region', async () => {
    const map = await analyseFiles({
      'cfn/template.yaml': `Resources:
  Stacked:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        ViewerCertificate: { AcmCertificateArn: !Sub 'arn:aws:acm:\${AWS::Region}:\${AWS::AccountId}:certificate/1a2b3c4d', SslSupportMethod: sni-only }
  Literal:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        ViewerCertificate: { AcmCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/1a2b3c4d', SslSupportMethod: sni-only }
`,
      'cdk/lib/edge-stack.ts': `import { Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
export class EdgeStack extends Stack {
  build() {
    new cloudfront.CfnDistribution(this, 'Stacked', { distributionConfig: { enabled: true, viewerCertificate: { acmCertificateArn: 'arn:aws:acm:\${AWS::Region}:111122223333:certificate/1a2b3c4d' } } });
    new cloudfront.CfnDistribution(this, 'Literal', { distributionConfig: { enabled: true, viewerCertificate: { acmCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/1a2b3c4d' } } });
  }
}
`,
      'pulumi/index.ts': `import * as aws from '@pulumi/aws';
new aws.cloudfront.Distribution('stacked', { enabled: true, viewerCertificate: { acmCertificateArn: 'arn:aws:acm:\${AWS::Region}:111122223333:certificate/1a2b3c4d' } });
new aws.cloudfront.Distribution('literal', { enabled: true, viewerCertificate: { acmCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/1a2b3c4d' } });
`,
    });
    assert.deepEqual(factLines(map, 'AWS::CloudFront::Distribution', (d) => d.resource?.attributes?.viewerCertificateInStackRegion), [
      'cdk/lib/edge-stack.ts Literal -',
      'cdk/lib/edge-stack.ts Stacked true',
      'cfn/template.yaml Literal -',
      'cfn/template.yaml Stacked true',
      'pulumi/index.ts literal -',
      'pulumi/index.ts stacked true',
    ]);
  });

  it('reads one-zone storage (directory buckets, One Zone file systems) and user pool replication alike, and not where nothing says so', async () => {
    const map = await analyseFiles({
      'cfn/template.yaml': `Resources:
  Express:
    Type: AWS::S3Express::DirectoryBucket
    Properties: { DataRedundancy: SingleAvailabilityZone, LocationName: use1-az4--x-s3 }
  OneZone:
    Type: AWS::EFS::FileSystem
    Properties: { AvailabilityZoneName: us-east-1a }
  Regional:
    Type: AWS::EFS::FileSystem
    Properties: { Encrypted: true }
  Users:
    Type: AWS::Cognito::UserPool
    Properties: { UserPoolName: users }
`,
      'tf/main.tf': `resource "aws_s3_directory_bucket" "express" {
  bucket = "orders--use1-az4--x-s3"
}

resource "aws_efs_file_system" "one_zone" {
  availability_zone_name = "us-east-1a"
}

resource "aws_efs_file_system" "regional" {
  encrypted = true
}

resource "aws_cognito_user_pool" "users" {
  name = "users"
}
`,
      'cdk/lib/storage-stack.ts': `import { Stack } from 'aws-cdk-lib';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as cognito from 'aws-cdk-lib/aws-cognito';
export class StorageStack extends Stack {
  build(vpc: any) {
    new efs.FileSystem(this, 'OneZone', { vpc, oneZone: true });
    new efs.FileSystem(this, 'Regional', { vpc, oneZone: false });
    new cognito.UserPool(this, 'Users', {});
  }
}
`,
    });
    const single = (d: Dependency) => d.resource?.attributes?.singleAzStorage;
    assert.deepEqual([...factLines(map, 'AWS::S3Express::DirectoryBucket', single), ...factLines(map, 'AWS::EFS::FileSystem', single)], [
      'cfn/template.yaml Express true',
      'tf/main.tf express true',
      'cdk/lib/storage-stack.ts OneZone true',
      'cdk/lib/storage-stack.ts Regional -',
      'cfn/template.yaml OneZone true',
      'cfn/template.yaml Regional -',
      'tf/main.tf one_zone true',
      'tf/main.tf regional -',
    ]);
    assert.deepEqual(factLines(map, 'AWS::Cognito::UserPool', (d) => d.resource?.attributes?.replicated), ['cdk/lib/storage-stack.ts Users -', 'cfn/template.yaml Users false', 'tf/main.tf users false']);
  });

  it('reads the KMS keys a resource names alike; [] where a kind that can name one names none, nothing where it cannot or is a cluster member', async () => {
    const map = await analyseFiles({
      'cfn/template.yaml': `Transform: AWS::Serverless-2016-10-31
Resources:
  Keyed:
    Type: AWS::SQS::Queue
    Properties: { KmsMasterKeyId: !Ref QueueKey }
  Silent:
    Type: AWS::SQS::Queue
    Properties: { DelaySeconds: 5 }
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties: { DefinitionUri: flow.asl.json }
  Member:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: aurora-postgresql, DBClusterIdentifier: !Ref Cluster }
  Single:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: postgres }
`,
      'tf/main.tf': `resource "aws_sqs_queue" "keyed" {
  kms_master_key_id = aws_kms_key.queue.arn
}

resource "aws_sqs_queue" "silent" {
  delay_seconds = 5
}

resource "aws_docdb_cluster" "docs" {
  engine = "docdb"
}

resource "aws_db_instance" "single" {
  engine = "postgres"
}
`,
    });
    const keys = (d: Dependency) => d.resource?.attributes?.kmsKeys;
    assert.deepEqual(map.dependencies.filter((d) => d.resource && d.resource.kind !== 'AWS::KMS::Key').map((d) => `${d.file} ${d.resource?.name} ${JSON.stringify(keys(d)) ?? '-'}`).sort(), [
      'cfn/template.yaml Flow -',
      'cfn/template.yaml Keyed ["${QueueKey}"]',
      'cfn/template.yaml Member -',
      'cfn/template.yaml Silent []',
      'cfn/template.yaml Single []',
      'tf/main.tf docs []',
      'tf/main.tf keyed ["aws_kms_key.queue.arn"]',
      'tf/main.tf silent []',
      'tf/main.tf single []',
    ]);
  });

  it('reads S3 replication rules alike through each format\'s named reader: enabled rules and their destinations, none when silent, nothing from a disabled rule', async () => {
    const map = await analyseFiles({
      'cfn/template.yaml': `Resources:
  Replicated:
    Type: AWS::S3::Bucket
    Properties:
      ReplicationConfiguration:
        Role: arn:aws:iam::111122223333:role/replication
        Rules:
          - Status: Enabled
            Destination: { Bucket: 'arn:aws:s3:::orders-replica-us-west-2', StorageClass: ONEZONE_IA }
          - Status: Disabled
            Destination: { Bucket: 'arn:aws:s3:::orders-archive-eu-west-1' }
  Silent:
    Type: AWS::S3::Bucket
`,
      'tf/main.tf': `resource "aws_s3_bucket" "replicated" {
  replication_configuration {
    role = "arn:aws:iam::111122223333:role/replication"
    rules {
      status = "Enabled"
      destination {
        bucket        = "arn:aws:s3:::orders-replica-us-west-2"
        storage_class = "ONEZONE_IA"
      }
    }
    rules {
      status = "Disabled"
      destination {
        bucket = "arn:aws:s3:::orders-archive-eu-west-1"
      }
    }
  }
}

resource "aws_s3_bucket" "silent" {}
`,
      'cdk/lib/storage-stack.ts': `import { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
export class StorageStack extends Stack {
  build() {
    new s3.CfnBucket(this, 'Replicated', {
      replicationConfiguration: {
        role: 'arn:aws:iam::111122223333:role/replication',
        rules: [
          { status: 'Enabled', destination: { bucket: 'arn:aws:s3:::orders-replica-us-west-2', storageClass: 'ONEZONE_IA' } },
          { status: 'Disabled', destination: { bucket: 'arn:aws:s3:::orders-archive-eu-west-1' } },
        ],
      },
    });
    new s3.CfnBucket(this, 'Silent', {});
  }
}
`,
      'pulumi/index.ts': `import * as aws from '@pulumi/aws';
new aws.s3.Bucket('replicated', { replicationConfiguration: { role: 'arn:aws:iam::111122223333:role/replication', rules: [{ status: 'Enabled', destination: { bucket: 'arn:aws:s3:::orders-replica-us-west-2' } }, { status: 'Disabled', destination: { bucket: 'arn:aws:s3:::orders-archive-eu-west-1' } }] } });
new aws.s3.Bucket('silent', {});
`,
    });
    const replication = (d: Dependency) => [d.resource?.replicaRegions, d.resource?.attributes?.replicationDestinations ?? null, d.resource?.attributes?.singleAzStorage ?? null];
    assert.deepEqual(factLines(map, 'AWS::S3::Bucket', replication), [
      'cdk/lib/storage-stack.ts Replicated [["us-west-2"],["arn:aws:s3:::orders-replica-us-west-2"],true]',
      'cdk/lib/storage-stack.ts Silent [[],null,null]',
      'cfn/template.yaml Replicated [["us-west-2"],["arn:aws:s3:::orders-replica-us-west-2"],true]',
      'cfn/template.yaml Silent [[],null,null]',
      // Pulumi leaves the destination's region to a BucketReplicationConfig or the resolution of the bucket.
      'pulumi/index.ts replicated [[null],null,null]',
      'pulumi/index.ts silent [[],null,null]',
      // Terraform's inline (provider v3) rules leave the destination's storage class unread, and a bucket without them states
      // no replicas: a separate aws_s3_bucket_replication_configuration may declare some.
      'tf/main.tf replicated [["us-west-2"],["arn:aws:s3:::orders-replica-us-west-2"],null]',
      'tf/main.tf silent [null,null,null]',
    ]);
  });

  it('reads CloudFront origin groups alike: a group of two with failover criteria fails over, a group of one does not, no group is no failover', async () => {
    const map = await analyseFiles({
      'cfn/template.yaml': `Resources:
  Grouped:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
          - { Id: primary, DomainName: primary.example.com }
          - { Id: secondary, DomainName: secondary.example.com }
        OriginGroups:
          Quantity: 1
          Items:
            - Id: group
              FailoverCriteria: { StatusCodes: { Quantity: 1, Items: [503] } }
              Members: { Quantity: 2, Items: [{ OriginId: primary }, { OriginId: secondary }] }
  Lone:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins: [{ Id: primary, DomainName: primary.example.com }]
        OriginGroups:
          Quantity: 1
          Items:
            - Id: group
              FailoverCriteria: { StatusCodes: { Quantity: 1, Items: [503] } }
              Members: { Quantity: 1, Items: [{ OriginId: primary }] }
`,
      'tf/main.tf': `resource "aws_cloudfront_distribution" "grouped" {
  enabled = true
  origin {
    origin_id   = "primary"
    domain_name = "primary.example.com"
  }
  origin {
    origin_id   = "secondary"
    domain_name = "secondary.example.com"
  }
  origin_group {
    origin_id = "group"
    failover_criteria {
      status_codes = [503]
    }
    member {
      origin_id = "primary"
    }
    member {
      origin_id = "secondary"
    }
  }
}

resource "aws_cloudfront_distribution" "plain" {
  enabled = true
  origin {
    origin_id   = "primary"
    domain_name = "primary.example.com"
  }
}
`,
      'cdk/lib/edge-stack.ts': `import { Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
export class EdgeStack extends Stack {
  build() {
    new cloudfront.CfnDistribution(this, 'Grouped', { distributionConfig: { enabled: true, originGroups: { quantity: 1, items: [{ id: 'group', failoverCriteria: { statusCodes: { quantity: 1, items: [503] } }, members: { quantity: 2, items: [{ originId: 'primary' }, { originId: 'secondary' }] } }] } } });
    new cloudfront.CfnDistribution(this, 'Plain', { distributionConfig: { enabled: true } });
  }
}
`,
      'pulumi/index.ts': `import * as aws from '@pulumi/aws';
new aws.cloudfront.Distribution('grouped', { enabled: true, originGroups: [{ originId: 'group', failoverCriteria: { statusCodes: [503] }, members: [{ originId: 'primary' }, { originId: 'secondary' }] }] });
new aws.cloudfront.Distribution('plain', { enabled: true });
`,
    });
    const origins = (d: Dependency) => [d.resource?.attributes?.originFailover ?? null, d.resource?.attributes?.originDomains ?? null];
    assert.deepEqual(factLines(map, 'AWS::CloudFront::Distribution', origins), [
      'cdk/lib/edge-stack.ts Grouped [true,null]',
      'cdk/lib/edge-stack.ts Plain [false,null]',
      'cfn/template.yaml Grouped [true,["primary.example.com","secondary.example.com"]]',
      'cfn/template.yaml Lone [false,["primary.example.com"]]',
      'pulumi/index.ts grouped [true,null]',
      'pulumi/index.ts plain [false,null]',
      'tf/main.tf grouped [true,["primary.example.com","secondary.example.com"]]',
      'tf/main.tf plain [false,["primary.example.com"]]',
    ]);
  });

  it('reads registry replication alike: every destination of every rule, none when there are no rules', async () => {
    const map = await analyseFiles({
      'cfn/template.yaml': `Resources:
  Registry:
    Type: AWS::ECR::ReplicationConfiguration
    Properties:
      ReplicationConfiguration:
        Rules:
          - Destinations: [{ Region: us-west-2, RegistryId: '111122223333' }, { Region: eu-west-1, RegistryId: '111122223333' }]
          - Destinations: [{ Region: !Ref Secondary, RegistryId: '111122223333' }]
  Empty:
    Type: AWS::ECR::ReplicationConfiguration
    Properties:
      ReplicationConfiguration: { Rules: [] }
`,
      'tf/main.tf': `resource "aws_ecr_replication_configuration" "registry" {
  replication_configuration {
    rule {
      destination {
        region      = "us-west-2"
        registry_id = "111122223333"
      }
      destination {
        region      = "eu-west-1"
        registry_id = "111122223333"
      }
    }
    rule {
      destination {
        region      = var.secondary
        registry_id = "111122223333"
      }
    }
  }
}
`,
      'cdk/lib/registry-stack.ts': `import { Stack } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
export class RegistryStack extends Stack {
  build(secondary: string) {
    new ecr.CfnReplicationConfiguration(this, 'Registry', {
      replicationConfiguration: { rules: [{ destinations: [{ region: 'us-west-2', registryId: '111122223333' }, { region: 'eu-west-1', registryId: '111122223333' }] }, { destinations: [{ region: secondary, registryId: '111122223333' }] }] },
    });
    new ecr.CfnReplicationConfiguration(this, 'Empty', { replicationConfiguration: { rules: [] } });
  }
}
`,
    });
    assert.deepEqual(factLines(map, 'AWS::ECR::ReplicationConfiguration', (d) => d.resource?.replicaRegions), [
      'cdk/lib/registry-stack.ts Empty []',
      'cdk/lib/registry-stack.ts Registry ["us-west-2","eu-west-1",null]',
      'cfn/template.yaml Empty []',
      'cfn/template.yaml Registry ["us-west-2","eu-west-1",null]',
      'tf/main.tf registry ["us-west-2","eu-west-1",null]',
    ]);
  });

  it('reads backup copy targets and event rule sources alike', async () => {
    const map = await analyseFiles({
      'cfn/template.yaml': `Resources:
  Plan:
    Type: AWS::Backup::BackupPlan
    Properties:
      BackupPlan:
        BackupPlanName: daily
        BackupPlanRule:
          - RuleName: daily
            TargetBackupVault: primary
            CopyActions:
              - DestinationBackupVaultArn: arn:aws:backup:us-west-2:111122223333:backup-vault:secondary
              - DestinationBackupVaultArn: !Sub 'arn:aws:backup:\${AWS::Region}:\${AWS::AccountId}:backup-vault:local'
  Health:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: '{"source": ["aws.health"]}'
  Silent:
    Type: AWS::Events::Rule
    Properties: { ScheduleExpression: rate(1 hour) }
`,
      'tf/main.tf': `resource "aws_backup_plan" "plan" {
  name = "daily"
  rule {
    rule_name         = "daily"
    target_vault_name = "primary"
    copy_action {
      destination_vault_arn = "arn:aws:backup:us-west-2:111122223333:backup-vault:secondary"
    }
  }
}

resource "aws_cloudwatch_event_rule" "health" {
  event_pattern = jsonencode({ source = ["aws.health"] })
}

resource "aws_cloudwatch_event_rule" "silent" {
  schedule_expression = "rate(1 hour)"
}
`,
      'cdk/lib/ops-stack.ts': `import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
export class OpsStack extends Stack {
  build() {
    new events.Rule(this, 'Health', { eventPattern: { source: ['aws.health'] } });
    new events.Rule(this, 'Silent', { schedule: events.Schedule.rate(Duration.hours(1)) });
  }
}
`,
    });
    assert.deepEqual(factLines(map, 'AWS::Backup::BackupPlan', (d) => d.resource?.attributes?.crossRegionCopyTargets), ['cfn/template.yaml Plan ["us-west-2"]', 'tf/main.tf plan ["us-west-2"]']);
    assert.deepEqual(factLines(map, 'AWS::Events::Rule', (d) => d.resource?.attributes?.eventSources), [
      'cdk/lib/ops-stack.ts Health ["aws.health"]',
      'cdk/lib/ops-stack.ts Silent -',
      'cfn/template.yaml Health ["aws.health"]',
      'cfn/template.yaml Silent -',
      'tf/main.tf health ["aws.health"]',
      'tf/main.tf silent -',
    ]);
  });

  it('reads NAT gateway counts: one per Terraform declaration, its count, nothing for for_each; a CDK VPC\'s natGateways when written', async () => {
    const map = await analyseFiles({
      'tf/main.tf': `resource "aws_nat_gateway" "one" {
  subnet_id = aws_subnet.public_a.id
}

resource "aws_nat_gateway" "counted" {
  count     = 2
  subnet_id = aws_subnet.public[count.index].id
}

resource "aws_nat_gateway" "each" {
  for_each  = toset(["a", "b"])
  subnet_id = aws_subnet.public[each.key].id
}
`,
      'cdk/lib/network-stack.ts': `import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
export class NetworkStack extends Stack {
  build() {
    new ec2.Vpc(this, 'Single', { natGateways: 1 });
    new ec2.Vpc(this, 'Default', {});
  }
}
`,
    });
    const nat = (d: Dependency) => d.resource?.attributes?.natGateways;
    assert.deepEqual([...factLines(map, 'AWS::EC2::NatGateway', nat), ...factLines(map, 'AWS::EC2::VPC', nat)], [
      'tf/main.tf counted 2',
      'tf/main.tf each -',
      'tf/main.tf one 1',
      'cdk/lib/network-stack.ts Default -',
      'cdk/lib/network-stack.ts Single 1',
    ]);
  });

  it('states that a CloudFormation table has no replicas of its own, and that SAM\'s SimpleTable has no point-in-time recovery', async () => {
    const map = await analyseFiles({
      'cfn/template.yaml': `Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{ AttributeName: pk, KeyType: HASH }]
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }
  Sessions:
    Type: AWS::Serverless::SimpleTable
`,
      'cdk/lib/table-stack.ts': `import { Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
export class TableStack extends Stack {
  build() {
    new dynamodb.CfnTable(this, 'Orders', { keySchema: [{ attributeName: 'pk', keyType: 'HASH' }] });
  }
}
`,
      'tf/main.tf': `resource "aws_dynamodb_table" "orders" {
  hash_key = "pk"
}
`,
    });
    const table = (d: Dependency) => [d.resource?.replicaRegions ?? null, d.resource?.attributes?.pointInTimeRecovery ?? null];
    assert.deepEqual(factLines(map, 'AWS::DynamoDB::Table', table), [
      'cdk/lib/table-stack.ts Orders [[],false]',
      'cfn/template.yaml Orders [[],true]',
      'cfn/template.yaml Sessions [[],false]',
      'tf/main.tf orders [[],false]',
    ]);
  });

  it('reads FSx deployment types alike: MULTI_AZ is Multi-AZ, SINGLE_AZ is not, Lustre is single-AZ in CloudFormation and not stated in Terraform', async () => {
    const map = await analyseFiles({
      'cfn/template.yaml': `Resources:
  Multi:
    Type: AWS::FSx::FileSystem
    Properties: { FileSystemType: WINDOWS, SubnetIds: [subnet-0a1b2c3d4e5f67890], WindowsConfiguration: { DeploymentType: MULTI_AZ_1, ThroughputCapacity: 32 } }
  Single:
    Type: AWS::FSx::FileSystem
    Properties: { FileSystemType: ONTAP, SubnetIds: [subnet-0a1b2c3d4e5f67890], OntapConfiguration: { DeploymentType: SINGLE_AZ_1 } }
  Scratch:
    Type: AWS::FSx::FileSystem
    Properties: { FileSystemType: LUSTRE, SubnetIds: [subnet-0a1b2c3d4e5f67890], LustreConfiguration: { DeploymentType: SCRATCH_2 } }
`,
      'tf/main.tf': `resource "aws_fsx_windows_file_system" "multi" {
  deployment_type     = "MULTI_AZ_1"
  throughput_capacity = 32
}

resource "aws_fsx_ontap_file_system" "single" {
  deployment_type = "SINGLE_AZ_1"
}

resource "aws_fsx_lustre_file_system" "scratch" {
  deployment_type = "SCRATCH_2"
}
`,
    });
    assert.deepEqual(factLines(map, 'AWS::FSx::FileSystem', (d) => d.resource?.multiAz), [
      'cfn/template.yaml Multi true',
      'cfn/template.yaml Scratch false',
      'cfn/template.yaml Single false',
      'tf/main.tf multi true',
      'tf/main.tf scratch -',
      'tf/main.tf single false',
    ]);
  });
});
