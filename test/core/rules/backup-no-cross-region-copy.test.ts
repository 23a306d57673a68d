import assert from 'node:assert/strict';
import { rule } from '../../../src/core/rules/backup-no-cross-region-copy';
import { located, resource, runOn, scanWith } from '../../support/ruleTester';

const SAMCONFIG = `version = 0.1
[default.deploy.parameters]
region = "eu-west-1"
`;

const plan = (copy = '') => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vault:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: shop-vault
  DailyPlan:
    Type: AWS::Backup::BackupPlan
    Properties:
      BackupPlan:
        BackupPlanName: daily
        BackupPlanRule:
          - RuleName: daily-35-days
            TargetBackupVault: !Ref Vault
            ScheduleExpression: cron(0 3 * * ? *)
            Lifecycle:
              DeleteAfterDays: 35
${copy}`;

describe('rule backup-no-cross-region-copy', () => {
  it('reports a backup plan without copy actions, low', async () => {
    const findings = await scanWith(rule, { 'template.yaml': plan(), 'samconfig.toml': SAMCONFIG });
    assert.deepEqual(located(findings), ['template.yaml:7:3 low']);
    assert.match(findings[0].message, /DailyPlan keeps every recovery point in eu-west-1/);
  });

  it('accepts a copy action to a vault in another region', async () => {
    const copy = `            CopyActions:
              - DestinationBackupVaultArn: !Sub arn:aws:backup:eu-central-1:\${AWS::AccountId}:backup-vault:shop-dr
                Lifecycle:
                  DeleteAfterDays: 35
`;
    assert.deepEqual(await scanWith(rule, { 'template.yaml': plan(copy), 'samconfig.toml': SAMCONFIG }), []);
  });

  it('reports a copy to the same region, and at info a copy whose region is unknown', async () => {
    const same = `            CopyActions:
              - DestinationBackupVaultArn: arn:aws:backup:eu-west-1:111122223333:backup-vault:second
`;
    assert.deepEqual(located(await scanWith(rule, { 'template.yaml': plan(same), 'samconfig.toml': SAMCONFIG })), ['template.yaml:7:3 low']);
    const unknown = `            CopyActions:
              - DestinationBackupVaultArn: !ImportValue dr-vault-arn
`;
    assert.deepEqual(located(await scanWith(rule, { 'template.yaml': plan(unknown), 'samconfig.toml': SAMCONFIG })), ['template.yaml:7:3 info']);
  });

  it('is not tier-aware', async () => {
    assert.deepEqual(located(await scanWith(rule, { 'template.yaml': plan() }, { tier: 'MissionCritical' })), ['template.yaml:7:3 low']);
  });

  it('reads Terraform copy_action blocks, including a vault of another provider', async () => {
    const tf = (vaultProvider: string) => `provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "dr"
  region = "eu-central-1"
}

resource "aws_backup_vault" "main" {
  name = "shop"
}

resource "aws_backup_vault" "dr" {
  provider = ${vaultProvider}
  name     = "shop-dr"
}

resource "aws_backup_plan" "daily" {
  name = "daily"

  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 3 * * ? *)"

    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn
    }
  }
}
`;
    assert.deepEqual(await scanWith(rule, { 'main.tf': tf('aws.dr') }), []);
    assert.deepEqual(located(await scanWith(rule, { 'main.tf': tf('aws') })), ['main.tf:19:1 low']);
  });

  it('reads CDK backup plans through the same attribute', () => {
    const copied = resource('aws-cdk-lib/aws-backup.BackupPlan', 'Daily', { service: 'backup', file: 'lib/stack.ts', region: 'us-east-1', facts: { attributes: { crossRegionCopyTargets: ['us-west-2'] } } });
    const none = resource('aws-cdk-lib/aws-backup.BackupPlan', 'Weekly', { service: 'backup', file: 'lib/stack.ts', region: 'us-east-1' });
    assert.deepEqual(runOn(rule, [copied, none]).map((f) => f.dependencyIds[0]), [none.id]);
  });
});
