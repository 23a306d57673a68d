import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildOnce } from '../support/build';
import { LspTestClient } from '../support/lspClient';

const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples');
const HANDLER = 'shop-api/src/handlers/payments.ts';

describe('language server scan cache', function () {
  this.timeout(120_000);
  let root: string;
  let cacheDir: string;

  before(() => {
    buildOnce();
    root = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-server-cache-'));
    cacheDir = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-server-cache-dir-'));
    cpSync(EXAMPLES, root, { recursive: true });
  });

  after(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  });

  async function diagnosticsAfterStart(): Promise<string[]> {
    const { client } = await LspTestClient.start({ rootPath: root, initializationOptions: { cacheDirectory: cacheDir }, settings: {} });
    try {
      const diagnostics = await client.diagnosticsOf(HANDLER);
      return diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${String(d.code)}`).sort();
    } finally {
      await client.stop();
    }
  }

  it('writes its index to the cache folder it is given, and a restart serves the same diagnostics from it', async () => {
    const first = await diagnosticsAfterStart();
    assert.ok(first.some((d) => d.endsWith('sdk-literal-region')), first.join('\n'));
    const files = readdirSync(cacheDir).filter((f) => f.endsWith('.json'));
    assert.equal(files.length, 1);
    const cached = JSON.parse(readFileSync(path.join(cacheDir, files[0]), 'utf8')) as { entries: Record<string, unknown> };
    assert.ok(HANDLER in cached.entries, Object.keys(cached.entries).join(', '));
    assert.deepEqual(await diagnosticsAfterStart(), first);
  });
});
