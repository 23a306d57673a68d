#!/usr/bin/env node
// `npm test`: typecheck, lint, build, then the unit and integration tests (mocha, .mocharc.json).
//
// The typecheck and the lint use one core each for ~20 s and do not depend on the build, so they
// run beside the build-then-mocha chain instead of before it: on a 2-core machine that is most of
// the difference between ~100 s and the 90 s budget of CONTRACTS.md "Tests and CI". Their output
// is held and printed after the tests, so mocha's output stays readable; the exit code is the
// first failure's. Extra arguments go to mocha (`npm test -- --grep scanner`).
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs `npm run <script>`; streams or holds its output; resolves with its exit code and output. */
function run(script, args, { hold }) {
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], { stdio: hold ? ['ignore', 'pipe', 'pipe'] : 'inherit', shell: process.platform === 'win32' });
    let output = '';
    if (hold) {
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
    }
    child.on('close', (code, signal) => resolve({ script, code: code ?? (signal ? 1 : 0), output }));
  });
}

async function chain(...steps) {
  for (const step of steps) {
    const r = await step();
    if (r.code !== 0) return r;
  }
  return { script: 'test:unit', code: 0, output: '' };
}

const started = Date.now();
const side = [run('typecheck', [], { hold: true }), run('lint', [], { hold: true })];
const main = await chain(
  () => run('build', [], { hold: false }),
  () => run('test:unit', process.argv.slice(2), { hold: false }),
);
const results = [...(await Promise.all(side)), main];
for (const r of results.slice(0, 2)) {
  const out = r.output.trim();
  process.stdout.write(`\n${r.script}: ${r.code === 0 ? 'ok' : `failed (exit ${r.code})`}\n${out ? `${out}\n` : ''}`);
}
const failed = results.filter((r) => r.code !== 0);
process.stdout.write(`\nnpm test: ${failed.length ? `failed: ${failed.map((r) => r.script).join(', ')}` : 'typecheck, lint, build and tests passed'} in ${Math.round((Date.now() - started) / 1000)} s\n`);
process.exit(failed.length ? failed[0].code || 1 : 0);
