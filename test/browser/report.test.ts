/**
 * The risk report in a real browser (E2E.md "A real browser for the webview and the HTML report"):
 * Debian's Chromium, driven by playwright-core, opens the report that `outage-radar scan --format
 * html` writes for examples/ — offline — and the test checks the map, the simulation, the tables
 * and the exports against what the CLI itself computes (`scan --format json`, `simulate --format
 * json`). The same script is then loaded the way the VS Code webview loads it (from dist/, with a
 * nonce CSP and a stand-in for `acquireVsCodeApi`) to check the messages it exchanges with the
 * extension. A synthetic map of 5,000 dependencies checks that the page stays usable.
 *
 * Every page fails its test on a console error, an uncaught exception, a Content-Security-Policy
 * violation, or any request that is not `file:`, `data:` or `blob:`. Screenshots go to
 * test-artifacts/report/. Run by `npm run test:e2e` (not by `npm test`: it needs Chromium).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { Dependency, DependencyMap, Finding, Severity } from '../../src/core/model';
import { headline, summariseMap } from '../../src/core/summary';
import { renderHtml } from '../../src/core/render/html';
import { simulateOutage } from '../../src/core/simulate';
import { REPO, ensureBuilt, runCli } from '../support/cli';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(REPO, 'test-artifacts', 'report');
const EXAMPLES = path.join(REPO, 'examples');
/** The flags of ../shared/e2e/examples/e2e.mjs: no sandbox (root in CI), no GPU, nothing phoning home. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

interface SimulatedEntry {
  file: string;
  line: number;
  service: string;
  component: string;
  reason: string;
  detail: string;
}

/** What went wrong on a page: checked after every test. */
interface PageWatch {
  errors: string[];
  requests: string[];
}

const LOCAL_URL = /^(file|data|blob):/;

async function watchedPage(context: BrowserContext, watch: PageWatch): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') watch.errors.push(`console: ${m.text().slice(0, 500)}`);
  });
  page.on('pageerror', (e) => watch.errors.push(`uncaught: ${e.message}`));
  page.on('request', (r) => {
    if (!LOCAL_URL.test(r.url())) watch.requests.push(r.url());
  });
  return page;
}

/** Violations reported by the page itself (the listener is installed before any page script runs). */
async function cspViolations(page: Page): Promise<string[]> {
  return (await page.evaluate('window.__cspViolations || []')) as string[];
}

function sortedEntries(entries: { file: string; line: number; service: string }[]): string[] {
  return entries.map((e) => `${e.file}:${e.line} ${e.service}`).sort();
}

/** The (file:line service) entries the page lists under one verdict. */
async function listedEntries(page: Page, status: string): Promise<string[]> {
  const items = page.locator(`.verdict[data-status="${status}"] .entry`);
  const out: string[] = [];
  for (let i = 0; i < (await items.count()); i++) {
    const item = items.nth(i);
    out.push(`${await item.getAttribute('data-file')}:${await item.getAttribute('data-line')} ${await item.getAttribute('data-service')}`);
  }
  return out.sort();
}

/**
 * Waits until `check` holds. Not page.waitForFunction with a string: Playwright evaluates that
 * with `eval` inside the page, which the report's CSP rightly refuses (and this suite reports).
 */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  for (const start = Date.now(); !(await check()); ) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const rowCount = (page: Page, table: string) => page.locator(`#${table}-table tbody tr`).count();

async function columnTexts(page: Page, table: string, column: string): Promise<string[]> {
  return page.locator(`#${table}-table tbody td[data-column="${column}"]`).allTextContents();
}

/**
 * A headless Chromium on a fresh profile for the describe block that calls this: launched before
 * the block's tests (after the hooks registered before this call), closed and its profile removed
 * after them. Returns the context's getter.
 */
function chromiumForBlock(profilePrefix: string, options: { viewport: { width: number; height: number }; acceptDownloads?: boolean }, prepare?: (context: BrowserContext) => Promise<void>): () => BrowserContext {
  let context: BrowserContext | undefined;
  let profile: string | undefined;
  before(async () => {
    profile = mkdtempSync(path.join(os.tmpdir(), profilePrefix));
    // Playwright rejects --user-data-dir in args: a persistent context on a fresh folder is its equivalent.
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, ...options });
    await prepare?.(context);
  });
  after(async () => {
    await context?.close().catch(() => undefined);
    if (profile) rmSync(profile, { recursive: true, force: true });
  });
  return () => {
    assert.ok(context, 'Chromium was not started');
    return context;
  };
}

