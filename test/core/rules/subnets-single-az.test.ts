import assert from 'node:assert/strict';
import { rule } from '../../../src/core/rules/subnets-single-az';
import { located, resource, runOn, scanWith } from '../../support/ruleTester';

const NETWORK = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  PrivateSubnetIds:
    Type: List<AWS::EC2::Subnet::Id>
Resources:
  PrivateSubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: vpc-0a1b2c3d4e5f67890
      CidrBlock: 10.0.10.0/24
      AvailabilityZone: !Select [0, !GetAZs ""]
  PrivateSubnetA2:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: vpc-0a1b2c3d4e5f67890
      CidrBlock: 10.0.12.0/24
      AvailabilityZone: !Select [0, !GetAZs ""]
  PrivateSubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: vpc-0a1b2c3d4e5f67890
      CidrBlock: 10.0.11.0/24
      AvailabilityZone: !Select [1, !GetAZs ""]
`;

describe('rule subnets-single-az', () => {
  it('reports an Auto Scaling group given one subnet, and a DB subnet group whose subnets share a zone', async () => {
    const template = `${NETWORK}  Workers:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: "2"
      MaxSize: "6"
      VPCZoneIdentifier:
        - !Ref PrivateSubnetA
  DbSubnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: Orders database
      SubnetIds:
        - !Ref PrivateSubnetA
        - !Ref PrivateSubnetA2
`;
    const findings = await scanWith(rule, { 'template.yaml': template });
    assert.deepEqual(located(findings), ['template.yaml:24:3 medium', 'template.yaml:31:3 medium']);
    assert.match(findings[0].message, /Workers is given a single subnet/);
    assert.match(findings[1].message, /DbSubnets is given 2 subnets, all in the same availability zone/);
    assert.deepEqual(findings[1].related?.map((r) => r.line), [6, 12]);
  });

  it('accepts subnets in two zones, and does not judge subnets passed as a parameter', async () => {
    const template = `${NETWORK}  Workers:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: "2"
      MaxSize: "6"
      VPCZoneIdentifier:
        - !Ref PrivateSubnetA
        - !Ref PrivateSubnetB
  Api:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Role: arn:aws:iam::111122223333:role/api
      Code:
        ZipFile: exports.handler = async () => ({ statusCode: 200 });
      VpcConfig:
        SubnetIds: !Ref PrivateSubnetIds
        SecurityGroupIds:
          - sg-0a1b2c3d4e5f67890
`;
    assert.deepEqual(await scanWith(rule, { 'template.yaml': template }), []);
  });

  it('names the shared zone when subnets state it, and is not tier-aware', async () => {
    const template = `Resources:
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: vpc-0a1b2c3d4e5f67890
      CidrBlock: 10.0.1.0/24
      AvailabilityZone: eu-west-1a
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: vpc-0a1b2c3d4e5f67890
      CidrBlock: 10.0.2.0/24
      AvailabilityZone: eu-west-1a
  Cache:
    Type: AWS::ElastiCache::SubnetGroup
    Properties:
      Description: cache
      SubnetIds: [!Ref SubnetA, !Ref SubnetB]
`;
    const findings = await scanWith(rule, { 'template.yaml': template }, { tier: 'MissionCritical' });
    assert.deepEqual(located(findings), ['template.yaml:14:3 medium']);
    assert.match(findings[0].message, /\(eu-west-1a\)/);
  });

  it('reads Terraform subnet references, and leaves splat expressions over counted subnets alone', async () => {
    const tf = `resource "aws_subnet" "private_a" {
  vpc_id            = "vpc-0a1b2c3d4e5f67890"
  cidr_block        = "10.0.10.0/24"
  availability_zone = "us-east-1a"
}

resource "aws_subnet" "private" {
  count             = 3
  vpc_id            = "vpc-0a1b2c3d4e5f67890"
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, count.index)
  availability_zone = element(["us-east-1a", "us-east-1b", "us-east-1c"], count.index)
}

resource "aws_lb" "internal" {
  name               = "internal"
  load_balancer_type = "application"
  internal           = true
  subnets            = [aws_subnet.private_a.id]
}

resource "aws_lb" "spread" {
  name               = "spread"
  load_balancer_type = "application"
  internal           = true
  subnets            = aws_subnet.private[*].id
}
`;
    assert.deepEqual(located(await scanWith(rule, { 'network.tf': tf })), ['network.tf:14:1 medium']);
  });

  it('counts a literal subnet id as one zone, and an ASG limited to one zone name', () => {
    const fn = resource('aws_lambda_function', 'api', { service: 'lambda', facts: { attributes: { subnets: ['subnet-0a1b2c3d4e5f67890'], subnetForms: ['id'] } } });
    const two = resource('aws_lambda_function', 'worker', { service: 'lambda', facts: { attributes: { subnets: ['subnet-0a1b2c3d4e5f67890', 'subnet-0f1e2d3c4b5a69870'], subnetForms: ['id', 'id'] } } });
    const asg = resource('aws-cdk-lib/aws-autoscaling.AutoScalingGroup', 'Fleet', { service: 'autoscaling', file: 'lib/fleet.ts', facts: { attributes: { availabilityZones: ['eu-west-1b'] } } });
    const instance = resource('aws_instance', 'bastion', { service: 'ec2', facts: { attributes: { subnets: ['subnet-0a1b2c3d4e5f67890'], subnetForms: ['id'] } } });
    assert.deepEqual(runOn(rule, [fn, two, asg, instance]).map((f) => f.dependencyIds[0]).sort(), [fn.id, asg.id].sort());
  });
});
