import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
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

  it('never reads a configuration file over the 2 MiB limit, a FIFO or a device, and never quotes it', async () => {
    writeFileSync(path.join(root, '.outage-radar.yaml'), `tier: Critical\n${'# padding line\n'.repeat(150_000)}`);
    const big = await loadWorkspaceConfig(root);
    assert.equal(big.config.tier, 'Important');
    assert.deepEqual(big.problems.map((p) => `${p.file}: ${p.reason}`), ['.outage-radar.yaml: the configuration file is larger than the 2.0 MiB limit: ignored']);
    rmSync(path.join(root, '.outage-radar.yaml'));
    execFileSync('mkfifo', [path.join(root, '.outage-radar.yaml')]);
    const fifo = await loadWorkspaceConfig(root);
    assert.deepEqual(fifo.problems.map((p) => p.reason), ['the configuration file is not a regular file: ignored']);
    // An explicit --config is followed, but still only to a regular file under the limit.
    const device = await loadWorkspaceConfig(root, '/dev/zero');
    assert.deepEqual(device.problems.map((p) => p.reason), ['config file not readable: not a regular file']);
  });
});