describe('the risk report in Chromium', function () {
  this.timeout(180_000);
  let watch: PageWatch;
  let page: Page;
  let map: DependencyMap;
  let reportUrl: string;

  before(async () => {
    if (!existsSync(CHROMIUM)) execFileSync('bash', [path.join(REPO, '..', 'shared', 'e2e', 'install.sh')], { stdio: 'inherit', timeout: 900_000 });
    ensureBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    const scan = runCli(['scan', EXAMPLES, '--format', 'json']);
    map = JSON.parse(scan.stdout) as DependencyMap;
    const reportFile = path.join(ARTIFACTS, 'examples-report.html');
    const html = runCli(['scan', EXAMPLES, '--format', 'html', '--output', reportFile]);
    assert.ok(existsSync(reportFile), `scan --format html wrote nothing: ${html.stderr}`);
    reportUrl = pathToFileURL(reportFile).href;
  });

  const context = chromiumForBlock('outage-radar-report-chromium-', { viewport: { width: 1400, height: 1000 }, acceptDownloads: true }, async (browser) => {
    await browser.route('**/*', (route) => (LOCAL_URL.test(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
    await browser.addInitScript(`
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
    `);
  });

  beforeEach(async () => {
    watch = { errors: [], requests: [] };
    page = await watchedPage(context(), watch);
  });

  afterEach(async function () {
    const violations = await cspViolations(page).catch(() => []);
    if (this.currentTest?.state === 'failed') await page.screenshot({ path: path.join(ARTIFACTS, `failure-${Date.now()}.png`), fullPage: true }).catch(() => undefined);
    await page.close();
    assert.deepEqual(watch.errors, [], 'console errors or uncaught exceptions');
    assert.deepEqual(violations, [], 'Content-Security-Policy violations');
    assert.deepEqual(watch.requests, [], 'network requests (the report must work offline)');
  });

  async function openReport(colorScheme: 'light' | 'dark' = 'light'): Promise<void> {
    await page.emulateMedia({ colorScheme });
    await page.goto(reportUrl);
    await page.locator('.world-map').waitFor({ timeout: 30_000 });
  }

  it('draws one bubble per region of examples/, sized by its dependencies, with the control planes and the charts', async () => {
    await openReport();
    const expected = new Map<string, number>();
    for (const d of map.dependencies) if (d.kind !== 'region-config' && d.region) expected.set(d.region, (expected.get(d.region) ?? 0) + 1);
    assert.ok(expected.size >= 2, 'examples/ spans several regions');
    const bubbles = page.locator('.world-map .bubble');
    const drawn = new Map<string, number>();
    for (let i = 0; i < (await bubbles.count()); i++) drawn.set((await bubbles.nth(i).getAttribute('data-region')) as string, Number(await bubbles.nth(i).getAttribute('data-dependencies')));
    assert.deepEqual([...drawn].sort(), [...expected].sort());
    // Bigger region, bigger bubble.
    const radius = async (region: string) => Number(await page.locator(`.bubble[data-region="${region}"] circle`).first().getAttribute('r'));
    const [largest, smallest] = [...expected].sort((a, b) => b[1] - a[1]).map(([r]) => r);
    assert.ok((await radius(largest as string)) > (await radius(smallest as string)));

    const hidden = (map.risk?.hiddenDependencies ?? []).map((h) => `${h.service} ${h.region}`).sort();
    assert.ok(hidden.length > 0, 'examples/ has hidden control-plane dependencies');
    const planes = page.locator('.world-map .control-plane');
    const drawnPlanes: string[] = [];
    for (let i = 0; i < (await planes.count()); i++) drawnPlanes.push(`${await planes.nth(i).getAttribute('data-service')} ${await planes.nth(i).getAttribute('data-home')}`);
    assert.deepEqual(drawnPlanes.sort(), hidden);

    // The text alternative lists the same regions.
    assert.deepEqual((await page.locator('details.regions tbody th').allTextContents()).sort(), [...expected.keys()].sort());
    // Charts: the severity bars carry the summary's counts.
    for (const [severity, n] of Object.entries(map.summary.findingsBySeverity)) {
      assert.equal(await page.locator(`[data-chart="by-severity"] .bar[data-key="${severity}"]`).getAttribute('data-value'), String(n), severity);
    }
    assert.equal(await page.locator('#score-resilience .score-value').textContent(), `${map.risk?.resilienceScore.score} / 100`);
    // The README's picture (docs/images/report.png is a copy): the scores and the whole map.
    await page.setViewportSize({ width: 1400, height: 1180 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'report.png'), fullPage: false });
    await page.screenshot({ path: path.join(ARTIFACTS, 'report-full.png'), fullPage: true });
  });

  it('simulating an outage of us-east-1 marks failing, surviving and unknown exactly as `outage-radar simulate` does', async () => {
    const cli = runCli(['simulate', '--region', 'us-east-1', EXAMPLES, '--format', 'json']);
    const expected = JSON.parse(cli.stdout) as { failing: SimulatedEntry[]; surviving: SimulatedEntry[]; unknown: SimulatedEntry[] };
    assert.ok(expected.failing.length > 0);
    await openReport();
    await page.selectOption('#outage-select', 'us-east-1');
    await page.locator('.simulation-summary').waitFor();
    assert.deepEqual(await listedEntries(page, 'failing'), sortedEntries(expected.failing));
    assert.deepEqual(await listedEntries(page, 'surviving'), sortedEntries(expected.surviving));
    assert.deepEqual(await listedEntries(page, 'unknown'), sortedEntries(expected.unknown));
    // The components the CLI names are the ones the page names.
    const components = await page.locator('.verdict[data-status="failing"] .component').allTextContents();
    assert.deepEqual([...new Set(components)].sort(), [...new Set(expected.failing.map((e) => e.component))].sort());

    // The map: us-east-1 is the outage, its pie counts the failing dependencies; the control planes there fail.
    const bubble = page.locator('.bubble[data-region="us-east-1"]');
    assert.match((await bubble.getAttribute('class')) ?? '', /\boutage\b/);
    assert.equal(await bubble.getAttribute('data-failing'), String(expected.failing.length));
    assert.equal(await page.locator('.control-plane:not(.failing)[data-home="us-east-1"]').count(), 0);
    // The charts stack by verdict, the dependencies table filters by it.
    assert.equal(await page.locator('[data-chart="by-region"] .bar[data-key="us-east-1"] .segment.failing').getAttribute('data-count'), String(expected.failing.length));
    await page.locator('#tab-dependencies').click();
    await page.selectOption('#dependencies-filter-outage', 'failing');
    assert.deepEqual(
      (await columnTexts(page, 'dependencies', 'location')).sort(),
      expected.failing.map((e) => `${e.file}:${e.line}`).sort(),
    );
    await page.locator('.map-section').screenshot({ path: path.join(ARTIFACTS, 'report-outage-us-east-1.png') });

    // The choice survives a reload (kept in the URL fragment of the standalone page).
    await page.reload();
    await page.locator('.simulation-summary').waitFor();
    assert.equal(await page.locator('#outage-select').inputValue(), 'us-east-1');
  });

  it('simulates the outage of one availability zone', async () => {
    const zoned = map.dependencies.filter((d) => d.resource?.attributes?.availabilityZones?.includes('us-east-1a'));
    assert.ok(zoned.length > 0, 'examples/ pins a resource to us-east-1a');
    await openReport();
    await page.selectOption('#outage-select', 'us-east-1a');
    const expected = simulateOutage(map, 'us-east-1', 'us-east-1a');
    assert.deepEqual(await listedEntries(page, 'failing'), sortedEntries(expected.failing));
    assert.equal(await page.locator('.world-map').getAttribute('data-outage'), 'us-east-1a');
  });

  it('filters and sorts the findings table; a row copies its file:line in a browser', async () => {
    await openReport();
    const status = page.locator('#findings-status');
    assert.equal(await status.textContent(), `Showing 1–${map.findings.length} of ${map.findings.length}`);

    await page.selectOption('#findings-filter-severity', 'high');
    const high = map.findings.filter((f) => f.severity === 'high');
    assert.ok(high.length > 0);
    assert.deepEqual((await columnTexts(page, 'findings', 'severity')).sort(), high.map(() => 'high'));
    await page.locator('#findings [data-action="clear-filters"]').click();

    const rule = 'sdk-literal-region';
    await page.fill('#findings-filter-text', rule);
    const matching = map.findings.filter((f) => [f.message, f.ruleId, f.file].some((t) => t.toLowerCase().includes(rule)));
    await until(async () => (await rowCount(page, 'findings')) === matching.length, 'the search to apply');
    assert.equal(await status.textContent(), `Showing 1–${matching.length} of ${matching.length} (${map.findings.length - matching.length} filtered out)`);
    await page.fill('#findings-filter-text', '');
    await until(async () => (await rowCount(page, 'findings')) === map.findings.length, 'the search to clear');

    // Sorting by location: ascending, then descending on a second click.
    const byLocation = (a: Finding, b: Finding) => a.file.localeCompare(b.file, 'en', { numeric: true, sensitivity: 'base' }) || a.line - b.line;
    await page.locator('#findings-table button[data-sort="location"]').click();
    assert.equal(await page.locator('#findings-table th:has(button[data-sort="location"])').getAttribute('aria-sort'), 'ascending');
    const ascending = [...map.findings].sort(byLocation).map((f) => `${f.file}:${f.line}`);
    assert.deepEqual(dedupe(await columnTexts(page, 'findings', 'location')), dedupe(ascending));
    await page.locator('#findings-table button[data-sort="location"]').click();
    assert.equal(await page.locator('#findings-table th:has(button[data-sort="location"])').getAttribute('aria-sort'), 'descending');
    assert.deepEqual(dedupe(await columnTexts(page, 'findings', 'location')), dedupe([...ascending].reverse()));

    // Choosing a row copies file:line (the standalone page cannot open an editor).
    const first = (await columnTexts(page, 'findings', 'location'))[0] as string;
    await page.locator('#findings-table tbody tr').first().locator('td[data-column="message"]').click();
    await until(async () => ((await page.locator('#announcer').textContent()) ?? '').includes(first), 'the copy to be announced');
    // Each finding links to its rule documentation.
    const link = page.locator('#findings-table tbody tr a.rule-link').first();
    assert.match((await link.getAttribute('href')) ?? '', /^(https|file):\/\/.+\.md$|^https:\/\//);
  });

  it('a bubble is a keyboard control that filters both tables to its region', async () => {
    await openReport();
    await page.locator('.bubble[data-region="eu-west-1"]').focus();
    await page.keyboard.press('Enter');
    const inRegion = map.findings.filter((f) => f.dependencyIds.some((id) => map.dependencies.find((d) => d.id === id)?.region === 'eu-west-1'));
    assert.equal(await page.locator('#findings-filter-region').inputValue(), 'eu-west-1');
    assert.equal(await page.locator('#findings-table tbody tr').count(), inRegion.length);
    await page.locator('#tab-dependencies').click();
    assert.deepEqual(dedupe(await columnTexts(page, 'dependencies', 'region')), ['eu-west-1']);
    assert.equal(await page.locator('#dependencies-table tbody tr').count(), map.dependencies.filter((d) => d.region === 'eu-west-1').length);
  });

  it('exports the map as SVG and PNG', async () => {
    await openReport('dark');
    // Without VS Code's theme variables the page follows the browser's colour scheme.
    assert.equal(await page.evaluate('getComputedStyle(document.body).backgroundColor'), 'rgb(30, 30, 30)');
    await page.screenshot({ path: path.join(ARTIFACTS, 'report-dark.png') });
    const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-svg"]').click()]);
    assert.equal(svgDownload.suggestedFilename(), 'outage-radar-map.svg');
    const svgText = readFileSync((await svgDownload.path()) as string, 'utf8');
    assert.match(svgText, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svgText, /data-region="us-east-1"/);
    assert.doesNotMatch(svgText, /class=|var\(--/, 'the exported SVG carries its colours, not the page’s classes');

    const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-png"]').click()]);
    assert.equal(pngDownload.suggestedFilename(), 'outage-radar-map.png');
    const png = readFileSync((await pngDownload.path()) as string);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(png.readUInt32BE(16), 1920, 'PNG width: twice the map');
    writeFileSync(path.join(ARTIFACTS, 'map-export.png'), png);
  });

  it('keeps a message that contains </script> as text', async () => {
    const hostile: DependencyMap = JSON.parse(JSON.stringify(map));
    const first = hostile.findings[0] as Finding;
    first.message = '</script><script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> pinned';
    first.file = '<!--weird-->.yaml';
    const file = path.join(ARTIFACTS, 'hostile-report.html');
    writeFileSync(file, renderHtml(hostile));
    await page.goto(pathToFileURL(file).href);
    await page.locator('.world-map').waitFor();
    assert.equal(await page.evaluate('window.__pwned === undefined'), true);
    await page.fill('#findings-filter-text', 'window.__pwned');
    await until(async () => (await rowCount(page, 'findings')) === 1, 'the search to apply');
    assert.equal(await page.locator('#findings-table tbody td[data-column="message"]').textContent(), first.message);
  });

  it('stays usable with 5,000 dependencies: paged table, filters, simulation', async () => {
    const big = syntheticMap(5000);
    const file = path.join(ARTIFACTS, 'report-5000.html');
    writeFileSync(file, renderHtml(big));
    await page.goto(pathToFileURL(file).href);
    await page.locator('.world-map').waitFor({ timeout: 60_000 });
    await page.locator('#tab-dependencies').click();
    assert.equal(await page.locator('#dependencies-status').textContent(), 'Showing 1–100 of 5,000');
    assert.equal(await page.locator('#dependencies-table tbody tr').count(), 100);
    await page.locator('#dependencies [data-page="next"]').click();
    assert.equal(await page.locator('#dependencies-status').textContent(), 'Showing 101–200 of 5,000');
    await page.locator('#dependencies [data-page="last"]').click();
    assert.equal(await page.locator('#dependencies-status').textContent(), 'Showing 4,901–5,000 of 5,000');

    const inFrankfurt = big.dependencies.filter((d) => d.region === 'eu-central-1').length;
    await page.selectOption('#dependencies-filter-region', 'eu-central-1');
    assert.equal(await page.locator('#dependencies-status').textContent(), `Showing 1–100 of ${inFrankfurt.toLocaleString('en-US')} (${(5000 - inFrankfurt).toLocaleString('en-US')} filtered out)`);

    await page.selectOption('#outage-select', 'eu-central-1');
    const expected = simulateOutage(big, 'eu-central-1');
    assert.equal(await page.locator('.simulation-summary').getAttribute('data-failing'), String(expected.failing.length));
    assert.equal(await page.locator('.bubble[data-region="eu-central-1"]').getAttribute('data-failing'), String(expected.failing.length));
    // Long verdict lists stop at 200 entries and hand over to the table.
    assert.equal(await page.locator('.verdict[data-status="failing"] .entry').count(), Math.min(200, expected.failing.length));
    await page.locator('.map-section').screenshot({ path: path.join(ARTIFACTS, 'report-5000.png') });
  });
});

describe('the risk report as the VS Code webview loads it', function () {
  this.timeout(120_000);

  before(() => {
    ensureBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  const context = chromiumForBlock('outage-radar-webview-chromium-', { viewport: { width: 1200, height: 900 } });

  it('asks for data, ignores malformed messages, shows an update and asks the extension to open a location', async () => {
    const watch: PageWatch = { errors: [], requests: [] };
    const page = await watchedPage(context(), watch);
    // The stand-in for VS Code's webview API records what the page posts and keeps its state.
    await page.addInitScript(`
      window.__posted = [];
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective));
      let state = { outage: 'us-east-1' };
      window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => state, setState: (s) => { state = s; } });
    `);
    const nonce = 'bm9uY2UtZm9yLXRlc3Q=';
    const dist = pathToFileURL(path.join(REPO, 'dist')).href;
    const media = pathToFileURL(path.join(REPO, 'media')).href;
    // The page the extension builds (src/client/reportPanel.ts), with file: standing in for the webview resource origin.
    const page_html = `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'; style-src file: 'nonce-${nonce}'; img-src file: data: blob:; font-src file:">
<link rel="stylesheet" nonce="${nonce}" href="${media}/report.css"></head>
<body class="vscode-dark"><main id="app"><p>Loading…</p></main><script nonce="${nonce}" src="${dist}/webview.js"></script></body></html>`;
    const file = path.join(ARTIFACTS, 'webview-page.html');
    writeFileSync(file, page_html);
    await page.goto(pathToFileURL(file).href);
    await until(async () => (await page.evaluate('window.__posted.some((m) => m.type === "ready")')) === true, 'the ready message');

    const scan = runCli(['scan', EXAMPLES, '--format', 'json']);
    const map = JSON.parse(scan.stdout) as DependencyMap;
    // Malformed messages are ignored: nothing renders.
    // Messages are dispatched in order, so once the "flush" message arrives the others were handled.
    const drawnAfterMalformed = await page.evaluate(`new Promise((resolve) => {
      window.addEventListener('message', (e) => { if (e.data === 'flush') resolve(document.querySelectorAll('.world-map').length); });
      window.postMessage({ type: 'update', data: { map: { version: 2 } } }, '*');
      window.postMessage({ type: 'update', data: { map: { version: 1, dependencies: 'not a list' }, health: 'x' }, extra: 1 }, '*');
      window.postMessage('update', '*');
      window.postMessage({ type: 'nope' }, '*');
      window.postMessage('flush', '*');
    })`);
    assert.equal(drawnAfterMalformed, 0);
    await page.evaluate(`window.postMessage({ type: 'update', data: { map: ${JSON.stringify(map)}, health: [{ region: 'us-east-1', service: 'dynamodb', eventTypeCode: 'AWS_DYNAMODB_OPERATIONAL_ISSUE', statusCode: 'open', startTime: '2025-10-20T06:48:00Z', description: 'Increased error rates' }] } }, '*')`);
    await page.locator('.world-map').waitFor();
    // The saved state (an outage of us-east-1) is restored.
    assert.equal(await page.locator('#outage-select').inputValue(), 'us-east-1');
    assert.equal(await page.locator('.health-mark[data-region="us-east-1"]').getAttribute('data-events'), '1');

    const row = page.locator('#findings-table tbody tr').first();
    const location = (await row.locator('td[data-column="location"]').textContent()) as string;
    await row.locator('td[data-column="message"]').click();
    const posted = (await page.evaluate('window.__posted.filter((m) => m.type === "openLocation")')) as { file: string; line: number; column: number }[];
    const [file_, line] = [location.slice(0, location.lastIndexOf(':')), Number(location.slice(location.lastIndexOf(':') + 1))];
    assert.equal(posted.length, 1);
    assert.equal(posted[0]?.file, file_);
    assert.equal(posted[0]?.line, line);
    // Rule documentation goes through the extension too (links do not navigate in a webview).
    await page.locator('#findings-table tbody tr a.rule-link').first().click();
    const links = (await page.evaluate('window.__posted.filter((m) => m.type === "openLink")')) as { href: string }[];
    assert.equal(links.length, 1);
    // Exports go to the extension, which asks where to save.
    await page.locator('[data-action="export-svg"]').click();
    await until(async () => (await page.evaluate('window.__posted.some((m) => m.type === "exportMap" && m.format === "svg" && m.data.startsWith("<svg"))')) === true, 'the exported SVG');
    await page.screenshot({ path: path.join(ARTIFACTS, 'webview-dark.png') });

    assert.deepEqual(await page.evaluate('window.__cspViolations'), []);
    assert.deepEqual(watch.errors, []);
    assert.deepEqual(watch.requests, []);
    await page.close();
  });
});

describe('the report tells the same story as the editor (issue 12 item 4, issue 13 items 15 and 20)', function () {
  this.timeout(120_000);

  before(() => {
    ensureBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  const context = chromiumForBlock('outage-radar-views-chromium-', { viewport: { width: 1000, height: 900 } });

  /** The webview page in the dark theme, given the data the extension posts. */
  async function webview(data: unknown): Promise<{ page: Page; watch: PageWatch }> {
    const watch: PageWatch = { errors: [], requests: [] };
    const page = await watchedPage(context(), watch);
    await page.addInitScript(`window.acquireVsCodeApi = () => ({ postMessage: () => undefined, getState: () => ({}), setState: () => undefined });`);
    const nonce = 'bm9uY2UtZm9yLXZpZXdz';
    const page_html = `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'; style-src file: 'nonce-${nonce}'; img-src file: data: blob:; font-src file:">
<link rel="stylesheet" nonce="${nonce}" href="${pathToFileURL(path.join(REPO, 'media')).href}/report.css"></head>
<body class="vscode-dark"><main id="app"><p>Loading…</p></main><script nonce="${nonce}" src="${pathToFileURL(path.join(REPO, 'dist')).href}/webview.js"></script></body></html>`;
    const file = path.join(ARTIFACTS, 'webview-views.html');
    writeFileSync(file, page_html);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(pathToFileURL(file).href);
    await page.evaluate(`window.postMessage({ type: 'update', data: ${JSON.stringify(data)} }, '*')`);
    await page.locator('.world-map').waitFor();
    return { page, watch };
  }

  it("shows the engine summary in the header and the region table, the numbers the editor's status bar shows", async () => {
    const map = JSON.parse(runCli(['scan', EXAMPLES, '--format', 'json']).stdout) as DependencyMap;
    const { page, watch } = await webview({ map });
    assert.match((await page.locator('.report-header .meta').textContent()) as string, new RegExp(`^${headline(map.summary).replace(/[()+]/g, '\\$&')}`));
    assert.match(headline(map.summary), /57 AWS dependencies \(\+11 region settings\) · 28 findings · 6 notes/);
    const rows = await page.locator('details.regions tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-region'), Number(tr.children[2]?.textContent), Number(tr.children[3]?.textContent)]));
    assert.deepEqual(rows, map.summary.regions.filter((r) => r.region !== 'unresolved' && r.dependencies > 0).map((r) => [r.region, r.dependencies, r.findings.problems]));
    // The outage select lists the regions as the editor's simulate picker does.
    const options = await page.locator('#outage-select optgroup[label="Regions"] option').allTextContents();
    assert.deepEqual(options, map.summary.regions.filter((r) => r.region !== 'unresolved').map((r) => `${r.region} (${r.dependencies} ${r.dependencies === 1 ? 'dependency' : 'dependencies'}${r.possible ? ` · ${r.possible} possibly` : ''})`));

    // Dark theme: high is filled, medium only outlined, so high reads stronger whatever the palette's hues.
    const badge = (severity: string) => page.locator(`#findings-table .severity.sev-${severity}`).first().evaluate((e) => e.ownerDocument.defaultView?.getComputedStyle(e).backgroundColor);
    assert.notEqual(await badge('high'), 'rgba(0, 0, 0, 0)');
    assert.equal(await badge('medium'), 'rgba(0, 0, 0, 0)');
    // Chart labels are whole: the longest rule id is not cut.
    const longest = Object.keys(map.summary.findingsBySeverity).length ? [...new Set(map.findings.map((f) => f.ruleId))].sort((a, b) => b.length - a.length)[0] : '';
    const labels = await page.locator('[data-chart="by-rule"] .bar-label').allTextContents();
    assert.ok(labels.includes(longest as string), `${longest} in ${labels.join(', ')}`);
    assert.ok(!labels.some((l) => l.endsWith('…')));
    // Paths wrap only after a slash: each segment is unbreakable.
    const segment = page.locator('#findings-table button.location .path-segment').first();
    assert.equal(await segment.evaluate((e) => e.ownerDocument.defaultView?.getComputedStyle(e).whiteSpace), 'nowrap');
    await page.screenshot({ path: path.join(ARTIFACTS, 'webview-views-dark.png'), fullPage: true });
    assert.deepEqual(watch.errors, []);
    await page.close();
  });

  it('keeps neighbouring region labels apart, marks a global event that affects the workspace and not one that affects nothing, with a legend', async () => {
    const base = JSON.parse(runCli(['scan', EXAMPLES, '--format', 'json']).stdout) as DependencyMap;
    // The clusters seen on a real repository: us-east-1, us-gov-east-1, us-east-2 and ca-central-1; ap-northeast-1/2/3.
    const crowded = ['us-east-1', 'us-gov-east-1', 'us-east-2', 'ca-central-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'eu-west-1', 'eu-west-2'];
    const dependencies = base.dependencies.map((d, i) => (d.kind === 'region-config' || !d.region ? d : { ...d, region: crowded[i % crowded.length] as string }));
    const map: DependencyMap = { ...base, dependencies, summary: summariseMap(dependencies, base.findings, { scanned: base.summary.filesScanned, skipped: 0 }) };
    delete map.risk;
    const health = [
      { region: 'global', service: 'iam', eventTypeCode: 'AWS_IAM_OPERATIONAL_ISSUE', statusCode: 'open', startTime: '2025-10-20T06:48:00Z', description: 'Increased IAM latencies', affectedRegions: ['us-east-1'] },
      { region: 'eu-west-1', service: 'kinesis', eventTypeCode: 'AWS_KINESIS_OPERATIONAL_ISSUE', statusCode: 'open', startTime: '2025-10-20T06:48:00Z', description: 'Kinesis errors', affectedRegions: [] },
    ];
    const { page, watch } = await webview({ map, health });
    const boxes = await page.locator('.world-map .bubble-label').evaluateAll((ts) => ts.map((t) => {
      const b = (t as unknown as { getBBox(): { x: number; y: number; width: number; height: number } }).getBBox();
      return { region: t.textContent, x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height };
    }));
    assert.equal(boxes.length, crowded.length);
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
        assert.ok(!overlap, `${a.region} and ${b.region} labels overlap`);
      }
    }
    assert.equal(await page.locator('.health-mark[data-region="us-east-1"]').getAttribute('data-events'), '1', 'the global IAM event affects us-east-1 dependencies');
    assert.equal(await page.locator('.health-mark[data-region="eu-west-1"]').count(), 0, 'an event that affects nothing is not marked');
    assert.equal(await page.locator('.world-map .legend .legend-health').count(), 1);
    assert.match((await page.locator('.world-map .legend').textContent()) as string, /AWS Health event affecting dependencies here/);
    assert.match((await page.locator('section.health .hint').textContent()) as string, /1 event affects nothing in this workspace/);
    await page.locator('.world-map').screenshot({ path: path.join(ARTIFACTS, 'map-crowded.png') });
    assert.deepEqual(watch.errors, []);
    await page.close();
  });
});

function dedupe(values: string[]): string[] {
  return values.filter((v, i) => v !== values[i - 1]);
}

/** A workspace of `n` dependencies over eight regions, a finding on every fifth, Lambda functions as components. */
function syntheticMap(n: number): DependencyMap {
  const regions = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'ap-northeast-1', 'sa-east-1'];
  const services = ['dynamodb', 's3', 'sqs', 'sns', 'lambda', 'kinesis', 'secretsmanager', 'kms', 'iam', 'sts'];
  const severities: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
  const dependencies: Dependency[] = [];
  const findings: Finding[] = [];
  for (let i = 0; i < n; i++) {
    const region = i % 17 === 0 ? null : (regions[i % regions.length] as string);
    const service = services[i % services.length] as string;
    const file = `services/svc-${Math.floor(i / 50)}/src/handler-${i % 50}.ts`;
    const d: Dependency = {
      id: `sdk-client:${i.toString(16).padStart(12, '0')}`,
      provider: 'aws',
      service,
      kind: i % 3 === 0 ? 'iac-resource' : 'sdk-client',
      file,
      line: 1 + (i % 400),
      column: 7,
      endLine: 1 + (i % 400),
      endColumn: 30,
      region,
      regionSource: region ? 'literal' : 'unresolved',
      name: `${service}Client${i}`,
    };
    if (i % 3 === 0) d.resource = { type: 'AWS::DynamoDB::Table', name: `Table${i}`, ...(i % 9 === 0 && region ? { replicaRegions: ['us-west-2'] } : {}) };
    dependencies.push(d);
    if (i % 5 === 0) {
      findings.push({ ruleId: `rule-${i % 13}`, severity: severities[i % 5] as Severity, message: `Finding ${i} on ${service}`, file, line: d.line, column: 7, endLine: d.line, endColumn: 30, dependencyIds: [d.id] });
    }
  }
  const byRegion: Record<string, number> = {};
  const byService: Record<string, number> = {};
  for (const d of dependencies) {
    byRegion[d.region ?? 'unresolved'] = (byRegion[d.region ?? 'unresolved'] ?? 0) + 1;
    byService[d.service] = (byService[d.service] ?? 0) + 1;
  }
  const findingsBySeverity = Object.fromEntries(severities.map((s) => [s, findings.filter((f) => f.severity === s).length])) as Record<Severity, number>;
  return { version: 1, root: '/work/synthetic', dependencies, findings, problems: [], summary: { ...summariseMap(dependencies, findings, { scanned: 100, skipped: 0 }), dependencies: n, byRegion, byService, findingsBySeverity } };
}
