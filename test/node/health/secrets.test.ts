import { strict as assert } from 'node:assert';
import { HealthPoller } from '../../../src/node/health/poller';
import type { HealthPollerState } from '../../../src/node/health/poller';
import { HealthSource } from '../../../src/node/health/source';
import { awsError, scriptedHealthApi, startHealthStandIn } from '../../support/healthServer';
import type { HealthStandIn } from '../../support/healthServer';
import { sealAwsEnvironment, TEST_SECRET_ACCESS_KEY } from './awsEnvironment';
import type { SealedAwsEnvironment } from './awsEnvironment';
import { publicFeed, recordedHealthData } from './wireEvents';

/** Everything written to stdout, stderr and the console while `run` runs. */
async function captureOutput<T>(run: () => Promise<T>): Promise<{ value: T; output: string }> {
  const chunks: string[] = [];
  const originals = { out: process.stdout.write, err: process.stderr.write, log: console.log, warn: console.warn, error: console.error, info: console.info, debug: console.debug };
  const record = (...args: unknown[]): void => { chunks.push(args.map(String).join(' ')); };
  const recordWrite = ((chunk: unknown): boolean => { chunks.push(String(chunk)); return true; }) as typeof process.stdout.write;
  process.stdout.write = recordWrite;
  process.stderr.write = recordWrite;
  console.log = console.warn = console.error = console.info = console.debug = record;
  const warnings: string[] = [];
  const onWarning = (w: Error): void => { warnings.push(`${w.name}: ${w.message}`); };
  process.on('warning', onWarning);
  try {
    const value = await run();
    return { value, output: [...chunks, ...warnings].join('\n') };
  } finally {
    Object.assign(process.stdout, { write: originals.out });
    Object.assign(process.stderr, { write: originals.err });
    Object.assign(console, { log: originals.log, warn: originals.warn, error: originals.error, info: originals.info, debug: originals.debug });
    process.off('warning', onWarning);
  }
}

describe('credentials never leave the Health sources', () => {
  let aws: SealedAwsEnvironment;
  let standIn: HealthStandIn;

  beforeEach(async () => {
    aws = sealAwsEnvironment();
    aws.useStaticCredentials();
    standIn = await startHealthStandIn({ operations: scriptedHealthApi(recordedHealthData()), publicFeed: { body: publicFeed() } });
  });
  afterEach(async () => {
    await standIn.close();
    aws.restore();
  });

  it('keeps the secret key out of output, results and errors during polls, even when a server echoes it', async () => {
    // A misbehaving proxy that echoes what it was given is the worst case: the message must still be clean.
    standIn.enqueue('DescribeEvents',
      awsError('AccessDeniedException', `User is not authorized; request carried aws_secret_access_key=${TEST_SECRET_ACCESS_KEY}`),
      awsError('InternalFailure', `upstream said ${TEST_SECRET_ACCESS_KEY}`, 500), awsError('InternalFailure', `upstream said ${TEST_SECRET_ACCESS_KEY}`, 500), awsError('InternalFailure', `upstream said ${TEST_SECRET_ACCESS_KEY}`, 500),
      awsError('ValidationException', `bad request ${TEST_SECRET_ACCESS_KEY}`));
    const env = { AWS_ENDPOINT_URL_HEALTH: standIn.url, OUTAGE_RADAR_PUBLIC_HEALTH_URL: standIn.feedUrl };
    const states: HealthPollerState[] = [];
    const thrown: unknown[] = [];

    const { output } = await captureOutput(async () => {
      for (const source of ['auto', 'api', 'api', 'api'] as const) {
        const health = new HealthSource({ source, env, resolveCname: async () => [] });
        const poller = new HealthPoller({ fetch: async (signal) => {
          try { return await health.fetch(signal); } catch (error) { thrown.push(error); throw error; }
        } });
        states.push(await poller.refresh());
        poller.stop();
      }
    });

    assert.equal(states[0].result?.source, 'public', 'auto fell back after the refusal');
    assert.match(states[0].result?.note ?? '', /refused the credentials \(AccessDeniedException\)/);
    assert.deepEqual(states.slice(1).map((s) => s.lastError?.kind), ['server', 'other', undefined]);
    assert.ok(thrown.length >= 2);
    const everything = [
      output,
      JSON.stringify(states),
      ...thrown.map((e) => `${(e as Error).message} ${JSON.stringify(e)} ${(e as Error).stack ?? ''}`),
    ].join('\n');
    assert.ok(everything.includes('[redacted]'), 'the echoed secret was seen and replaced');
    assert.equal(everything.includes(TEST_SECRET_ACCESS_KEY), false, 'the secret key appears somewhere');
  });

  describe('credentials from a profile file (not the environment)', () => {
    // A session token and secret with no recognisable shape: only knowing the values can scrub them.
    const PROFILE_SECRET = 'pr0file/Secret+Key/NotInTheEnvironment/zz99YY88';
    const PROFILE_TOKEN = 'IQoJb3JpZ2luX2VjEProfileSessionTokenValue0123456789abcdefXYZ';
    beforeEach(() => {
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
      aws.writeCredentials(`[ops]\naws_access_key_id = ASIAPROFILEKEY123456\naws_secret_access_key = ${PROFILE_SECRET}\naws_session_token = ${PROFILE_TOKEN}\n`);
    });

    it('scrubs the resolved session token and secret from an error that echoes them bare', async () => {
      standIn.enqueue('DescribeEvents', awsError('ValidationException', `rejected ${PROFILE_TOKEN} with ${PROFILE_SECRET}`));
      const health = new HealthSource({ source: 'api', env: { AWS_ENDPOINT_URL_HEALTH: standIn.url }, profile: 'ops', resolveCname: async () => [], maxAttempts: 1 });
      const error = await health.fetch().then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof Error);
      const everything = `${error.message} ${JSON.stringify(error)}`;
      assert.ok(everything.includes('[redacted]'), everything);
      assert.equal(everything.includes(PROFILE_TOKEN), false, 'the session token appears');
      assert.equal(everything.includes(PROFILE_SECRET), false, 'the secret key appears');
      // The request was signed with the profile's key: the stand-in saw it.
      assert.equal(standIn.requests[0].accessKeyId, 'ASIAPROFILEKEY123456');
    });
  });
});
