import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  parseAffectedEntities,
  parseApiEvent,
  parseDescribeEvents,
  parseEventDetails,
  parseHealthEventArn,
  withAffectedEntities,
  withEventDetails,
} from '../../../src/core/health/parseApi';
import type { HealthEvent } from '../../../src/core/health/types';

const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/health', name), 'utf8'));

const DYNAMODB_ARN = 'arn:aws:health:us-east-1::event/DYNAMODB/AWS_DYNAMODB_OPERATIONAL_ISSUE/AWS_DYNAMODB_OPERATIONAL_ISSUE_7E2B1_5C3A0D96F1E';
const EC2_ARN = 'arn:aws:health:us-east-1::event/EC2/AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED/AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED_1A2B3_C4D5E6F7A8B';

describe('AWS Health API responses', () => {
  it('reads a DescribeEvents page as sent on the wire (epoch seconds) with its nextToken', () => {
    const page = parseDescribeEvents(fixture('describe-events-page-1.json'));
    assert.equal(page.problems.length, 0);
    assert.match(page.nextToken ?? '', /^AAMA-/);
    assert.deepEqual(page.events[0], {
      id: DYNAMODB_ARN,
      arn: DYNAMODB_ARN,
      service: 'dynamodb',
      healthService: 'DYNAMODB',
      region: 'us-east-1',
      eventTypeCode: 'AWS_DYNAMODB_OPERATIONAL_ISSUE',
      category: 'issue',
      statusCode: 'open',
      startTime: '2026-11-26T15:45:06Z',
      lastUpdatedTime: '2026-11-26T16:40:00Z',
      eventScopeCode: 'PUBLIC',
      description: '',
    } satisfies HealthEvent);
    assert.deepEqual(page.events.map((e) => [e.service, e.region]), [['dynamodb', 'us-east-1'], ['lambda', 'eu-west-1']]);
  });

  it('reads the SDK shape (Date objects) the same way, with availability zones and global regions', () => {
    const page = parseDescribeEvents({
      events: [
        { arn: EC2_ARN, service: 'EC2', eventTypeCode: 'AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED', eventTypeCategory: 'scheduledChange', region: 'us-east-1', availabilityZone: 'us-east-1a', startTime: new Date('2026-12-03T08:00:00.000Z'), statusCode: 'upcoming', eventScopeCode: 'ACCOUNT_SPECIFIC' },
      ],
    });
    assert.equal(page.nextToken, undefined);
    assert.deepEqual(page.events[0], {
      id: EC2_ARN, arn: EC2_ARN, service: 'ec2', healthService: 'EC2', region: 'us-east-1', availabilityZone: 'us-east-1a',
      eventTypeCode: 'AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED', category: 'scheduledChange', statusCode: 'upcoming',
      startTime: '2026-12-03T08:00:00Z', eventScopeCode: 'ACCOUNT_SPECIFIC', description: '',
    });
    const global = parseDescribeEvents(fixture('describe-events-page-2.json')).events[1];
    assert.equal(global.region, 'global');
    assert.equal(global.service, 'iam');
  });

  it('fills service, region and type from the ARN when the summary omits them, and never throws on junk', () => {
    const event = parseApiEvent({ arn: 'arn:aws:health:eu-central-1::event/SQS/AWS_SQS_OPERATIONAL_ISSUE/AWS_SQS_OPERATIONAL_ISSUE_X1' });
    assert.deepEqual(
      event && [event.service, event.healthService, event.region, event.eventTypeCode, event.category, event.statusCode, event.startTime],
      ['sqs', 'SQS', 'eu-central-1', 'AWS_SQS_OPERATIONAL_ISSUE', 'issue', 'open', null],
    );
    assert.deepEqual(parseHealthEventArn('not an arn'), {});
    assert.equal(parseApiEvent('junk'), null);
    assert.deepEqual(parseDescribeEvents('junk'), { events: [], problems: ['the DescribeEvents response is not a JSON object'] });
    assert.deepEqual(parseDescribeEvents({ events: [{ service: 'EC2' }, 42] }).problems, ['an event without an ARN was skipped', 'an event without an ARN was skipped']);
  });

  it('merges DescribeEventDetails descriptions and reports failed items', () => {
    const events = parseDescribeEvents(fixture('describe-events-page-1.json')).events;
    const details = parseEventDetails({
      ...(fixture('describe-event-details.json') as object),
      failedSet: [{ eventArn: 'arn:aws:health:us-west-2::event/S3/AWS_S3_OPERATIONAL_ISSUE/X', errorName: 'UnsupportedLocale', errorMessage: 'The locale is not supported' }],
    });
    assert.deepEqual(details.failed, [{ eventArn: 'arn:aws:health:us-west-2::event/S3/AWS_S3_OPERATIONAL_ISSUE/X', errorName: 'UnsupportedLocale', errorMessage: 'The locale is not supported' }]);
    const merged = withEventDetails(events, details);
    assert.match(merged[0].description, /^\[08:40 AM PST\] We continue to investigate increased error rates/);
    assert.equal(merged[1].description, '[08:30 AM PST] We are investigating increased invoke error rates for Lambda functions in the EU-WEST-1 Region.');
    assert.equal(events[0].description, '', 'the input events are not modified');
  });

  it('collects affected entity values per event without repeats, across pages', () => {
    const first = parseAffectedEntities(fixture('describe-affected-entities.json'));
    assert.deepEqual(first.byEvent, { [EC2_ARN]: ['i-0f8c6a1e2b3d4c5a6', 'arn:aws:ec2:us-east-1:123456789012:instance/i-0b1c2d3e4f5a6b7c8'] });
    const events = parseDescribeEvents(fixture('describe-events-page-2.json')).events;
    const once = withAffectedEntities(events, first.byEvent);
    const twice = withAffectedEntities(once, { [EC2_ARN]: ['i-0f8c6a1e2b3d4c5a6', 'i-0aaaabbbbccccdddd'] });
    assert.deepEqual(twice[0].affectedEntities, ['i-0f8c6a1e2b3d4c5a6', 'arn:aws:ec2:us-east-1:123456789012:instance/i-0b1c2d3e4f5a6b7c8', 'i-0aaaabbbbccccdddd']);
    assert.equal(twice[1].affectedEntities, undefined);
  });
});
