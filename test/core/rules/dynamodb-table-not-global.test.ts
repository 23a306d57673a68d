import assert from 'node:assert/strict';
import { rule } from '../../../src/core/rules/dynamodb-table-not-global';
import { located, resource, runOn, scanWith } from '../../support/ruleTester';

const SAMCONFIG_EU = `version = 0.1
[default.deploy.parameters]
stack_name = "orders"
region = "eu-west-1"
`;

const SINGLE_TABLE = `AWSTemplateFormatVersion: "2010-09-09"
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
`;

const globalTable = (replicas: string) => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  SecondaryRegion:
    Type: String
Resources:
  SessionsTable:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: id
          AttributeType: S
      KeySchema:
        - AttributeName: id
          KeyType: HASH
      StreamSpecification:
        StreamViewType: NEW_AND_OLD_IMAGES
      Replicas:
${replicas}`;

describe('rule dynamodb-table-not-global', () => {
  describe('CloudFormation and SAM', () => {
    it('reports a plain table at its logical id, medium at the default tier, with the deploy region', async () => {
      const findings = await scanWith(rule, { 'template.yaml': SINGLE_TABLE, 'samconfig.toml': SAMCONFIG_EU });
      assert.deepEqual(located(findings), ['template.yaml:3:3 medium']);
      assert.match(findings[0].message, /OrdersTable exists only in eu-west-1/);
    });

    it('rises to high for MissionCritical and falls to low for NonCritical workloads', async () => {
      assert.deepEqual(located(await scanWith(rule, { 'template.yaml': SINGLE_TABLE }, { tier: 'MissionCritical' })), ['template.yaml:3:3 high']);
      assert.deepEqual(located(await scanWith(rule, { 'template.yaml': SINGLE_TABLE }, { tier: 'NonCritical' })), ['template.yaml:3:3 low']);
    });

    it('reports a SAM SimpleTable, which cannot have replicas', async () => {
      const sam = `Transform: AWS::Serverless-2016-10-31
Resources:
  CartTable:
    Type: AWS::Serverless::SimpleTable
    Properties:
      PrimaryKey:
        Name: cartId
        Type: String
`;
      const findings = await scanWith(rule, { 'template.yaml': sam });
      assert.deepEqual(located(findings), ['template.yaml:3:3 medium']);
      assert.match(findings[0].message, /in the region it is deployed to/);
    });

    it('accepts a global table with a replica in another region', async () => {
      const replicas = `        - Region: !Ref AWS::Region
        - Region: us-west-2
`;
      assert.deepEqual(await scanWith(rule, { 'template.yaml': globalTable(replicas), 'samconfig.toml': SAMCONFIG_EU }), []);
    });

    it('reports a global table whose only replica is the stack itself', async () => {
      const replicas = `        - Region: !Ref AWS::Region
`;
      assert.deepEqual(located(await scanWith(rule, { 'template.yaml': globalTable(replicas) })), ['template.yaml:6:3 medium']);
    });

    it('does not count a replica region equal to the stack region', async () => {
      const replicas = `        - Region: eu-west-1
`;
      const findings = await scanWith(rule, { 'template.yaml': globalTable(replicas), 'samconfig.toml': SAMCONFIG_EU });
      assert.deepEqual(located(findings), ['template.yaml:6:3 medium']);
      assert.match(findings[0].message, /SessionsTable exists only in eu-west-1/);
    });

    it('reports at info when the second replica region is a parameter', async () => {
      const replicas = `        - Region: !Ref AWS::Region
        - Region: !Ref SecondaryRegion
