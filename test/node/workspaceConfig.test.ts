import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadWorkspaceConfig } from '../../src/node/workspaceConfig';

describe('loading the workspace configuration', () => {
  let root: string;
  let outside: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-config-'));
    outside = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-config-outside-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('reads .outage-radar.yaml from the workspace root', async () => {
    writeFileSync(path.join(root, '.outage-radar.yaml'), 'tier: Critical\n');
    const { config, problems } = await loadWorkspaceConfig(root);
    assert.equal(config.tier, 'Critical');
    assert.deepEqual(problems, []);
  });

  it('ignores a workspace config file that links outside the workspace, saying so', async () => {
    writeFileSync(path.join(outside, 'elsewhere.yaml'), 'tier: Critical\nregions: { primary: not-a-secret-but-outside }\n');
    symlinkSync(path.join(outside, 'elsewhere.yaml'), path.join(root, '.outage-radar.yaml'));
    const { config, problems } = await loadWorkspaceConfig(root);
    assert.equal(config.tier, 'Important');
    assert.deepEqual(problems.map((p) => `${p.file}: ${p.reason}`), ['.outage-radar.yaml: the configuration file links outside the workspace: ignored']);
  });

  it('reads an explicit --config file wherever the command line says', async () => {
    writeFileSync(path.join(outside, 'team.yaml'), 'tier: NonCritical\n');
    const { config } = await loadWorkspaceConfig(root, path.join(outside, 'team.yaml'));
    assert.equal(config.tier, 'NonCritical');
  });
});
