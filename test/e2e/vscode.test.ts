/**
 * A real VS Code (code-server, E2E.md) with the packaged extension: the .vsix is built by `npm run
 * package`, installed into code-server (UI suite) or unpacked and loaded as the development
 * extension (in-host suites), and a copy of examples/ is opened.
 *
 * - UI: Chromium drives the workbench — the Problems panel lists an Outage Radar diagnostic, the
 *   hover names the region, "Outage Radar: Show Risk Report" opens the webview; screenshots go to
 *   test-artifacts/e2e/.
 * - In-host: test/e2e/in-host/suite.js runs inside the extension host with the real `vscode` API.
 * - Restricted mode: the same suite with Workspace Trust on (an untrusted folder): static
 *   diagnostics still appear, the workspace cannot set the AWS profile, and nothing is polled
 *   from a loopback stand-in for the AWS Health endpoints.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startHealthStandIn, type HealthStandIn } from '../support/healthServer';
import { ARTIFACTS, installToolchain, launchBrowser, packageExtension, REPO, runInHostSuite, startCodeServer, workspaceCopy, type Browser, type CodeServer } from './support/harness';

const SUITE = path.join(REPO, 'test', 'e2e', 'in-host', 'suite.js');
/** The public AWS Health Dashboard feed the loopback stand-in serves (an open DynamoDB issue in us-east-1 among others). */
const FEED = JSON.parse(readFileSync(path.join(REPO, 'test', 'fixtures', 'health', 'public-currentevents.json'), 'utf8'));

async function quickPick(page: Page, chord: string, text: string, rowText: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await page.keyboard.press(chord);
  await input.waitFor({ timeout: 20_000 });
  await input.fill(text, { timeout: 10_000 });
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: rowText }).first();
  await row.waitFor({ timeout: 20_000 });
  await row.click();
  await input.waitFor({ state: 'hidden', timeout: 20_000 });
}

async function runCommand(page: Page, title: string): Promise<void> {
  try {
    await quickPick(page, 'Control+Shift+P', `>${title}`, title);
  } catch {
    // A palette opened while the workbench is still closing another overlay (the Notification
    // Center after Escape) is inert and then hides itself: close everything and ask once more.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.locator('.quick-input-widget input').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
    await quickPick(page, 'Control+Shift+P', `>${title}`, title);
  }
}

