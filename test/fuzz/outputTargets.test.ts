/**
 * Fuzzes the paths the CLI writes to (issue 15 items 1 and 12): `scan --output`, `simulate
 * --output`, `baseline --output` and the default `.outage-radar-baseline.json`, each planted by a
 * "repository" as a link to a file outside it, a dangling link, a link to a folder, a chain of
 * links, a relative link climbing out, a link to a device, a folder, a FIFO, or a name below a
 * linked folder — at random depths and with awkward names.
 *
 * The invariant for every case: nothing outside the workspace changes (every file, folder and link
 * there is compared before and after), the planted entry itself is left as it was, and the command
 * exits 2 with exactly one line on stderr and nothing on stdout. A plain new name in a real folder is
 * the control: it is written (exit 0) and the outside is still unchanged.
 *
 * Deterministic (fixed seed); `FUZZ_RUNS=500 FUZZ_SEED=$RANDOM npx mocha test/fuzz/outputTargets.test.ts`
 * fuzzes harder.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { runCli } from '../../src/cli/main';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);

const PLANTS = ['link-to-outside-file', 'dangling-link', 'link-to-outside-folder', 'link-chain', 'relative-link-out', 'link-to-device', 'folder', 'fifo', 'below-linked-folder', 'plain'] as const;
type Plant = (typeof PLANTS)[number];
const COMMANDS = ['scan', 'simulate', 'baseline', 'baseline-default'] as const;
type Command = (typeof COMMANDS)[number];

interface Case {
  command: Command;
  plant: Plant;
  folders: string[];
  name: string;
  format: 'text' | 'json' | 'sarif' | 'markdown' | 'html';
}

const NAME = fc.constantFrom('outage-radar.sarif', 'report.json', 'out put.md', 'résumé.txt', 'x\ny.json', '.hidden', 'a'.repeat(200));
const FOLDER = fc.constantFrom('reports', 'ci', 'déjà vu', 'nested');

const CASE: fc.Arbitrary<Case> = fc.record({
  command: fc.constantFrom(...COMMANDS),
  plant: fc.constantFrom(...PLANTS),
  folders: fc.array(FOLDER, { maxLength: 2 }),
  name: NAME,
  format: fc.constantFrom('text', 'json', 'sarif', 'markdown', 'html'),
  // The default baseline's name is fixed: a linked folder on its way would be the scanned root itself.
}).filter((c) => !(c.command === 'baseline-default' && c.plant === 'below-linked-folder'));

function sink(): Writable & { text: string } {
  const s = new Writable({ write(chunk, _enc, done) { s.text += String(chunk); done(); } }) as Writable & { text: string };
  s.text = '';
  return s;
}

/** Every entry under a folder: kind, content hash or link target, mode. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      const st = lstatSync(p);
      const rel = path.relative(dir, p);
      if (st.isSymbolicLink()) out[rel] = `link ${readlinkSync(p)}`;
      else if (st.isDirectory()) {
        out[rel] = `dir ${st.mode}`;
        walk(p);
      } else if (st.isFile()) out[rel] = `file ${st.mode} ${createHash('sha1').update(readFileSync(p)).digest('hex')}`;
      else out[rel] = `other ${st.mode}`;
    }
  };
  walk(dir);
  return out;
}

describe('fuzz: output and baseline targets planted by a repository', function () {
  this.timeout(600_000);

  it(`never writes outside the workspace, and refuses every planted target in one line (${RUNS} runs, seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(CASE, async (c) => {
        const base = mkdtempSync(path.join(os.tmpdir(), 'outage-radar-fuzz-out-'));
        try {
          const outside = path.join(base, 'home');
          const repo = path.join(base, 'repo');
          mkdirSync(path.join(outside, 'config'), { recursive: true });
          writeFileSync(path.join(outside, '.bashrc'), 'export PATH=$HOME/bin:$PATH\n');
          writeFileSync(path.join(outside, 'config', 'settings.json'), '{}\n');
          mkdirSync(path.join(repo, 'src'), { recursive: true });
          writeFileSync(path.join(repo, 'src', 'handler.ts'), 'import { S3Client } from "@aws-sdk/client-s3";\nexport const s3 = new S3Client({ region: "us-east-1" });\n');

          // The folders on the way: real ones, except that the last is a link out for that plant.
          const folders = c.command === 'baseline-default' ? [] : c.folders;
          const relFolder = folders.join('/');
          const folder = path.join(repo, ...folders);
          if (c.plant === 'below-linked-folder') {
            mkdirSync(path.dirname(path.join(repo, relFolder || 'linked')), { recursive: true });
            symlinkSync(path.join(outside, 'config'), path.join(repo, relFolder || 'linked'));
          } else mkdirSync(folder, { recursive: true });
          const name = c.command === 'baseline-default' ? '.outage-radar-baseline.json' : c.name;
          const relTarget = c.plant === 'below-linked-folder' ? `${relFolder || 'linked'}/settings.json` : (relFolder ? `${relFolder}/${name}` : name);
          const target = path.join(repo, relTarget);
          switch (c.plant) {
            case 'link-to-outside-file': symlinkSync(path.join(outside, '.bashrc'), target); break;
            case 'dangling-link': symlinkSync(path.join(outside, '.profile'), target); break;
            case 'link-to-outside-folder': symlinkSync(path.join(outside, 'config'), target); break;
            case 'link-chain': symlinkSync(path.join(outside, '.bashrc'), `${target}.hop`); symlinkSync(`${target}.hop`, target); break;
            case 'relative-link-out': symlinkSync(path.relative(path.dirname(target), path.join(outside, '.bashrc')), target); break;
            case 'link-to-device': symlinkSync('/dev/full', target); break;
            case 'folder': mkdirSync(target); break;
            case 'fifo': execFileSync('mkfifo', [target]); break;
            case 'below-linked-folder':
            case 'plain': break;
          }
          const before = snapshot(outside);
          const plantedBefore = c.plant === 'plain' ? undefined : snapshot(path.dirname(target));

          const args =
            c.command === 'scan' ? ['scan', '.', '--no-cache', '--format', c.format, '--output', relTarget]
            : c.command === 'simulate' ? ['simulate', '--region', 'us-east-1', '.', '--no-cache', '--output', relTarget]
            : c.command === 'baseline' ? ['baseline', '.', '--no-cache', '--output', relTarget]
            : ['baseline', '.', '--no-cache'];
          const stdout = sink();
          const stderr = sink();
          const code = await runCli(args, { stdout, stderr, cwd: repo, env: {} });

          assert.deepEqual(snapshot(outside), before, 'something outside the workspace changed');
          if (c.plant === 'plain') {
            assert.equal(code, 0, stderr.text);
            assert.ok(lstatSync(target).isFile());
            return;
          }
          assert.equal(code, 2, stderr.text);
          assert.equal(stdout.text, '');
          assert.equal(stderr.text.split('\n').filter(Boolean).length, 1, stderr.text);
          assert.match(stderr.text, /^outage-radar: cannot write /);
          assert.deepEqual(snapshot(path.dirname(target)), plantedBefore, 'the planted entry changed');
        } finally {
          rmSync(base, { recursive: true, force: true });
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });
});
