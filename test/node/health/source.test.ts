import { strict as assert } from 'node:assert';
import { HealthSourceError } from '../../../src/node/health/errors';
import { HealthSource } from '../../../src/node/health/source';
import { awsError, closedPort, scriptedHealthApi, startHealthStandIn, startSilentServer } from '../../support/healthServer';
import type { HealthStandIn } from '../../support/healthServer';
import { sealAwsEnvironment } from './awsEnvironment';
import type { SealedAwsEnvironment } from './awsEnvironment';
import { publicFeed, recordedHealthData } from './wireEvents';

const noDns = async (): Promise<string[]> => { throw new Error('no DNS lookup expected'); };

describe('choosing the AWS Health source', () => {
  let aws: SealedAwsEnvironment;
  let standIn: HealthStandIn;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    aws = sealAwsEnvironment();
    aws.useStaticCredentials();
    standIn = await startHealthStandIn({ operations: scriptedHealthApi(recordedHealthData()), publicFeed: { body: publicFeed(), etag: '"feed-1"' } });
    env = { AWS_ENDPOINT_URL_HEALTH: standIn.url, OUTAGE_RADAR_PUBLIC_HEALTH_URL: standIn.feedUrl };
  });
  afterEach(async () => {
    await standIn.close();
    aws.restore();
  });

  it('auto uses the API when it works, and never touches the public feed', async () => {
    const result = await new HealthSource({ source: 'auto', env, resolveCname: noDns }).fetch();
    assert.equal(result.source, 'api');
    assert.equal(result.note, undefined);
    assert.equal(standIn.feedRequests.length, 0);
  });

  it('auto falls back to the public dashboard on SubscriptionRequiredException, says why, and does not ask the API again at once', async () => {
    standIn.enqueue('DescribeEvents', awsError('SubscriptionRequiredException', 'The AWS Support plan for this account does not include AWS Health API access.'));
    let clock = 1_000_000;
    const source = new HealthSource({ source: 'auto', env, resolveCname: noDns }, () => clock);
    const first = await source.fetch();
    assert.equal(first.source, 'public');
    assert.equal(first.note, 'The AWS Health API needs a Business, Enterprise On-Ramp or Enterprise Support plan (SubscriptionRequiredException); using the public AWS Health Dashboard instead.');
    assert.equal(first.events.length, 7);

    clock += 3600_000;
    const second = await source.fetch();
    assert.equal(second.source, 'public');
    assert.equal(second.note, first.note);
    assert.equal(second.notModified, true);
    assert.deepEqual(standIn.operations(), ['DescribeEvents'], 'the API is not asked again within six hours');

    clock += 6 * 3600_000;
    assert.equal((await source.fetch()).source, 'api');
  });

  it('auto falls back when there are no credentials, naming the profile', async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    const result = await new HealthSource({ source: 'auto', env, profile: 'ops', resolveCname: noDns }).fetch();
    assert.equal(result.source, 'public');
    assert.equal(result.note, 'No usable AWS credentials for the AWS Health API in profile "ops" (Could not load credentials from any providers); using the public AWS Health Dashboard instead.');
    assert.deepEqual(standIn.requests, []);
  });

  it('auto falls back when neither Health endpoint answers', async () => {
    const port = await closedPort();
    const result = await new HealthSource({ source: 'auto', env: { ...env, AWS_ENDPOINT_URL_HEALTH: `http://127.0.0.1:${port}` }, maxAttempts: 1, resolveCname: noDns }).fetch();
    assert.equal(result.source, 'public');
    assert.equal(result.note, `The AWS Health API in us-east-1 could not be reached (connect ECONNREFUSED 127.0.0.1:${port}); using the public AWS Health Dashboard instead.`);
  });

  it('auto reports throttling that outlasts the retries instead of hiding it', async () => {
    standIn.enqueue('DescribeEvents', awsError('ThrottlingException', 'Rate exceeded'));
    await assert.rejects(new HealthSource({ source: 'auto', env, maxAttempts: 1, resolveCname: noDns }).fetch(),
      (e: unknown) => e instanceof HealthSourceError && e.kind === 'throttled');
    assert.equal(standIn.feedRequests.length, 0);
  });

  it('auto fails with both reasons when the public dashboard fails too', async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    const port = await closedPort();
    await assert.rejects(
      new HealthSource({ source: 'auto', env: { ...env, OUTAGE_RADAR_PUBLIC_HEALTH_URL: `http://127.0.0.1:${port}/public/currentevents` }, resolveCname: noDns }).fetch(),
      (e: unknown) => e instanceof HealthSourceError && e.kind === 'network'
        && e.message === 'No usable AWS credentials for the AWS Health API (Could not load credentials from any providers). The public AWS Health Dashboard did not work either: The public AWS Health Dashboard could not be reached (ECONNREFUSED).',
    );
  });

  it('api and public use only their own source', async () => {
    standIn.enqueue('DescribeEvents', awsError('SubscriptionRequiredException', 'no plan'));
    await assert.rejects(new HealthSource({ source: 'api', env, resolveCname: noDns }).fetch(), (e: unknown) => e instanceof HealthSourceError && e.kind === 'subscription');
    assert.equal(standIn.feedRequests.length, 0);
    const result = await new HealthSource({ source: 'public', env, resolveCname: noDns }).fetch();
    assert.equal(result.source, 'public');
    assert.deepEqual(standIn.operations(), ['DescribeEvents']);
  });

  describe('an endpoint that accepts the connection and never answers', () => {
    let silent: Awaited<ReturnType<typeof startSilentServer>>;
    beforeEach(async () => {
      silent = await startSilentServer();
    });
    afterEach(() => silent.close());

    it('api: the request times out (throwOnRequestTimeout) and the fetch fails as a network error', async () => {
      const source = new HealthSource({ source: 'api', env: { AWS_ENDPOINT_URL_HEALTH: silent.url }, resolveCname: noDns, maxAttempts: 1, requestTimeoutMs: 150 });
      await assert.rejects(source.fetch(), (error: unknown) => {
        assert.ok(error instanceof HealthSourceError);
        assert.equal(error.kind, 'network');
        return true;
      });
      assert.equal(silent.connections(), 1);
    });

    it('auto: falls back to the public dashboard when the API times out, and says so', async () => {
      const source = new HealthSource({ source: 'auto', env: { AWS_ENDPOINT_URL_HEALTH: silent.url, OUTAGE_RADAR_PUBLIC_HEALTH_URL: standIn.feedUrl }, resolveCname: noDns, maxAttempts: 1, requestTimeoutMs: 150 });
      const result = await source.fetch();
      assert.equal(result.source, 'public');
      assert.equal(result.events.length, 7);
      assert.match(result.note ?? '', /^The AWS Health API in us-east-1 could not be reached \(.+\); using the public AWS Health Dashboard instead\.$/);
    });

    it('auto: the overall deadline ends a fetch whose every request keeps the connection busy (retries included), then falls back', async () => {
      // A request timeout longer than the deadline: only the deadline can end this fetch.
      const source = new HealthSource({ source: 'auto', env: { AWS_ENDPOINT_URL_HEALTH: silent.url, OUTAGE_RADAR_PUBLIC_HEALTH_URL: standIn.feedUrl }, resolveCname: noDns, requestTimeoutMs: 60_000, deadlineMs: 300 });
      const result = await source.fetch();
      assert.equal(result.source, 'public');
      assert.equal(result.note, 'The AWS Health API in us-east-1 did not answer within 300 ms; using the public AWS Health Dashboard instead.');
    });

    it('public: the feed request times out rather than waiting for ever', async () => {
      const source = new HealthSource({ source: 'public', env: { OUTAGE_RADAR_PUBLIC_HEALTH_URL: `${silent.url}/public/currentevents` }, publicTimeoutMs: 150 });
      await assert.rejects(source.fetch(), (error: unknown) => error instanceof HealthSourceError && error.kind === 'network');
    });
  });
});
