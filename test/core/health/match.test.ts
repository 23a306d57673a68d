import { strict as assert } from 'node:assert';
import { matchEvents } from '../../../src/core/health/match';
import type { HealthEvent } from '../../../src/core/health/types';
import { dep } from './dependencies';

function event(fields: Partial<HealthEvent> & Pick<HealthEvent, 'service' | 'healthService' | 'region'>): HealthEvent {
  const arn = `arn:aws:health:${fields.region}::event/${fields.healthService}/AWS_${fields.healthService}_OPERATIONAL_ISSUE/AWS_${fields.healthService}_OPERATIONAL_ISSUE_TEST`;
  return {
    id: arn, arn, eventTypeCode: `AWS_${fields.healthService}_OPERATIONAL_ISSUE`, category: 'issue', statusCode: 'open',
    startTime: '2026-11-26T15:45:06Z', description: '', ...fields,
  };
}

// A small service: code in src/, a SAM template, a Terraform module, a workflow deploying to two regions.
const ordersClient = dep({ file: 'src/orders.ts', line: 8, kind: 'sdk-client', service: 'dynamodb', region: 'us-east-1', regionSource: 'literal', name: 'DynamoDBClient', origin: 'js-v3' });
const ordersPut = dep({ file: 'src/orders.ts', line: 21, kind: 'sdk-call', service: 'dynamodb', region: 'us-east-1', regionSource: 'literal', name: 'PutItemCommand', operation: 'PutItem', links: [ordersClient.id] });
const ordersTable = dep({ file: 'template.yaml', line: 27, kind: 'iac-resource', service: 'dynamodb', region: 'us-east-1', regionSource: 'deploy-config', resource: { type: 'AWS::DynamoDB::Table', name: 'OrdersTable', attributes: { physicalNames: ['orders-prod'] } } });
const reportsClient = dep({ file: 'src/reports.ts', line: 5, kind: 'sdk-client', service: 'dynamodb', region: 'us-west-2', regionSource: 'literal', name: 'DynamoDBClient' });
const matrixTable = dep({ file: 'infra/sessions.yaml', line: 12, kind: 'iac-resource', service: 'dynamodb', region: null, regionSource: 'deploy-config', candidateRegions: ['us-east-1', 'eu-west-1'], resource: { type: 'AWS::DynamoDB::Table', name: 'SessionsTable' } });
const envClient = dep({ file: 'app/worker.py', line: 5, kind: 'sdk-client', service: 'dynamodb', region: null, regionSource: 'unresolved', name: 'boto3.client' });
const lambdaClient = dep({ file: 'src/handler.ts', line: 3, kind: 'sdk-client', service: 'lambda', region: 'us-east-1', regionSource: 'literal', name: 'LambdaClient' });
const regionConfig = dep({ file: 'samconfig.toml', line: 7, kind: 'region-config', service: '*', region: 'us-east-1', regionSource: 'literal', name: 'region', text: 'us-east-1' });
const iamRole = dep({ file: 'template.yaml', line: 44, kind: 'iac-resource', service: 'iam', region: 'us-east-1', regionSource: 'global-service', global: true, resource: { type: 'AWS::IAM::Role', name: 'OrdersRole' } });
const distribution = dep({ file: 'infra/cdn.tf', line: 1, kind: 'iac-resource', service: 'cloudfront', region: 'us-east-1', regionSource: 'global-service', global: true, resource: { type: 'aws_cloudfront_distribution', name: 'site' } });
const stsClient = dep({ file: 'src/auth.ts', line: 4, kind: 'sdk-client', service: 'sts', region: 'us-east-1', regionSource: 'literal', name: 'STSClient' });
const webServerA = dep({ file: 'infra/ec2.tf', line: 10, kind: 'iac-resource', service: 'ec2', region: 'us-east-1', regionSource: 'provider', resource: { type: 'aws_instance', name: 'web_a', attributes: { availabilityZones: ['us-east-1a'] } } });
const webServerB = dep({ file: 'infra/ec2.tf', line: 30, kind: 'iac-resource', service: 'ec2', region: 'us-east-1', regionSource: 'provider', resource: { type: 'aws_instance', name: 'web_b', attributes: { availabilityZones: ['us-east-1b'] } } });
const ec2Client = dep({ file: 'scripts/snapshot.py', line: 9, kind: 'sdk-client', service: 'ec2', region: 'us-east-1', regionSource: 'literal', name: 'boto3.client' });
const instanceArn = dep({ file: 'config/targets.json', line: 4, kind: 'arn', service: 'ec2', region: 'us-east-1', regionSource: 'literal', text: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0b1c2d3e4f5a6b7c8' });
const invokeUrl = dep({ file: 'src/client.ts', line: 12, kind: 'endpoint', service: 'execute-api', region: 'us-east-1', regionSource: 'literal', text: 'abc123.execute-api.us-east-1.amazonaws.com' });

const workspace = [ordersClient, ordersPut, ordersTable, reportsClient, matrixTable, envClient, lambdaClient, regionConfig, iamRole, distribution, stsClient, webServerA, webServerB, ec2Client, instanceArn, invokeUrl];

function affected(ev: HealthEvent): Array<[string, number, string, boolean]> {
  const [match] = matchEvents([ev], workspace);
  return match.affected.map((d) => [d.file, d.line, match.details[d.id].reason, match.details[d.id].possible]);
}

describe('matching AWS Health events to dependencies', () => {
  it('ties a regional DynamoDB issue to every DynamoDB dependency in that region, and candidates as possible', () => {
    assert.deepEqual(affected(event({ service: 'dynamodb', healthService: 'DYNAMODB', region: 'us-east-1' })), [
      ['src/orders.ts', 8, 'region', false],
      ['src/orders.ts', 21, 'region', false],
      ['template.yaml', 27, 'region', false],
      ['infra/sessions.yaml', 12, 'candidate-region', true],
    ]);
  });

  it('ties an event in a region nothing uses to nothing', () => {
    assert.deepEqual(affected(event({ service: 'lambda', healthService: 'LAMBDA', region: 'eu-west-1' })), []);
    assert.deepEqual(affected(event({ service: 'dynamodb', healthService: 'DYNAMODB', region: 'ap-south-1' })), []);
  });

  it('ties global events to the global-service dependencies of that service only', () => {
    assert.deepEqual(affected(event({ service: 'iam', healthService: 'IAM', region: 'global' })), [['template.yaml', 44, 'global-service', false]]);
    assert.deepEqual(affected(event({ service: 'cloudfront', healthService: 'CLOUDFRONT', region: 'global' })), [['infra/cdn.tf', 1, 'global-service', false]]);
    // An IAM event reported in the control-plane region reaches the same dependency through its region.
    assert.deepEqual(affected(event({ service: 'iam', healthService: 'IAM', region: 'us-east-1' })), [['template.yaml', 44, 'region', false]]);
    // A global STS event does not reach a regional STS client.
    assert.deepEqual(affected(event({ service: 'sts', healthService: 'STS', region: 'global' })), []);
  });

  it('ties an availability-zone event to resources in that zone, and zone-less ones in the region as possible', () => {
    assert.deepEqual(affected(event({ service: 'ec2', healthService: 'EC2', region: 'us-east-1', availabilityZone: 'us-east-1a' })), [
      ['infra/ec2.tf', 10, 'availability-zone', false],
      ['scripts/snapshot.py', 9, 'region', true],
      ['config/targets.json', 4, 'region', true],
    ]);
  });

  it('ties affected entities to the ARNs and resources that name them, whatever their region', () => {
    const ev = event({
      service: 'dynamodb', healthService: 'DYNAMODB', region: 'eu-west-1', category: 'accountNotification',
      affectedEntities: ['arn:aws:dynamodb:eu-west-1:123456789012:table/orders-prod'],
    });
    assert.deepEqual(affected(ev), [
      ['template.yaml', 27, 'entity', false],
      // the event's own region still counts: SessionsTable may be deployed to eu-west-1
      ['infra/sessions.yaml', 12, 'candidate-region', true],
    ]);
    const retirement = event({
      service: 'ec2', healthService: 'EC2', region: 'eu-west-1', category: 'scheduledChange', statusCode: 'upcoming',
      affectedEntities: ['i-0f8c6a1e2b3d4c5a6', 'arn:aws:ec2:us-east-1:123456789012:instance/i-0b1c2d3e4f5a6b7c8'],
    });
    assert.deepEqual(affected(retirement), [['config/targets.json', 4, 'entity', false]]);
  });

  it('ties an API Gateway event to the invoke URLs it serves', () => {
    assert.deepEqual(affected(event({ service: 'apigateway', healthService: 'APIGATEWAY', region: 'us-east-1' })), [['src/client.ts', 12, 'region', false]]);
  });

  it('ties a multi-service event without a list to everything in its region, as possible, but never to settings', () => {
    const rows = affected(event({ service: '*', healthService: 'MULTIPLE_SERVICES', region: 'us-east-1' }));
    assert.ok(rows.every(([, , , possible]) => possible));
    assert.ok(!rows.some(([file]) => file === 'samconfig.toml'));
    assert.deepEqual(rows.map(([file, line]) => `${file}:${line}`), [
      'src/orders.ts:8', 'src/orders.ts:21', 'template.yaml:27', 'infra/sessions.yaml:12', 'src/handler.ts:3', 'template.yaml:44',
      'infra/cdn.tf:1', 'src/auth.ts:4', 'infra/ec2.tf:10', 'infra/ec2.tf:30', 'scripts/snapshot.py:9', 'config/targets.json:4', 'src/client.ts:12',
    ]);
  });

  it('keeps one result per event, in order, including events that affect nothing', () => {
    const events = [
      event({ service: 'lambda', healthService: 'LAMBDA', region: 'us-east-1' }),
      event({ service: 'sqs', healthService: 'SQS', region: 'us-east-1' }),
    ];
    const matches = matchEvents(events, workspace);
    assert.deepEqual(matches.map((m) => [m.event.healthService, m.affected.map((d) => d.id)]), [['LAMBDA', [lambdaClient.id]], ['SQS', []]]);
  });
});
