import assert from 'node:assert/strict';
import { rule } from '../../../src/core/rules/kms-key-single-region';
import { applyFix, located, resource, runOn, scanWith } from '../../support/ruleTester';

const KEY = `  DataKey:
    Type: AWS::KMS::Key
    Properties:
      Description: Encrypts the orders data
      EnableKeyRotation: true
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Sid: Root
            Effect: Allow
            Principal:
              AWS: !Sub arn:aws:iam::\${AWS::AccountId}:root
            Action: kms:*
            Resource: "*"
`;

const GLOBAL_TABLE = `  OrdersTable:
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
      SSESpecification:
        SSEEnabled: true
        SSEType: KMS
      Replicas:
        - Region: us-east-1
          SSESpecification:
            KMSMasterKeyId: !Ref DataKey
        - Region: us-west-2
          SSESpecification:
            KMSMasterKeyId: alias/orders-west
`;

const template = (...parts: string[]) => `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${parts.join('')}`;

describe('rule kms-key-single-region', () => {
  it('reports a single-region key that encrypts replicated data, low, with the data as related location', async () => {
    const findings = await scanWith(rule, { 'template.yaml': template(KEY, GLOBAL_TABLE) });
    assert.deepEqual(located(findings), ['template.yaml:3:3 low']);
    assert.match(findings[0].message, /DataKey is single-region but encrypts replicated data \(OrdersTable\)/);
    assert.deepEqual(findings[0].related?.map((r) => `${r.line}:${r.message}`), ['17:replicated OrdersTable is encrypted with this key']);
  });

  it('does not report a key that no replicated data could use (prowler\'s default stands)', async () => {
    assert.deepEqual(await scanWith(rule, { 'template.yaml': template(KEY) }), []);
    const plainTable = GLOBAL_TABLE.replace('        - Region: us-west-2\n          SSESpecification:\n            KMSMasterKeyId: alias/orders-west\n', '');
    assert.deepEqual(await scanWith(rule, { 'template.yaml': template(KEY, plainTable) }), []);
  });

  it('accepts a multi-Region key', async () => {
    const multi = KEY.replace('      EnableKeyRotation: true\n', '      EnableKeyRotation: true\n      MultiRegion: true\n');
    assert.deepEqual(await scanWith(rule, { 'template.yaml': template(multi, GLOBAL_TABLE) }), []);
  });

  it('offers MultiRegion: true as a fix, and the finding disappears once applied', async () => {
    const text = template(KEY, GLOBAL_TABLE);
    const [finding] = await scanWith(rule, { 'template.yaml': text });
    assert.deepEqual(finding.fix?.edits, [{ file: 'template.yaml', line: 6, column: 1, endLine: 6, endColumn: 1, newText: '      MultiRegion: true\n' }]);
    assert.match(finding.fix?.description ?? '', /not yet created/);
    const fixed = applyFix(text, finding.fix!);
    assert.deepEqual(await scanWith(rule, { 'template.yaml': fixed }), []);
  });

  it('is not tier-aware', async () => {
    assert.deepEqual(located(await scanWith(rule, { 'template.yaml': template(KEY, GLOBAL_TABLE) }, { tier: 'MissionCritical' })), ['template.yaml:3:3 low']);
  });

  it('reports a Terraform key beside a replicated secret, and accepts multi_region = true', async () => {
    const tf = (multi: string) => `provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "secrets" {
  description = "Encrypts application secrets"${multi}
}

resource "aws_secretsmanager_secret" "db" {
  name       = "orders/db"
  kms_key_id = aws_kms_key.secrets.arn

  replica {
    region = "eu-central-1"
  }
}
`;
    assert.deepEqual(located(await scanWith(rule, { 'main.tf': tf('') })), ['main.tf:5:1 low']);
    assert.deepEqual(await scanWith(rule, { 'main.tf': tf('\n  multi_region = true') }), []);
  });

  it('offers multi_region = true for a Terraform key, and the finding disappears once the edit is applied', async () => {
    const tf = `provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "secrets" {
  description         = "Encrypts application secrets"
  enable_key_rotation = true
}

resource "aws_secretsmanager_secret" "db" {
  name       = "orders/db"
  kms_key_id = aws_kms_key.secrets.arn

  replica {
    region = "eu-central-1"
  }
}
`;
    const [finding] = await scanWith(rule, { 'main.tf': tf });
    assert.deepEqual(finding.fix?.edits, [{ file: 'main.tf', line: 6, column: 1, endLine: 6, endColumn: 1, newText: '  multi_region = true\n' }]);
    const fixed = applyFix(tf, finding.fix!);
    assert.match(fixed, /resource "aws_kms_key" "secrets" \{\n {2}multi_region = true\n {2}description/);
    assert.deepEqual(await scanWith(rule, { 'main.tf': fixed }), []);
  });

  it('follows the keys Terraform resources name (directly or through an aws_kms_alias), not every key of the module', async () => {
    const tf = (secretKey: string) => `provider "aws" {
  region = "us-east-1"
}

resource "aws_kms_key" "secrets" {
  description = "Encrypts application secrets"
}

resource "aws_kms_alias" "secrets" {
  name          = "alias/secrets"
  target_key_id = aws_kms_key.secrets.key_id
}

resource "aws_kms_key" "logs" {
  description = "Encrypts log groups"
}

resource "aws_cloudwatch_log_group" "app" {
  name       = "/shop/app"
  kms_key_id = aws_kms_key.logs.arn
}

resource "aws_secretsmanager_secret" "db" {
  name       = "orders/db"
  kms_key_id = ${secretKey}

  replica {
    region = "us-west-2"
  }
}
`;
    for (const reference of ['aws_kms_key.secrets.arn', 'aws_kms_alias.secrets.arn']) {
      const findings = await scanWith(rule, { 'main.tf': tf(reference) });
      assert.deepEqual(located(findings), ['main.tf:5:1 low'], reference);
      assert.match(findings[0].message, /KMS key secrets is single-region but encrypts replicated data \(db\)/);
      assert.deepEqual(findings[0].related?.map((r) => `${r.line}:${r.message}`), ['23:replicated db is encrypted with this key']);
    }
  });

  it('assumes that replicated data which does not name its keys uses the keys of its stack', () => {
    const key = resource('aws-cdk-lib/aws-kms.Key', 'DataKey', { service: 'kms', file: 'lib/data.ts', facts: { attributes: { multiRegion: false } } });
    const table = resource('aws-cdk-lib/aws-dynamodb.TableV2', 'Orders', { service: 'dynamodb', file: 'lib/data.ts', facts: { replicaRegions: ['us-west-2'] } });
    const elsewhere = resource('aws-cdk-lib/aws-dynamodb.TableV2', 'Carts', { service: 'dynamodb', file: 'lib/carts.ts', facts: { replicaRegions: ['us-west-2'] } });
    const findings = runOn(rule, [key, table, elsewhere]);
    assert.deepEqual(findings.map((f) => f.dependencyIds[0]), [key.id]);
    assert.match(findings[0].message, /sits beside replicated data \(Orders\)/);
  });

  it('follows the keys a replicated resource names when the scanner records them', () => {
    const used = resource('aws_kms_key', 'tables', { service: 'kms', region: 'us-east-1', facts: { attributes: { multiRegion: false } } });
    const unused = resource('aws_kms_key', 'logs', { service: 'kms', region: 'us-east-1', facts: { attributes: { multiRegion: false } } });
    const table = resource('aws_dynamodb_table', 'orders', {
      service: 'dynamodb', region: 'us-east-1', facts: { replicaRegions: ['us-west-2'], attributes: { kmsKeys: ['aws_kms_key.tables.arn'] } },
    });
    const findings = runOn(rule, [used, unused, table]);
    assert.deepEqual(findings.map((f) => f.dependencyIds[0]), [used.id]);
    assert.match(findings[0].message, /encrypts replicated data \(orders\)/);
  });

  it('follows a key a replicated CloudFormation secret names in an !If, and leaves a key only a log group uses alone', async () => {
    const text = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  UseCustomerKey:
    Type: String
    Default: "true"
Conditions:
  HasCustomerKey: !Equals [!Ref UseCustomerKey, "true"]
Resources:
${KEY}  LogsKey:
    Type: AWS::KMS::Key
    Properties:
      Description: Encrypts application logs
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Sub arn:aws:iam::\${AWS::AccountId}:root
            Action: kms:*
            Resource: "*"
  AppLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /orders/app
      KmsKeyId: !GetAtt LogsKey.Arn
  DbSecret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: orders/db
      KmsKeyId: !If [HasCustomerKey, !Ref DataKey, !Ref AWS::NoValue]
      GenerateSecretString:
        SecretStringTemplate: '{"username":"orders"}'
        GenerateStringKey: password
      ReplicaRegions:
        - Region: us-west-2
`;
    const findings = await scanWith(rule, { 'template.yaml': text });
    assert.deepEqual(located(findings), ['template.yaml:9:3 low']);
    assert.match(findings[0].message, /DataKey is single-region but encrypts replicated data \(DbSecret\)/);
  });

  it('counts a Cognito user pool with a replica pool in another region as replicated data (CloudFormation)', async () => {
    const text = template(
      KEY,
      `  ShopUsers:
    Type: AWS::Cognito::UserPool
    Properties:
      UserPoolName: shop-users
      UserPoolTier: ESSENTIALS
      KeyConfiguration:
        KeyType: CUSTOMER_MANAGED_KEY
        KmsKeyArn: !GetAtt DataKey.Arn
  ShopUsersWest:
    Type: AWS::Cognito::UserPoolReplica
    Properties:
      UserPoolId: !Ref ShopUsers
      RegionName: us-west-2
`,
    );
    const findings = await scanWith(rule, { 'template.yaml': text, 'samconfig.toml': 'version = 0.1\n[default.deploy.parameters]\nregion = "eu-west-1"\n' });
    assert.deepEqual(located(findings), ['template.yaml:3:3 low']);
    // The replica pool resource is a copy in us-west-2 too, and names no key of its own.
    assert.match(findings[0].message, /DataKey is single-region but encrypts replicated data \(ShopUsers, ShopUsersWest\)/);
    assert.deepEqual(findings[0].related?.map((r) => `${r.line}:${r.message}`), ['17:replicated ShopUsers is encrypted with this key', '25:replicated ShopUsersWest is encrypted with this key']);
    // Without the replica the pool is in one region: the key stays single-region by design.
    assert.deepEqual(await scanWith(rule, { 'template.yaml': text.slice(0, text.indexOf('  ShopUsersWest:')) }), []);
  });
});
