import assert from 'node:assert/strict';
import { rule } from '../../../src/core/rules/kms-key-single-region';
import { applyFix, located, resource, runOn, scanWith } from '../../support/iacRules';

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
});
