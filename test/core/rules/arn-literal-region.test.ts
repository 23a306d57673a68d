import { strict as assert } from 'node:assert';
import { rule } from '../../../src/core/rules/arn-literal-region';
import { dep } from '../../support/deps';
import { analyseFiles, findingsOf, located, locations, runRulesOn } from '../../support/ruleTester';

describe('arn-literal-region', () => {
  describe('over hand-built dependencies', () => {
    it('reports ARNs with a region: medium in application code, low in IaC (CDK programs included)', () => {
      const findings = runRulesOn(rule, [
        dep({ kind: 'arn', service: 'sns', text: 'arn:aws:sns:us-east-1:123456789012:order-events', origin: 'js-v3', file: 'src/notify.ts', line: 5, column: 18, region: 'us-east-1', regionSource: 'literal' }),
        dep({ kind: 'arn', service: 'sqs', text: 'arn:aws:sqs:eu-west-1:123456789012:jobs', origin: 'cloudformation', file: 'template.yaml', line: 21, column: 20, region: 'eu-west-1', regionSource: 'literal' }),
        dep({ kind: 'arn', service: 'lambda', text: 'arn:aws:lambda:us-east-1:123456789012:function:resize', file: 'infra/stack.ts', line: 14, column: 7, region: 'us-east-1', regionSource: 'literal' }),
        dep({ kind: 'iac-resource', service: 'lambda', origin: 'cdk', file: 'infra/stack.ts', line: 10, region: null, regionSource: 'unresolved' }),
      ]);
      assert.deepEqual(located(findings), ['infra/stack.ts:14:7 low', 'src/notify.ts:5:18 medium', 'template.yaml:21:20 low']);
      assert.match(findings[1].message, /^ARN arn:aws:sns:us-east-1:123456789012:order-events names a resource in us-east-1 \(sns\)/);
      assert.match(findings[2].message, /AWS::Region/);
    });

    it('leaves region-less ARNs and ARNs built from the region alone', () => {
      const findings = runRulesOn(rule, [
        dep({ kind: 'arn', service: 's3', text: 'arn:aws:s3:::assets-bucket', file: 'src/a.ts', line: 1, region: null, regionSource: 'unresolved' }),
        dep({ kind: 'arn', service: 'iam', text: 'arn:aws:iam::123456789012:role/app', file: 'src/a.ts', line: 2, region: null, regionSource: 'unresolved' }),
        dep({ kind: 'arn', service: 'sqs', text: 'arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:jobs', file: 'template.yaml', line: 3, region: null, regionSource: 'unresolved' }),
      ]);
      assert.deepEqual(located(findings), []);
    });
  });

  describe('on a realistic workspace', () => {
    it('treats an ARN in a CDK program as infrastructure (low)', async () => {
      const map = await analyseFiles({
        'lib/orders-stack.ts': [
          'import { Stack, StackProps } from "aws-cdk-lib";',
          'import * as sns from "aws-cdk-lib/aws-sns";',
          'import * as sqs from "aws-cdk-lib/aws-sqs";',
          'import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";',
          'import { Construct } from "constructs";',
          '',
          'export class OrdersStack extends Stack {',
          '  constructor(scope: Construct, id: string, props?: StackProps) {',
          '    super(scope, id, props);',
          '    const queue = new sqs.Queue(this, "OrdersQueue");',
          '    const topic = sns.Topic.fromTopicArn(this, "OrderEvents", "arn:aws:sns:us-east-1:123456789012:order-events");',
          '    topic.addSubscription(new subscriptions.SqsSubscription(queue));',
          '  }',
          '}',
          '',
        ].join('\n'),
      });
      const findings = findingsOf(map, 'arn-literal-region');
      assert.deepEqual(locations(findings), ['lib/orders-stack.ts:11:63']);
      assert.equal(findings[0].severity, 'low');
    });

    it('reports regional ARN literals in code (medium) and templates (low), not region-less or built ARNs', async () => {
      const map = await analyseFiles({
        'src/events.ts': [
          'import { SNSClient, PublishCommand } from "@aws-sdk/client-sns";',
          '',
          'const sns = new SNSClient({});',
          'const TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:order-events";',
          'const ARCHIVE = "arn:aws:s3:::order-archive";',
          '',
          'export const publish = (message: string) => sns.send(new PublishCommand({ TopicArn: TOPIC_ARN, Message: message }));',
          'export { ARCHIVE };',
          '',
        ].join('\n'),
        'template.yaml': [
          'AWSTemplateFormatVersion: "2010-09-09"',
          'Resources:',
          '  OrderEventsSubscription:',
          '    Type: AWS::SNS::Subscription',
          '    Properties:',
          '      Protocol: sqs',
          '      TopicArn: arn:aws:sns:eu-west-1:123456789012:order-events',
          '      Endpoint: !GetAtt OrdersQueue.Arn',
          '  AuditSubscription:',
          '    Type: AWS::SNS::Subscription',
          '    Properties:',
          '      Protocol: sqs',
          '      TopicArn: !Sub "arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:audit"',
          '      Endpoint: !GetAtt OrdersQueue.Arn',
          '  OrdersQueue:',
          '    Type: AWS::SQS::Queue',
          '',
        ].join('\n'),
      });
      const findings = findingsOf(map, 'arn-literal-region');
      assert.deepEqual(locations(findings), ['src/events.ts:4:19', 'template.yaml:7:17']);
      assert.deepEqual(findings.map((f) => f.severity), ['medium', 'low']);
    });
  });
});
