/**
 * SECURITY.md "What Outage Radar sends, and where" and "Credentials": the built CLI and language
 * server run with a recorder preloaded that logs every socket connection and DNS query. Scanning
 * makes none; `health` talks only to the Health endpoints it is configured with; files in the
 * workspace cannot redirect it; credentials come from the SDK's chain and profile; the secret
 * key never appears in output, even when an endpoint echoes it.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { awsError, scriptedHealthApi, startHealthStandIn, type HealthStandIn } from '../support/healthServer';
import { ensureBuilt, REPO } from '../support/cli';
import { LspTestClient } from '../support/lspClient';
import { publicFeed, recordedHealthData } from '../node/health/wireEvents';
import { NETWORK_RECORDER, readNetworkLog, runCliRecorded, type NetworkAttempt } from './guardedProcess';

const ACCESS_KEY_ID = 'AKIAOUTAGERADARSEC01';
const SECRET_ACCESS_KEY = 'sEcUrItY/Test+Secret/MustNeverPrint/9f8e7d6c5b4a';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEOutageRadarSessionTokenMustNeverPrint';

/** The attempts that leave the process; throws when the recorder did not run (no 'loaded' line). */
const outbound = (network: NetworkAttempt[]) => {
  assert.ok(network.some((n) => n.kind === 'loaded'), 'the network recorder was not loaded into the process');
  return network.filter((n) => n.kind === 'connect' || n.kind === 'dns');
};

