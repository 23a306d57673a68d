import { strict as assert } from 'node:assert';
import { decodeFeedBytes, fetchPublicHealth, PublicHealthFeed, PUBLIC_HEALTH_URL, publicHealthUrl } from '../../../src/node/health/public';
import { HealthSourceError } from '../../../src/node/health/errors';
import { closedPort, encodeFeed, startHealthStandIn } from '../../support/healthServer';
import type { HealthStandIn } from '../../support/healthServer';
import { publicFeed } from './wireEvents';

const now = (): Date => new Date('2026-11-26T17:00:00Z');

describe('the public AWS Health Dashboard source', () => {
  let standIn: HealthStandIn;
  afterEach(async () => standIn?.close());

  it('decodes UTF-16 with either byte order mark, and UTF-8 with or without one', () => {
    const text = '[{"summary":"Délais accrus — São Paulo"}]';
    assert.equal(decodeFeedBytes(encodeFeed(text, 'utf16le')), text);
    assert.equal(decodeFeedBytes(encodeFeed(text, 'utf16be')), text);
    assert.equal(decodeFeedBytes(encodeFeed(text, 'utf8')), text);
    assert.equal(decodeFeedBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])), text);
    assert.equal(decodeFeedBytes(Buffer.from(text, 'utf16le')), text, 'UTF-16LE without a mark');
  });

  it('reads the feed as served (UTF-16LE with BOM) and asks again conditionally with the ETag', async () => {
    standIn = await startHealthStandIn({ publicFeed: { body: publicFeed(), etag: '"a1b2c3d4e5"', lastModified: 'Thu, 26 Nov 2026 16:40:00 GMT' } });
    const feed = new PublicHealthFeed({ env: { OUTAGE_RADAR_PUBLIC_HEALTH_URL: standIn.feedUrl }, now });
    const first = await feed.fetch();
    assert.equal(first.source, 'public');
    assert.equal(first.fetchedAt, '2026-11-26T17:00:00Z');
    assert.equal(first.endpoint, standIn.feedUrl);
    assert.equal(first.notModified, undefined);
    assert.deepEqual(first.events.map((e) => `${e.service}@${e.region}:${e.statusCode}`), [
      'dynamodb@us-east-1:open', 'lambda@us-east-1:open', 'sqs@us-east-1:open', 'ec2@us-east-1:closed',
      'lambda@eu-west-1:open', 'cloudfront@global:open', 'apigateway@ap-southeast-2:closed',
    ]);
    const second = await feed.fetch();
    assert.equal(second.notModified, true);
    assert.deepEqual(second.events, first.events);
    assert.equal(standIn.feedRequests[0]['if-none-match'], undefined);
    assert.equal(standIn.feedRequests[1]['if-none-match'], '"a1b2c3d4e5"');
    assert.equal(standIn.feedRequests[1]['if-modified-since'], 'Thu, 26 Nov 2026 16:40:00 GMT');
  });

  it('uses Last-Modified when there is no ETag', async () => {
    standIn = await startHealthStandIn({ publicFeed: { body: publicFeed(), lastModified: 'Thu, 26 Nov 2026 16:40:00 GMT', encoding: 'utf16be' } });
    const feed = new PublicHealthFeed({ env: { OUTAGE_RADAR_PUBLIC_HEALTH_URL: standIn.feedUrl } });
    assert.equal((await feed.fetch()).events.length, 7);
    assert.equal((await feed.fetch()).notModified, true);
  });

  it('reports an unavailable, unreadable or unreachable feed as an error of the right kind', async () => {
    standIn = await startHealthStandIn({ publicFeed: { body: null, status: 503 } });
    const env = { OUTAGE_RADAR_PUBLIC_HEALTH_URL: standIn.feedUrl };
    await assert.rejects(fetchPublicHealth({ env }), (e: unknown) => e instanceof HealthSourceError && e.kind === 'server' && e.message === 'The public AWS Health Dashboard answered HTTP 503.');
    await standIn.close();

    standIn = await startHealthStandIn({ publicFeed: { body: Buffer.from('<html><body>Sign in</body></html>') } });
    await assert.rejects(fetchPublicHealth({ env: { OUTAGE_RADAR_PUBLIC_HEALTH_URL: standIn.feedUrl } }),
      (e: unknown) => e instanceof HealthSourceError && e.kind === 'malformed' && /not its events feed: the public AWS Health feed is not valid JSON/.test(e.message));

    const port = await closedPort();
    await assert.rejects(fetchPublicHealth({ env: { OUTAGE_RADAR_PUBLIC_HEALTH_URL: `http://127.0.0.1:${port}/public/currentevents` } }),
      (e: unknown) => e instanceof HealthSourceError && e.kind === 'network' && e.message === 'The public AWS Health Dashboard could not be reached (ECONNREFUSED).');
  });

  it('takes its URL from OUTAGE_RADAR_PUBLIC_HEALTH_URL only', () => {
    assert.equal(publicHealthUrl({}), PUBLIC_HEALTH_URL);
    assert.equal(publicHealthUrl({ OUTAGE_RADAR_PUBLIC_HEALTH_URL: ' http://127.0.0.1:9/feed ' }), 'http://127.0.0.1:9/feed');
  });
});
