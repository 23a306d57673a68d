import assert from 'node:assert/strict';
import { rule } from '../../../src/core/rules/health-rule-single-region';
import { located, resource, runOn, scanWith } from '../../support/ruleTester';

const HEALTH_RULE = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  OpsTopicArn:
    Type: String
Resources:
  HealthEvents:
    Type: AWS::Events::Rule
    Properties:
      Description: AWS Health events to the on-call topic
      EventPattern:
        source:
          - aws.health
        detail-type:
          - AWS Health Event
      Targets:
        - Arn: !Ref OpsTopicArn
          Id: ops
`;

const samconfig = (primary: string, ...others: string[]) => `version = 0.1
[default.deploy.parameters]
stack_name = "health"
region = "${primary}"
${others.map((r) => `\n[${r}.deploy.parameters]\nstack_name = "health"\nregion = "${r}"\n`).join('')}`;

describe('rule health-rule-single-region', () => {
  it('reports an aws.health rule deployed to one region, medium, with advice for that region', async () => {
    const findings = await scanWith(rule, { 'template.yaml': HEALTH_RULE, 'samconfig.toml': samconfig('eu-west-1') });
    assert.deepEqual(located(findings), ['template.yaml:6:3 medium']);
    assert.match(findings[0].message, /AWS Health is watched only in eu-west-1 \(HealthEvents\).*us-west-2.*us-east-1 for global events/);
    const east = await scanWith(rule, { 'template.yaml': HEALTH_RULE, 'samconfig.toml': samconfig('us-east-1') });
    assert.match(east[0].message, /Add the same rule in us-west-2, the backup region/);
  });

  it('accepts the same stack deployed to two regions', async () => {
    assert.deepEqual(await scanWith(rule, { 'template.yaml': HEALTH_RULE, 'samconfig.toml': samconfig('us-east-1', 'us-west-2') }), []);
  });

  it('reports a rule whose region is unknown, and does not report other event rules; not tier-aware', async () => {
    const findings = await scanWith(rule, { 'template.yaml': HEALTH_RULE }, { tier: 'NonCritical' });
    assert.deepEqual(located(findings), ['template.yaml:6:3 medium']);
    assert.match(findings[0].message, /in the one region this stack is deployed to/);
    const ec2 = HEALTH_RULE.replace('aws.health', 'aws.ec2').replace('AWS Health Event', 'EC2 Instance State-change Notification');
    assert.deepEqual(await scanWith(rule, { 'template.yaml': ec2 }), []);
  });

  it('reads Terraform rules in two provider regions', async () => {
    const tf = (secondRegion: string) => `provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "backup"
  region = "${secondRegion}"
}

resource "aws_cloudwatch_event_rule" "health" {
  name          = "aws-health"
  event_pattern = jsonencode({ source = ["aws.health"] })
}

resource "aws_cloudwatch_event_rule" "health_backup" {
  provider      = aws.backup
  name          = "aws-health"
  event_pattern = jsonencode({ source = ["aws.health"] })
}
`;
    assert.deepEqual(await scanWith(rule, { 'health.tf': tf('us-west-2') }), []);
    const findings = await scanWith(rule, { 'health.tf': tf('us-east-1') });
    assert.deepEqual(located(findings), ['health.tf:10:1 medium']);
    assert.deepEqual(findings[0].related?.map((r) => r.line), [15]);
  });

  it('counts SAM function event rules on aws.health too', () => {
    const fn = resource('AWS::Serverless::Function', 'HealthNotifier', { service: 'lambda', file: 'template.yaml', region: 'us-west-2', facts: { attributes: { eventSources: ['aws.health'] } } });
    assert.deepEqual(located(runOn(rule, [fn])), [`template.yaml:${fn.line}:1 medium`]);
  });
});
