/**
 * The one safe-read rule for the workspace's own small files (src/node/safeRead.ts): `.gitignore`
 * files here; the configuration file and the baseline in their own tests. A repository decides
 * what these names are: a link to a device or to a file outside it, a FIFO, a huge file.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_FILE_BYTES } from '../../src/core/limits';
import { readSourceBytes } from '../../src/node/readSource';
import { readWorkspaceText } from '../../src/node/safeRead';
import { walkWorkspace } from '../../src/node/workspaceFiles';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-saferead-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('.gitignore files are read through the safe-read rule', () => {
  let root: string;
  let outside: string;
  beforeEach(() => {
    outside = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-outside-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('ignores a .gitignore that links to a file outside the workspace, and says so', async () => {
    writeFileSync(path.join(outside, 'patterns'), '*.ts\n');
    root = tree({ 'src/app.ts': '', 'template.yaml': '' });
    symlinkSync(path.join(outside, 'patterns'), path.join(root, '.gitignore'));
    const { files, problems } = await walkWorkspace(root, []);
    assert.deepEqual(files, ['src/app.ts', 'template.yaml']);
    assert.deepEqual(problems, [{ file: '.gitignore', reason: 'a symbolic link to a file outside the workspace: ignored', severity: 'skipped' }]);
  });

  it('ignores a .gitignore over the 2 MiB limit, nested or inherited by a named target', async () => {
    // A pattern at the very end: honoured only if the whole file were read.
    root = tree({ 'svc/handler.ts': '', 'svc/keep.yaml': '' });
    writeFileSync(path.join(root, 'svc', '.gitignore'), `${'# padding\n'.repeat(MAX_FILE_BYTES / 10)}handler.ts\n`);
    const walked = await walkWorkspace(root, []);
    assert.deepEqual(walked.files, ['svc/handler.ts', 'svc/keep.yaml']);
    assert.deepEqual(walked.problems.map((p) => `${p.file}: ${p.reason}`), ['svc/.gitignore: larger than the 2.0 MiB limit: ignored']);
    writeFileSync(path.join(root, '.gitignore'), `${'# padding\n'.repeat(MAX_FILE_BYTES / 10)}svc/\n`);
    const named = await walkWorkspace(root, ['svc']);
    assert.ok(named.files.includes('svc/handler.ts'));
  });

  it('never reads a .gitignore that is a FIFO or a link to a device (no hang, no unbounded read)', async () => {
    root = tree({ 'a/app.ts': '', 'b/app.ts': '', 'c/app.ts': '' });
    execFileSync('mkfifo', [path.join(root, 'a', '.gitignore')]);
    symlinkSync('/dev/zero', path.join(root, 'b', '.gitignore'));
    symlinkSync('/dev/stdin', path.join(root, 'c', '.gitignore'));
    const { files, problems } = await walkWorkspace(root, []);
    assert.deepEqual(files, ['a/app.ts', 'b/app.ts', 'c/app.ts']);
    assert.deepEqual(problems.map((p) => `${p.file}: ${p.reason}`).sort(), [
      'a/.gitignore: not a regular file: ignored',
      'b/.gitignore: a symbolic link to a file outside the workspace: ignored',
      'c/.gitignore: a symbolic link to a file outside the workspace: ignored',
    ]);
  });

  it('still honours a .gitignore that links to a file inside the workspace', async () => {
    root = tree({ 'shared/ignore-rules': 'generated/\n', 'generated/x.ts': '', 'src/a.ts': '' });
    symlinkSync(path.join(root, 'shared', 'ignore-rules'), path.join(root, '.gitignore'));
    const { files, problems } = await walkWorkspace(root, []);
    assert.deepEqual(files, ['src/a.ts']);
    assert.deepEqual(problems, []);
  });
});

describe('readWorkspaceText', () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('counts bytes while reading, so a file that reports size 0 cannot pass the limit', async () => {
    root = tree({});
    const result = await readWorkspaceText('/proc/self/status', { followLinks: true, maxBytes: 64 });
    assert.equal(result.reason, 'larger than the 64 B limit');
  });

  it("the scan's own read counts bytes too: a file that reports size 0 is still cut at the limit", async () => {
    root = tree({ 'small.ts': 'export {};\n' });
    const proc = await readSourceBytes('/proc/self/status', 'status', 64);
    assert.match(proc.problem?.reason ?? '', /^larger than the 64 B limit/);
    const small = await readSourceBytes(path.join(root, 'small.ts'), 'small.ts', 64);
    assert.equal(small.bytes?.toString(), 'export {};\n');
  });

  it('refuses links when no workspace vouches for them, and never quotes the file', async () => {
    root = tree({ 'secret.txt': 'AKIAEXAMPLE' });
    symlinkSync(path.join(root, 'secret.txt'), path.join(root, 'link.json'));
    const refused = await readWorkspaceText(path.join(root, 'link.json'));
    assert.deepEqual(refused, { reason: 'a symbolic link', missing: false });
    const missing = await readWorkspaceText(path.join(root, 'nothing.json'));
    assert.equal(missing.missing, true);
    assert.equal((await readWorkspaceText(path.join(root, 'link.json'), { followLinks: true })).text, 'AKIAEXAMPLE');
  });
});
