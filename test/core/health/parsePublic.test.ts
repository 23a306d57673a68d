import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePublicHealthFeed } from '../../../src/core/health/parsePublic';

const feedText = readFileSync(path.join(__dirname, '../../fixtures/health/public-currentevents.json'), 'utf8');
const MULTI = 'arn:aws:health:us-east-1::event/MULTIPLE_SERVICES/AWS_MULTIPLE_SERVICES_OPERATIONAL_ISSUE/AWS_MULTIPLE_SERVICES_OPERATIONAL_ISSUE_BA540_514A652BE1A';

describe('the public AWS Health Dashboard feed', () => {
  const { events, problems } = parsePublicHealthFeed(feedText);

  it('turns a multi-service event into one event per impacted service, with the recovered one closed', () => {
    assert.deepEqual(problems, []);
    const multi = events.filter((e) => e.arn === MULTI);
    assert.deepEqual(multi.map((e) => [e.id, e.service, e.healthService, e.region, e.statusCode]), [
      [`${MULTI}#dynamodb-us-east-1`, 'dynamodb', 'DYNAMODB', 'us-east-1', 'open'],
      [`${MULTI}#lambda-us-east-1`, 'lambda', 'LAMBDA', 'us-east-1', 'open'],
      [`${MULTI}#sqs-us-east-1`, 'sqs', 'SQS', 'us-east-1', 'open'],
      [`${MULTI}#ec2-us-east-1`, 'ec2', 'EC2', 'us-east-1', 'closed'],
    ]);
    assert.deepEqual(multi[0], {
      id: `${MULTI}#dynamodb-us-east-1`,
      arn: MULTI,
      service: 'dynamodb',
      healthService: 'DYNAMODB',
      region: 'us-east-1',
      // the type of the dashboard event itself, which the per-service events share
      eventTypeCode: 'AWS_MULTIPLE_SERVICES_OPERATIONAL_ISSUE',
      category: 'issue',
      statusCode: 'open',
      startTime: '2026-11-26T15:45:06Z',
      lastUpdatedTime: '2026-11-26T16:40:00Z',
      summary: 'Increased Error Rates and Latencies',
      description: 'We have identified a potential root cause for error rates for the DynamoDB APIs in the US-EAST-1 Region. Services that depend on DynamoDB, such as Lambda and SQS, are also affected.',
      eventScopeCode: 'PUBLIC',
    });
  });

  it('reads single-service, global and resolved events', () => {
    const byArnService = events.filter((e) => !e.arn.includes('MULTIPLE')).map((e) => [e.service, e.healthService, e.region, e.eventTypeCode, e.statusCode, e.startTime]);
    assert.deepEqual(byArnService, [
      ['lambda', 'LAMBDA', 'eu-west-1', 'AWS_LAMBDA_OPERATIONAL_ISSUE', 'open', '2026-11-26T16:02:13Z'],
      ['cloudfront', 'CLOUDFRONT', 'global', 'AWS_CLOUDFRONT_OPERATIONAL_ISSUE', 'open', '2026-11-26T12:30:44Z'],
      ['apigateway', 'APIGATEWAY', 'ap-southeast-2', 'AWS_APIGATEWAY_OPERATIONAL_ISSUE', 'closed', '2026-11-20T09:12:00Z'],
    ]);
  });

  it('keeps a multi-service event without a service list as an any-service event of its region', () => {
    const parsed = parsePublicHealthFeed(JSON.stringify([
      { date: '1795707906', region_name: 'Oregon', status: '2', service: 'multipleservices-us-west-2', service_name: 'Multiple services', summary: 'Network connectivity issues', event_log: [] },
    ]));
    assert.deepEqual(parsed.events.map((e) => [e.id, e.arn, e.service, e.healthService, e.region, e.eventTypeCode, e.description]), [
      ['public:multipleservices-us-west-2:1795707906', 'public:multipleservices-us-west-2:1795707906', '*', 'MULTIPLE_SERVICES', 'us-west-2', 'AWS_MULTIPLE_SERVICES_OPERATIONAL_ISSUE', 'Network connectivity issues'],
    ]);
  });

  it('takes the region from region_name when the key has none, and treats end_time as closed', () => {
    const parsed = parsePublicHealthFeed(JSON.stringify([
      { date: '1795707906', region_name: 'Frankfurt', status: '2', service: 'cognito', summary: 'Sign-in errors', end_time: '1795710000' },
    ]));
    assert.deepEqual(parsed.events.map((e) => [e.service, e.region, e.statusCode, e.endTime]), [['cognito-idp', 'eu-central-1', 'closed', '2026-11-26T16:20:00Z']]);
  });

  it('reports an unreadable feed instead of throwing', () => {
    assert.deepEqual(parsePublicHealthFeed('<html>Service Unavailable</html>').events, []);
    assert.match(parsePublicHealthFeed('<html>Service Unavailable</html>').problems[0], /^the public AWS Health feed is not valid JSON/);
    assert.deepEqual(parsePublicHealthFeed('{"events": []}').problems, ['the public AWS Health feed is not a JSON array of events']);
    assert.deepEqual(parsePublicHealthFeed('[{"summary": "no service"}, 7]').problems, ['feed entry 1 has no service and was skipped', 'feed entry 2 has no service and was skipped']);
    assert.deepEqual(parsePublicHealthFeed('\uFEFF[]'), { events: [], problems: [] });
  });
});
