/**
 * Edit → published diagnostics over the real language server (stdio, the built `dist/server.js`),
 * the keystroke debounce included, in a generated workspace large enough to matter: the synthetic
 * monorepo at `--size` files (14,000 by default: about 11,000 dependencies) with the bench's
 * 2,000-line TypeScript file. Both series of `bench/measure/lsp.ts` (as typed, and flushed by a
 * hover) are run; each edit inserts a comment line near the top, so every diagnostic of the file
 * moves and must be published again.
 *
 * The baseline is the same script run from a checkout of the previous engine (its own dist/), on
 * the same corpus (`--root`), right before or after.
 *
 * It first times the open file's first diagnostics after start (`--no-open-first` skips it).
 *
 *   npx tsx bench/reanalysisLsp.ts [--size 14000] [--edits 30] [--root DIR] [--out FILE]
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Random } from './corpus/random';
import { tsSdkV3 } from './corpus/shapes';
import { benchCorporaDirectory } from './corpus/location';
import { generateSynthetic } from './corpus/synthetic';
import { readFileSync } from 'node:fs';
import { LspTestClient } from '../test/support/lspClient';
import { editLatency } from './measure/lsp';

/**
 * Open file first: the edited file is opened right after `initialize` (as an editor restoring its
 * tabs does); times from spawning the server to that file's first diagnostics and to the index
 * being ready.
 */
async function openFileFirst(root: string, timeoutMs: number): Promise<{ openFileDiagnosticsMs: number; indexReadyMs: number }> {
  const spawned = performance.now();
  const { client } = await LspTestClient.start({ rootPath: root });
  try {
    await client.open(EDIT_FILE, readFileSync(path.join(root, EDIT_FILE), 'utf8'), 'typescript');
    const uri = client.uri(EDIT_FILE);
    await client.waitFor('diagnostics of the open file', () => client.published.some((p) => p.uri === uri), timeoutMs);
    const first = performance.now();
    await client.waitFor('index ready', () => client.statuses.some((st) => st.state === 'ready' && st.filesIndexed > 0), timeoutMs);
    return { openFileDiagnosticsMs: Math.round(first - spawned), indexReadyMs: Math.round(performance.now() - spawned) };
  } finally {
    await client.stop();
  }
}

const PROJECT = path.resolve(__dirname, '..');
const argv = process.argv.slice(2);
const value = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const SIZE = Number(value('--size') ?? 14000);
const EDITS = Number(value('--edits') ?? 30);
const EDIT_FILE = 'services/edit-orders/src/handlers/orders-api.ts';

async function main(): Promise<void> {
  const root = value('--root') ?? path.join(benchCorporaDirectory(), `lsp-edit-${SIZE / 1000}k`);
  if (!existsSync(path.join(root, EDIT_FILE))) {
    process.stderr.write(`generating ${SIZE} files in ${root}\n`);
    generateSynthetic(root, SIZE);
    mkdirSync(path.dirname(path.join(root, EDIT_FILE)), { recursive: true });
    writeFileSync(path.join(root, EDIT_FILE), tsSdkV3(new Random(2000), 'orders-api', 2000));
  }
  const loadBefore = os.loadavg();
  const started = performance.now();
  const firstDiagnostics = argv.includes('--no-open-first') ? undefined : await openFileFirst(root, 600_000);
  const series = EDITS > 0 ? await editLatency(root, EDIT_FILE, 'typescript', EDITS, 600_000) : [];
  const result = {
    date: new Date().toISOString(),
    engine: PROJECT,
    machine: { cpus: os.cpus().length, loadAverageBefore: loadBefore.map((l) => Math.round(l * 100) / 100), loadAverageAfter: os.loadavg().map((l) => Math.round(l * 100) / 100), node: process.version },
    corpus: { size: SIZE, root, editedFile: EDIT_FILE },
    wallMs: Math.round(performance.now() - started),
    firstDiagnostics,
    series,
  };
  const json = JSON.stringify(result, null, 2);
  if (value('--out')) writeFileSync(value('--out') as string, `${json}\n`);
  console.log(json);
}

void main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
