/**
 * SECURITY.md "Dependencies": ThirdPartyNotices.txt (shipped in the .vsix) is exactly what
 * scripts/third-party-notices.mjs makes of the production dependency tree, and names every
 * production dependency of package.json with its license text.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from '../support/cli';

describe('ThirdPartyNotices.txt', function () {
  this.timeout(60_000);
  const notices = readFileSync(path.join(REPO, 'ThirdPartyNotices.txt'), 'utf8');

  it('is what `npm run notices` makes of the current dependency tree', () => {
    const run = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'third-party-notices.mjs'), '--check'], { cwd: REPO, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  });

  it('lists every production dependency of package.json with a license', () => {
    const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const name of Object.keys(manifest.dependencies)) {
      const installed = JSON.parse(readFileSync(path.join(REPO, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
      assert.match(notices, new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} ${installed.version.replace(/\./g, '\\.')}\\nLicense: \\S+`, 'm'), `${name} ${installed.version} is missing`);
    }
    // No dev-only package is shipped in the notices.
    assert.equal(/^(?:mocha|eslint|ajv|aws-sdk|@vscode\/vsce) /m.test(notices), false);
  });
});
