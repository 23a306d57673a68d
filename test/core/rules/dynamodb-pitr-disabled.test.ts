import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rule } from '../../../src/core/rules/dynamodb-pitr-disabled';
import { located, resource, runOn, scanWith } from '../../support/ruleTester';

const table = (extra: string) => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  OrdersTable:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: pk
          AttributeType: S
      KeySchema:
        - AttributeName: pk
          KeyType: HASH
${extra}`;

describe('rule dynamodb-pitr-disabled', () => {
  it('reports a table without PointInTimeRecoverySpecification, low', async () => {
    assert.deepEqual(located(await scanWith(rule, { 'template.yaml': table('') })), ['template.yaml:3:3 low']);
  });

  it('reports PointInTimeRecoveryEnabled: false and accepts true', async () => {
    const off = table('      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: false\n');
    const on = table('      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: true\n');
    assert.deepEqual(located(await scanWith(rule, { 'template.yaml': off })), ['template.yaml:3:3 low']);
    assert.deepEqual(await scanWith(rule, { 'template.yaml': on }), []);
  });

  it('does not judge a value computed by a condition', async () => {
    const computed = `Conditions:
  IsProd: !Equals [!Ref AWS::AccountId, "111122223333"]
${table('      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: !If [IsProd, true, false]\n').replace('AWSTemplateFormatVersion: "2010-09-09"\n', '')}`;
    assert.deepEqual(await scanWith(rule, { 'template.yaml': computed }), []);
  });

  it('asks for it on every replica of a CloudFormation global table', async () => {
    const global = `Resources:
  Sessions:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: id
          AttributeType: S
      KeySchema:
        - AttributeName: id
          KeyType: HASH
      Replicas:
        - Region: us-east-1
          PointInTimeRecoverySpecification:
            PointInTimeRecoveryEnabled: true
        - Region: us-west-2
`;
    const findings = await scanWith(rule, { 'template.yaml': global });
    assert.deepEqual(located(findings), ['template.yaml:2:3 low']);
    assert.match(findings[0].message, /on every replica/);
  });

  it('reports a Terraform table without point_in_time_recovery and accepts enabled = true', async () => {
    const tf = `resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"

  attribute {
    name = "pk"
    type = "S"
  }
}
`;
    assert.deepEqual(located(await scanWith(rule, { 'main.tf': tf })), ['main.tf:1:1 low']);
    const on = tf.replace('  hash_key     = "pk"\n', '  hash_key     = "pk"\n\n  point_in_time_recovery {\n    enabled = true\n  }\n');
    assert.deepEqual(await scanWith(rule, { 'main.tf': on }), []);
  });

  it('reads CDK and Pulumi tables through the same attribute', () => {
    const cdkOn = resource('aws-cdk-lib/aws-dynamodb.Table', 'Orders', { service: 'dynamodb', file: 'lib/stack.ts', facts: { attributes: { pointInTimeRecovery: true } } });
    const pulumiOff = resource('@pulumi/aws.dynamodb.Table', 'orders', { service: 'dynamodb', file: 'index.ts', facts: { attributes: { pointInTimeRecovery: false } } });
    // A scanner that does not know (undefined) leaves the table unjudged.
    const unknown = resource('aws:dynamodb/table:Table', 'carts', { service: 'dynamodb', file: 'index.ts' });
    assert.deepEqual(runOn(rule, [cdkOn, pulumiOff, unknown]).map((f) => f.dependencyIds[0]), [pulumiOff.id]);
  });
});

const SITE_APP = join(__dirname, '../../fixtures/cdk/replicated-site');
/** The CDK app of test/fixtures/cdk/replicated-site: a site stack in eu-west-1, its certificate in us-east-1, its replica in us-west-2. */
const siteApp = (only = ['bin/site.ts', 'lib/certificate-stack.ts', 'lib/replica-stack.ts', 'lib/site-stack.ts']): Record<string, string> =>
  Object.fromEntries(only.map((rel) => [rel, readFileSync(join(SITE_APP, rel), 'utf8')]));

describe('rule dynamodb-pitr-disabled on AWS CDK apps', () => {
  it('reports a CDK table left at the default and accepts either way of enabling it', async () => {
    const findings = await scanWith(rule, siteApp());
    // Sessions (TableV2) says nothing; Orders (Table) has pointInTimeRecoverySpecification.
    assert.deepEqual(located(findings), ['lib/site-stack.ts:19:5 low']);
    assert.match(findings[0].message, /^DynamoDB table Sessions has no point-in-time recovery/);
  });

  it('does not judge tables whose props come from elsewhere, and reads L1 tables with CloudFormation\'s default', async () => {
    const text = [
      "import { Stack } from 'aws-cdk-lib';",
      "import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';",
      'export class TablesStack extends Stack {',
      '  build(shared: dynamodb.TablePropsV2) {',
      "    new dynamodb.TableV2(this, 'Shared', shared);",
      "    new dynamodb.TableV2(this, 'Carts', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, pointInTimeRecovery: true });",
      "    new dynamodb.CfnTable(this, 'Audit', { keySchema: [{ attributeName: 'id', keyType: 'HASH' }], attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }] });",
      '  }',
      '}',
    ].join('\n');
    assert.deepEqual(located(await scanWith(rule, { 'lib/tables-stack.ts': text })), ['lib/tables-stack.ts:7:5 low']);
  });
});
