import assert from 'node:assert/strict';
import { rule } from '../../../src/core/rules/ecr-no-replication';
import { located, resource, runOn, scanWith } from '../../support/iacRules';

const SAMCONFIG = `version = 0.1
[default.deploy.parameters]
region = "us-east-1"
`;

const REPOSITORY = `  ApiRepository:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryName: shop/api
      ImageScanningConfiguration:
        ScanOnPush: true
`;

const replication = (region: string) => `  RegistryReplication:
    Type: AWS::ECR::ReplicationConfiguration
    Properties:
      ReplicationConfiguration:
        Rules:
          - Destinations:
              - Region: ${region}
                RegistryId: !Ref AWS::AccountId
`;

const template = (...parts: string[]) => `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${parts.join('')}`;

describe('rule ecr-no-replication', () => {
  it('reports a repository when the registry replicates nowhere, low', async () => {
    const findings = await scanWith(rule, { 'template.yaml': template(REPOSITORY), 'samconfig.toml': SAMCONFIG });
    assert.deepEqual(located(findings), ['template.yaml:3:3 low']);
    assert.match(findings[0].message, /ECR repository ApiRepository is not replicated outside us-east-1/);
  });

  it('accepts a registry replication rule to another region, declared anywhere in the workspace', async () => {
    const files = { 'app/template.yaml': template(REPOSITORY), 'app/samconfig.toml': SAMCONFIG, 'registry/template.yaml': template(replication('us-west-2')), 'registry/samconfig.toml': SAMCONFIG };
    assert.deepEqual(await scanWith(rule, files), []);
  });

  it('does not count a destination in the repository\'s own region, and shows the configuration', async () => {
    const findings = await scanWith(rule, { 'template.yaml': template(REPOSITORY, replication('us-east-1')), 'samconfig.toml': SAMCONFIG });
    assert.deepEqual(located(findings), ['template.yaml:3:3 low']);
    assert.deepEqual(findings[0].related?.map((r) => `${r.line}:${r.message}`), ['9:replication configuration RegistryReplication']);
  });

  it('is not tier-aware', async () => {
    assert.deepEqual(located(await scanWith(rule, { 'template.yaml': template(REPOSITORY) }, { tier: 'Critical' })), ['template.yaml:3:3 low']);
  });

  it('reads Terraform repositories and replication configurations', async () => {
    const tf = (region: string) => `provider "aws" {
  region = "us-east-1"
}

resource "aws_ecr_repository" "api" {
  name = "shop/api"
}

resource "aws_ecr_replication_configuration" "registry" {
  replication_configuration {
    rule {
      destination {
        region      = "${region}"
        registry_id = "111122223333"
      }
    }
  }
}
`;
    assert.deepEqual(await scanWith(rule, { 'main.tf': tf('us-west-2') }), []);
    assert.deepEqual(located(await scanWith(rule, { 'main.tf': tf('us-east-1') })), ['main.tf:5:1 low']);
  });

  it('reports at info when the destination region is not stated', () => {
    const repo = resource('aws-cdk-lib/aws-ecr.Repository', 'Api', { service: 'ecr', file: 'lib/stack.ts', region: 'eu-west-1' });
    const config = resource('aws-cdk-lib/aws-ecr.CfnReplicationConfiguration', 'Replication', { service: 'ecr', file: 'lib/stack.ts', region: 'eu-west-1', facts: { replicaRegions: [null] } });
    assert.deepEqual(located(runOn(rule, [repo, config])), [`lib/stack.ts:${repo.line}:1 info`]);
    const unread = { ...config, resource: { ...config.resource!, replicaRegions: undefined } };
    assert.deepEqual(located(runOn(rule, [repo, unread])), [`lib/stack.ts:${repo.line}:1 info`]);
  });
});
