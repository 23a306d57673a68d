/**
 * A warm rescan through the built CLI, across processes as a user runs it: the second scan of an
 * unchanged workspace reuses the stored analysis (src/node/analysisCache.ts), and what it prints
 * is byte for byte what a scan without any cache prints, in every format, but for the duration.
 */
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt, REPO, runCli } from '../support/cli';

const FORMATS = ['json', 'sarif', 'text', 'markdown', 'html'];

/** The one field of a run: its duration. */
function withoutDuration(text: string): string {
  return text.replace(/"durationMs": ?\d+/g, '"durationMs": 0').replace(/ · \d+ ms\n/g, ' · 0 ms\n');
}

describe('warm rescan (built CLI)', function () {
  this.timeout(120_000);
  let root: string;
  let cacheDir: string;

  before(() => {
    ensureBuilt();
    root = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-warm-'));
    cacheDir = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-warm-cache-'));
    cpSync(path.join(REPO, 'examples'), root, { recursive: true });
  });

  after(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  });

  const scan = (format: string, extra: string[] = []) => {
    const r = runCli(['scan', '.', '--format', format, ...extra], root, { OUTAGE_RADAR_CACHE_DIR: cacheDir });
    assert.equal(r.code, 0, r.stderr);
    return r.stdout;
  };

  it('reuses the stored analysis in a new process, without the scan cache, and prints what a scan without cache prints in every format', () => {
    const uncached = Object.fromEntries(FORMATS.map((f) => [f, scan(f, ['--no-cache'])]));
    assert.deepEqual(readdirSync(cacheDir), [], '--no-cache writes no cache');
    const first = scan('json');
    assert.equal(withoutDuration(first), withoutDuration(uncached.json));
    const files = readdirSync(cacheDir);
    const analysis = files.find((f) => f.endsWith('.analysis.json'));
    const scanCache = files.find((f) => !f.endsWith('.analysis.json'));
    assert.ok(analysis && scanCache, files.join(', '));
    const stored = statSync(path.join(cacheDir, analysis));
    // A scan that analysed again would rewrite the analysis; one that scanned the files would find
    // the scan cache gone and write it again. Neither happens.
    rmSync(path.join(cacheDir, scanCache));
    for (const format of FORMATS) assert.equal(withoutDuration(scan(format)), withoutDuration(uncached[format]), format);
    assert.deepEqual(readdirSync(cacheDir), [analysis]);
    const after = statSync(path.join(cacheDir, analysis));
    assert.equal(after.ino, stored.ino);
    assert.equal(after.mtimeMs, stored.mtimeMs);
  });
});
