import assert from 'node:assert/strict';
import { rule } from '../../../src/core/rules/rds-no-cross-region-copy';
import { located, resource, runOn, scanWith } from '../../support/ruleTester';

const SAMCONFIG = `version = 0.1
[default.deploy.parameters]
region = "eu-west-1"
`;

const instance = (extra = '') => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  OrdersDb:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.m6g.large
      AllocatedStorage: "100"
      MultiAZ: true
      MasterUsername: orders
      ManageMasterUserPassword: true
${extra}`;

const aurora = (clusterExtra = '', more = '') => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  OrdersCluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      MasterUsername: orders
      ManageMasterUserPassword: true
${clusterExtra}  OrdersWriter:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-postgresql
      DBClusterIdentifier: !Ref OrdersCluster
      DBInstanceClass: db.r6g.large
${more}`;

describe('rule rds-no-cross-region-copy', () => {
  it('reports a Multi-AZ instance without a copy in another region, low and tier-aware', async () => {
    const files = { 'template.yaml': instance(), 'samconfig.toml': SAMCONFIG };
    const findings = await scanWith(rule, files);
    assert.deepEqual(located(findings), ['template.yaml:3:3 low']);
    assert.match(findings[0].message, /RDS instance OrdersDb has no copy outside eu-west-1/);
    assert.deepEqual(located(await scanWith(rule, files, { tier: 'MissionCritical' })), ['template.yaml:3:3 medium']);
    assert.deepEqual(located(await scanWith(rule, files, { tier: 'NonCritical' })), ['template.yaml:3:3 info']);
  });

  it('accepts cross-region automated backup replication', async () => {
    const files = { 'template.yaml': instance('      AutomaticBackupReplicationRegion: eu-central-1\n'), 'samconfig.toml': SAMCONFIG };
    assert.deepEqual(await scanWith(rule, files), []);
  });

  it('reports an Aurora cluster outside a global database, and not its instances', async () => {
    const findings = await scanWith(rule, { 'template.yaml': aurora(), 'samconfig.toml': SAMCONFIG });
    assert.deepEqual(located(findings), ['template.yaml:3:3 low']);
    assert.match(findings[0].message, /Database cluster OrdersCluster .* Aurora global database/);
  });

  it('accepts a cluster that joins a global cluster, or a global cluster declared in the same stack', async () => {
    const joined = aurora('      GlobalClusterIdentifier: orders-global\n');
    assert.deepEqual(await scanWith(rule, { 'template.yaml': joined }), []);
    const wrapped = aurora('', `  OrdersGlobal:
    Type: AWS::RDS::GlobalCluster
    Properties:
      GlobalClusterIdentifier: orders-global
      SourceDBClusterIdentifier: !Ref OrdersCluster
`);
    assert.deepEqual(await scanWith(rule, { 'template.yaml': wrapped }), []);
  });

  it('follows Terraform read replicas to their provider region, and skips the replica itself', async () => {
    const tf = (replicaProvider: string) => `provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

resource "aws_db_instance" "primary" {
  identifier              = "orders"
  engine                  = "postgres"
  instance_class          = "db.m6g.large"
  allocated_storage       = 100
  multi_az                = true
  backup_retention_period = 7
}

resource "aws_db_instance" "replica" {
  provider            = ${replicaProvider}
  identifier          = "orders-replica"
  replicate_source_db = aws_db_instance.primary.arn
  instance_class      = "db.m6g.large"
}
`;
    assert.deepEqual(await scanWith(rule, { 'main.tf': tf('aws.west') }), []);
    assert.deepEqual(located(await scanWith(rule, { 'main.tf': tf('aws') })), ['main.tf:10:1 low']);
  });

  it('accepts Terraform automated backups replication to another region', async () => {
    const tf = `provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

resource "aws_db_instance" "orders" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.m6g.large"
  allocated_storage = 100
  multi_az          = true
}

resource "aws_db_instance_automated_backups_replication" "orders" {
  provider               = aws.west
  source_db_instance_arn = aws_db_instance.orders.arn
  retention_period       = 7
}
`;
    assert.deepEqual(await scanWith(rule, { 'main.tf': tf }), []);
  });

  it('reports at info a copy whose region the workspace does not state', () => {
    const primary = resource('aws-cdk-lib/aws-rds.DatabaseInstance', 'Orders', { service: 'rds', file: 'lib/db.ts', region: 'eu-west-1' });
    const replica = resource('aws-cdk-lib/aws-rds.DatabaseInstanceReadReplica', 'OrdersReplica', {
      service: 'rds', file: 'lib/db.ts', region: null, facts: { attributes: { replicaOf: ['Orders'] } },
    });
    const findings = runOn(rule, [primary, replica]);
    assert.deepEqual(findings.map((f) => `${f.dependencyIds[0]} ${f.severity}`), [`${primary.id} info`]);
    assert.deepEqual(findings[0].related?.map((r) => r.message), ['copy OrdersReplica']);
  });
});
