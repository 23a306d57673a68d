import assert from 'node:assert/strict';
import { rule } from '../../../src/core/rules/route53-control-plane';
import { located, resource, runOn, scanWith } from '../../support/ruleTester';

describe('rule route53-control-plane', () => {
  it('reports every Route 53 resource as info', async () => {
    const template = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Zone:
    Type: AWS::Route53::HostedZone
    Properties:
      Name: example.com
  ApiHealthCheck:
    Type: AWS::Route53::HealthCheck
    Properties:
      HealthCheckConfig:
        Type: HTTPS
        FullyQualifiedDomainName: api.example.com
        ResourcePath: /health
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
`;
    const findings = await scanWith(rule, { 'template.yaml': template });
    assert.deepEqual(located(findings), ['template.yaml:3:3 info', 'template.yaml:7:3 info']);
    assert.match(findings[0].message, /Zone \(AWS::Route53::HostedZone\) is managed by the Route 53 control plane in us-east-1/);
  });

  it('stays info at every tier, and reads Terraform', async () => {
    const tf = `resource "aws_route53_zone" "main" {
  name = "example.com"
}
`;
    assert.deepEqual(located(await scanWith(rule, { 'dns.tf': tf }, { tier: 'MissionCritical' })), ['dns.tf:1:1 info']);
  });

  it('does not report Route 53 Resolver, which is regional', () => {
    const resolver = resource('aws_route53_resolver_endpoint', 'inbound', { service: 'route53resolver' });
    const zone = resource('aws-cdk-lib/aws-route53.HostedZone', 'Zone', { service: 'route53', file: 'lib/dns.ts' });
    assert.deepEqual(runOn(rule, [resolver, zone]).map((f) => f.dependencyIds[0]), [zone.id]);
  });
});