`;
      const findings = await scanWith(rule, { 'template.yaml': globalTable(replicas) });
      assert.deepEqual(located(findings), ['template.yaml:6:3 info']);
      assert.match(findings[0].message, /does not state/);
    });
  });

  describe('Terraform, CDK and Pulumi resources', () => {
    it('accepts a Terraform table with a replica block in another region', () => {
      const table = resource('aws_dynamodb_table', 'orders', { service: 'dynamodb', region: 'us-east-1', regionSource: 'provider', facts: { replicaRegions: ['us-west-2'] } });
      assert.deepEqual(runOn(rule, [table]), []);
    });

    it('follows aws_dynamodb_table_replica resources to the region of their provider', () => {
      const table = resource('aws_dynamodb_table', 'orders', { service: 'dynamodb', region: 'us-east-1', regionSource: 'provider' });
      const west = resource('aws_dynamodb_table_replica', 'orders_west', {
        service: 'dynamodb', region: 'us-west-2', regionSource: 'provider', facts: { attributes: { replicaOf: ['aws_dynamodb_table.orders.arn'] } },
      });
      assert.deepEqual(runOn(rule, [table, west]), []);
      const sameRegion = { ...west, region: 'us-east-1' };
      const findings = runOn(rule, [table, sameRegion]);
      assert.deepEqual(located(findings), [`main.tf:${table.line}:1 medium`]);
      assert.deepEqual(findings[0].related?.map((r) => r.line), [west.line]);
    });

    it('does not take a replica in another Terraform module for this table', () => {
      const table = resource('aws_dynamodb_table', 'orders', { service: 'dynamodb', file: 'stacks/a/main.tf', region: 'us-east-1' });
      const other = resource('aws_dynamodb_table_replica', 'orders_west', {
        service: 'dynamodb', file: 'stacks/b/main.tf', region: 'us-west-2', facts: { attributes: { replicaOf: ['aws_dynamodb_table.orders.arn'] } },
      });
      assert.equal(runOn(rule, [table, other]).length, 1);
    });

    it('reports CDK TableV2 and Pulumi tables without replicas, and accepts CDK replicas', () => {
      const cdk = resource('aws-cdk-lib/aws-dynamodb.TableV2', 'Orders', { service: 'dynamodb', file: 'lib/stack.ts', region: 'eu-central-1' });
      const pulumi = resource('aws:dynamodb/table:Table', 'orders', { service: 'dynamodb', file: 'index.ts' });
      const pulumiClass = resource('@pulumi/aws.dynamodb.Table', 'carts', { service: 'dynamodb', file: 'index.ts' });
      const replicated = resource('aws-cdk-lib/aws-dynamodb.TableV2', 'Sessions', { service: 'dynamodb', file: 'lib/stack.ts', region: 'eu-central-1', facts: { replicaRegions: ['eu-west-1'] } });
      const findings = runOn(rule, [cdk, pulumi, pulumiClass, replicated]);
      assert.deepEqual(findings.map((f) => f.dependencyIds[0]).sort(), [cdk.id, pulumi.id, pulumiClass.id].sort());
    });
  });

  it('reads a CDK app: a TableV2 without replicas in a stack pinned to us-east-1, and one with a replica', async () => {
    const app = `import { App, Stack, StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

export class OrdersStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    new dynamodb.TableV2(this, 'Orders', {
      partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
    });
    new dynamodb.TableV2(this, 'Sessions', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      replicas: [{ region: 'us-west-2' }],
    });
  }
}

const app = new App();
new OrdersStack(app, 'Orders', { env: { account: '111122223333', region: 'us-east-1' } });
`;
    const findings = await scanWith(rule, { 'bin/app.ts': app });
    assert.deepEqual(located(findings), ['bin/app.ts:8:5 medium']);
    assert.match(findings[0].message, /Orders exists only in us-east-1/);
  });

  it('reads a Pulumi program, with the stack region from Pulumi.<stack>.yaml', async () => {
    const program = `import * as aws from '@pulumi/aws';

export const orders = new aws.dynamodb.Table('orders', {
  attributes: [{ name: 'id', type: 'S' }],
  hashKey: 'id',
  billingMode: 'PAY_PER_REQUEST',
});
`;
    const findings = await scanWith(rule, { 'index.ts': program, 'Pulumi.yaml': 'name: shop\nruntime: nodejs\n', 'Pulumi.prod.yaml': 'config:\n  aws:region: eu-west-1\n' });
    assert.deepEqual(located(findings), ['index.ts:3:23 medium']);
    assert.match(findings[0].message, /orders exists only in eu-west-1/);
  });
});
