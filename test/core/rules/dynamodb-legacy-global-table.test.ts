import assert from 'node:assert/strict';
import { rule } from '../../../src/core/rules/dynamodb-legacy-global-table';
import { located, resource, runOn, scanWith } from '../../support/ruleTester';

const LEGACY = `provider "aws" {
  alias  = "use1"
  region = "us-east-1"
}

resource "aws_dynamodb_global_table" "orders" {
  provider = aws.use1
  name     = "orders"

  replica {
    region_name = "us-east-1"
  }

  replica {
    region_name = "us-west-2"
  }
}
`;

describe('rule dynamodb-legacy-global-table', () => {
  it('reports a Terraform aws_dynamodb_global_table at its resource keyword, as info', async () => {
    const findings = await scanWith(rule, { 'global.tf': LEGACY });
    assert.deepEqual(located(findings), ['global.tf:6:1 info']);
    assert.match(findings[0].message, /legacy \(2017\.11\.29\)/);
  });

  it('does not report the current version: a replica block, or CloudFormation AWS::DynamoDB::GlobalTable', async () => {
    const current = `resource "aws_dynamodb_table" "orders" {
  name             = "orders"
  hash_key         = "id"
  billing_mode     = "PAY_PER_REQUEST"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  attribute {
    name = "id"
    type = "S"
  }

  replica {
    region_name = "us-west-2"
  }
}
`;
    const cfn = `Resources:
  Orders:
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
        - Region: us-west-2
`;
    assert.deepEqual(await scanWith(rule, { 'main.tf': current, 'template.yaml': cfn }), []);
  });

  it('stays info at every tier', async () => {
    assert.deepEqual(located(await scanWith(rule, { 'global.tf': LEGACY }, { tier: 'MissionCritical' })), ['global.tf:6:1 info']);
  });

  it('recognises the Pulumi classic GlobalTable, and not the CDK L1 CfnGlobalTable (the current version)', () => {
    const pulumi = resource('aws:dynamodb/globalTable:GlobalTable', 'orders', { service: 'dynamodb', file: 'index.ts' });
    const cdk = resource('aws-cdk-lib/aws-dynamodb.CfnGlobalTable', 'Orders', { service: 'dynamodb', file: 'lib/stack.ts' });
    assert.deepEqual(runOn(rule, [pulumi, cdk]).map((f) => f.dependencyIds[0]), [pulumi.id]);
  });
});
