/**
 * The kind table: every spelling it lists maps to a CloudFormation type that exists in the
 * catalogue (and `Type/Property` parts to a property that type has in the CDK service spec, the
 * catalogue's source), one kind per concept across formats, and the mechanical mappings stay off
 * the kinds the table lists.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { isCloudFormationResourceType } from '../../../src/core/catalogue/services';
import { KIND_TABLE, baseTypeOf, canonicalKind, formatOfType, kindOf, resourceIdentity } from '../../../src/core/resources/kinds';

interface SpecResource { cloudFormationType: string; properties: Record<string, unknown> }
const spec = JSON.parse(gunzipSync(readFileSync(require.resolve('@aws-cdk/aws-service-spec/db.json.gz'))).toString()) as { schema: { resource: { entities: Record<string, SpecResource> } } };
const specByType = new Map(Object.values(spec.schema.resource.entities).map((r) => [r.cloudFormationType, r]));

describe('resource kinds', () => {
  it('maps every type of the table to a CloudFormation type of the catalogue, parts to a property of it', () => {
    for (const entry of KIND_TABLE) {
      const base = baseTypeOf(entry.kind);
      assert.ok(isCloudFormationResourceType(base), `${entry.kind}: ${base} is not in the catalogue`);
      const part = /\/([A-Za-z0-9]+)$/.exec(entry.kind);
      if (part) assert.ok(Object.prototype.hasOwnProperty.call(specByType.get(base)?.properties ?? {}, part[1]), `${base} has no property ${part[1]}`);
      for (const spelling of [...(entry.terraform ?? []), ...(entry.pulumi ?? []), ...(entry.sam ?? []), ...(entry.cdk ?? []).map((c) => `aws-cdk-lib/${c}`)]) {
        assert.equal(canonicalKind(spelling), entry.kind, spelling);
      }
    }
  });

  it('lists each spelling once, in one entry', () => {
    const seen = new Map<string, string>();
    for (const entry of KIND_TABLE) {
      assert.ok(!seen.has(`kind ${entry.kind}`), `${entry.kind} has two entries`);
      seen.set(`kind ${entry.kind}`, entry.kind);
      for (const s of [...(entry.terraform ?? []), ...(entry.pulumi ?? []), ...(entry.sam ?? []), ...(entry.cdk ?? [])]) {
        assert.ok(!seen.has(s), `${s} is listed under ${seen.get(s)} and ${entry.kind}`);
        seen.set(s, entry.kind);
      }
    }
  });

  it('gives the CloudFormation, SAM, Terraform, CDK L1 and L2, and Pulumi spellings of a table one kind', () => {
    const spellings = [
      'AWS::DynamoDB::Table', 'AWS::Serverless::SimpleTable', 'aws_dynamodb_table', 'aws-cdk-lib/aws-dynamodb.CfnTable', '@aws-cdk/aws-dynamodb.CfnTable',
      'aws-cdk-lib/aws-dynamodb.Table', 'aws-cdk-lib/aws-dynamodb.TableV2', 'aws:dynamodb/table:Table', '@pulumi/aws.dynamodb.Table', 'aws.dynamodb.Table',
      'aws-native:dynamodb:Table', '@pulumi/aws-native.dynamodb.Table',
    ];
    for (const s of spellings) assert.equal(canonicalKind(s), 'AWS::DynamoDB::Table', s);
    assert.equal(canonicalKind('aws-cdk-lib/aws-dynamodb.CfnGlobalTable'), 'AWS::DynamoDB::GlobalTable');
  });

  it('keeps pieces and older generations apart from the resource they belong to', () => {
    assert.equal(canonicalKind('aws_dynamodb_table_replica'), 'AWS::DynamoDB::GlobalTable/Replicas');
    assert.equal(canonicalKind('aws_dynamodb_global_table'), 'AWS::DynamoDB::GlobalTable@2017.11.29');
    assert.equal(canonicalKind('aws_s3_bucket_replication_configuration'), 'AWS::S3::Bucket/ReplicationConfiguration');
    assert.equal(canonicalKind('aws-cdk-lib/aws-cloudfront.experimental.EdgeFunction'), 'AWS::Lambda::Function');
  });

  it('maps other types mechanically only to types of the catalogue, never onto a kind of the table', () => {
    assert.equal(canonicalKind('aws_sqs_queue'), 'AWS::SQS::Queue');
    assert.equal(canonicalKind('aws_vpc_endpoint'), 'AWS::EC2::VPCEndpoint');
    assert.equal(canonicalKind('aws_cloudwatch_log_group'), 'AWS::Logs::LogGroup');
    assert.equal(canonicalKind('aws-cdk-lib/aws-sqs.Queue'), 'AWS::SQS::Queue');
    assert.equal(canonicalKind('aws:sqs/queue:Queue'), 'AWS::SQS::Queue');
    // Not listed in the table: an unknown spelling of a listed kind stays without a kind.
    assert.equal(canonicalKind('aws-cdk-lib/aws-dynamodb.GlobalTable'), undefined);
    assert.equal(canonicalKind('aws:dynamodb/tableItem:TableItem'), undefined);
    for (const s of ['Custom::OrdersSeeder', 'terraform-backend-s3', 'serverless-event:sqs', 'AWS::S3::Object', 'aws_network_acl_rule', '!Rain::Module bucket.yaml']) {
      assert.equal(canonicalKind(s), undefined, s);
    }
  });

  it('records the kind on a declared resource, and reads it back before the type', () => {
    assert.deepEqual(resourceIdentity('aws_kms_key', 'data'), { type: 'aws_kms_key', kind: 'AWS::KMS::Key', name: 'data' });
    assert.deepEqual(resourceIdentity('Custom::Seeder', 'Seed'), { type: 'Custom::Seeder', name: 'Seed' });
    assert.equal(kindOf({ type: 'aws_kms_key' }), 'AWS::KMS::Key');
    assert.equal(kindOf({ type: 'whatever', kind: 'AWS::KMS::Key' }), 'AWS::KMS::Key');
  });

  it('tells the format from the spelling', () => {
    assert.equal(formatOfType('aws_s3_bucket'), 'terraform');
    assert.equal(formatOfType('aws-cdk-lib/aws-s3.Bucket'), 'cdk');
    assert.equal(formatOfType('aws:s3/bucket:Bucket'), 'pulumi');
    assert.equal(formatOfType('aws-native:s3:Bucket'), 'pulumi-native');
    assert.equal(formatOfType('AWS::S3::Bucket'), 'cloudformation');
  });
});
