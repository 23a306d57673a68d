import assert from 'node:assert/strict';
import { rule } from '../../../src/core/rules/nat-gateway-single-az';
import { located, resource, runOn, scanWith } from '../../support/ruleTester';

const subnet = (name: string, cidr: string, zone: number) => `  ${name}:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: ${cidr}
      AvailabilityZone: !Select [${zone}, !GetAZs ""]
`;

const nat = (name: string, publicSubnet: string) => `  ${name}Eip:
    Type: AWS::EC2::EIP
    Properties:
      Domain: vpc
  ${name}:
    Type: AWS::EC2::NatGateway
    Properties:
      AllocationId: !GetAtt ${name}Eip.AllocationId
      SubnetId: !Ref ${publicSubnet}
`;

const vpc = (...parts: string[]) => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
${parts.join('')}`;

describe('rule nat-gateway-single-az', () => {
  it('reports the only NAT gateway of a VPC whose subnets span two zones, medium', async () => {
    const template = vpc(
      subnet('PublicA', '10.0.0.0/24', 0), subnet('PublicB', '10.0.1.0/24', 1),
      subnet('PrivateA', '10.0.10.0/24', 0), subnet('PrivateB', '10.0.11.0/24', 1),
      nat('NatGateway', 'PublicA'),
    );
    const findings = await scanWith(rule, { 'template.yaml': template });
    assert.deepEqual(located(findings), ['template.yaml:35:3 medium']);
    assert.match(findings[0].message, /NatGateway is the only one for subnets in 2 availability zones/);
  });

  it('accepts one NAT gateway per zone, and a single-zone VPC', async () => {
    const perZone = vpc(
      subnet('PublicA', '10.0.0.0/24', 0), subnet('PublicB', '10.0.1.0/24', 1),
      nat('NatGatewayA', 'PublicA'), nat('NatGatewayB', 'PublicB'),
    );
    assert.deepEqual(await scanWith(rule, { 'template.yaml': perZone }), []);
    const oneZone = vpc(subnet('PublicA', '10.0.0.0/24', 0), subnet('PrivateA', '10.0.10.0/24', 0), nat('NatGateway', 'PublicA'));
    assert.deepEqual(await scanWith(rule, { 'template.yaml': oneZone }), []);
  });

  it('is not tier-aware', async () => {
    const template = vpc(subnet('PublicA', '10.0.0.0/24', 0), subnet('PrivateB', '10.0.11.0/24', 1), nat('NatGateway', 'PublicA'));
    assert.deepEqual(located(await scanWith(rule, { 'template.yaml': template }, { tier: 'CoreServices' })), ['template.yaml:23:3 medium']);
  });

  it('counts Terraform gateways through count', async () => {
    const tf = (count: number) => `resource "aws_subnet" "public_a" {
  vpc_id            = "vpc-0a1b2c3d4e5f67890"
  cidr_block        = "10.0.0.0/24"
  availability_zone = "us-east-1a"
}

resource "aws_subnet" "private_b" {
  vpc_id            = "vpc-0a1b2c3d4e5f67890"
  cidr_block        = "10.0.11.0/24"
  availability_zone = "us-east-1b"
}

resource "aws_nat_gateway" "egress" {
  count         = ${count}
  allocation_id = "eipalloc-0a1b2c3d4e5f67890"
  subnet_id     = aws_subnet.public_a.id
}
`;
    assert.deepEqual(located(await scanWith(rule, { 'network.tf': tf(1) })), ['network.tf:13:1 medium']);
    assert.deepEqual(await scanWith(rule, { 'network.tf': tf(2) }), []);
  });

  it('reports a CDK Vpc with natGateways: 1, unless it has one zone', () => {
    const shared = resource('aws-cdk-lib/aws-ec2.Vpc', 'Network', { service: 'ec2', file: 'lib/network.ts', facts: { attributes: { natGateways: 1 } } });
    const oneZone = resource('aws-cdk-lib/aws-ec2.Vpc', 'Lab', { service: 'ec2', file: 'lib/lab.ts', facts: { attributes: { natGateways: 1, availabilityZones: ['eu-west-1a'] } } });
    const perZone = resource('aws-cdk-lib/aws-ec2.Vpc', 'Prod', { service: 'ec2', file: 'lib/prod.ts', facts: { attributes: { natGateways: 3 } } });
    assert.deepEqual(located(runOn(rule, [shared, oneZone, perZone])), [`lib/network.ts:${shared.line}:1 medium`]);
  });

  it('reads natGateways from a CDK Vpc', async () => {
    const stack = (nat: number) => `import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';

export class NetworkStack extends Stack {
  constructor(scope: any, id: string) {
    super(scope, id);
    new ec2.Vpc(this, 'Network', { maxAzs: 3, natGateways: ${nat} });
  }
}
`;
    assert.deepEqual(located(await scanWith(rule, { 'lib/network-stack.ts': stack(1) })), ['lib/network-stack.ts:7:5 medium']);
    assert.deepEqual(await scanWith(rule, { 'lib/network-stack.ts': stack(3) }), []);
  });
});
