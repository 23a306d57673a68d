/**
 * Every file the CLI writes goes through one safe write (src/node/safeWrite.ts): a repository that
 * ships the output's name as a link — to a file in the user's home, or dangling — must not get
 * anything outside itself written, and an unusable path fails in one line before the scan runs.
 */
import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { runCli } from '../../src/cli/main';
import { checkWriteTarget, WriteTargetError, writeFileSafely } from '../../src/node/safeWrite';

const HANDLER = `import { DynamoDBClient } from "@aws-sdk/client-dynamodb";\nexport const client = new DynamoDBClient({ region: "us-east-1" });\n`;

function sink(): Writable & { text: string } {
  const s = new Writable({ write(chunk, _enc, done) { s.text += String(chunk); done(); } }) as Writable & { text: string };
  s.text = '';
  return s;
}

/** Runs the CLI in this process (no build needed). */
async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = sink();
  const stderr = sink();
  const code = await runCli(args, { stdout, stderr, cwd, env: { NO_COLOR: '1' } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('safe writes: the baseline and --output never follow a link', function () {
  this.timeout(60_000);
  let home: string;
  let repo: string;
  let precious: string;
  beforeEach(() => {
    home = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-home-'));
    repo = path.join(home, 'repo');
    mkdirSync(path.join(repo, 'src'), { recursive: true });
    writeFileSync(path.join(repo, 'src', 'handler.ts'), HANDLER);
    precious = path.join(home, '.bashrc');
    writeFileSync(precious, 'export PATH=$HOME/bin:$PATH\n');
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('refuses a baseline file that the repository ships as a link to a file outside it, before the scan, in one line', async () => {
    symlinkSync(precious, path.join(repo, '.outage-radar-baseline.json'));
    const r = await cli(['baseline', '.', '--no-cache'], repo);
    assert.equal(r.code, 2);
    assert.equal(readFileSync(precious, 'utf8'), 'export PATH=$HOME/bin:$PATH\n');
    assert.match(r.stderr, /^outage-radar: cannot write \.outage-radar-baseline\.json: it is a symbolic link; refusing to write through it\n$/);
    assert.ok(lstatSync(path.join(repo, '.outage-radar-baseline.json')).isSymbolicLink());
  });

  it('refuses a dangling link as the baseline and does not create its target', async () => {
    const target = path.join(home, '.profile');
    symlinkSync(target, path.join(repo, '.outage-radar-baseline.json'));
    const r = await cli(['baseline', '--no-cache', '.'], repo);
    assert.equal(r.code, 2);
    assert.equal(existsSync(target), false);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });

  it('refuses scan --output through a link, and through a linked folder on the way', async () => {
    symlinkSync(precious, path.join(repo, 'outage-radar.sarif'));
    const direct = await cli(['scan', '.', '--no-cache', '--format', 'sarif', '--output', 'outage-radar.sarif'], repo);
    assert.equal(direct.code, 2);
    assert.match(direct.stderr, /^outage-radar: cannot write outage-radar\.sarif: it is a symbolic link/);
    symlinkSync(home, path.join(repo, 'reports'));
    const viaFolder = await cli(['scan', '.', '--no-cache', '--format', 'json', '--output', 'reports/.bashrc'], repo);
    assert.equal(viaFolder.code, 2);
    assert.match(viaFolder.stderr, /reports is a symbolic link/);
    assert.equal(readFileSync(precious, 'utf8'), 'export PATH=$HOME/bin:$PATH\n');
  });

  it('writes the baseline and --output atomically, beside the target, and leaves no temporary file', async () => {
    writeFileSync(path.join(repo, '.outage-radar-baseline.json'), '{"version":1,"findings":[]}\n');
    chmodSync(path.join(repo, '.outage-radar-baseline.json'), 0o640);
    const before = lstatSync(path.join(repo, '.outage-radar-baseline.json')).ino;
    const r = await cli(['baseline', '.', '--no-cache'], repo);
    assert.equal(r.code, 0, r.stderr);
    const written = JSON.parse(readFileSync(path.join(repo, '.outage-radar-baseline.json'), 'utf8')) as { findings: unknown[] };
    assert.ok(written.findings.length > 0);
    // A new file renamed into place (a kill half-way leaves the old one whole), with the old mode.
    assert.notEqual(lstatSync(path.join(repo, '.outage-radar-baseline.json')).ino, before);
    assert.equal(lstatSync(path.join(repo, '.outage-radar-baseline.json')).mode & 0o777, 0o640);
    const s = await cli(['scan', '.', '--no-cache', '--format', 'json', '--output', 'out.json'], repo);
    assert.equal(s.code, 0, s.stderr);
    assert.ok(JSON.parse(readFileSync(path.join(repo, 'out.json'), 'utf8')));
    assert.deepEqual(readdirSync(repo).filter((f) => f.endsWith('.tmp')), []);
  });

  it('fails at once, in one line and with exit code 2, for /dev/full, a folder and a missing folder', async () => {
    for (const output of ['/dev/full', 'src', 'no/such/folder/out.json']) {
      const r = await cli(['scan', '.', '--no-cache', '--output', output], repo);
      assert.equal(r.code, 2, output);
      assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, `${output}: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(r.stdout, '');
    }
    const sim = await cli(['simulate', '--region', 'us-east-1', '.', '--no-cache', '--output', 'src'], repo);
    assert.equal(sim.code, 2);
    assert.match(sim.stderr, /^outage-radar: cannot write src: it is a folder\n$/);
  });

  it('checks the output path before the scan starts', async () => {
    // A scan of a missing folder is a usage error; the output error must come first.
    const r = await cli(['scan', 'does-not-exist', '--output', '/dev/full'], repo);
    assert.match(r.stderr, /cannot write \/dev\/full: it is not a regular file/);
  });

  it('writeFileSafely replaces a regular file and refuses links, FIFOs and devices without touching them', async () => {
    const file = path.join(repo, 'plain.json');
    await writeFileSafely(file, 'one');
    await writeFileSafely(file, 'two');
    assert.equal(readFileSync(file, 'utf8'), 'two');
    const link = path.join(repo, 'link.json');
    symlinkSync(precious, link);
    await assert.rejects(writeFileSafely(link, 'owned'), WriteTargetError);
    // The null device named as it is discards (`--output /dev/null`); a link to it, or any other
    // device, is refused like every other target that is not a regular file.
    await checkWriteTarget('/dev/null');
    await writeFileSafely('/dev/null', 'discarded');
    const nullLink = path.join(repo, 'null.json');
    symlinkSync('/dev/null', nullLink);
    await assert.rejects(writeFileSafely(nullLink, 'owned'), WriteTargetError);
    await assert.rejects(checkWriteTarget('/dev/zero'), /not a regular file/);
    assert.equal(readFileSync(precious, 'utf8'), 'export PATH=$HOME/bin:$PATH\n');
  });
});

describe('reading --baseline: no repository link, no file quoted into the log', function () {
  this.timeout(60_000);
  let home: string;
  let repo: string;
  beforeEach(() => {
    home = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-home-'));
    repo = path.join(home, 'repo');
    mkdirSync(path.join(repo, 'src'), { recursive: true });
    writeFileSync(path.join(repo, 'src', 'handler.ts'), HANDLER);
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('refuses a baseline that the repository ships as a link to a file outside it, before the scan', async () => {
    writeFileSync(path.join(home, 'environ'), 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG\n');
    symlinkSync(path.join(home, 'environ'), path.join(repo, '.outage-radar-baseline.json'));
    symlinkSync('/etc/passwd', path.join(repo, 'passwd.json'));
    for (const file of ['.outage-radar-baseline.json', 'passwd.json']) {
      const r = await cli(['scan', '.', '--no-cache', '--baseline', file], repo);
      assert.equal(r.code, 2);
      assert.match(r.stderr, new RegExp(`^outage-radar: cannot read the baseline ${file.replace('.', '\\.')}: a symbolic link to a file outside the workspace\\n`));
      assert.doesNotMatch(r.stderr, /AWS_SECRET|wJalr|root:/);
      assert.equal(r.stdout, '', 'the scan did not run');
    }
  });

  it('names only the line of a JSON syntax error, never the text around it', async () => {
    writeFileSync(path.join(repo, 'notes.json'), 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1\n');
    const r = await cli(['scan', '.', '--no-cache', '--baseline', 'notes.json'], repo);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^outage-radar: notes\.json is not a baseline file: not JSON \(syntax error on line 1\)\n/);
    assert.doesNotMatch(r.stderr, /root:x|daemon/);
    writeFileSync(path.join(repo, 'version.json'), '{"version": "ghp_secretTokenValue", "findings": []}');
    const v = await cli(['scan', '.', '--no-cache', '--baseline', 'version.json'], repo);
    assert.doesNotMatch(v.stderr, /ghp_/);
  });

  it('still reads a baseline linked to a file inside the scanned folder', async () => {
    mkdirSync(path.join(repo, 'ci'));
    writeFileSync(path.join(repo, 'ci', 'baseline.json'), '{"version": 1, "findings": []}\n');
    symlinkSync(path.join(repo, 'ci', 'baseline.json'), path.join(repo, '.outage-radar-baseline.json'));
    const r = await cli(['scan', '.', '--no-cache', '--baseline', '.outage-radar-baseline.json'], repo);
    assert.equal(r.code, 0, r.stderr);
  });
});
