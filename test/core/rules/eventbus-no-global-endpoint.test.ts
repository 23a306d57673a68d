import assert from 'node:assert/strict';
import { rule } from '../../../src/core/rules/eventbus-no-global-endpoint';
import { located, resource, runOn, scanWith } from '../../support/ruleTester';

const BUS = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  OrdersBus:
    Type: AWS::Events::EventBus
    Properties:
      Name: orders
`;

const ENDPOINT = `  OrdersEndpoint:
    Type: AWS::Events::Endpoint
    Properties:
      Name: orders-global
      RoutingConfig:
        FailoverConfig:
          Primary:
            HealthCheck: !Sub arn:aws:route53:::healthcheck/\${OrdersHealthCheck}
          Secondary:
            Route: us-west-2
      ReplicationConfig:
        State: ENABLED
      RoleArn: !GetAtt ReplicationRole.Arn
      EventBuses:
        - EventBusArn: !GetAtt OrdersBus.Arn
        - EventBusArn: !Sub arn:aws:events:us-west-2:\${AWS::AccountId}:event-bus/orders
`;

describe('rule eventbus-no-global-endpoint', () => {
  it('reports a custom event bus without a global endpoint, low', async () => {
    const findings = await scanWith(rule, { 'template.yaml': BUS });
    assert.deepEqual(located(findings), ['template.yaml:3:3 low']);
    assert.match(findings[0].message, /OrdersBus .* has no global endpoint/);
  });

  it('accepts a bus fronted by a global endpoint of its stack', async () => {
    assert.deepEqual(await scanWith(rule, { 'template.yaml': BUS + ENDPOINT }), []);
  });

  it('does not take an endpoint of another stack for this bus unless it names it', async () => {
    // A global endpoint fronts two buses of one name (primary and secondary region): here `payments`.
    const other = `Resources:\n${ENDPOINT.replace('        - EventBusArn: !GetAtt OrdersBus.Arn\n', '        - EventBusArn: !Sub arn:aws:events:us-east-1:${AWS::AccountId}:event-bus/payments\n').replace('event-bus/orders', 'event-bus/payments')}`;
    assert.deepEqual(located(await scanWith(rule, { 'orders/template.yaml': BUS, 'edge/template.yaml': other })), ['orders/template.yaml:3:3 low']);
  });

  it('is not tier-aware', async () => {
    assert.deepEqual(located(await scanWith(rule, { 'template.yaml': BUS }, { tier: 'Critical' })), ['template.yaml:3:3 low']);
  });

  it('reads Terraform buses', async () => {
    const tf = `resource "aws_cloudwatch_event_bus" "orders" {
  name = "orders"
}
`;
    assert.deepEqual(located(await scanWith(rule, { 'events.tf': tf })), ['events.tf:1:1 low']);
  });

  it('follows an endpoint that names its buses by ARN', () => {
    const bus = resource('aws-cdk-lib/aws-events.EventBus', 'Orders', { service: 'events', file: 'lib/events.ts', facts: { attributes: { physicalNames: ['orders'] } } });
    const endpoint = resource('aws_cloudwatch_event_endpoint', 'global', {
      service: 'events', file: 'infra/main.tf', facts: { attributes: { replicaOf: ['arn:aws:events:us-east-1:111122223333:event-bus/orders'] } },
    });
    assert.deepEqual(runOn(rule, [bus, endpoint]), []);
    const elsewhere = { ...endpoint, resource: { ...endpoint.resource!, attributes: { replicaOf: ['arn:aws:events:us-east-1:111122223333:event-bus/payments'] } } };
    assert.equal(runOn(rule, [bus, elsewhere]).length, 1);
  });

  it('accepts a bus that a global endpoint of another stack names by ARN', async () => {
    const edge = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
${ENDPOINT.replace('        - EventBusArn: !GetAtt OrdersBus.Arn\n', '        - EventBusArn: !Sub arn:aws:events:eu-west-1:${AWS::AccountId}:event-bus/orders\n')}`;
    assert.deepEqual(await scanWith(rule, { 'orders/template.yaml': BUS, 'edge/template.yaml': edge }), []);
  });

  it('reports a bus of the endpoint\'s own stack that the endpoint does not name', async () => {
    const audit = `  AuditBus:
    Type: AWS::Events::EventBus
    Properties:
      Name: audit
`;
    const findings = await scanWith(rule, { 'template.yaml': BUS + audit + ENDPOINT });
    assert.deepEqual(located(findings), ['template.yaml:7:3 low']);
    assert.match(findings[0].message, /^Event bus AuditBus /);
  });
});
