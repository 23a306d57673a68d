import assert from 'node:assert/strict';
import { rule } from '../../../src/core/rules/hardcoded-availability-zone';
import { located, resource, runOn, scanWith } from '../../support/ruleTester';

describe('rule hardcoded-availability-zone', () => {
  it('reports zone names written into CloudFormation resources, one finding per resource', async () => {
    const template = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  PrivateSubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: vpc-0a1b2c3d4e5f67890
      CidrBlock: 10.0.10.0/24
      AvailabilityZone: us-east-1a
  Workers:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: "2"
      MaxSize: "6"
      AvailabilityZones:
        - us-east-1a
        - us-east-1b
`;
    const findings = await scanWith(rule, { 'template.yaml': template });
    assert.deepEqual(located(findings), ['template.yaml:8:7 medium', 'template.yaml:14:7 medium']);
    assert.match(findings[0].message, /PrivateSubnetA names availability zone "us-east-1a"/);
    assert.match(findings[1].message, /Workers names availability zones "us-east-1a", "us-east-1b"/);
  });

  it('accepts zones chosen at deploy time (Fn::GetAZs) and zone IDs', async () => {
    const template = `Resources:
  PrivateSubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: vpc-0a1b2c3d4e5f67890
      CidrBlock: 10.0.10.0/24
      AvailabilityZone: !Select [0, !GetAZs ""]
  PrivateSubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: vpc-0a1b2c3d4e5f67890
      CidrBlock: 10.0.11.0/24
      AvailabilityZoneId: use1-az4
`;
    assert.deepEqual(await scanWith(rule, { 'template.yaml': template }), []);
  });

  it('is not tier-aware', async () => {
    const template = `Resources:
  Volume:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: eu-west-1c
      Size: 100
`;
    assert.deepEqual(located(await scanWith(rule, { 'template.yaml': template }, { tier: 'NonCritical' })), ['template.yaml:5:7 medium']);
  });

  it('reports Terraform availability_zone literals and accepts data.aws_availability_zones', async () => {
    const tf = `data "aws_availability_zones" "available" {
  state = "available"
}

resource "aws_subnet" "private_a" {
  vpc_id            = "vpc-0a1b2c3d4e5f67890"
  cidr_block        = "10.0.10.0/24"
  availability_zone = "eu-central-1a"
}

resource "aws_subnet" "private_b" {
  vpc_id            = "vpc-0a1b2c3d4e5f67890"
  cidr_block        = "10.0.11.0/24"
  availability_zone = data.aws_availability_zones.available.names[1]
}
`;
    assert.deepEqual(located(await scanWith(rule, { 'network.tf': tf })), ['network.tf:8:3 medium']);
  });

  it('accepts Terraform zones chosen by a variable, a local or element(), and reports a literal list once per resource', async () => {
    const tf = `variable "db_zone" {
  type    = string
  default = "eu-central-1a"
}

locals {
  zones = ["eu-central-1a", "eu-central-1b"]
}

resource "aws_db_instance" "orders" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 50
  availability_zone = var.db_zone
}

resource "aws_subnet" "private" {
  vpc_id            = "vpc-0a1b2c3d4e5f67890"
  cidr_block        = "10.0.10.0/24"
  availability_zone = element(local.zones, 0)
}

resource "aws_autoscaling_group" "workers" {
  name               = "workers"
  min_size           = 2
  max_size           = 4
  availability_zones = ["eu-central-1a", "eu-central-1b"]

  launch_template {
    id = "lt-0a1b2c3d4e5f67890"
  }
}
`;
    const findings = await scanWith(rule, { 'main.tf': tf });
    assert.deepEqual(located(findings), ['main.tf:28:3 medium']);
    assert.match(findings[0].message, /^workers names availability zones "eu-central-1a", "eu-central-1b"/);
  });

  it('reads CDK zone lists through the same attribute, ignoring anything that is not a zone name', () => {
    const vpc = resource('aws-cdk-lib/aws-ec2.Vpc', 'Network', { service: 'ec2', file: 'lib/network.ts', facts: { attributes: { availabilityZones: ['eu-west-1a', 'eu-west-1b'] } } });
    const odd = resource('aws-cdk-lib/aws-ec2.Vpc', 'Other', { service: 'ec2', file: 'lib/network.ts', facts: { attributes: { availabilityZones: ['use1-az1', 'eu-west-1'] } } });
    const findings = runOn(rule, [vpc, odd]);
    assert.deepEqual(findings.map((f) => f.dependencyIds[0]), [vpc.id]);
  });
});
