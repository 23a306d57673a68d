import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rule } from '../../../src/core/rules/ecr-no-replication';
import { located, resource, runOn, scanWith } from '../../support/ruleTester';

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

const SITE_APP = join(__dirname, '../../fixtures/cdk/replicated-site');
/** The CDK app of test/fixtures/cdk/replicated-site: a site stack in eu-west-1, its certificate in us-east-1, its replica in us-west-2. */
const siteApp = (only = ['bin/site.ts', 'lib/certificate-stack.ts', 'lib/replica-stack.ts', 'lib/site-stack.ts']): Record<string, string> =>
  Object.fromEntries(only.map((rel) => [rel, readFileSync(join(SITE_APP, rel), 'utf8')]));

describe('rule ecr-no-replication on AWS CDK apps', () => {
  it('accepts a registry replicated by a CfnReplicationConfiguration to another region', async () => {
    assert.deepEqual(located(await scanWith(rule, siteApp())), []);
  });

  const registry = (replication: string) => [
    "import { App, Stack } from 'aws-cdk-lib';",
    "import * as ecr from 'aws-cdk-lib/aws-ecr';",
    'const app = new App();',
    "const stack = new Stack(app, 'Registry', { env: { region: 'us-west-2' } });",
    "new ecr.Repository(stack, 'Api', { repositoryName: 'shop/api' });",
    replication,
  ].join('\n');

  it('does not count a destination in the repository\'s own region, and is told when the destinations cannot be read', async () => {
    const own = await scanWith(rule, { 'bin/registry.ts': registry("new ecr.CfnReplicationConfiguration(stack, 'Replication', { replicationConfiguration: { rules: [{ destinations: [{ region: 'us-west-2', registryId: stack.account }] }] } });") });
    assert.deepEqual(located(own), ['bin/registry.ts:5:1 low']);
    assert.match(own[0].message, /not replicated outside us-west-2/);
    assert.deepEqual(own[0].related?.map((r) => `${r.line} ${r.message}`), ['6 replication configuration Replication']);
    const unread = await scanWith(rule, { 'bin/registry.ts': registry("new ecr.CfnReplicationConfiguration(stack, 'Replication', { replicationConfiguration: loadReplication() });") });
    assert.deepEqual(located(unread), ['bin/registry.ts:5:1 info']);
    const none = await scanWith(rule, { 'bin/registry.ts': registry('') });
    assert.deepEqual(located(none), ['bin/registry.ts:5:1 low']);
  });
});
