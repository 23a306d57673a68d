import assert from 'node:assert/strict';
import { rule } from '../../../src/core/rules/rds-instance-single-az';
import { applyFix, located, resource, runOn, scanWith } from '../../support/ruleTester';

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  DbPassword:
    Type: String
    NoEcho: true
Resources:
  OrdersDb:
    Type: AWS::RDS::DBInstance
    DeletionPolicy: Snapshot
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.medium
      AllocatedStorage: "50"
      MasterUsername: orders
      MasterUserPassword: !Ref DbPassword
`;

describe('rule rds-instance-single-az', () => {
  it('reports a CloudFormation DB instance without MultiAZ at its logical id', async () => {
    const findings = await scanWith(rule, { 'template.yaml': TEMPLATE });
    assert.deepEqual(located(findings), ['template.yaml:7:3 medium']);
    assert.match(findings[0].message, /OrdersDb is Single-AZ/);
  });

  it('reports MultiAZ: false and accepts MultiAZ: true', async () => {
    const off = TEMPLATE.replace('      Engine: postgres\n', '      Engine: postgres\n      MultiAZ: false\n');
    const on = TEMPLATE.replace('      Engine: postgres\n', '      Engine: postgres\n      MultiAZ: true\n');
    const offFindings = await scanWith(rule, { 'template.yaml': off });
    assert.deepEqual(located(offFindings), ['template.yaml:7:3 medium']);
    // The key is written: inserting a second MultiAZ line would be a duplicate key, so no fix.
    assert.equal(offFindings[0].fix, undefined);
    assert.deepEqual(await scanWith(rule, { 'template.yaml': on }), []);
  });

  it('offers a fix that inserts MultiAZ: true under Properties, and the finding disappears once applied', async () => {
    const [finding] = await scanWith(rule, { 'template.yaml': TEMPLATE });
    assert.ok(finding.fix, 'a fix is offered');
    assert.deepEqual(finding.fix.edits, [{ file: 'template.yaml', line: 11, column: 1, endLine: 11, endColumn: 1, newText: '      MultiAZ: true\n' }]);
    const fixed = applyFix(TEMPLATE, finding.fix);
    assert.match(fixed, /    Properties:\n      MultiAZ: true\n      Engine: postgres\n/);
    assert.deepEqual(await scanWith(rule, { 'template.yaml': fixed }), []);
  });

  it('skips Aurora instances, which belong to a cluster', async () => {
    const aurora = `Resources:
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      MasterUsername: app
      ManageMasterUserPassword: true
  Writer:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-postgresql
      DBClusterIdentifier: !Ref Cluster
      DBInstanceClass: db.r6g.large
`;
    assert.deepEqual(await scanWith(rule, { 'template.yaml': aurora }), []);
  });

  it('is not tier-aware: MissionCritical keeps medium', async () => {
    assert.deepEqual(located(await scanWith(rule, { 'template.yaml': TEMPLATE }, { tier: 'MissionCritical' })), ['template.yaml:7:3 medium']);
  });

  it('reports a Terraform aws_db_instance without multi_az and accepts multi_az = true', async () => {
    const tf = `provider "aws" {
  region = "eu-west-1"
}

resource "aws_db_instance" "orders" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 50
}
`;
    assert.deepEqual(located(await scanWith(rule, { 'main.tf': tf })), ['main.tf:5:1 medium']);
    const multi = tf.replace('  allocated_storage = 50\n', '  allocated_storage = 50\n  multi_az          = true\n');
    assert.deepEqual(await scanWith(rule, { 'main.tf': multi }), []);
  });

  it('offers multi_az = true for a Terraform instance, and the finding disappears once the edit is applied', async () => {
    const tf = `provider "aws" {
  region = "eu-west-1"
}

