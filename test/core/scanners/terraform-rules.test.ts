/**
 * Terraform facts that rules outside this scanner's rule tests read: the availability zones that
 * subnets choose by expression (`availabilityZoneRefs`), through the subnet and NAT gateway rules,
 * scanned, resolved and judged as the CLI does.
 */
import assert from 'node:assert/strict';
import { rule as natGatewaySingleAz } from '../../../src/core/rules/nat-gateway-single-az';
import { rule as subnetsSingleAz } from '../../../src/core/rules/subnets-single-az';
import { located, scanWith } from '../../support/ruleTester';

const subnet = (name: string, cidr: string, zone: string) => `resource "aws_subnet" "${name}" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "${cidr}"
  availability_zone = ${zone}
}
`;

const network = (zoneA: string, zoneB: string) => `provider "aws" {
  region = "eu-west-1"
}

data "aws_availability_zones" "available" {
  state = "available"
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

${subnet('private_a', '10.0.10.0/24', zoneA)}
${subnet('private_b', '10.0.11.0/24', zoneB)}`;

const DB_SUBNETS = `resource "aws_db_subnet_group" "orders" {
  name       = "orders"
  subnet_ids = [aws_subnet.private_a.id, aws_subnet.private_b.id]
}
`;

const NAT = `resource "aws_eip" "nat" {
  domain = "vpc"
}

resource "aws_nat_gateway" "egress" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.private_a.id
}
`;

describe('terraform zone choices, judged by the zone rules', () => {
  it('subnets-single-az: two subnets that choose the same zone by expression are one zone', async () => {
    const same = network('data.aws_availability_zones.available.names[0]', 'element(data.aws_availability_zones.available.names, 0)');
    const findings = await scanWith(subnetsSingleAz, { 'network.tf': same, 'db.tf': DB_SUBNETS });
    assert.deepEqual(located(findings), ['db.tf:1:1 medium']);
    assert.match(findings[0].message, /^orders is given 2 subnets, all in the same availability zone: /);
    assert.deepEqual(findings[0].related?.map((r) => `${r.file}:${r.line}:${r.message}`), ['network.tf:13:subnet private_a', 'network.tf:19:subnet private_b']);
  });

  it('subnets-single-az: different indexes, and the same variable chosen twice, are judged by their texts', async () => {
    const spread = network('data.aws_availability_zones.available.names[0]', 'data.aws_availability_zones.available.names[1]');
    assert.deepEqual(await scanWith(subnetsSingleAz, { 'network.tf': spread, 'db.tf': DB_SUBNETS }), []);
    const oneVariable = network('var.zone', 'var.zone');
    assert.deepEqual(located(await scanWith(subnetsSingleAz, { 'network.tf': oneVariable, 'db.tf': DB_SUBNETS })), ['db.tf:1:1 medium']);
  });

  it('subnets-single-az: a zone that differs per instance (names[count.index]) is not judged', async () => {
    const counted = `provider "aws" {
  region = "eu-west-1"
}

data "aws_availability_zones" "available" {
  state = "available"
}

resource "aws_subnet" "private" {
  count             = 2
  vpc_id            = "vpc-0a1b2c3d4e5f67890"
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, count.index)
  availability_zone = data.aws_availability_zones.available.names[count.index]
}

resource "aws_db_subnet_group" "orders" {
  name       = "orders"
  subnet_ids = [aws_subnet.private[0].id, aws_subnet.private[1].id]
}
`;
    assert.deepEqual(await scanWith(subnetsSingleAz, { 'network.tf': counted }), []);
  });

  it('nat-gateway-single-az: one gateway for subnets whose zones are chosen by different expressions', async () => {
    const spread = network('data.aws_availability_zones.available.names[0]', 'data.aws_availability_zones.available.names[1]');
    const findings = await scanWith(natGatewaySingleAz, { 'network.tf': spread, 'nat.tf': NAT });
    assert.deepEqual(located(findings), ['nat.tf:5:1 medium']);
    assert.match(findings[0].message, /^NAT gateway egress is the only one for subnets in 2 availability zones/);
    const same = network('var.zone', 'var.zone');
    assert.deepEqual(await scanWith(natGatewaySingleAz, { 'network.tf': same, 'nat.tf': NAT }), []);
  });
});
