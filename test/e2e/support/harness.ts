/**
 * What the end-to-end suites share (E2E.md): the toolchain install (idempotent), the packaged
 * .vsix (built once per run and unpacked, so tests run exactly what ships), a copy of the
 * workspace to open, a code-server on a free loopback port, and Chromium driven by
 * playwright-core. Screenshots and logs go to test-artifacts/e2e/.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { extractZip } from '../../support/zip';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const SHARED_E2E = path.resolve(REPO, '..', 'shared', 'e2e');
export const ARTIFACTS = path.join(REPO, 'test-artifacts', 'e2e');
export const E2E_ROOT = process.env.VSCODE_E2E_ROOT ?? '/tmp/vscode-e2e';
const VSIX = path.join(REPO, 'outage-radar.vsix');

mkdirSync(ARTIFACTS, { recursive: true });

let installed = false;
/** Chromium, Neovim and code-server (`install.sh` is idempotent: seconds when already there). */
export function installToolchain(): void {
  if (installed) return;
  execFileSync('bash', [path.join(SHARED_E2E, 'install.sh')], { stdio: 'inherit', timeout: 900_000 });
  installed = true;
}

let packaged: { vsix: string; extensionDir: string } | undefined;
/** `npm run package` once per run, and the .vsix unpacked (its `extension/` folder is the extension). */
export function packageExtension(): { vsix: string; extensionDir: string } {
  if (packaged) return packaged;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['run', 'package'], { cwd: REPO, encoding: 'utf8', timeout: 600_000 });
  if (run.status !== 0) throw new Error(`npm run package failed:\n${run.stdout}\n${run.stderr}`);
  const unpacked = path.join(ARTIFACTS, 'vsix');
  rmSync(unpacked, { recursive: true, force: true });
  extractZip(VSIX, unpacked);
  packaged = { vsix: VSIX, extensionDir: path.join(unpacked, 'extension') };
  return packaged;
}

/** A fresh copy of examples/ (the workspace the suites open), with optional extra files. */
export function workspaceCopy(name: string, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `outage-radar-e2e-${name}-`));
  cpSync(path.join(REPO, 'examples'), dir, { recursive: true });
  for (const [file, text] of Object.entries(extra)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface CodeServer {
  url: string;
  port: number;
  stop(): void;
  log(): string;
}

/** Starts code-server (E2E.md's script) on a free port: `vsix` installs the package first; `trust` keeps Workspace Trust on. */
export async function startCodeServer(folder: string, options: { vsix?: string; trust?: boolean; env?: Record<string, string> } = {}): Promise<CodeServer> {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), VSIX: options.vsix ?? '', WORKSPACE_TRUST: options.trust ? 'on' : 'off', AWS_EC2_METADATA_DISABLED: 'true', ...options.env };
  const run = spawnSync('bash', [path.join(SHARED_E2E, 'start-code-server.sh'), folder], { env, encoding: 'utf8', timeout: 300_000 });
  const state = path.join(E2E_ROOT, 'run', String(port));
  const logFile = path.join(state, 'code-server.log');
  const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  if (run.status !== 0) throw new Error(`code-server did not start:\n${run.stdout}\n${run.stderr}\n${log()}`);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    stop: () => {
      spawnSync('bash', [path.join(SHARED_E2E, 'stop-code-server.sh')], { env: { ...process.env, PORT: String(port) }, timeout: 30_000 });
    },
  };
}

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
  // Keep the browser on loopback: every other host fails to resolve.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** console errors seen so far */
  errors: string[];
  close(): Promise<void>;
}

/** Debian's Chromium (never a downloaded browser) with a fresh profile, one page. */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1400, height: 900 }, args: CHROMIUM_ARGS });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text().slice(0, 300));
  });
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Runs a test suite inside code-server's extension host (E2E.md, `ext-tests.mjs`); resolves with its exit code. */
export async function runInHostSuite(server: CodeServer, extensionDir: string, suite: string, folder: string, timeoutMs = 240_000): Promise<number | 'timeout'> {
  const authority = `127.0.0.1:${server.port}`;
  const remote = (p: string) => `vscode-remote://${authority}${p}`;
  const payload = [['extensionDevelopmentPath', remote(extensionDir)], ['extensionTestsPath', remote(suite)]];
  const url = `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const browser = await launchBrowser();
  try {
    let exit: (code: number) => void = () => undefined;
    const done = new Promise<number>((resolve) => {
      exit = resolve;
    });
    await browser.page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
    await browser.page.goto(url);
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([done, new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)))]);
    clearTimeout(timer);
    return result;
  } finally {
    await browser.close();
  }
}
