import assert from 'node:assert/strict';
import { rule } from '../../../src/core/rules/secret-not-replicated';
import { located, resource, runOn, scanWith } from '../../support/ruleTester';

const SAMCONFIG = `version = 0.1
[default.deploy.parameters]
region = "eu-west-1"
`;

const secret = (replicas = '') => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  DrRegion:
    Type: String
Resources:
  DbCredentials:
    Type: AWS::SecretsManager::Secret
    Properties:
      Description: Orders database credentials
      GenerateSecretString:
        SecretStringTemplate: '{"username":"orders"}'
        GenerateStringKey: password
        ExcludePunctuation: true
${replicas}`;

describe('rule secret-not-replicated', () => {
  it('reports a secret without ReplicaRegions, medium and tier-aware', async () => {
    const files = { 'template.yaml': secret(), 'samconfig.toml': SAMCONFIG };
    const findings = await scanWith(rule, files);
    assert.deepEqual(located(findings), ['template.yaml:6:3 medium']);
    assert.match(findings[0].message, /DbCredentials has no replica outside eu-west-1/);
    assert.deepEqual(located(await scanWith(rule, files, { tier: 'MissionCritical' })), ['template.yaml:6:3 high']);
    assert.deepEqual(located(await scanWith(rule, files, { tier: 'CoreServices' })), ['template.yaml:6:3 low']);
  });

  it('accepts a replica in another region, and reports one in the stack\'s own region', async () => {
    const west = secret('      ReplicaRegions:\n        - Region: us-west-2\n');
    assert.deepEqual(await scanWith(rule, { 'template.yaml': west, 'samconfig.toml': SAMCONFIG }), []);
    const own = secret('      ReplicaRegions:\n        - Region: eu-west-1\n');
    assert.deepEqual(located(await scanWith(rule, { 'template.yaml': own, 'samconfig.toml': SAMCONFIG })), ['template.yaml:6:3 medium']);
  });

  it('reports at info a replica region given by a parameter', async () => {
    const param = secret('      ReplicaRegions:\n        - Region: !Ref DrRegion\n');
    const findings = await scanWith(rule, { 'template.yaml': param });
    assert.deepEqual(located(findings), ['template.yaml:6:3 info']);
  });

  it('reads Terraform replica blocks', async () => {
    const tf = (replica: string) => `provider "aws" {
  region = "eu-west-1"
}

resource "aws_secretsmanager_secret" "db" {
  name = "orders/db"
${replica}}
`;
    assert.deepEqual(located(await scanWith(rule, { 'main.tf': tf('') })), ['main.tf:5:1 medium']);
    assert.deepEqual(await scanWith(rule, { 'main.tf': tf('\n  replica {\n    region = "eu-central-1"\n  }\n') }), []);
  });

  it('reads CDK replicaRegions and Pulumi secrets alike', () => {
    const cdk = resource('aws-cdk-lib/aws-secretsmanager.Secret', 'Api', { service: 'secretsmanager', file: 'lib/stack.ts', region: 'us-east-1', facts: { replicaRegions: ['us-west-2'] } });
    const pulumi = resource('aws:secretsmanager/secret:Secret', 'api', { service: 'secretsmanager', file: 'index.ts', region: 'us-east-1', facts: { replicaRegions: [] } });
    assert.deepEqual(runOn(rule, [cdk, pulumi]).map((f) => f.dependencyIds[0]), [pulumi.id]);
  });

  it('reads CDK Secret replicaRegions', async () => {
    const stack = (extra: string) => `import { Stack } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';

export class SecretsStack extends Stack {
  constructor(scope: any, id: string) {
    super(scope, id);
    new secretsmanager.Secret(this, 'DbCredentials', {
      generateSecretString: { secretStringTemplate: '{"username":"orders"}', generateStringKey: 'password' },${extra}
    });
  }
}
`;
    assert.deepEqual(located(await scanWith(rule, { 'lib/secrets-stack.ts': stack('') })), ['lib/secrets-stack.ts:7:5 medium']);
    assert.deepEqual(await scanWith(rule, { 'lib/secrets-stack.ts': stack("\n      replicaRegions: [{ region: 'us-west-2' }],") }), []);
  });
});
