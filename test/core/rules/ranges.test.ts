/**
 * Issue 13 item 13: a finding's range is the construct's head (`new X(this, "Id"`, the resource's
 * type and name, the logical id) or the attribute it is about, never a whole multi-line construct
 * with its comments. The dependency's start stays where CONTRACTS anchors it.
 */
import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/model';
import { analyseFiles, findingsOf } from '../../support/ruleTester';

const range = (f: Finding | undefined) => (f ? `${f.line}:${f.column}-${f.endLine}:${f.endColumn}` : 'none');

const CDK_STACK = `import * as cdk from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";

export class OrdersStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id, { env: { region: "us-east-1" } });

    const table = new dynamodb.Table(this, "Orders", {
      // Orders are keyed by customer, then by order id.
      partitionKey: { name: "pk", type: dynamodb.AttributeType.STRING },
      sortKey: { name: "sk", type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      // Retained so that a stack deletion never loses orders.
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    table.grantReadData(new cdk.aws_iam.AccountRootPrincipal());
  }
}
`;

const PULUMI = `import * as aws from "@pulumi/aws";

const orders = new aws.dynamodb.Table("orders", {
  attributes: [{ name: "id", type: "S" }],
  hashKey: "id",
  billingMode: "PAY_PER_REQUEST",
});
`;

const TF = `provider "aws" {
  region = "us-east-1"
}

# A public subnet in one named zone.
resource "aws_subnet" "public_a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "us-east-1a"

  tags = {
    Name = "public-a"
  }
}
`;

const CFN = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  PublicSubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
      AvailabilityZone: us-east-1a
`;

describe('finding ranges are construct heads or the attribute (issue 13 item 13)', () => {
  it('CDK: the `new X(this, "Id"` head, one line, not the props and comments', async () => {
    const map = await analyseFiles({ 'lib/orders-stack.ts': CDK_STACK });
    assert.equal(range(findingsOf(map, 'dynamodb-table-not-global')[0]), '8:19-8:52');
    const dep = map.dependencies.find((d) => d.name === 'Orders');
    assert.deepEqual([dep?.line, dep?.column], [8, 19]);
  });

  it('Pulumi: the `new aws.x.Y("name"` head', async () => {
    const map = await analyseFiles({ 'index.ts': PULUMI });
    assert.equal(range(findingsOf(map, 'dynamodb-table-not-global')[0]), '3:16-3:47');
  });

  it('Terraform: hardcoded-availability-zone on `availability_zone = …`, not on the resource line', async () => {
    const map = await analyseFiles({ 'main.tf': TF });
    assert.equal(range(findingsOf(map, 'hardcoded-availability-zone')[0]), '9:3-9:35');
    const dep = map.dependencies.find((d) => d.name === 'aws_subnet.public_a');
    assert.deepEqual([dep?.line, dep?.column, dep?.endLine], [6, 1, 6]);
  });

  it('CloudFormation: hardcoded-availability-zone on the AvailabilityZone property', async () => {
    const map = await analyseFiles({ 'template.yaml': CFN });
    assert.equal(range(findingsOf(map, 'hardcoded-availability-zone')[0]), '8:7-8:35');
  });
});
