/**
 * Snapshots of the whole pipeline on the example workspace: the dependency map (JSON), the text
 * report, the Markdown PR comment and SARIF. A change to any scanner, pass, rule or renderer shows
 * up here as a reviewable diff. Regenerate with `npm run snapshots` after checking the change.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureBuilt, REPO, runCli } from '../support/cli';

const DIR = path.join(REPO, 'test', 'snapshots');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

/** What differs between machines and runs: durations, this checkout's absolute paths. */
function mask(text: string): string {
  return text
    .replace(/"durationMs": \d+(\.\d+)?/g, '"durationMs": 0')
    .replace(/ · \d+ ms\n/g, ' · 0 ms\n')
    .split(`file://${REPO}`).join('file://<repo>')
    .split(REPO).join('<repo>');
}

function compare(name: string, actual: string): void {
  const file = path.join(DIR, name);
  if (UPDATE || !existsSync(file)) {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(file, actual);
    if (!UPDATE) assert.fail(`${name} had no snapshot; wrote one: review it and commit`);
    return;
  }
  assert.equal(actual, readFileSync(file, 'utf8'), `${name} differs from its snapshot (npm run snapshots regenerates it)`);
}

describe('snapshots of the example workspace', function () {
  this.timeout(120_000);
  before(ensureBuilt);

  for (const [format, name] of [['json', 'examples.json'], ['text', 'examples.txt'], ['markdown', 'examples.md'], ['sarif', 'examples.sarif']] as const) {
    it(`scan --format ${format}`, () => {
      const r = runCli(['scan', 'examples', '--format', format, '--no-cache']);
      assert.equal(r.code, 0, r.stderr);
      compare(name, mask(r.stdout));
    });
  }

  it('simulate --region us-east-1 --format json', () => {
    const r = runCli(['simulate', '--region', 'us-east-1', 'examples', '--format', 'json', '--no-cache']);
    assert.equal(r.code, 0, r.stderr);
    compare('examples-simulate-us-east-1.json', mask(r.stdout));
  });
});
