import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decode, readSourceFile } from '../../src/node/readSource';
import { walkWorkspace } from '../../src/node/workspaceFiles';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-walk-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('walking a workspace', () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('honours .gitignore files (nested ones too), default ignores and configured globs', async () => {
    root = tree({
      '.gitignore': 'generated/\n*.local.ts\n',
      'src/a.ts': '', 'src/b.local.ts': '', 'src/readme.md': '', 'src/logo.png': '',
      'generated/c.ts': '', 'node_modules/aws-sdk/index.js': '', 'cdk.out/x.template.json': '', '.aws-sam/build/template.yaml': '',
      'services/api/.gitignore': 'fixtures\n', 'services/api/fixtures/t.yaml': '', 'services/api/template.yaml': '',
      'legacy/old.ts': '',
    });
    const { files, problems } = await walkWorkspace(root, [], { ignore: ['legacy/**'] });
    assert.deepEqual(files, ['services/api/template.yaml', 'src/a.ts']);
    assert.deepEqual(problems, []);
  });

  it('does not follow directory symlinks (loops cannot hang it) and follows file links', async () => {
    root = tree({ 'src/a.ts': '', 'real/template.yaml': '' });
    symlinkSync(path.join(root, 'src'), path.join(root, 'src', 'loop'));
    symlinkSync(path.join(root, 'real', 'template.yaml'), path.join(root, 'linked.yaml'));
    symlinkSync(path.join(root, 'missing.yaml'), path.join(root, 'broken.yaml'));
    const { files, problems } = await walkWorkspace(root, []);
    assert.deepEqual(files, ['linked.yaml', 'real/template.yaml', 'src/a.ts']);
    assert.deepEqual(problems.map((p) => `${p.file}: ${p.reason}`), ['broken.yaml: broken symbolic link']);
  });

  it('skips links to files outside the workspace, with a problem, and follows links inside it', async () => {
    root = tree({ 'src/a.ts': '' });
    const outside = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-outside-'));
    writeFileSync(path.join(outside, 'secrets.env'), 'AWS_SECRET_ACCESS_KEY=not-for-the-report\n');
    symlinkSync(path.join(outside, 'secrets.env'), path.join(root, 'leak.env'));
    symlinkSync(path.join(root, 'src', 'a.ts'), path.join(root, 'alias.ts'));
    try {
      const { files, problems } = await walkWorkspace(root, []);
      assert.deepEqual(files, ['alias.ts', 'src/a.ts']);
      assert.deepEqual(problems.map((p) => `${p.file}: ${p.reason}`), ['leak.env: symbolic link to a file outside the workspace: skipped']);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('never opens a FIFO', async () => {
    root = tree({ 'src/a.ts': '' });
    execFileSync('mkfifo', [path.join(root, 'src', 'pipe.ts')]);
    const { files } = await walkWorkspace(root, []);
    assert.deepEqual(files, ['src/a.ts']);
    const explicit = await walkWorkspace(root, ['src/pipe.ts']);
    assert.deepEqual(explicit.files, []);
    assert.deepEqual(explicit.problems.map((p) => p.reason), ['not a regular file']);
  });

  it('reports targets that do not exist', async () => {
    root = tree({ 'a.ts': '' });
    const { files, problems } = await walkWorkspace(root, ['nope', 'a.ts']);
    assert.deepEqual(files, ['a.ts']);
    assert.match(problems[0].reason, /^not found or not readable: ENOENT/);
  });
});

describe('reading a source file', () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('skips binary files and files over the size limit with a reason', async () => {
    root = tree({ 'big.yaml': 'a: b\n'.repeat(1000) });
    writeFileSync(path.join(root, 'bin.json'), Buffer.from([0x7b, 0x00, 0x01, 0x02]));
    const big = await readSourceFile(path.join(root, 'big.yaml'), 'big.yaml', 1024);
    assert.equal(big.text, undefined);
    assert.equal(big.problem!.reason, 'larger than the 1.0 KiB limit (4.9 KiB): skipped');
    const bin = await readSourceFile(path.join(root, 'bin.json'), 'bin.json');
    assert.equal(bin.problem!.reason, 'binary file: skipped');
  });

  it('decodes UTF-8 and UTF-16 byte order marks, and flags invalid UTF-8', () => {
    assert.deepEqual(decode(Buffer.from('\ufeffregion: us-east-1', 'utf8')), { text: 'region: us-east-1', lossy: false });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":1}', 'utf16le')]);
    assert.deepEqual(decode(le), { text: '{"a":1}', lossy: false });
    const be = Buffer.from([0xfe, 0xff, 0x00, 0x41]);
    assert.deepEqual(decode(be), { text: 'A', lossy: false });
    const bad = decode(Buffer.from([0x61, 0xff, 0x62]));
    assert.equal(bad?.lossy, true);
    assert.equal(bad?.text, 'a\ufffdb');
  });

  it('turns a file that vanished into a problem', async () => {
    root = tree({});
    const gone = await readSourceFile(path.join(root, 'gone.ts'), 'gone.ts');
    assert.match(gone.problem!.reason, /^not readable: ENOENT/);
  });
});
