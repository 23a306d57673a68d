/**
 * The tests that run the bundles (the CLI, the language server as editors start it, the .vsix as
 * it ships) never build them: `npm test` builds once, up front, and a test that finds a bundle
 * missing or older than a source file fails, saying so, instead of testing stale code or paying
 * for a second build in every test process.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');
/** What scripts/build.mjs writes and the tests run. */
export const BUNDLES = ['cli.js', 'server.js', 'scanWorker.js', 'extension.js', 'webview.js'].map((f) => path.join(REPO, 'dist', f));

/** The newest modification time (ms) among the files under `dir`, and which file it is. */
function newestUnder(dir: string, newest = { file: '', mtime: 0 }): { file: string; mtime: number } {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newestUnder(p, newest);
    else if (entry.isFile()) {
      const mtime = statSync(p).mtimeMs;
      if (mtime > newest.mtime) Object.assign(newest, { file: p, mtime });
    }
  }
  return newest;
}

/** Why dist/ cannot be tested as it is, or undefined when every bundle is newer than every source. */
export function staleBuild(): string | undefined {
  const newest = newestUnder(path.join(REPO, 'src'));
  const buildScript = path.join(REPO, 'scripts', 'build.mjs');
  if (statSync(buildScript).mtimeMs > newest.mtime) Object.assign(newest, { file: buildScript, mtime: statSync(buildScript).mtimeMs });
  for (const bundle of BUNDLES) {
    const rel = path.relative(REPO, bundle);
    if (!existsSync(bundle)) return `${rel} is missing: run npm run build`;
    if (statSync(bundle).mtimeMs < newest.mtime) return `${rel} is older than ${path.relative(REPO, newest.file)}: run npm run build`;
  }
  return undefined;
}

let fresh = false;

/** Fails (throws) unless dist/ holds every bundle, each newer than every file under src/. */
export function assertFreshBuild(): void {
  if (fresh) return;
  const why = staleBuild();
  if (why) throw new Error(why);
  fresh = true;
}

/** The name the server and package tests (and branches written before the build moved up front) call. */
export const buildOnce = assertFreshBuild;