describe('VS Code (code-server) with the packaged extension', function () {
  this.timeout(600_000);
  let extension: { vsix: string; extensionDir: string };

  before(() => {
    installToolchain();
    extension = packageExtension();
  });

  describe('the workbench, driven by Chromium', () => {
    let server: CodeServer | undefined;
    let browser: Browser | undefined;
    let folder: string;
    let standIn: HealthStandIn | undefined;

    before(async () => {
      // AWS Health from a loopback stand-in of the public dashboard (E2E.md "AWS without AWS").
      standIn = await startHealthStandIn({ publicFeed: { body: FEED, encoding: 'utf16le' } });
      folder = workspaceCopy('ui', { '.vscode/settings.json': JSON.stringify({ 'outageRadar.health.source': 'public' }) });
      server = await startCodeServer(folder, { vsix: extension.vsix, env: { OUTAGE_RADAR_PUBLIC_HEALTH_URL: standIn.feedUrl, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' } });
      browser = await launchBrowser();
      const page = browser.page;
      await page.goto(server.url, { waitUntil: 'domcontentloaded' });
      await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'shop-api' }).waitFor({ timeout: 90_000 });
    });

    after(async () => {
      await browser?.close();
      server?.stop();
      await standIn?.close();
      rmSync(folder, { recursive: true, force: true });
    });

    afterEach(async function () {
      if (this.currentTest?.state === 'failed' && browser) {
        await browser.page.screenshot({ path: path.join(ARTIFACTS, `failure-${this.currentTest.title.replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
      }
    });

    it('lists an Outage Radar diagnostic in the Problems panel', async () => {
      const page = browser!.page;
      await page.locator('.monaco-workbench .part.editor').click();
      await quickPick(page, 'Control+P', 'payments.ts', 'payments.ts');
      await page.locator('.tab', { hasText: 'payments.ts' }).waitFor({ timeout: 30_000 });
      await page.keyboard.press('Control+Shift+M');
      // The list is virtualised: filter it down to the row we expect.
      const filter = page.locator('.markers-panel-action-filter input, .viewpane-filter input').first();
      await filter.waitFor({ timeout: 30_000 });
      await filter.fill('STSClient');
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'STSClient is pinned to us-east-1' }).first();
      await row.waitFor({ timeout: 120_000 });
      assert.match((await row.textContent()) ?? '', /Outage Radar/);
      await page.screenshot({ path: path.join(ARTIFACTS, 'problems.png') });
      await filter.fill('');
    });

    it('shows the region and where it came from in the hover', async () => {
      const page = browser!.page;
      await page.locator('.monaco-editor .view-lines').first().click();
      // Go to line 10, column 20 (`new DynamoDBClient({ region: REGION …`) and show the hover.
      await page.keyboard.press('Control+G');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 20_000 });
      await input.fill(':10:20');
      await page.keyboard.press('Enter');
      await input.waitFor({ state: 'hidden', timeout: 20_000 });
      await runCommand(page, 'Show or Focus Hover');
      // The hover widget holds the diagnostics' part and ours; wait for ours.
      const hover = page.locator('.monaco-hover', { hasText: 'from a constant traced to its literal' }).first();
      await hover.waitFor({ timeout: 60_000 });
      const text = (await hover.textContent()) ?? '';
      assert.match(text, /us-east-1/);
      assert.match(text, /from a constant traced to its literal/);
      assert.match(text, /payments\.ts:5/);
      await page.screenshot({ path: path.join(ARTIFACTS, 'hover.png') });
      await page.keyboard.press('Escape');
    });

    it('shows the top region in the status bar', async () => {
      const page = browser!.page;
      const item = page.locator('.statusbar-item', { hasText: /us-east-1: \d+ · \d+ findings/ }).first();
      await item.waitFor({ timeout: 60_000 });
    });

    it('opens the risk report webview from the command palette', async () => {
      const page = browser!.page;
      await runCommand(page, 'Outage Radar: Show Risk Report');
      await page.locator('.tab', { hasText: 'Outage Radar: Risk Report' }).waitFor({ timeout: 60_000 });
      const report = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      const heading = report.locator('h1', { hasText: /risk report/i }).first();
      await heading.waitFor({ timeout: 60_000 });
      // The page renders the map the server sent: the workspace's top region is in it.
      await report.locator('body', { hasText: /in us-east-1/ }).waitFor({ timeout: 60_000 });
      await page.screenshot({ path: path.join(ARTIFACTS, 'report.png') });
    });

    it('shows the Cloud Dependencies tree', async () => {
      const page = browser!.page;
      await page.locator('.part.activitybar [aria-label*="Outage Radar"]').first().click();
      const sidebar = page.locator('.part.sidebar');
      await sidebar.locator('.title', { hasText: /Cloud Dependencies/i }).first().waitFor({ timeout: 30_000 });
      const region = sidebar.locator('.monaco-list-row', { hasText: 'us-east-1' }).first();
      await region.waitFor({ timeout: 60_000 });
      // The summary's numbers, as in the status bar: dependencies and findings shown as problems.
      assert.match((await region.textContent()) ?? '', /us-east-1\s*\d+ dependencies · \d+ findings/);
      await sidebar.locator('.monaco-list-row', { hasText: 'DynamoDB' }).first().waitFor({ timeout: 30_000 });
      await page.screenshot({ path: path.join(ARTIFACTS, 'tree.png') });
    });

    it('"Not Now" on the Health prompt is not forever: the tree says Health is off, "Enable AWS Health" turns it on, and the tree shows the event', async () => {
      const page = browser!.page;
      // Toasts are not always shown: answer from the Notification Center (E2E.md "Things that bite").
      await runCommand(page, 'Notifications: Show Notifications');
      const prompt = page.locator('.notification-list-item', { hasText: 'Show live AWS Health events' }).first();
      await prompt.waitFor({ timeout: 60_000 });
      await prompt.locator('.monaco-button', { hasText: 'Not Now' }).first().click();
      const sidebar = page.locator('.part.sidebar');
      const off = sidebar.locator('.monaco-list-row', { hasText: /AWS Health\s*off — choose to enable/ }).first();
      await off.waitFor({ timeout: 60_000 });
      assert.equal(standIn!.feedRequests.length, 0, 'nothing polled after "Not Now"');
      await page.keyboard.press('Escape');

      await runCommand(page, 'Outage Radar: Enable AWS Health');
      const on = sidebar.locator('.monaco-list-row', { hasText: /AWS Health\s*\d+ open events? · [1-9]\d* affect this workspace/ }).first();
      await on.waitFor({ timeout: 90_000 });
      assert.ok(standIn!.feedRequests.length >= 1);
      if ((await on.getAttribute('aria-expanded')) === 'false') await on.click();
      // The open issue in us-east-1, with the places it affects.
      const event = sidebar.locator('.monaco-list-row', { hasText: /us-east-1\s*open issue · \d+ places?/ }).first();
      await event.waitFor({ timeout: 30_000 });
      await page.screenshot({ path: path.join(ARTIFACTS, 'tree-health.png') });
    });
  });

  describe('the extension host, through the vscode API', () => {
    let server: CodeServer | undefined;
    let folder: string;
    const results = path.join(ARTIFACTS, 'in-host-trusted.json');

    before(async () => {
      folder = workspaceCopy('host', { '.outage-radar-e2e.json': JSON.stringify({ trusted: true, resultsFile: results }) });
      server = await startCodeServer(folder);
    });

    after(() => {
      server?.stop();
      rmSync(folder, { recursive: true, force: true });
    });

    it('passes the in-host suite (diagnostics, hover, code actions, lenses, symbols, status, report)', async () => {
      rmSync(results, { force: true });
      const code = await runInHostSuite(server!, extension.extensionDir, SUITE, folder);
      const summary = JSON.parse(readFileSync(results, 'utf8')) as { results: { name: string; ok: boolean; error?: string }[] };
      const failed = summary.results.filter((r) => !r.ok);
      assert.deepEqual(failed, []);
      assert.equal(code, 0);
      assert.ok(summary.results.length >= 10);
    });
  });

  describe('restricted mode (Workspace Trust on, folder not trusted)', () => {
    let server: CodeServer | undefined;
    let health: Server | undefined;
    let healthRequests = 0;
    let folder: string;
    const results = path.join(ARTIFACTS, 'in-host-restricted.json');

    before(async () => {
      // A loopback stand-in for every AWS Health endpoint: in restricted mode nothing may reach it.
      health = createServer((_req, res) => {
        healthRequests++;
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"events":[]}');
      });
      await new Promise<void>((resolve) => health!.listen(0, '127.0.0.1', resolve));
      const address = health.address();
      const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      folder = workspaceCopy('restricted', {
        '.outage-radar-e2e.json': JSON.stringify({ trusted: false, resultsFile: results }),
        '.vscode/settings.json': JSON.stringify({ 'outageRadar.aws.profile': 'attacker-profile', 'outageRadar.health.source': 'api' }),
      });
      server = await startCodeServer(folder, {
        trust: true,
        env: { AWS_ENDPOINT_URL_HEALTH: url, OUTAGE_RADAR_PUBLIC_HEALTH_URL: `${url}/public/currentevents`, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'e2e-secret' },
      });
    });

    after(() => {
      server?.stop();
      health?.close();
      rmSync(folder, { recursive: true, force: true });
    });

    it('runs static analysis only: diagnostics appear, workspace network settings are held back, nothing is polled', async () => {
      rmSync(results, { force: true });
      const code = await runInHostSuite(server!, extension.extensionDir, SUITE, folder);
      const summary = JSON.parse(readFileSync(results, 'utf8')) as { trusted: boolean; results: { name: string; ok: boolean; error?: string }[] };
      assert.equal(summary.trusted, false);
      assert.deepEqual(summary.results.filter((r) => !r.ok), []);
      assert.ok(summary.results.some((r) => r.name.startsWith('restricted mode')));
      assert.equal(code, 0);
      assert.equal(healthRequests, 0);
    });
  });
});
