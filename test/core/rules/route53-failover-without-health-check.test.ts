import assert from 'node:assert/strict';
import { rule } from '../../../src/core/rules/route53-failover-without-health-check';
import { located, resource, runOn, scanWith } from '../../support/ruleTester';

const failover = (primaryExtra: string, evaluate = 'false') => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  ApiPrimary:
    Type: AWS::Route53::RecordSet
    Properties:
      HostedZoneName: example.com.
      Name: api.example.com.
      Type: A
      SetIdentifier: primary
      Failover: PRIMARY
${primaryExtra}      AliasTarget:
        DNSName: dualstack.api-alb-123456.us-east-1.elb.amazonaws.com
        HostedZoneId: Z35SXDOTRQ7X7K
        EvaluateTargetHealth: ${evaluate}
  ApiSecondary:
    Type: AWS::Route53::RecordSet
    Properties:
      HostedZoneName: example.com.
      Name: api.example.com.
      Type: A
      SetIdentifier: secondary
      Failover: SECONDARY
      AliasTarget:
        DNSName: dualstack.api-alb-654321.us-west-2.elb.amazonaws.com
        HostedZoneId: Z1H1FL5HABSF5
        EvaluateTargetHealth: false
`;

describe('rule route53-failover-without-health-check', () => {
  it('reports a PRIMARY failover record without a health check, high; the SECONDARY is not judged', async () => {
    const findings = await scanWith(rule, { 'dns.yaml': failover('') });
    assert.deepEqual(located(findings), ['dns.yaml:3:3 high']);
    assert.match(findings[0].message, /ApiPrimary \(api\.example\.com\.\) is PRIMARY without a health check/);
  });

  it('accepts a health check id, or an alias that evaluates target health', async () => {
    assert.deepEqual(await scanWith(rule, { 'dns.yaml': failover('      HealthCheckId: !Ref ApiHealthCheck\n') }), []);
    assert.deepEqual(await scanWith(rule, { 'dns.yaml': failover('', 'true') }), []);
  });

  it('is not tier-aware', async () => {
    assert.deepEqual(located(await scanWith(rule, { 'dns.yaml': failover('') }, { tier: 'NonCritical' })), ['dns.yaml:3:3 high']);
  });

  it('reads Terraform failover_routing_policy blocks', async () => {
    const tf = (health: string) => `resource "aws_route53_record" "api_primary" {
  zone_id        = "Z0123456789ABCDEFGHIJ"
  name           = "api.example.com"
  type           = "CNAME"
  ttl            = 60
  records        = ["api-primary.example.net"]
  set_identifier = "primary"${health}

  failover_routing_policy {
    type = "PRIMARY"
  }
}
`;
    assert.deepEqual(located(await scanWith(rule, { 'dns.tf': tf('') })), ['dns.tf:1:1 high']);
    assert.deepEqual(await scanWith(rule, { 'dns.tf': tf('\n  health_check_id = aws_route53_health_check.api.id') }), []);
  });

  it('judges each failover record of a record set group', () => {
    const group = resource('AWS::Route53::RecordSetGroup', 'Api', {
      service: 'route53', file: 'dns.yaml',
      facts: { attributes: { records: [
        { name: 'api.example.com.', routingPolicy: 'failover', failoverRole: 'PRIMARY', healthCheck: false },
        { name: 'api.example.com.', routingPolicy: 'failover', failoverRole: 'SECONDARY', healthCheck: false },
      ] } },
    });
    const checked = resource('AWS::Route53::RecordSetGroup', 'Www', {
      service: 'route53', file: 'dns.yaml',
      facts: { attributes: { records: [{ name: 'www.example.com.', routingPolicy: 'failover', failoverRole: 'PRIMARY', healthCheck: true }] } },
    });
    const findings = runOn(rule, [group, checked]);
    assert.deepEqual(findings.map((f) => f.dependencyIds[0]), [group.id]);
    assert.match(findings[0].message, /\(api\.example\.com\.\)/);
  });

  it('judges each failover record of a CloudFormation record set group, naming the unchecked one', async () => {
    const group = (health: string) => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  ApiRecords:
    Type: AWS::Route53::RecordSetGroup
    Properties:
      HostedZoneName: example.com.
      RecordSets:
        - Name: api.example.com.
          Type: CNAME
          TTL: "60"
          SetIdentifier: primary
          Failover: PRIMARY
${health}          ResourceRecords:
            - api-alb-123456.eu-west-1.elb.amazonaws.com
        - Name: api.example.com.
          Type: CNAME
          TTL: "60"
          SetIdentifier: secondary
          Failover: SECONDARY
          ResourceRecords:
            - api-alb-654321.us-west-2.elb.amazonaws.com
`;
    const findings = await scanWith(rule, { 'dns.yaml': group('') });
    assert.deepEqual(located(findings), ['dns.yaml:3:3 high']);
    assert.match(findings[0].message, /^Failover record ApiRecords \(api\.example\.com\.\) is PRIMARY without a health check/);
    assert.deepEqual(await scanWith(rule, { 'dns.yaml': group('          HealthCheckId: 0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e\n') }), []);
  });
});
