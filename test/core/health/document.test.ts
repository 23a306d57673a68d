import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildHealthDocument, renderHealthText } from '../../../src/core/health/document';
import { parseDescribeEvents, parseEventDetails, withEventDetails } from '../../../src/core/health/parseApi';
import { healthEventSeverity, summariseHealth } from '../../../src/core/health/severity';
import { matchEvents } from '../../../src/core/health/match';
import type { HealthEvent, HealthFetchResult } from '../../../src/core/health/types';
import { dep } from './dependencies';

const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/health', name), 'utf8'));

const events: HealthEvent[] = withEventDetails(
  [...parseDescribeEvents(fixture('describe-events-page-1.json')).events, ...parseDescribeEvents(fixture('describe-events-page-2.json')).events],
  parseEventDetails(fixture('describe-event-details.json')),
);
const closed: HealthEvent = { ...events[1], id: 'closed', arn: 'arn:aws:health:us-east-1::event/SQS/AWS_SQS_OPERATIONAL_ISSUE/CLOSED', service: 'sqs', healthService: 'SQS', region: 'us-east-1', statusCode: 'closed' };

const dependencies = [
  dep({ file: 'src/orders.ts', line: 8, kind: 'sdk-client', service: 'dynamodb', region: 'us-east-1', regionSource: 'literal' }),
  dep({ file: 'template.yaml', line: 27, kind: 'iac-resource', service: 'dynamodb', region: 'us-east-1', regionSource: 'deploy-config', resource: { type: 'AWS::DynamoDB::Table', name: 'OrdersTable' } }),
  dep({ file: 'src/orders.ts', line: 8, column: 30, kind: 'endpoint', service: 'dynamodb', region: 'us-east-1', regionSource: 'literal' }),
  dep({ file: 'src/reports.ts', line: 5, kind: 'sdk-client', service: 'dynamodb', region: 'us-west-2', regionSource: 'literal' }),
  dep({ file: 'infra/sessions.yaml', line: 12, kind: 'iac-resource', service: 'dynamodb', region: null, regionSource: 'deploy-config', candidateRegions: ['us-east-1', 'us-west-2'] }),
  dep({ file: 'src/handler.ts', line: 3, kind: 'sdk-client', service: 'lambda', region: 'us-east-1', regionSource: 'literal' }),
  dep({ file: 'template.yaml', line: 44, kind: 'iac-resource', service: 'iam', region: 'us-east-1', regionSource: 'global-service', global: true, resource: { type: 'AWS::IAM::Role', name: 'OrdersRole' } }),
];

const result: HealthFetchResult = { source: 'api', fetchedAt: '2026-11-26T17:00:00Z', events: [...events, closed] };

