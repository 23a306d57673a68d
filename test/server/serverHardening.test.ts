/**
 * The language server over stdio under event bursts and at shutdown (issue 15 items 15 and 17):
 * watched-file notifications arriving one change at a time are applied in batches, with one
 * analysis per batch (counted by the status notifications each analysis sends, never by time);
 * after `shutdown` requests are refused with InvalidRequest, as LSP says.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ResponseError } from 'vscode-jsonrpc/node';
import { buildOnce } from '../support/build';
import { LspTestClient } from '../support/lspClient';

const BURST = 300;
const queueTf = (i: number) => `provider "aws" {\n  region = "us-east-1"\n}\n\nresource "aws_sqs_queue" "q${i}" {\n  name = "orders-${i}"\n}\n`;

describe('language server hardening (dist/server.js)', function () {
  this.timeout(120_000);
  let root: string;
  let client: LspTestClient;

  beforeEach(async () => {
    buildOnce();
    root = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-burst-'));
    writeFileSync(path.join(root, 'main.tf'), queueTf(0));
    ({ client } = await LspTestClient.start({ rootPath: root, settings: {} }));
    await client.ready();
  });
  afterEach(async () => {
    await client?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it(`applies ${BURST} single-change watched-file notifications in a few batches, not one analysis each`, async () => {
    for (let i = 1; i <= BURST; i++) writeFileSync(path.join(root, `q${i}.tf`), queueTf(i));
    const statusesBefore = client.statuses.length;
    for (let i = 1; i <= BURST; i++) void client.filesChanged([{ file: `q${i}.tf`, type: 1 }]);
    // The map request is answered after the queued events are applied.
    const map = await client.dependencyMap();
    const queues = new Set(map?.dependencies.filter((d) => d.kind === 'iac-resource').map((d) => d.file));
    assert.equal(queues.size, BURST + 1, 'every created file is in the map');
    const analyses = client.statuses.length - statusesBefore;
    assert.ok(analyses <= 20, `${analyses} analyses for ${BURST} notifications`);
  });

  it('refuses requests after shutdown with InvalidRequest', async () => {
    await client.connection.sendRequest('shutdown');
    await assert.rejects(client.hover('main.tf', 4, 12), (error: unknown) => error instanceof ResponseError && error.code === -32600);
    await assert.rejects(client.dependencyMap(), (error: unknown) => error instanceof ResponseError && error.code === -32600);
    await client.connection.sendNotification('exit');
  });

  it('answers the same request before shutdown (the neighbour)', async () => {
    const hover = await client.hover('main.tf', 4, 12);
    assert.ok(hover !== null);
  });
});
