/**
 * SECURITY.md "Workspace Trust" and "The configuration file": what a restricted workspace may not
 * set, that no setting names a network endpoint, and where the configuration is read from.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DependencyMap } from '../../src/core/model';
import { ensureBuilt, REPO, runCli } from '../support/cli';

interface Manifest {
  capabilities: { untrustedWorkspaces: { supported: string | boolean; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
}

const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as Manifest;
const TEMPLATE = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n';

describe('workspace trust and the configuration file (SECURITY.md)', function () {
  this.timeout(60_000);
  before(() => ensureBuilt());

  it('a restricted workspace cannot choose the Health source, its polling or the AWS profile', () => {
    const trust = manifest.capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    assert.deepEqual([...(trust.restrictedConfigurations ?? [])].sort(), ['outageRadar.aws.profile', 'outageRadar.health.pollIntervalSeconds', 'outageRadar.health.source']);
  });

  it('no setting names a network endpoint: overrides come only from the process environment', () => {
    const names = Object.keys(manifest.contributes.configuration.properties);
    assert.ok(names.length > 10);
    assert.deepEqual(names.filter((n) => /endpoint|url|host|proxy/i.test(n)), []);
  });

  it("scanning never reads the user's AWS configuration: only the workspace's files", () => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-home-'));
    try {
      const home = path.join(base, 'home');
      mkdirSync(path.join(home, '.aws'), { recursive: true });
      writeFileSync(path.join(home, '.aws', 'config'), '[default]\nregion = ap-east-1\n[profile prod]\nregion = me-central-1\nrole_arn = arn:aws:iam::210987654321:role/deploy\n');
      writeFileSync(path.join(home, '.aws', 'credentials'), '[default]\naws_access_key_id = AKIAHOMEDIRECTORY001\naws_secret_access_key = home/secret\n');
      const root = path.join(base, 'repo');
      mkdirSync(root);
      writeFileSync(path.join(root, 'template.yaml'), TEMPLATE);
      const env = { HOME: home, AWS_CONFIG_FILE: path.join(home, '.aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws', 'credentials'), AWS_PROFILE: 'prod' };
      for (const format of ['json', 'sarif', 'text']) {
        const run = runCli(['scan', '.', '--no-cache', '--format', format], root, env);
        assert.equal(run.code, 0, run.stderr);
        for (const fromHome of ['ap-east-1', 'me-central-1', '210987654321', 'AKIAHOMEDIRECTORY001', 'home/secret']) {
          assert.equal((run.stdout + run.stderr).includes(fromHome), false, `${format} output shows ${fromHome} from ~/.aws`);
        }
      }
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('reads the configuration from the workspace root only, and --config from wherever the command line says', () => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-config-'));
    try {
      const root = path.join(base, 'repo');
      mkdirSync(path.join(root, 'legacy'), { recursive: true });
      mkdirSync(path.join(root, 'nested'), { recursive: true });
      writeFileSync(path.join(root, 'template.yaml'), TEMPLATE);
      writeFileSync(path.join(root, 'legacy', 'template.yaml'), TEMPLATE);
      // A configuration file below the root is not the workspace's configuration.
      writeFileSync(path.join(root, 'nested', '.outage-radar.yaml'), 'ignore: ["**"]\n');
      const files = (map: DependencyMap) => [...new Set(map.dependencies.map((d) => d.file))].sort();
      const plain = runCli(['scan', '.', '--no-cache', '--format', 'json'], root);
      assert.equal(plain.code, 0, plain.stderr);
      assert.deepEqual(files(JSON.parse(plain.stdout)), ['legacy/template.yaml', 'template.yaml']);
      // The user names a shared file outside the repository on the command line: it is read.
      writeFileSync(path.join(base, 'shared.yaml'), 'ignore: ["legacy/**"]\n');
      const shared = runCli(['scan', '.', '--no-cache', '--format', 'json', '--config', '../shared.yaml'], root);
      assert.equal(shared.code, 0, shared.stderr);
      assert.deepEqual(files(JSON.parse(shared.stdout)), ['template.yaml']);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