describe('the health document', () => {
  const doc = buildHealthDocument(result, dependencies);

  it('lists open and upcoming events with the places they affect, in the contract shape', () => {
    assert.deepEqual(Object.keys(doc), ['source', 'fetchedAt', 'events']);
    assert.deepEqual(doc.events.map((e) => [e.healthService, e.region, e.statusCode]), [
      ['DYNAMODB', 'us-east-1', 'open'],
      ['IAM', 'global', 'open'],
      ['LAMBDA', 'eu-west-1', 'open'],
      ['EC2', 'us-east-1', 'upcoming'],
    ]);
    assert.deepEqual(doc.events[0], {
      arn: 'arn:aws:health:us-east-1::event/DYNAMODB/AWS_DYNAMODB_OPERATIONAL_ISSUE/AWS_DYNAMODB_OPERATIONAL_ISSUE_7E2B1_5C3A0D96F1E',
      service: 'dynamodb',
      healthService: 'DYNAMODB',
      region: 'us-east-1',
      eventTypeCode: 'AWS_DYNAMODB_OPERATIONAL_ISSUE',
      category: 'issue',
      statusCode: 'open',
      startTime: '2026-11-26T15:45:06Z',
      lastUpdatedTime: '2026-11-26T16:40:00Z',
      description: events[0].description,
      affected: [
        { file: 'infra/sessions.yaml', line: 12, service: 'dynamodb', region: 'us-east-1', possible: true },
        // the client and its endpoint option sit on the same line: one entry
        { file: 'src/orders.ts', line: 8, service: 'dynamodb', region: 'us-east-1' },
        { file: 'template.yaml', line: 27, service: 'dynamodb', region: 'us-east-1' },
      ],
    });
    assert.deepEqual(Object.keys(doc.events[0]).slice(0, 8), ['arn', 'service', 'healthService', 'region', 'eventTypeCode', 'category', 'statusCode', 'startTime']);
    assert.deepEqual(doc.events[1].affected, [{ file: 'template.yaml', line: 44, service: 'iam', region: 'us-east-1' }]);
    assert.deepEqual(doc.events[2].affected, []);
    assert.equal(doc.events[3].availabilityZone, 'us-east-1a');
  });

  it('carries the note that says why a source is in use', () => {
    const withNote = buildHealthDocument({ ...result, source: 'public', note: 'Using the public AWS Health Dashboard.' }, []);
    assert.deepEqual(Object.keys(withNote), ['source', 'fetchedAt', 'note', 'events']);
  });

  it('renders one readable block per event with its file:line list', () => {
    const text = renderHealthText(doc);
    const blocks = text.split('\n\n');
    assert.equal(blocks[0], 'AWS Health — 4 open or upcoming events from the AWS Health API (fetched 2026-11-26T17:00:00Z)\n2 of them affect this workspace.');
    assert.equal(blocks[1], [
      'open issue · DYNAMODB · us-east-1 · since 2026-11-26T15:45:06Z',
      '  AWS_DYNAMODB_OPERATIONAL_ISSUE',
      '  [08:40 AM PST] We continue to investigate increased error rates and latencies for DynamoDB APIs in the US-EAST-1 Region. Other AWS services that depend on DynamoDB in the region may also be affected.',
      '  Affects 3 places:',
      '    infra/sessions.yaml:12  dynamodb us-east-1 (possibly: region not certain)',
      '    src/orders.ts:8         dynamodb us-east-1',
      '    template.yaml:27        dynamodb us-east-1',
    ].join('\n'));
    assert.match(blocks[3], /^open issue · LAMBDA · eu-west-1 · since 2026-11-26T16:02:13Z\n[\s\S]*\n {2}Affects nothing in this workspace\.$/);
    assert.match(blocks[4], /^upcoming scheduled change · EC2 · us-east-1 \(us-east-1a\) · starts 2026-12-03T08:00:00Z\n/);
    assert.equal(renderHealthText({ source: 'public', fetchedAt: '2026-11-26T17:00:00Z', events: [] }),
      'AWS Health — 0 open or upcoming events from the public AWS Health Dashboard (fetched 2026-11-26T17:00:00Z)\nNothing is reported as open or upcoming.\n');
  });
});

describe('Health severities and summary', () => {
  it('follows the contract: open issue high, upcoming scheduled change low, account notification info', () => {
    assert.equal(healthEventSeverity({ category: 'issue', statusCode: 'open' }), 'high');
    assert.equal(healthEventSeverity({ category: 'scheduledChange', statusCode: 'upcoming' }), 'low');
    assert.equal(healthEventSeverity({ category: 'accountNotification', statusCode: 'open' }), 'info');
    assert.equal(healthEventSeverity({ category: 'investigation', statusCode: 'open' }), 'medium');
    assert.equal(healthEventSeverity({ category: 'issue', statusCode: 'closed' }), null);
  });

  it('counts active events, those affecting the workspace, and open issues among them', () => {
    assert.deepEqual(summariseHealth(matchEvents([...events, closed], dependencies)), { activeEvents: 4, affectingEvents: 2, openIssuesAffecting: 2 });
    assert.deepEqual(summariseHealth(matchEvents([events[1], events[2]], dependencies)), { activeEvents: 2, affectingEvents: 0, openIssuesAffecting: 0 });
  });
});
