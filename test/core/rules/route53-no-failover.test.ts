import assert from 'node:assert/strict';
import { rule } from '../../../src/core/rules/route53-no-failover';
import { located, resource, runOn, scanWith } from '../../support/ruleTester';

const RECORDS = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  ApiRecord:
    Type: AWS::Route53::RecordSet
    Properties:
      HostedZoneName: example.com.
      Name: api.example.com.
      Type: A
      AliasTarget:
        DNSName: dualstack.api-alb-123456.eu-west-1.elb.amazonaws.com
        HostedZoneId: Z32O12XQLNTSW2
  SpfRecord:
    Type: AWS::Route53::RecordSet
    Properties:
      HostedZoneName: example.com.
      Name: example.com.
      Type: TXT
      TTL: "300"
      ResourceRecords:
        - '"v=spf1 include:amazonses.com -all"'
`;

describe('rule route53-no-failover', () => {
  it('reports an application record with simple routing, low and tier-aware, and not a TXT record', async () => {
    const findings = await scanWith(rule, { 'dns.yaml': RECORDS });
    assert.deepEqual(located(findings), ['dns.yaml:3:3 low']);
    assert.match(findings[0].message, /DNS record ApiRecord \(api\.example\.com\.\) uses simple routing/);
    assert.deepEqual(located(await scanWith(rule, { 'dns.yaml': RECORDS }, { tier: 'MissionCritical' })), ['dns.yaml:3:3 medium']);
    assert.deepEqual(located(await scanWith(rule, { 'dns.yaml': RECORDS }, { tier: 'NonCritical' })), ['dns.yaml:3:3 info']);
  });

  it('accepts failover and latency records', async () => {
    const routed = `Resources:
  ApiPrimary:
    Type: AWS::Route53::RecordSet
    Properties:
      HostedZoneName: example.com.
      Name: api.example.com.
      Type: A
      SetIdentifier: primary
      Failover: PRIMARY
      HealthCheckId: 0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e
      AliasTarget:
        DNSName: dualstack.api-alb-123456.eu-west-1.elb.amazonaws.com
        HostedZoneId: Z32O12XQLNTSW2
  ApiLatencyWest:
    Type: AWS::Route53::RecordSet
    Properties:
      HostedZoneName: example.com.
      Name: api-latency.example.com.
      Type: A
      SetIdentifier: eu-west-1
      Region: eu-west-1
      AliasTarget:
        DNSName: dualstack.api-alb-123456.eu-west-1.elb.amazonaws.com
        HostedZoneId: Z32O12XQLNTSW2
        EvaluateTargetHealth: true
`;
    assert.deepEqual(await scanWith(rule, { 'dns.yaml': routed }), []);
  });

  it('judges each record of a record set group, skipping validation records', async () => {
    const group = `Resources:
  SiteRecords:
    Type: AWS::Route53::RecordSetGroup
    Properties:
      HostedZoneName: example.com.
      RecordSets:
        - Name: _a79865eb4cd1a6ab990a45779b4e0b96.www.example.com.
          Type: CNAME
          TTL: "300"
          ResourceRecords: [_424c7224e9b0146f9a8808af955727d0.acm-validations.aws.]
        - Name: shop.example.com.
          Type: CNAME
          TTL: "60"
          ResourceRecords: [shop-alb-123456.eu-west-1.elb.amazonaws.com]
`;
    const findings = await scanWith(rule, { 'dns.yaml': group });
    assert.deepEqual(located(findings), ['dns.yaml:2:3 low']);
    assert.match(findings[0].message, /SiteRecords \(shop\.example\.com\.\)/);
  });

  it('reads Terraform routing policies', async () => {
    const tf = `resource "aws_route53_record" "api" {
  zone_id = "Z0123456789ABCDEFGHIJ"
  name    = "api.example.com"
  type    = "A"

  alias {
    name                   = "dualstack.api-alb-123456.us-east-1.elb.amazonaws.com"
    zone_id                = "Z35SXDOTRQ7X7K"
    evaluate_target_health = true
  }
}

resource "aws_route53_record" "api_west" {
  zone_id        = "Z0123456789ABCDEFGHIJ"
  name           = "api-geo.example.com"
  type           = "A"
  set_identifier = "west"

  latency_routing_policy {
    region = "us-west-2"
  }

  alias {
    name                   = "dualstack.api-alb-654321.us-west-2.elb.amazonaws.com"
    zone_id                = "Z1H1FL5HABSF5"
    evaluate_target_health = true
  }
}
`;
    assert.deepEqual(located(await scanWith(rule, { 'dns.tf': tf })), ['dns.tf:1:1 low']);
  });

  it('reads Terraform record types and alias targets: skips a CloudFront alias, TXT and MX records and validation names', async () => {
    const tf = `resource "aws_route53_record" "apex" {
  zone_id = aws_route53_zone.main.zone_id
  name    = "example.com"
  type    = "A"

  alias {
    name                   = aws_cloudfront_distribution.site.domain_name
    zone_id                = aws_cloudfront_distribution.site.hosted_zone_id
    evaluate_target_health = false
  }
}

resource "aws_route53_record" "spf" {
  zone_id = aws_route53_zone.main.zone_id
  name    = "example.com"
  type    = "TXT"
  ttl     = 300
  records = ["v=spf1 include:amazonses.com ~all"]
}

