import assert from 'node:assert/strict';
import { rule } from '../../../src/core/rules/wafv2-cloudfront-scope';
import { located, resource, runOn, scanWith } from '../../support/ruleTester';
import { traceStep } from '../../../src/core/trace';

const samconfig = (region: string) => `version = 0.1
[default.deploy.parameters]
region = "${region}"
`;

const acl = (scope: string) => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  EdgeAcl:
    Type: AWS::WAFv2::WebACL
    Properties:
      Name: edge
      Scope: ${scope}
      DefaultAction:
        Allow: {}
      VisibilityConfig:
        SampledRequestsEnabled: true
        CloudWatchMetricsEnabled: true
        MetricName: edge
      Rules:
        - Name: common
          Priority: 0
          OverrideAction:
            None: {}
          Statement:
            ManagedRuleGroupStatement:
              VendorName: AWS
              Name: AWSManagedRulesCommonRuleSet
          VisibilityConfig:
            SampledRequestsEnabled: true
            CloudWatchMetricsEnabled: true
            MetricName: common
`;

describe('rule wafv2-cloudfront-scope', () => {
  it('reports a CLOUDFRONT web ACL in a us-east-1 stack as info', async () => {
    const findings = await scanWith(rule, { 'template.yaml': acl('CLOUDFRONT'), 'samconfig.toml': samconfig('us-east-1') });
    assert.deepEqual(located(findings), ['template.yaml:3:3 info']);
    assert.match(findings[0].message, /EdgeAcl has Scope CLOUDFRONT: it exists only in us-east-1/);
  });

  it('reports it as high when the stack is deployed to another region', async () => {
    const findings = await scanWith(rule, { 'template.yaml': acl('CLOUDFRONT'), 'samconfig.toml': samconfig('eu-west-1') });
    assert.deepEqual(located(findings), ['template.yaml:3:3 high']);
    assert.match(findings[0].message, /deployed to eu-west-1/);
  });

  it('is high when any environment of the stack deploys outside us-east-1', async () => {
    const environments = `${samconfig('us-east-1')}
[prod-eu.deploy.parameters]
region = "eu-west-1"
`;
    assert.deepEqual(located(await scanWith(rule, { 'template.yaml': acl('CLOUDFRONT'), 'samconfig.toml': environments })), ['template.yaml:3:3 high']);
  });

  it('keeps info when the stack region is unknown, and ignores REGIONAL ACLs', async () => {
    assert.deepEqual(located(await scanWith(rule, { 'template.yaml': acl('CLOUDFRONT') })), ['template.yaml:3:3 info']);
    assert.deepEqual(await scanWith(rule, { 'template.yaml': acl('REGIONAL'), 'samconfig.toml': samconfig('eu-west-1') }), []);
  });

  it('reads Terraform scope and provider region', async () => {
    const tf = (region: string) => `provider "aws" {
  region = "${region}"
}

resource "aws_wafv2_web_acl" "edge" {
  name  = "edge"
  scope = "CLOUDFRONT"

  default_action {
    allow {}
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "edge"
    sampled_requests_enabled   = true
  }
}
`;
    assert.deepEqual(located(await scanWith(rule, { 'waf.tf': tf('us-east-1') })), ['waf.tf:5:1 info']);
    assert.deepEqual(located(await scanWith(rule, { 'waf.tf': tf('eu-central-1') })), ['waf.tf:5:1 high']);
  });

  it('reads the configured region of a dependency another pass re-pinned', () => {
    const pinned = resource('aws-cdk-lib/aws-wafv2.CfnWebACL', 'EdgeAcl', {
      service: 'wafv2', file: 'lib/edge.ts', region: 'us-east-1', regionSource: 'global-service',
      regionTrace: [traceStep({ file: 'lib/edge.ts', line: 4 }, { kind: 'global-control-plane', service: 'wafv2', region: 'us-east-1', note: 'WAF for CloudFront is managed in us-east-1', configuredRegion: 'ap-southeast-2' })],
      facts: { attributes: { scope: 'CLOUDFRONT' } },
    });
    assert.deepEqual(located(runOn(rule, [pinned])), [`lib/edge.ts:${pinned.line}:1 high`]);
  });
});
