import { strict as assert } from 'node:assert';
import { fetchHealthFromApi } from '../../../src/node/health/api';
import { HealthSourceError } from '../../../src/node/health/errors';
import { awsError, closedPort, scriptedHealthApi, startHealthStandIn } from '../../support/healthServer';
import type { HealthStandIn } from '../../support/healthServer';
import { sealAwsEnvironment, TEST_ACCESS_KEY_ID } from './awsEnvironment';
import type { SealedAwsEnvironment } from './awsEnvironment';
import { ARNS, recordedHealthData } from './wireEvents';

const fixedNow = (): Date => new Date('2026-11-26T17:00:00.250Z');
const noDns = async (): Promise<string[]> => { throw new Error('the DNS lookup must be skipped when an endpoint is overridden'); };

async function rejection(promise: Promise<unknown>): Promise<HealthSourceError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof HealthSourceError, `expected a HealthSourceError, got ${String(error)}`);
    return error;
  }
  throw new assert.AssertionError({ message: 'expected the fetch to fail' });
}

describe('the AWS Health API source (real SDK against a local stand-in)', () => {
  let aws: SealedAwsEnvironment;
  let standIn: HealthStandIn;

  beforeEach(() => {
    aws = sealAwsEnvironment();
    aws.useStaticCredentials();
  });
  afterEach(async () => {
    await standIn?.close();
    aws.restore();
  });

  it('pages through DescribeEvents, then fetches details and the entities of account-specific events', async () => {
    standIn = await startHealthStandIn({ operations: scriptedHealthApi(recordedHealthData(1)) });
    const result = await fetchHealthFromApi({ env: { AWS_ENDPOINT_URL_HEALTH: standIn.url }, now: fixedNow, resolveCname: noDns });

    assert.deepEqual(standIn.operations(), [
      'DescribeEvents', 'DescribeEvents', 'DescribeEvents', 'DescribeEvents',
      'DescribeEventDetails',
      'DescribeAffectedEntities', 'DescribeAffectedEntities',
    ]);
    const [first, second] = standIn.requests;
    assert.deepEqual(first.body, { filter: { eventStatusCodes: ['open', 'upcoming'] }, maxResults: 100 });
    assert.deepEqual(second.body, { filter: { eventStatusCodes: ['open', 'upcoming'] }, maxResults: 100, nextToken: 'token-1' });
    assert.deepEqual(standIn.requests[4].body, { eventArns: [ARNS.dynamodb, ARNS.lambda, ARNS.ec2, ARNS.iam] });
    assert.deepEqual(standIn.requests[5].body, { filter: { eventArns: [ARNS.ec2] }, maxResults: 100 });
    assert.ok(standIn.requests.every((r) => r.signingRegion === 'us-east-1' && r.accessKeyId === TEST_ACCESS_KEY_ID));

    assert.equal(result.source, 'api');
    assert.equal(result.fetchedAt, '2026-11-26T17:00:00Z');
    assert.equal(result.signingRegion, 'us-east-1');
    assert.equal(result.endpoint, standIn.url);
    assert.equal(result.note, undefined);
    assert.deepEqual(result.events.map((e) => [e.arn, e.service, e.region, e.statusCode]), [
      [ARNS.dynamodb, 'dynamodb', 'us-east-1', 'open'],
      [ARNS.lambda, 'lambda', 'eu-west-1', 'open'],
      [ARNS.ec2, 'ec2', 'us-east-1', 'upcoming'],
      [ARNS.iam, 'iam', 'global', 'open'],
    ]);
    assert.match(result.events[0].description, /^\[08:40 AM PST\] We continue to investigate/);
    assert.deepEqual(result.events[2].affectedEntities, ['i-0f8c6a1e2b3d4c5a6', 'arn:aws:ec2:us-east-1:123456789012:instance/i-0b1c2d3e4f5a6b7c8']);
    assert.equal(result.events[2].availabilityZone, 'us-east-1a');
    assert.equal(result.events[0].affectedEntities, undefined, 'public events have no entities to ask for');
  });

  it('keeps every request within the API limit of 10: details and entities in groups, filters split', async () => {
    const events = Array.from({ length: 23 }, (_, i) => ({
      arn: `arn:aws:health:us-west-2::event/EC2/AWS_EC2_PERSISTENT_INSTANCE_RETIREMENT_SCHEDULED/AWS_EC2_PERSISTENT_INSTANCE_RETIREMENT_SCHEDULED_${i}`,
      service: 'EC2', eventTypeCode: 'AWS_EC2_PERSISTENT_INSTANCE_RETIREMENT_SCHEDULED', eventTypeCategory: 'scheduledChange',
      region: 'us-west-2', startTime: 1796284800, statusCode: 'upcoming', eventScopeCode: i < 12 ? 'ACCOUNT_SPECIFIC' : 'PUBLIC',
    }));
    standIn = await startHealthStandIn({ operations: scriptedHealthApi({ events }) });
    const services = ['EC2', 'EBS', 'RDS', 'DYNAMODB', 'LAMBDA', 'S3', 'SQS', 'SNS', 'KMS', 'IAM', 'STS', 'ECS'];
    const result = await fetchHealthFromApi({ env: { AWS_ENDPOINT_URL_HEALTH: standIn.url }, services, regions: ['us-west-2'], resolveCname: noDns });

    assert.equal(result.events.length, 23);
    const describe = standIn.requests.filter((r) => r.operation === 'DescribeEvents').map((r) => r.body.filter);
    assert.deepEqual(describe, [
      { eventStatusCodes: ['open', 'upcoming'], services: services.slice(0, 10), regions: ['us-west-2', 'global'] },
      { eventStatusCodes: ['open', 'upcoming'], services: services.slice(10), regions: ['us-west-2', 'global'] },
    ]);
    const detailSizes = standIn.requests.filter((r) => r.operation === 'DescribeEventDetails').map((r) => (r.body.eventArns as string[]).length);
    assert.deepEqual(detailSizes, [10, 10, 3]);
    const entitySizes = standIn.requests.filter((r) => r.operation === 'DescribeAffectedEntities').map((r) => ((r.body.filter as { eventArns: string[] }).eventArns).length);
    assert.deepEqual(entitySizes, [10, 2]);
  });

  it('reports SubscriptionRequiredException by name as a missing support plan', async () => {
    standIn = await startHealthStandIn({ operations: scriptedHealthApi(recordedHealthData()) });
    standIn.enqueue('DescribeEvents', awsError('SubscriptionRequiredException', 'The AWS Support plan for this account does not include AWS Health API access.'));
    const error = await rejection(fetchHealthFromApi({ env: { AWS_ENDPOINT_URL_HEALTH: standIn.url }, resolveCname: noDns }));
    assert.equal(error.kind, 'subscription');
    assert.equal(error.details.awsErrorName, 'SubscriptionRequiredException');
    assert.equal(error.message, 'The AWS Health API needs a Business, Enterprise On-Ramp or Enterprise Support plan (SubscriptionRequiredException).');
    assert.deepEqual(standIn.operations(), ['DescribeEvents'], 'no retry of a refusal');
  });

  it('lets the SDK retry a throttled request, then succeeds', async () => {
    standIn = await startHealthStandIn({ operations: scriptedHealthApi(recordedHealthData()) });
    standIn.enqueue('DescribeEvents', awsError('ThrottlingException', 'Rate exceeded'));
    const result = await fetchHealthFromApi({ env: { AWS_ENDPOINT_URL_HEALTH: standIn.url }, resolveCname: noDns });
    assert.equal(result.events.length, 4);
    assert.deepEqual(standIn.operations().slice(0, 3), ['DescribeEvents', 'DescribeEvents', 'DescribeEventDetails']);
  });

  it('reports a malformed answer without failing over', async () => {
    standIn = await startHealthStandIn({ operations: scriptedHealthApi(recordedHealthData()) });
    standIn.enqueue('DescribeEvents', { raw: '{"events": [ {"arn": "arn:aws:health:us-east-1::event/EC2/' });
    const error = await rejection(fetchHealthFromApi({ env: { AWS_ENDPOINT_URL_HEALTH: standIn.url }, resolveCname: noDns }));
    assert.equal(error.kind, 'malformed');
    assert.match(error.message, /^The AWS Health API sent an answer that could not be read \(/);
    assert.doesNotMatch(error.message, /\$response/);
  });

  it('fails over from an unreachable us-east-1 to us-east-2 and signs for us-east-2', async () => {
    standIn = await startHealthStandIn({ operations: scriptedHealthApi(recordedHealthData()) });
    const env = { OUTAGE_RADAR_HEALTH_ENDPOINTS: JSON.stringify({ 'us-east-1': `http://127.0.0.1:${await closedPort()}`, 'us-east-2': standIn.url }) };
    const result = await fetchHealthFromApi({ env, resolveCname: noDns, maxAttempts: 1 });
    assert.equal(result.signingRegion, 'us-east-2');
    assert.equal(result.endpoint, standIn.url);
    assert.equal(result.note, 'The AWS Health API in us-east-1 did not answer (ECONNREFUSED); using the endpoint in us-east-2.');
    assert.equal(result.events.length, 4);
    assert.ok(standIn.requests.length > 0 && standIn.requests.every((r) => r.signingRegion === 'us-east-2'));
  });

  it('names both regions when neither endpoint answers', async () => {
    const [east1, east2] = [await closedPort(), await closedPort()];
    const env = { OUTAGE_RADAR_HEALTH_ENDPOINTS: JSON.stringify({ 'us-east-1': `http://127.0.0.1:${east1}`, 'us-east-2': `http://127.0.0.1:${east2}` }) };
    const error = await rejection(fetchHealthFromApi({ env, resolveCname: noDns, maxAttempts: 1 }));
    assert.equal(error.kind, 'network');
    assert.equal(error.message, `The AWS Health API in us-east-1 or us-east-2 could not be reached (connect ECONNREFUSED 127.0.0.1:${east2}).`);
  });

  it('fails over on a 5xx too', async () => {
    standIn = await startHealthStandIn({ operations: scriptedHealthApi(recordedHealthData()) });
    const broken = await startHealthStandIn({ operations: { DescribeEvents: () => awsError('InternalFailure', 'Internal service error', 500) } });
    try {
      const env = { OUTAGE_RADAR_HEALTH_ENDPOINTS: JSON.stringify({ 'us-east-1': broken.url, 'us-east-2': standIn.url }) };
      const result = await fetchHealthFromApi({ env, resolveCname: noDns, maxAttempts: 2 });
      assert.equal(result.signingRegion, 'us-east-2');
      assert.equal(result.note, 'The AWS Health API in us-east-1 did not answer (HTTP 500); using the endpoint in us-east-2.');
      assert.deepEqual(broken.requests.map((r) => r.signingRegion), ['us-east-1', 'us-east-1']);
    } finally {
      await broken.close();
    }
  });

  it('does not fail over from AWS_ENDPOINT_URL_HEALTH, and makes no DNS lookup', async () => {
    const port = await closedPort();
    let lookups = 0;
    const error = await rejection(fetchHealthFromApi({
      env: { AWS_ENDPOINT_URL_HEALTH: `http://127.0.0.1:${port}` },
      resolveCname: async () => { lookups++; return []; },
      maxAttempts: 1,
    }));
    assert.equal(error.kind, 'network');
    assert.equal(error.message, `The AWS Health API in us-east-1 could not be reached (connect ECONNREFUSED 127.0.0.1:${port}).`);
    assert.equal(lookups, 0);
  });

  it('uses the profile it is given, from the shared credentials file', async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    aws.writeCredentials('[default]\naws_access_key_id = AKIADEFAULTPROFILE01\naws_secret_access_key = default/secret/value/0000000000000000\n\n[ops-readonly]\naws_access_key_id = AKIAOPSREADONLY00001\naws_secret_access_key = ops/secret/value/00000000000000000000\n');
    standIn = await startHealthStandIn({ operations: scriptedHealthApi(recordedHealthData()) });
    await fetchHealthFromApi({ env: { AWS_ENDPOINT_URL_HEALTH: standIn.url }, profile: 'ops-readonly', resolveCname: noDns });
    assert.ok(standIn.requests.every((r) => r.accessKeyId === 'AKIAOPSREADONLY00001'));
  });

  it('reports missing credentials as such, before any request', async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    standIn = await startHealthStandIn({ operations: scriptedHealthApi(recordedHealthData()) });
    const error = await rejection(fetchHealthFromApi({ env: { AWS_ENDPOINT_URL_HEALTH: standIn.url }, resolveCname: noDns }));
    assert.equal(error.kind, 'credentials');
    assert.equal(error.message, 'No usable AWS credentials for the AWS Health API (Could not load credentials from any providers).');
    assert.deepEqual(standIn.requests, []);
  });

  it('uses the organizational view when asked: affected accounts, details and entities per account', async () => {
    const data = recordedHealthData();
    data.accounts = { [ARNS.ec2]: ['123456789012', '210987654321'] };
    standIn = await startHealthStandIn({ operations: scriptedHealthApi(data) });
    const result = await fetchHealthFromApi({ env: { AWS_ENDPOINT_URL_HEALTH: standIn.url }, organization: true, resolveCname: noDns });
    assert.deepEqual(standIn.operations(), [
      'DescribeEventsForOrganization', 'DescribeAffectedAccountsForOrganization', 'DescribeEventDetailsForOrganization', 'DescribeAffectedEntitiesForOrganization',
    ]);
    assert.deepEqual(standIn.requests[2].body.organizationEventDetailFilters, [
      { eventArn: ARNS.dynamodb }, { eventArn: ARNS.lambda }, { eventArn: ARNS.ec2, awsAccountId: '123456789012' }, { eventArn: ARNS.iam },
    ]);
    assert.deepEqual(standIn.requests[3].body.organizationEntityFilters, [
      { eventArn: ARNS.ec2, awsAccountId: '123456789012' }, { eventArn: ARNS.ec2, awsAccountId: '210987654321' },
    ]);
    const ec2 = result.events.find((e) => e.arn === ARNS.ec2)!;
    assert.deepEqual(ec2.affectedAccounts, ['123456789012', '210987654321']);
    assert.deepEqual(ec2.affectedEntities, ['i-0f8c6a1e2b3d4c5a6', 'arn:aws:ec2:us-east-1:123456789012:instance/i-0b1c2d3e4f5a6b7c8']);
    assert.match(result.events[0].description, /DynamoDB/);
  });
});
