/**
 * The scan cache is keyed by everything that changes a file's result (issue 15 item 11): results
 * scanned with a source switched off are never served once it is on again (and the other way
 * round), in the server's rebuild or a CLI scan sharing the cache.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../../src/core/config';
import { scanSettingsKey } from '../../src/node/scanCache';
import { WorkspaceIndex } from '../../src/node/workspaceIndex';

const MAIN_TF = 'provider "aws" {\n  region = "us-east-1"\n}\n\nresource "aws_dynamodb_table" "orders" {\n  name     = "orders"\n  hash_key = "pk"\n}\n';

describe('scan cache keys', () => {
  let root: string;
  let cacheDir: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-key-'));
    cacheDir = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-key-cache-'));
    writeFileSync(path.join(root, 'main.tf'), MAIN_TF);
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  });

  const terraformResources = async (disabledSources: string[]) => {
    const index = new WorkspaceIndex(root, { config: { ...defaultConfig(), disabledSources }, cacheDirectory: cacheDir, workers: false });
    await index.build();
    return index.analyse().dependencies.filter((d) => d.origin === 'terraform' && d.kind === 'iac-resource').map((d) => d.name);
  };

  it('finds Terraform again after the source is switched off and on, with the files unchanged', async () => {
    assert.deepEqual(await terraformResources(['terraform']), []);
    assert.deepEqual(await terraformResources([]), ['aws_dynamodb_table.orders']);
    assert.deepEqual(await terraformResources(['terraform']), []);
    assert.deepEqual(await terraformResources([]), ['aws_dynamodb_table.orders']);
    // One cache file per setting: each is reused, neither overwrites the other.
    assert.equal(readdirSync(cacheDir).filter((f) => f.endsWith('.json')).length, 2);
  });

  it('keys by the set of switched-off sources and the size limit, not their order', () => {
    assert.equal(scanSettingsKey({ disabledSources: ['terraform', 'python'] }), scanSettingsKey({ disabledSources: ['python', 'terraform'] }));
    assert.notEqual(scanSettingsKey({ disabledSources: ['terraform'] }), scanSettingsKey({}));
    assert.notEqual(scanSettingsKey({ maxFileBytes: 1024 }), scanSettingsKey({}));
  });
});
