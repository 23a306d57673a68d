import assert from 'node:assert/strict';
import { rule } from '../../../src/core/rules/lb-cross-zone-disabled';
import { located, resource, runOn, scanWith } from '../../support/ruleTester';

describe('rule lb-cross-zone-disabled', () => {
  it('reports a network load balancer without cross-zone (its default) as info, and not an application load balancer', async () => {
    const template = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  IngestNlb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: network
      Scheme: internal
      Subnets: [subnet-0a1b2c3d4e5f67890, subnet-0f1e2d3c4b5a69870]
  WebAlb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: application
      Subnets: [subnet-0a1b2c3d4e5f67890, subnet-0f1e2d3c4b5a69870]
`;
    const findings = await scanWith(rule, { 'template.yaml': template });
    assert.deepEqual(located(findings), ['template.yaml:3:3 info']);
    assert.match(findings[0].message, /IngestNlb has cross-zone load balancing off/);
  });

  it('accepts load_balancing.cross_zone.enabled = true', async () => {
    const template = `Resources:
  IngestNlb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: network
      Subnets: [subnet-0a1b2c3d4e5f67890, subnet-0f1e2d3c4b5a69870]
      LoadBalancerAttributes:
        - Key: load_balancing.cross_zone.enabled
          Value: "true"
`;
    assert.deepEqual(await scanWith(rule, { 'template.yaml': template }), []);
  });

  it('reports a target group that turns cross-zone off, and stays info at every tier', async () => {
    const template = `Resources:
  ApiTargets:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Port: 443
      Protocol: HTTPS
      VpcId: vpc-0a1b2c3d4e5f67890
      TargetGroupAttributes:
        - Key: load_balancing.cross_zone.enabled
          Value: "false"
`;
    assert.deepEqual(located(await scanWith(rule, { 'template.yaml': template }, { tier: 'MissionCritical' })), ['template.yaml:2:3 info']);
  });

  it('reads Terraform load balancers', async () => {
    const tf = (extra: string) => `resource "aws_lb" "ingest" {
  name               = "ingest"
  load_balancer_type = "network"
  subnets            = ["subnet-0a1b2c3d4e5f67890", "subnet-0f1e2d3c4b5a69870"]${extra}
}
`;
    assert.deepEqual(located(await scanWith(rule, { 'lb.tf': tf('') })), ['lb.tf:1:1 info']);
    assert.deepEqual(await scanWith(rule, { 'lb.tf': tf('\n  enable_cross_zone_load_balancing = true') }), []);
  });

  it('judges only a stated false', () => {
    const unknown = resource('aws-cdk-lib/aws-elasticloadbalancingv2.NetworkLoadBalancer', 'Ingest', { service: 'elasticloadbalancing', file: 'lib/lb.ts' });
    const off = resource('aws-cdk-lib/aws-elasticloadbalancingv2.NetworkLoadBalancer', 'Ingest2', { service: 'elasticloadbalancing', file: 'lib/lb.ts', facts: { attributes: { crossZone: false } } });
    assert.deepEqual(runOn(rule, [unknown, off]).map((f) => f.dependencyIds[0]), [off.id]);
  });
});
