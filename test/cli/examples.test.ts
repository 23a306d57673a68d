import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt, REPO, runCli } from '../support/cli';

interface Simulated { file: string; line: number; service: string; component: string; reason: string; detail: string }
interface Simulation { region: string; az: string | null; failing: Simulated[]; surviving: Simulated[]; unknown: Simulated[] }

describe('the example workspace (examples/)', function () {
  this.timeout(120_000);
  before(ensureBuilt);

  it('npm start: scans it, exits 0 and shows a region traced across files', () => {
    const r = runCli(['scan', 'examples']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Regions resolved across files/);
    // The handler's client has no region; its function's stack is deployed by samconfig.toml.
    assert.match(r.stdout, /shop-api\/src\/handlers\/orders\.ts:7 {2}DynamoDBClient \(dynamodb sdk-client\) → us-east-1 \(deploy-config\)/);
    assert.match(r.stdout, /shop-api\/template\.yaml:16 {2}deployed as OrdersFunction/);
    assert.match(r.stdout, /shop-api\/samconfig\.toml:7 {2}region = us-east-1/);
    // The Python worker runs where its .env says.
    assert.match(r.stdout, /workers\/fulfilment\/worker\.py:9 {2}boto3\.client\("sqs"\) \(sqs sdk-client\) → eu-west-1 \(env\)/);
  });

  it('simulate --region us-east-1 lists the expected failing and surviving components', () => {
    const r = runCli(['simulate', '--region', 'us-east-1', 'examples', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const sim = JSON.parse(r.stdout) as Simulation;
    assert.equal(sim.region, 'us-east-1');
    assert.equal(sim.az, null);
    const failing = new Set(sim.failing.map((f) => f.component));
    for (const component of [
      'OrdersFunction (shop-api/template.yaml)',
      'PaymentsFunction (shop-api/template.yaml)',
      'ReportsFunction (shop-api/template.yaml)',
      'sendConfirmation (notifications-service/serverless.yml)',
      'OrdersTable',
      'OrdersDatabase',
      'PaymentsApiKey',
      'BouncesTable',
      'analytics',
      'SiteDistribution',
    ]) assert.ok(failing.has(component), `${component} fails in a us-east-1 outage`);
    assert.deepEqual(
      sim.surviving.map((s) => `${s.component}:${s.reason}:${s.detail}`).sort(),
      ['SessionsTable:replicated:replica in us-west-2', 'assets:replicated:replica in us-west-2', 'assets:replicated:replica in us-west-2', 'inventory:replicated:replica in us-west-2'],
    );
    const byPlace = new Map(sim.failing.map((f) => [`${f.file}:${f.line}:${f.service}`, f] as const));
    assert.equal(byPlace.get('infra/terraform/main.tf:47:iam')?.reason, 'control-plane');
    assert.equal(byPlace.get('shop-api/src/handlers/legacy-reports.js:7:sts')?.reason, 'control-plane');
    assert.equal(byPlace.get('shop-api/src/handlers/payments.ts:10:dynamodb')?.detail, 'region from const REGION');
    // The worker's clients run in eu-west-1, but the queue it reads is addressed in us-east-1.
    assert.equal(byPlace.get('workers/fulfilment/worker.py:13:sqs')?.reason, 'pinned');
    assert.equal(byPlace.has('workers/fulfilment/worker.py:9:sqs'), false);
    // Nothing in another region is listed.
    assert.ok(![...sim.failing, ...sim.surviving].some((d) => d.file === 'infra/terraform/main.tf' && d.line === 27));
  });

  it('simulate --region eu-west-1 fails only the worker, and --az needs a zone name', () => {
    const sim = JSON.parse(runCli(['simulate', '--region', 'eu-west-1', 'examples', '--format', 'json']).stdout) as Simulation;
    assert.deepEqual([...new Set(sim.failing.map((f) => f.component))], ['workers/fulfilment/worker.py']);
    const bad = runCli(['simulate', '--region', 'us-east-1', '--az', 'use1-az4', 'examples']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /AZ IDs like use1-az4 need azIds/);
    const az = JSON.parse(runCli(['simulate', '--region', 'us-east-1', '--az', 'us-east-1a', 'examples', '--format', 'json']).stdout) as Simulation;
    assert.deepEqual(az.failing.map((f) => `${f.file}:${f.line}:${f.component}`), ['infra/terraform/main.tf:59:analytics']);
  });

  it('simulate --az takes an AZ ID when the config maps a zone name to it', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-az-'));
    try {
      cpSync(path.join(REPO, 'examples', 'infra'), path.join(root, 'infra'), { recursive: true });
      writeFileSync(path.join(root, '.outage-radar.yaml'), 'azIds: { us-east-1a: use1-az4 }\n');
      const sim = JSON.parse(runCli(['simulate', '--region', 'us-east-1', '--az', 'use1-az4', root, '--format', 'json']).stdout) as Simulation;
      assert.equal(sim.az, 'us-east-1a');
      assert.deepEqual(sim.failing.map((f) => `${f.file}:${f.line}`), ['infra/terraform/main.tf:59']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
