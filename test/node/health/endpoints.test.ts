import { strict as assert } from 'node:assert';
import { planHealthEndpoints } from '../../../src/node/health/endpoints';
import { HealthSourceError } from '../../../src/node/health/errors';

const dnsAnswer = (...names: string[]) => async (host: string): Promise<string[]> => {
  assert.equal(host, 'global.health.amazonaws.com');
  return names;
};
const dnsFails = async (): Promise<string[]> => { throw Object.assign(new Error('queryCname ENODATA global.health.amazonaws.com'), { code: 'ENODATA' }); };
const noDns = async (): Promise<string[]> => { throw new Error('no DNS lookup expected'); };

describe('planning AWS Health endpoints', () => {
  it('puts the active region from the global CNAME first and the passive one second', async () => {
    assert.deepEqual(await planHealthEndpoints({}, dnsAnswer('health.us-east-2.amazonaws.com')), {
      endpoints: [{ region: 'us-east-2', url: 'https://health.us-east-2.amazonaws.com' }, { region: 'us-east-1', url: 'https://health.us-east-1.amazonaws.com' }],
      origin: 'dns',
    });
    assert.deepEqual((await planHealthEndpoints({}, dnsAnswer('health.us-east-1.amazonaws.com.'))).endpoints.map((e) => e.region), ['us-east-1', 'us-east-2']);
  });

  it('falls back to us-east-1 then us-east-2 when DNS gives no answer', async () => {
    assert.deepEqual(await planHealthEndpoints({}, dnsFails), {
      endpoints: [{ region: 'us-east-1', url: 'https://health.us-east-1.amazonaws.com' }, { region: 'us-east-2', url: 'https://health.us-east-2.amazonaws.com' }],
      origin: 'default',
    });
    assert.equal((await planHealthEndpoints({}, dnsAnswer('something.else.example'))).origin, 'default');
  });

  it('never signs for the developer’s own region', async () => {
    const plan = await planHealthEndpoints({ AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'ap-south-1' }, dnsFails);
    assert.deepEqual(plan.endpoints.map((e) => e.region), ['us-east-1', 'us-east-2']);
  });

  it('honours the overrides in order, without DNS: AWS_ENDPOINT_URL_HEALTH, OUTAGE_RADAR_HEALTH_ENDPOINTS, AWS_ENDPOINT_URL', async () => {
    const all = {
      AWS_ENDPOINT_URL_HEALTH: 'http://127.0.0.1:4001',
      OUTAGE_RADAR_HEALTH_ENDPOINTS: '{"us-east-2": "http://127.0.0.1:4003", "us-east-1": "http://127.0.0.1:4002"}',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4004',
    };
    assert.deepEqual(await planHealthEndpoints(all, noDns), { endpoints: [{ region: 'us-east-1', url: 'http://127.0.0.1:4001' }], origin: 'AWS_ENDPOINT_URL_HEALTH' });
    const { AWS_ENDPOINT_URL_HEALTH: _h, ...pairAndGeneral } = all;
    assert.deepEqual(await planHealthEndpoints(pairAndGeneral, noDns), {
      endpoints: [{ region: 'us-east-1', url: 'http://127.0.0.1:4002' }, { region: 'us-east-2', url: 'http://127.0.0.1:4003' }],
      origin: 'OUTAGE_RADAR_HEALTH_ENDPOINTS',
    });
    assert.deepEqual(await planHealthEndpoints({ AWS_ENDPOINT_URL: 'http://127.0.0.1:4004' }, noDns), { endpoints: [{ region: 'us-east-1', url: 'http://127.0.0.1:4004' }], origin: 'AWS_ENDPOINT_URL' });
  });

  it('ignores the AWS endpoint variables when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true', async () => {
    const plan = await planHealthEndpoints({ AWS_ENDPOINT_URL_HEALTH: 'http://127.0.0.1:4001', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }, dnsFails);
    assert.equal(plan.origin, 'default');
  });

  it('refuses unusable overrides with a configuration error that does not echo the value', async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ OUTAGE_RADAR_HEALTH_ENDPOINTS: 'us-east-1=http://x' }, /is not JSON/],
      [{ OUTAGE_RADAR_HEALTH_ENDPOINTS: '{"eu-west-1": "http://127.0.0.1:1"}' }, /takes the keys us-east-1 and us-east-2 only \(not eu-west-1\)/],
      [{ AWS_ENDPOINT_URL_HEALTH: 'ftp://user:hunter2hunter2@example.com' }, /^AWS_ENDPOINT_URL_HEALTH is not an http\(s\) URL\.$/],
    ];
    for (const [env, message] of cases) {
      await assert.rejects(planHealthEndpoints(env, noDns), (error: unknown) => error instanceof HealthSourceError && error.kind === 'config' && message.test(error.message) && !error.message.includes('hunter2'));
    }
  });
});
