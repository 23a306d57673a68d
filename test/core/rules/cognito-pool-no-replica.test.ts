import assert from 'node:assert/strict';
import { rule } from '../../../src/core/rules/cognito-pool-no-replica';
import { located, resource, runOn, scanWith } from '../../support/ruleTester';

const SAMCONFIG = `version = 0.1
[default.deploy.parameters]
region = "eu-west-1"
`;

const POOL = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  ShopUsers:
    Type: AWS::Cognito::UserPool
    Properties:
      UserPoolName: shop-users
      UsernameAttributes:
        - email
      AutoVerifiedAttributes:
        - email
`;

const CLIENT = `  WebClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref ShopUsers
      GenerateSecret: false
      ExplicitAuthFlows:
        - ALLOW_USER_SRP_AUTH
        - ALLOW_REFRESH_TOKEN_AUTH
`;

describe('rule cognito-pool-no-replica', () => {
  it('reports a pool on the sign-in path (an app client beside it) at medium, with the client as related location', async () => {
    const findings = await scanWith(rule, { 'template.yaml': POOL + CLIENT, 'samconfig.toml': SAMCONFIG });
    assert.deepEqual(located(findings), ['template.yaml:3:3 medium']);
    assert.match(findings[0].message, /ShopUsers exists only in eu-west-1 and is on the sign-in path/);
    assert.deepEqual(findings[0].related?.map((r) => `${r.line}:${r.message}`), ['11:WebClient signs users in through this pool']);
  });

  it('reports a pool nothing signs in through at low', async () => {
    assert.deepEqual(located(await scanWith(rule, { 'template.yaml': POOL })), ['template.yaml:3:3 low']);
  });

  it('counts application code that calls Cognito user pools as the sign-in path', async () => {
    const code = `import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';

const cognito = new CognitoIdentityProviderClient({});

export async function signIn(username: string, password: string) {
  return cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: process.env.CLIENT_ID, AuthParameters: { USERNAME: username, PASSWORD: password } }));
}
`;
    assert.deepEqual(located(await scanWith(rule, { 'template.yaml': POOL, 'src/auth.ts': code })), ['template.yaml:3:3 medium']);
  });

  it('is not tier-aware', async () => {
    assert.deepEqual(located(await scanWith(rule, { 'template.yaml': POOL + CLIENT }, { tier: 'MissionCritical' })), ['template.yaml:3:3 medium']);
  });

  it('reads Terraform user pools', async () => {
    const tf = `provider "aws" {
  region = "eu-west-1"
}

resource "aws_cognito_user_pool" "users" {
  name = "shop-users"
}

resource "aws_cognito_user_pool_client" "web" {
  name         = "web"
  user_pool_id = aws_cognito_user_pool.users.id
}
`;
    assert.deepEqual(located(await scanWith(rule, { 'main.tf': tf })), ['main.tf:5:1 medium']);
  });

  it('accepts a replica user pool declared beside the pool (a replica always lives in another region)', async () => {
    const replica = `  ShopUsersWest:
    Type: AWS::Cognito::UserPoolReplica
    Properties:
      UserPoolId: !Ref ShopUsers
      RegionName: us-west-2
`;
    assert.deepEqual(await scanWith(rule, { 'template.yaml': POOL + replica + CLIENT, 'samconfig.toml': SAMCONFIG }), []);
  });

  it('follows replicas that name their pool from another stack, and reports at info replica regions that are not stated', () => {
    const pool = resource('AWS::Cognito::UserPool', 'ShopUsers', { service: 'cognito-idp', file: 'auth/template.yaml', region: 'eu-west-1', facts: { attributes: { replicated: false, physicalNames: ['shop-users'] } } });
    const otherStack = resource('AWS::Cognito::UserPoolReplica', 'Dr', {
      service: 'cognito-idp', file: 'dr/template.yaml', region: 'eu-west-1', facts: { attributes: { replicaOf: ['shop-users'] } },
    });
    assert.deepEqual(runOn(rule, [pool, otherStack]), []);
    const unrelated = { ...otherStack, resource: { ...otherStack.resource!, attributes: { replicaOf: ['other-users'] } } };
    assert.deepEqual(located(runOn(rule, [pool, unrelated])), [`auth/template.yaml:${pool.line}:1 low`]);
    const parameterRegion = resource('aws-cdk-lib/aws-cognito.UserPool', 'Users', { service: 'cognito-idp', file: 'lib/auth.ts', facts: { replicaRegions: [null] } });
    assert.deepEqual(located(runOn(rule, [parameterRegion])), [`lib/auth.ts:${parameterRegion.line}:1 info`]);
  });

  it('does not report a pool a scanner says is replicated', () => {
    const pool = resource('aws-cdk-lib/aws-cognito.UserPool', 'Users', { service: 'cognito-idp', file: 'lib/auth.ts', facts: { attributes: { replicated: true } } });
    assert.deepEqual(runOn(rule, [pool]), []);
  });

  it('follows a replica that names its pool with !GetAtt in a CloudFormation template: the other pool is still reported', async () => {
    const admin = `  AdminUsers:
    Type: AWS::Cognito::UserPool
    Properties:
      UserPoolName: shop-admins
  AdminUsersWest:
    Type: AWS::Cognito::UserPoolReplica
    Properties:
      UserPoolId: !GetAtt AdminUsers.UserPoolId
      RegionName: us-west-2
`;
    const findings = await scanWith(rule, { 'template.yaml': POOL + admin, 'samconfig.toml': SAMCONFIG });
    assert.deepEqual(located(findings), ['template.yaml:3:3 low']);
    assert.match(findings[0].message, /ShopUsers exists only in eu-west-1/);
  });
});
