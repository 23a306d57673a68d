import assert from 'node:assert/strict';
import { rule } from '../../../src/core/rules/iam-in-app-stack';
import { located, resource, runOn, scanWith } from '../../support/ruleTester';

const ROLE = `  OrdersFunctionRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
`;

const FUNCTION = `  OrdersFunction:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Role: !GetAtt OrdersFunctionRole.Arn
      Code:
        ZipFile: exports.handler = async () => ({ statusCode: 200 });
`;

const template = (...parts: string[]) => `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${parts.join('')}`;

describe('rule iam-in-app-stack', () => {
  it('reports an IAM role declared beside a function, as info at every tier', async () => {
    const findings = await scanWith(rule, { 'template.yaml': template(ROLE, FUNCTION) }, { tier: 'MissionCritical' });
    assert.deepEqual(located(findings), ['template.yaml:3:3 info']);
    assert.match(findings[0].message, /IAM resource OrdersFunctionRole is created by the same stack as the application \(OrdersFunction …\)/);
  });

  it('does not report a stack that holds only IAM resources', async () => {
    const policy = `  DeployPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: cloudformation:*
            Resource: "*"
`;
    assert.deepEqual(await scanWith(rule, { 'identity/template.yaml': template(ROLE, policy), 'app/template.yaml': template(FUNCTION.replace('!GetAtt OrdersFunctionRole.Arn', '!ImportValue orders-function-role-arn')) }), []);
  });

  it('groups Terraform resources by module directory', async () => {
    const app = `resource "aws_iam_role" "orders" {
  name               = "orders"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

resource "aws_lambda_function" "orders" {
  function_name = "orders"
  role          = aws_iam_role.orders.arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "orders.zip"
}
`;
    const identity = `resource "aws_iam_role" "deploy" {
  name               = "deploy"
  assume_role_policy = data.aws_iam_policy_document.ci_assume.json
}
`;
    assert.deepEqual(located(await scanWith(rule, { 'app/main.tf': app, 'identity/main.tf': identity })), ['app/main.tf:1:1 info']);
  });

  it('reads CDK stacks by file', () => {
    const role = resource('aws-cdk-lib/aws-iam.Role', 'OrdersRole', { service: 'iam', file: 'lib/orders.ts' });
    const fn = resource('aws-cdk-lib/aws-lambda.Function', 'Orders', { service: 'lambda', file: 'lib/orders.ts' });
    const other = resource('aws-cdk-lib/aws-iam.Role', 'CiRole', { service: 'iam', file: 'lib/ci.ts' });
    assert.deepEqual(runOn(rule, [role, fn, other]).map((f) => f.dependencyIds[0]), [role.id]);
  });

  it('reads a CDK stack that creates a role beside a queue', async () => {
    const stack = `import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';

export class OrdersStack extends Stack {
  constructor(scope: any, id: string) {
    super(scope, id);
    new sqs.Queue(this, 'Orders');
    new iam.Role(this, 'WorkerRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
  }
}
`;
    assert.deepEqual(located(await scanWith(rule, { 'lib/orders-stack.ts': stack })), ['lib/orders-stack.ts:9:5 info']);
  });
});