resource "aws_route53_record" "mail" {
  zone_id = aws_route53_zone.main.zone_id
  name    = "example.com"
  type    = "MX"
  ttl     = 300
  records = ["10 inbound-smtp.us-east-1.amazonaws.com"]
}

resource "aws_route53_record" "cert_validation" {
  zone_id = aws_route53_zone.main.zone_id
  name    = "_3a1b2c3d4e5f.example.com"
  type    = "CNAME"
  ttl     = 60
  records = ["_9f8e7d6c5b4a.acm-validations.aws."]
}

resource "aws_route53_record" "api" {
  zone_id = aws_route53_zone.main.zone_id
  name    = "api.example.com"
  type    = "A"

  alias {
    name                   = aws_lb.api.dns_name
    zone_id                = aws_lb.api.zone_id
    evaluate_target_health = true
  }
}
`;
    const findings = await scanWith(rule, { 'dns.tf': tf });
    assert.deepEqual(located(findings), ['dns.tf:37:1 low']);
    assert.match(findings[0].message, /^DNS record api \(api\.example\.com\) uses simple routing/);
  });

  it('does not report aliases to CloudFront or Global Accelerator, nor MX records', () => {
    const cdn = resource('AWS::Route53::RecordSet', 'Www', { service: 'route53', file: 'dns.yaml', facts: { attributes: { routingPolicy: 'simple', recordType: 'A', aliasTarget: 'd111111abcdef8.cloudfront.net' } } });
    const ga = resource('aws_route53_record', 'ga', { service: 'route53', facts: { attributes: { routingPolicy: 'simple', recordType: 'A', aliasTarget: 'a1234567890abcdef.awsglobalaccelerator.com' } } });
    const mx = resource('aws_route53_record', 'mx', { service: 'route53', facts: { attributes: { routingPolicy: 'simple', recordType: 'MX' } } });
    const cdk = resource('aws-cdk-lib/aws-route53.ARecord', 'Api', { service: 'route53', file: 'lib/dns.ts' });
    assert.deepEqual(runOn(rule, [cdn, ga, mx, cdk]).map((f) => f.dependencyIds[0]), [cdk.id]);
  });

  it('skips CloudFront and Global Accelerator aliases and validation records of a CloudFormation record set group, and judges the rest', async () => {
    const group = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  SiteRecords:
    Type: AWS::Route53::RecordSetGroup
    Properties:
      HostedZoneName: example.com.
      RecordSets:
        - Name: shop.example.com.
          Type: A
          AliasTarget:
            DNSName: d111111abcdef8.cloudfront.net
            HostedZoneId: Z2FDTNDATAQYW2
        - Name: play.example.com.
          Type: AAAA
          AliasTarget:
            DNSName: a1234567890abcdef.awsglobalaccelerator.com
            HostedZoneId: Z2BJ6XQ5FK7U4H
        - Name: _a79865eb4cd1a6ab990a45779b4e0b96.shop.example.com.
          Type: CNAME
          TTL: "300"
          ResourceRecords: [_424c7224e9b0146f9a8808af955727d0.acm-validations.aws.]
        - Name: admin.example.com.
          Type: A
          AliasTarget:
            DNSName: dualstack.admin-alb-123456.eu-west-1.elb.amazonaws.com
            HostedZoneId: Z32O12XQLNTSW2
`;
    const findings = await scanWith(rule, { 'dns.yaml': group });
    assert.deepEqual(located(findings), ['dns.yaml:3:3 low']);
    assert.match(findings[0].message, /^DNS record SiteRecords \(admin\.example\.com\.\) uses simple routing/);
    const frontDoorsOnly = group.slice(0, group.indexOf('        - Name: admin.example.com.'));
    assert.deepEqual(await scanWith(rule, { 'dns.yaml': frontDoorsOnly }), []);
  });

  it('skips a CloudFormation record set aliased to CloudFront and a certificate validation record, by their alias target and name', async () => {
    const records = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  WwwRecord:
    Type: AWS::Route53::RecordSet
    Properties:
      HostedZoneName: example.com.
      Name: www.example.com.
      Type: A
      AliasTarget:
        DNSName: d111111abcdef8.cloudfront.net.
        HostedZoneId: Z2FDTNDATAQYW2
  CertificateValidation:
    Type: AWS::Route53::RecordSet
    Properties:
      HostedZoneName: example.com.
      Name: _3f9c1d6e2b7a4c8d9e0f1a2b3c4d5e6f.www.example.com.
      Type: CNAME
      TTL: "300"
      ResourceRecords:
        - _7d2e4f6a8b0c1d3e5f7a9b1c3d5e7f9a.acm-validations.aws.
`;
    assert.deepEqual(await scanWith(rule, { 'dns.yaml': records }), []);
    // The same record aliased to a regional load balancer is reported.
    const regional = records.replace('d111111abcdef8.cloudfront.net.', 'dualstack.web-alb-123456.eu-west-1.elb.amazonaws.com').replace('Z2FDTNDATAQYW2', 'Z32O12XQLNTSW2');
    assert.deepEqual(located(await scanWith(rule, { 'dns.yaml': regional })), ['dns.yaml:3:3 low']);
  });
});
