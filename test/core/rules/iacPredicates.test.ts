/**
 * The shared vocabulary of the infrastructure rules: one resource kind across every format's
 * spelling of its type, references between resources, replication and quick fixes.
 */
import assert from 'node:assert/strict';
import {
  addPropertyFix, isDynamoDbTable, isEdgeFunction, isLegacyDynamoDbGlobalTable, isS3Bucket, replicationOf, stackRegionsOf,
} from '../../../src/core/rules/iacPredicates';
import type { RuleContext } from '../../../src/core/rules/types';
import { refersTo, relateResources } from '../../../src/core/resolve/links';
import { defaultConfig } from '../../../src/core/config';
import type { Dependency, TraceEvidence } from '../../../src/core/model';
import { traceStep } from '../../../src/core/trace';
import { resource } from '../../support/ruleTester';

function contextOf(dependencies: Dependency[]): RuleContext {
  // Resolution links references before rules run (the dependencies are this test's own).
  relateResources(dependencies);
  return {
    dependencies,
    byId: new Map(dependencies.map((d) => [d.id, d])),
    deployUnits: [],
    suppressions: [],
    problems: [],
    config: defaultConfig(),
    knownRuleIds: new Set(),
    report: () => undefined,
  };
}

describe('IaC predicates', () => {
  describe('resource types across formats', () => {
    it('matches one concept whatever the format, and nothing else', () => {
      const t = (type: string) => resource(type, 'x', { service: 'dynamodb' });
      for (const type of ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::Serverless::SimpleTable', 'aws_dynamodb_table', 'aws-cdk-lib/aws-dynamodb.Table', 'aws-cdk-lib/aws-dynamodb.TableV2', 'aws-cdk-lib/aws-dynamodb.CfnGlobalTable', 'aws:dynamodb/table:Table', '@pulumi/aws.dynamodb.Table']) {
        assert.ok(isDynamoDbTable(t(type)), type);
      }
      for (const type of ['aws_dynamodb_global_table', 'aws_dynamodb_table_replica', 'AWS::DynamoDB::Stream', 'aws-cdk-lib/aws-s3.Bucket']) assert.ok(!isDynamoDbTable(t(type)), type);
      assert.ok(isLegacyDynamoDbGlobalTable(t('aws_dynamodb_global_table')));
      assert.ok(!isLegacyDynamoDbGlobalTable(t('AWS::DynamoDB::GlobalTable')), 'CloudFormation global tables are the current version');
      assert.ok(isS3Bucket(t('aws:s3/bucketV2:BucketV2')));
      assert.ok(isEdgeFunction(resource('aws-cdk-lib/aws-cloudfront.experimental.EdgeFunction', 'x', { service: 'lambda', facts: { attributes: { lambdaEdge: true } } })));
      assert.ok(!isEdgeFunction(t('aws-cdk-lib/aws-lambda.Function')), 'a Lambda function that is not deployed to the edge');
      assert.ok(!isDynamoDbTable({ ...t('AWS::DynamoDB::Table'), kind: 'arn' }), 'only declared resources');
    });
  });

  describe('references', () => {
    const table = resource('AWS::DynamoDB::Table', 'OrdersTable', { file: 'stack/template.yaml', facts: { attributes: { physicalNames: ['orders'] } } });
    const tf = resource('aws_s3_bucket', 'replica', { file: 'infra/main.tf' });

    it('follows logical ids inside the same template only', () => {
      const here = resource('AWS::Lambda::Function', 'Fn', { file: 'stack/template.yaml' });
      const there = resource('AWS::Lambda::Function', 'Fn', { file: 'other/template.yaml' });
      for (const ref of ['OrdersTable', '${OrdersTable}', '${OrdersTable.Arn}', 'arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${OrdersTable}']) assert.ok(refersTo(ref, table, here), ref);
      assert.ok(!refersTo('${OrdersTable}', table, there));
      assert.ok(!refersTo('${OrdersTableV2}', table, here));
    });

    it('follows ARNs and physical names anywhere', () => {
      const there = resource('aws_dynamodb_table_replica', 'r', { file: 'dr/main.tf' });
      assert.ok(refersTo('arn:aws:dynamodb:us-east-1:111122223333:table/orders', table, there));
      assert.ok(refersTo('orders', table, there));
      assert.ok(!refersTo('arn:aws:dynamodb:us-east-1:111122223333:table/orders-archive', table, there));
    });

    it('follows Terraform addresses inside the same module directory, on whole names', () => {
      const here = resource('aws_s3_bucket_replication_configuration', 'c', { file: 'infra/replication.tf' });
      const there = resource('aws_s3_bucket_replication_configuration', 'c', { file: 'other/main.tf' });
      assert.ok(refersTo('aws_s3_bucket.replica.arn', tf, here));
      assert.ok(refersTo('${aws_s3_bucket.replica.id}', tf, here));
      assert.ok(!refersTo('aws_s3_bucket.replica_logs.arn', tf, here));
      assert.ok(!refersTo('aws_s3_bucket.replica.arn', tf, there));
    });
  });

  describe('replication', () => {
    it('does not count a replica in the resource\'s own region, and counts any named region when its own is unknown', () => {
      const own = resource('aws_dynamodb_table', 'a', { region: 'us-east-1', facts: { replicaRegions: ['us-east-1'] } });
      assert.equal(replicationOf(own, contextOf([own])).kind, 'same-region');
      const unknownOwn = resource('aws_dynamodb_table', 'b', { facts: { replicaRegions: ['us-east-1'] } });
      assert.equal(replicationOf(unknownOwn, contextOf([unknownOwn])).kind, 'other-region');
      const unnamed = resource('aws_dynamodb_table', 'c', { region: 'us-east-1', facts: { replicaRegions: [null] } });
      assert.equal(replicationOf(unnamed, contextOf([unnamed])).kind, 'unknown-region');
      const none = resource('aws_dynamodb_table', 'd', { region: 'us-east-1' });
      assert.equal(replicationOf(none, contextOf([none])).kind, 'none');
    });

    it('removes the table itself from lists that include it (CloudFormation global tables)', () => {
      const self = (regions: (string | null)[], region: string | null = 'eu-west-1') =>
        resource('AWS::DynamoDB::GlobalTable', 'T', { file: 'template.yaml', region, facts: { replicaRegions: regions, attributes: { replicaRegionsIncludeOwn: true } } });
      const kind = (d: Dependency) => replicationOf(d, contextOf([d])).kind;
      assert.equal(kind(self([null])), 'none', '!Ref AWS::Region alone');
      assert.equal(kind(self(['eu-west-1'])), 'none');
      assert.equal(kind(self([null, 'us-west-2'])), 'other-region');
      assert.equal(kind(self(['eu-west-1', null])), 'unknown-region');
    });

    it('counts resources that copy this one, where they live', () => {
      const primary = resource('aws_db_instance', 'primary', { region: 'us-east-1' });
      const replica = resource('aws_db_instance', 'replica', { region: 'us-west-2', facts: { attributes: { replicaSource: 'aws_db_instance.primary.arn' } } });
      const result = replicationOf(primary, contextOf([primary, replica]));
      assert.equal(result.kind, 'other-region');
      assert.deepEqual(result.kind === 'other-region' ? result.via : [], [replica]);
    });
  });

  describe('stack regions before global-service pinning', () => {
    it('reads the configured region, then the stack\'s other resources, then the trace before pinning', () => {
      const pinned = (trace: TraceEvidence[]) => resource('AWS::CloudFront::Distribution', 'D', {
        file: 'template.yaml', region: 'us-east-1', regionSource: 'global-service',
        regionTrace: trace.map((evidence, i) => traceStep({ file: 'samconfig.toml', line: i + 1 }, evidence)),
      });
      const note = 'Distribution changes … are managed in us-east-1.';
      const pin = (configuredRegion?: string): TraceEvidence => ({ kind: 'global-control-plane', service: 'cloudfront', region: 'us-east-1', note, ...(configuredRegion ? { configuredRegion } : {}) });
      const configured = pinned([{ kind: 'deploy-config', setting: 'region', value: 'eu-west-1', region: 'eu-west-1' }, pin('eu-west-1')]);
      assert.deepEqual(stackRegionsOf(configured, contextOf([configured])), ['eu-west-1']);
      const plain = pinned([{ kind: 'deploy-config', setting: 'region', value: 'us-east-1', region: 'us-east-1' }, pin()]);
      assert.deepEqual(stackRegionsOf(plain, contextOf([plain])), ['us-east-1']);
      const sibling = resource('AWS::S3::Bucket', 'B', { file: 'template.yaml', region: 'ap-southeast-2', regionSource: 'deploy-config' });
      assert.deepEqual(stackRegionsOf(plain, contextOf([plain, sibling])), ['ap-southeast-2']);
      const unknown = pinned([{ kind: 'deploy-time', subject: 'stack' }, pin()]);
      assert.deepEqual(stackRegionsOf(unknown, contextOf([unknown])), []);
    });
  });

  describe('quick fixes', () => {
    const at = (keys: string[], syntax: 'yaml' | 'hcl' = 'yaml') => resource('AWS::RDS::DBInstance', 'Db', { file: 'template.yaml', facts: { attributes: { propertyInsertion: { line: 7, indent: '      ', syntax, keys } } } });

    it('inserts one line after the insertion point, in the declaration\'s syntax', () => {
      assert.deepEqual(addPropertyFix(at(['Engine']), 'd', { yaml: ['MultiAZ', 'true'] })?.edits, [{ file: 'template.yaml', line: 8, column: 1, endLine: 8, endColumn: 1, newText: '      MultiAZ: true\n' }]);
      assert.equal(addPropertyFix(at(['engine'], 'hcl'), 'd', { hcl: ['multi_az', 'true'] })?.edits[0].newText, '      multi_az = true\n');
    });

    it('offers nothing when the key is already written, the syntax has no line, or there is no insertion point', () => {
      assert.equal(addPropertyFix(at(['Engine', 'MultiAZ']), 'd', { yaml: ['MultiAZ', 'true'] }), undefined);
      assert.equal(addPropertyFix(at(['engine'], 'hcl'), 'd', { yaml: ['MultiAZ', 'true'] }), undefined);
      assert.equal(addPropertyFix(resource('aws_db_instance', 'db'), 'd', { hcl: ['multi_az', 'true'] }), undefined);
    });
  });
});