function workspaceWith(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-sec-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const TEMPLATE = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  OrdersTable:\n    Type: AWS::DynamoDB::Table\n';

describe('network and credentials (SECURITY.md)', function () {
  this.timeout(120_000);
  let legit: HealthStandIn;
  let attacker: HealthStandIn;
  const roots: string[] = [];

  before(async () => {
    ensureBuilt();
    legit = await startHealthStandIn({ operations: scriptedHealthApi(recordedHealthData()), publicFeed: { body: publicFeed() } });
    attacker = await startHealthStandIn({ operations: scriptedHealthApi(recordedHealthData()), publicFeed: { body: publicFeed() } });
  });
  after(async () => {
    await legit.close();
    await attacker.close();
    for (const r of roots) rmSync(r, { recursive: true, force: true });
  });

  const port = (s: HealthStandIn) => Number(new URL(s.url).port);

  it('scanning a workspace makes no network request at all (CLI)', async () => {
    const run = await runCliRecorded(['scan', 'examples', '--no-cache', '--format', 'json'], REPO, {});
    assert.equal(run.code, 0, run.stderr);
    assert.ok(JSON.parse(run.stdout).dependencies.length > 10, 'the scan found the examples');
    assert.deepEqual(outbound(run.network), []);
  });

  it('the language server indexes a workspace without any network request, even in a trusted workspace', async () => {
    const root = workspaceWith({ 'template.yaml': TEMPLATE });
    roots.push(root);
    const log = path.join(root, '..', `${path.basename(root)}-network.jsonl`);
    const saved = { ...process.env };
    // The server inherits this process's environment: preload the recorder into it.
    process.env.NODE_OPTIONS = `--require ${NETWORK_RECORDER}`;
    process.env.OUTAGE_RADAR_TEST_NETWORK_LOG = log;
    let client: LspTestClient | undefined;
    try {
      client = (await LspTestClient.start({ rootPath: root, settings: {}, initializationOptions: { trusted: true } })).client;
      await client.ready();
      assert.ok((await client.documentSymbols('template.yaml')).length > 0);
    } finally {
      await client?.stop();
      process.env = saved;
    }
    assert.deepEqual(outbound(readNetworkLog(log)), []);
    rmSync(log, { force: true });
  });

  it('in a restricted workspace the server never polls AWS Health, even with consent and endpoints configured', async () => {
    const root = workspaceWith({ 'template.yaml': TEMPLATE });
    roots.push(root);
    const saved = { ...process.env };
    process.env.AWS_ENDPOINT_URL_HEALTH = legit.url;
    process.env.OUTAGE_RADAR_PUBLIC_HEALTH_URL = legit.feedUrl;
    process.env.AWS_ACCESS_KEY_ID = ACCESS_KEY_ID;
    process.env.AWS_SECRET_ACCESS_KEY = SECRET_ACCESS_KEY;
    const before = { api: legit.requests.length, feed: legit.feedRequests.length };
    let client: LspTestClient | undefined;
    try {
      client = (await LspTestClient.start({
        rootPath: root,
        settings: { health: { source: 'auto', pollIntervalSeconds: 60 } },
        initializationOptions: { trusted: false, healthConsented: true },
      })).client;
      await client.ready();
      assert.ok((await client.documentSymbols('template.yaml')).length > 0, 'static analysis still works');
    } finally {
      await client?.stop();
      process.env = saved;
    }
    assert.deepEqual({ api: legit.requests.length, feed: legit.feedRequests.length }, before);
  });

  it('`health` talks only to the configured Health endpoints, signs with the chosen profile, and never prints the secret', async () => {
    const root = workspaceWith({ 'template.yaml': TEMPLATE });
    roots.push(root);
    const aws = path.join(root, '..', `${path.basename(root)}-aws`);
    mkdirSync(aws);
    writeFileSync(path.join(aws, 'credentials'), `[default]\naws_access_key_id = AKIADEFAULTPROFILE01\naws_secret_access_key = default/secret\n\n[ci]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_ACCESS_KEY}\naws_session_token = ${SESSION_TOKEN}\n`);
    writeFileSync(path.join(aws, 'config'), '');
    // A misbehaving endpoint that echoes the credentials back in its error.
    legit.enqueue('DescribeEvents', awsError('AccessDeniedException', `denied: aws_secret_access_key=${SECRET_ACCESS_KEY} token=${SESSION_TOKEN} key=${ACCESS_KEY_ID}`));
    const before = legit.requests.length;
    const run = await runCliRecorded(['health', '--source', 'auto', '--profile', 'ci', '--format', 'json'], root, {
      AWS_SHARED_CREDENTIALS_FILE: path.join(aws, 'credentials'),
      AWS_CONFIG_FILE: path.join(aws, 'config'),
      AWS_ENDPOINT_URL_HEALTH: legit.url,
      OUTAGE_RADAR_PUBLIC_HEALTH_URL: legit.feedUrl,
    });
    rmSync(aws, { recursive: true, force: true });
    assert.equal(run.code, 0, run.stderr);
    const signedWith = legit.requests.slice(before).map((r) => r.accessKeyId);
    assert.deepEqual([...new Set(signedWith)], [ACCESS_KEY_ID], 'requests are signed with the credentials of profile "ci"');
    assert.equal(JSON.parse(run.stdout).source, 'public', 'auto fell back to the public feed after the refusal');
    const everything = run.stdout + run.stderr;
    for (const secret of [SECRET_ACCESS_KEY, SESSION_TOKEN, ACCESS_KEY_ID]) assert.equal(everything.includes(secret), false, `${secret} was printed`);
    // Every connection went to the stand-in; no DNS lookup of global.health.amazonaws.com with an override set.
    const hosts = outbound(run.network);
    assert.ok(hosts.length > 0);
    assert.deepEqual(hosts.filter((n) => !(n.kind === 'connect' && n.host === '127.0.0.1' && n.port === port(legit))), []);
  });

  it('files in the workspace cannot redirect Health requests: .env, .aws/config and .outage-radar.yaml are not read for endpoints', async () => {
    const root = workspaceWith({
      'template.yaml': TEMPLATE,
      '.env': `AWS_ENDPOINT_URL_HEALTH=${attacker.url}\nAWS_ENDPOINT_URL=${attacker.url}\nOUTAGE_RADAR_PUBLIC_HEALTH_URL=${attacker.feedUrl}\nOUTAGE_RADAR_HEALTH_ENDPOINTS={"us-east-1":"${attacker.url}"}\nAWS_REGION=us-east-1\n`,
      '.aws/config': `[default]\nregion = us-east-1\nendpoint_url = ${attacker.url}\n[services attacker]\nhealth =\n  endpoint_url = ${attacker.url}\n`,
      '.outage-radar.yaml': `tier: Critical\nhealth:\n  endpoint: ${attacker.url}\n`,
    });
    roots.push(root);
    const before = { api: legit.requests.length, feed: legit.feedRequests.length };
    const run = await runCliRecorded(['health', '--source', 'auto', '--format', 'json'], root, {
      AWS_ACCESS_KEY_ID: ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
      AWS_SHARED_CREDENTIALS_FILE: path.join(root, 'no-such-credentials'),
      AWS_CONFIG_FILE: path.join(root, 'no-such-config'),
      // The user's own override, from the process environment: the only one that counts.
      OUTAGE_RADAR_HEALTH_ENDPOINTS: JSON.stringify({ 'us-east-1': legit.url }),
    });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(attacker.requests.length + attacker.feedRequests.length, 0, 'the attacker endpoint was contacted');
    assert.ok(legit.requests.length > before.api, 'the Health API override of the environment was used');
    assert.deepEqual(outbound(run.network).filter((n) => !(n.kind === 'connect' && n.port === port(legit))), []);
    void before.feed;
  });
});
