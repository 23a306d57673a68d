/**
 * Live AWS Health in the built language server, against a loopback stand-in of the public AWS
 * Health Dashboard (the real feed format: UTF-16 with a byte order mark), selected only through
 * the process environment. Nothing is polled before the user's consent, nor in a restricted
 * workspace; with consent, events become diagnostics with source "AWS Health" on the lines they
 * affect, a hover section and status counts.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { startHealthStandIn, type HealthStandIn } from '../support/healthServer';
import { buildOnce } from '../support/build';
import { LspTestClient } from '../support/lspClient';

const REPO = path.resolve(__dirname, '..', '..');
const FIXTURE = path.join(REPO, 'test', 'fixtures', 'lsp', 'orders-service');
const FEED = JSON.parse(readFileSync(path.join(REPO, 'test', 'fixtures', 'health', 'public-currentevents.json'), 'utf8'));
const ORDERS = 'src/orders.ts';

const isHealth = (d: { source?: string }) => d.source === 'AWS Health';
const pollingLogged = (client: LspTestClient) => client.logs.some((l) => l.startsWith('AWS Health: polling'));

async function startServer(standIn: HealthStandIn, root: string, trusted: boolean): Promise<LspTestClient> {
  const { client } = await LspTestClient.start({
    rootPath: root,
    settings: { health: { source: 'public' } },
    initializationOptions: { trusted },
    env: { OUTAGE_RADAR_PUBLIC_HEALTH_URL: `${standIn.url}/public/currentevents`, AWS_ENDPOINT_URL_HEALTH: standIn.url },
  });
  await client.ready();
  return client;
}

describe('AWS Health in the language server', function () {
  this.timeout(60_000);
  let standIn: HealthStandIn;
  let root: string;

  before(async () => {
    buildOnce();
    standIn = await startHealthStandIn({ publicFeed: { body: FEED, encoding: 'utf16le' } });
    root = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-health-'));
    cpSync(FIXTURE, root, { recursive: true });
  });

  after(async () => {
    await standIn?.close();
    rmSync(root, { recursive: true, force: true });
  });

  describe('in a trusted workspace', () => {
    let client: LspTestClient;

    before(async () => {
      client = await startServer(standIn, root, true);
    });

    after(() => client?.stop());

    it('polls nothing before the user consents, and the status says Health is waiting for consent', async () => {
      await client.hover(ORDERS, 3, 20);
      assert.equal(client.statuses.at(-1)!.health, 'not-consented');
      assert.equal(await client.connection.sendRequest('outageRadar/refreshHealth'), false, 'nothing to refresh before consent');
      assert.equal(pollingLogged(client), false);
      assert.equal(standIn.feedRequests.length, 0);
      assert.ok(![...client.diagnostics.values()].flat().some(isHealth));
    });

    it('after consent, shows the open DynamoDB issue on the lines that use DynamoDB in us-east-1', async () => {
      const since = client.published.length;
      await client.connection.sendNotification('outageRadar/healthConsent', { consented: true });
      const diagnostics = await client.diagnosticsOf(ORDERS, (ds) => ds.some(isHealth), since);
      const health = diagnostics.filter(isHealth);
      assert.ok(standIn.feedRequests.length >= 1);
      const client4 = health.find((d) => d.range.start.line === 3);
      assert.ok(client4, JSON.stringify(health.map((d) => [d.range.start.line, d.message])));
      assert.equal(client4.severity, 2, 'an open issue is high: a Warning');
      assert.match(String(client4.message), /dynamodb in us-east-1/);
      assert.match(String(client4.code), /^AWS_.*_OPERATIONAL_ISSUE$/);
      // inventory.ts uses SQS in us-east-1, which the same event lists as impacted.
      const sqs = await client.diagnosticsOf('src/inventory.ts', (ds) => ds.some(isHealth), since);
      assert.ok(sqs.filter(isHealth).some((d) => /sqs in us-east-1/.test(String(d.message))));
    });

    it('gives one diagnostic per event and file, on the client, naming the other affected lines', async () => {
      const health = (client.diagnostics.get(client.uri(ORDERS)) ?? []).filter(isHealth);
      const byEvent = new Map<string, number>();
      for (const d of health) byEvent.set(String(d.code), (byEvent.get(String(d.code)) ?? 0) + 1);
      assert.ok(byEvent.size >= 1);
      for (const [code, n] of byEvent) assert.equal(n, 1, `${code}: ${n} diagnostics in one file`);
      const dynamodb = health.find((d) => /dynamodb in us-east-1/.test(String(d.message)))!;
      assert.equal(dynamodb.range.start.line, 3, 'on the DynamoDB client, the construct');
      assert.match(String(dynamodb.message), /lines here: 4, 5, 9\)/);
      assert.deepEqual(dynamodb.relatedInformation?.map((r) => r.location.range.start.line), [4, 8]);
    });

    it("names the event in the code lens of the client it affects; the status says Health is on; Refresh polls now", async () => {
      const lenses = await client.codeLenses(ORDERS);
      const lens = lenses.find((l) => l.range.start.line === 3);
      assert.match(String(lens?.command?.title), /^us-east-1 · AWS Health: open issue \(AWS_[A-Z_]+_OPERATIONAL_ISSUE\) · 1 risk$/);
      assert.equal(client.statuses.at(-1)!.health, 'on');
      const polls = standIn.feedRequests.length;
      assert.equal(await client.connection.sendRequest('outageRadar/refreshHealth'), true);
      assert.ok(standIn.feedRequests.length > polls);
    });

    it('adds the events to the hover and the status', async () => {
      const hover = await client.hover(ORDERS, 3, 20);
      const text = (hover!.contents as MarkupContent).value;
      assert.match(text, /\*\*AWS Health\*\*/);
      assert.match(text, /OPERATIONAL_ISSUE/);
      const status = client.statuses.at(-1)!;
      assert.ok(status.healthEvents >= 1);
      assert.ok(status.healthIssuesAffectingWorkspace >= 1);
    });

    it('answers outageRadar/healthEvents with the open events and the places they affect, for the report', async () => {
      const events = (await client.connection.sendRequest('outageRadar/healthEvents', {})) as Array<{ service: string; region: string; affected: Array<{ file: string; line: number }> }>;
      const dynamodb = events.find((e) => e.service === 'dynamodb' && e.region === 'us-east-1');
      assert.ok(dynamodb, JSON.stringify(events.map((e) => [e.service, e.region])));
      assert.ok(dynamodb.affected.some((a) => a.file === ORDERS && a.line === 4), JSON.stringify(dynamodb.affected));
    });

    it('clears the Health diagnostics when consent is withdrawn', async () => {
      const since = client.published.length;
      await client.connection.sendNotification('outageRadar/healthConsent', { consented: false });
      const diagnostics = await client.diagnosticsOf(ORDERS, (ds) => !ds.some(isHealth), since);
      assert.ok(diagnostics.some((d) => d.code === 'sdk-literal-region'), 'the static findings stay');
      assert.deepEqual(await client.connection.sendRequest('outageRadar/healthEvents', {}), []);
    });
  });

  describe('in a restricted workspace', () => {
    let client: LspTestClient;
    let before0: number;

    before(async () => {
      before0 = standIn.feedRequests.length;
      client = await startServer(standIn, root, false);
    });

    after(() => client?.stop());

    it('never polls, even with consent, and still publishes the static diagnostics', async () => {
      await client.connection.sendNotification('outageRadar/healthConsent', { consented: true });
      // Notifications are handled in order: once the hover is answered, the consent was applied.
      await client.hover(ORDERS, 3, 20);
      assert.equal(pollingLogged(client), false);
      assert.equal(standIn.feedRequests.length, before0);
      const diagnostics = await client.diagnosticsOf(ORDERS, (ds) => ds.length > 0);
      assert.ok(diagnostics.some((d) => d.code === 'sdk-literal-region'));
      assert.ok(!diagnostics.some(isHealth));
    });
  });
});