resource "aws_db_instance" "orders" {
  identifier                  = "orders"
  engine                      = "postgres"
  instance_class              = "db.t3.medium"
  allocated_storage           = 50
  username                    = "orders"
  manage_master_user_password = true
}
`;
    const [finding] = await scanWith(rule, { 'infra/main.tf': tf });
    assert.ok(finding.fix, 'a fix is offered');
    assert.deepEqual(finding.fix.edits, [{ file: 'infra/main.tf', line: 6, column: 1, endLine: 6, endColumn: 1, newText: '  multi_az = true\n' }]);
    const fixed = applyFix(tf, finding.fix);
    assert.match(fixed, /resource "aws_db_instance" "orders" \{\n {2}multi_az = true\n {2}identifier {18}= "orders"\n/);
    assert.deepEqual(await scanWith(rule, { 'infra/main.tf': fixed }), []);
  });

  it('offers no Terraform fix where multi_az is written (false) or where the body is on one line', async () => {
    const tf = `resource "aws_db_instance" "off" {
  identifier     = "off"
  engine         = "postgres"
  instance_class = "db.t3.medium"
  multi_az       = false
}

resource "aws_db_instance" "inline" { identifier = "inline" }
`;
    const findings = await scanWith(rule, { 'main.tf': tf });
    assert.deepEqual(located(findings), ['main.tf:1:1 medium', 'main.tf:8:1 medium']);
    assert.deepEqual(findings.map((f) => f.fix), [undefined, undefined]);
  });

  it('offers the Terraform fix when the scanner records an insertion point, and not for CDK', () => {
    const tf = resource('aws_db_instance', 'orders', {
      service: 'rds', line: 5, facts: { multiAz: false, attributes: { propertyInsertion: { line: 5, indent: '  ', syntax: 'hcl', keys: ['engine'] } } },
    });
    const cdk = resource('aws-cdk-lib/aws-rds.DatabaseInstance', 'Orders', { service: 'rds', file: 'lib/db.ts', facts: { multiAz: false } });
    const unknown = resource('aws_db_instance', 'replica', { service: 'rds', facts: { multiAz: null } });
    const findings = runOn(rule, [tf, cdk, unknown]);
    assert.deepEqual(findings.map((f) => f.dependencyIds[0]).sort(), [tf.id, cdk.id].sort());
    const tfFinding = findings.find((f) => f.dependencyIds[0] === tf.id);
    assert.deepEqual(tfFinding?.fix?.edits, [{ file: 'main.tf', line: 6, column: 1, endLine: 6, endColumn: 1, newText: '  multi_az = true\n' }]);
    assert.equal(findings.find((f) => f.dependencyIds[0] === cdk.id)?.fix, undefined);
  });

  it('reads CDK DatabaseInstance props, without a fix (no property line to insert in code)', async () => {
    const stack = (extra: string) => `import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';

export class DbStack extends Stack {
  constructor(scope: any, id: string, vpc: ec2.IVpc) {
    super(scope, id);
    new rds.DatabaseInstance(this, 'Orders', {
      engine: rds.DatabaseInstanceEngine.POSTGRES,
      vpc,${extra}
    });
  }
}
`;
    const findings = await scanWith(rule, { 'lib/db-stack.ts': stack('') });
    assert.deepEqual(located(findings), ['lib/db-stack.ts:8:5 medium']);
    assert.equal(findings[0].fix, undefined);
    assert.deepEqual(await scanWith(rule, { 'lib/db-stack.ts': stack('\n      multiAz: true,') }), []);
  });

  it('reads Pulumi aws.rds.Instance', async () => {
    const program = `import * as aws from '@pulumi/aws';

const db = new aws.rds.Instance('orders-db', {
  engine: 'postgres',
  instanceClass: 'db.t3.micro',
  allocatedStorage: 20,
});

export const endpoint = db.endpoint;
`;
    assert.deepEqual(located(await scanWith(rule, { 'index.ts': program, 'Pulumi.yaml': 'name: shop\nruntime: nodejs\n' })), ['index.ts:3:12 medium']);
  });
});
