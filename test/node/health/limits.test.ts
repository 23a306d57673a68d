/**
 * AWS Health answers are bounded (issue 15 item 9): bodies by bytes counted while they stream
 * (a chunked body has no Content-Length), events per page and per fetch, and so the detail calls
 * made for them — against the real SDK and `fetch`, on loopback stand-ins.
 */
import { strict as assert } from 'node:assert';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchHealthFromApi, MAX_API_RESPONSE_BYTES, MAX_HEALTH_EVENTS } from '../../../src/node/health/api';
import { HealthSourceError } from '../../../src/node/health/errors';
import { fetchPublicHealth } from '../../../src/node/health/public';
import { scriptedHealthApi, startHealthStandIn, type HealthStandIn, type StandInReply } from '../../support/healthServer';
import { sealAwsEnvironment, type SealedAwsEnvironment } from './awsEnvironment';
import { recordedHealthData } from './wireEvents';

const noDns = async (): Promise<string[]> => { throw new Error('no DNS lookup expected'); };

async function rejection(promise: Promise<unknown>): Promise<HealthSourceError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof HealthSourceError, `expected a HealthSourceError, got ${String(error)}`);
    return error;
  }
  throw new assert.AssertionError({ message: 'expected the fetch to fail' });
}

/** A page of `count` new open DynamoDB issues (ARNs unique across pages), with a next page always. */
function hostilePage(page: number, count: number): StandInReply {
  const events = Array.from({ length: count }, (_, i) => ({
    arn: `arn:aws:health:us-east-1::event/DYNAMODB/AWS_DYNAMODB_OPERATIONAL_ISSUE/FLOOD_${page}_${i}`,
    service: 'DYNAMODB', eventTypeCode: 'AWS_DYNAMODB_OPERATIONAL_ISSUE', eventTypeCategory: 'issue', region: 'us-east-1',
    startTime: 1795707906, lastUpdatedTime: 1795711200, statusCode: 'open', eventScopeCode: 'PUBLIC',
  }));
  return { json: { events, nextToken: `flood-${page + 1}` } };
}

describe('AWS Health response limits', () => {
  let aws: SealedAwsEnvironment;
  let standIn: HealthStandIn | undefined;
  beforeEach(() => {
    aws = sealAwsEnvironment();
    aws.useStaticCredentials();
  });
  afterEach(async () => {
    await standIn?.close();
    standIn = undefined;
    aws.restore();
  });

  it(`keeps ${MAX_HEALTH_EVENTS} events of an endpoint that sends 500 per page and pages for ever, with at most one detail call per 10 of them`, async () => {
    let pages = 0;
    standIn = await startHealthStandIn({ operations: { ...scriptedHealthApi(recordedHealthData()), DescribeEvents: () => hostilePage(pages++, 500) } });
    const result = await fetchHealthFromApi({ env: { AWS_ENDPOINT_URL_HEALTH: standIn.url }, resolveCname: noDns });
    assert.equal(result.events.length, MAX_HEALTH_EVENTS);
    const calls = standIn.operations();
    assert.ok(calls.filter((o) => o === 'DescribeEvents').length <= MAX_HEALTH_EVENTS / 100, `${calls.filter((o) => o === 'DescribeEvents').length} pages`);
    assert.equal(calls.filter((o) => o === 'DescribeEventDetails').length, MAX_HEALTH_EVENTS / 10);
    assert.equal(result.note, `The AWS Health API listed more than ${MAX_HEALTH_EVENTS} events; only the first ${MAX_HEALTH_EVENTS} are shown.`);
  });

  it('keeps every event of an ordinary answer, without a note (the neighbour)', async () => {
    standIn = await startHealthStandIn({ operations: scriptedHealthApi(recordedHealthData()) });
    const result = await fetchHealthFromApi({ env: { AWS_ENDPOINT_URL_HEALTH: standIn.url }, resolveCname: noDns });
    assert.equal(result.events.length, recordedHealthData().events.filter((e) => e.statusCode !== 'closed').length);
    assert.equal(result.note, undefined);
  });

  it('ends a chunked API answer past the byte cap while it streams: an unreadable answer, not a crash', async () => {
    standIn = await startHealthStandIn({ operations: scriptedHealthApi(recordedHealthData()) });
    // A body of spaces (valid JSON whitespace) without a Content-Length: only counting can stop it.
    standIn.enqueue('DescribeEvents', { raw: Buffer.alloc(MAX_API_RESPONSE_BYTES + 1024 * 1024, 0x20) });
    const error = await rejection(fetchHealthFromApi({ env: { AWS_ENDPOINT_URL_HEALTH: standIn.url }, resolveCname: noDns, maxAttempts: 1 }));
    assert.equal(error.kind, 'malformed');
    assert.match(error.message, /larger than 8 MiB/);
  });

  describe('the public feed', () => {
    let server: http.Server | undefined;
    let written = 0;
    afterEach(async () => {
      server?.closeAllConnections();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
    });

    /** A feed server that streams `chunks` chunks of 64 KiB, chunked (no Content-Length). */
    async function chunkedFeed(chunks: number): Promise<string> {
      written = 0;
      server = http.createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        const more = (): void => {
          while (sent < chunks) {
            sent++;
            written += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', more);
          }
          res.end('[]');
        };
        res.on('close', () => { sent = chunks; });
        more();
      });
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/public/currentevents`;
    }

    it('stops reading a chunked feed past its byte cap, and says the answer is not the feed', async () => {
      const url = await chunkedFeed(1024); // 64 MiB on offer
      const error = await rejection(fetchPublicHealth({ env: { OUTAGE_RADAR_PUBLIC_HEALTH_URL: url }, maxBytes: 1024 * 1024 }));
      assert.equal(error.kind, 'malformed');
      assert.equal(error.message, 'The public AWS Health Dashboard sent more than 1 MiB; that is not the events feed.');
      assert.ok(written < 64 * 1024 * 1024, 'the server was not read to the end');
    });

    it('reads a chunked feed under the cap (the neighbour)', async () => {
      const url = await chunkedFeed(4);
      const result = await fetchPublicHealth({ env: { OUTAGE_RADAR_PUBLIC_HEALTH_URL: url }, maxBytes: 1024 * 1024 });
      assert.deepEqual(result.events, []);
    });
  });
});
