/**
 * Property-based fuzzing of every scanner through the real registry (`scanFile`): random text in
 * the scanner's own format, and real files (examples, fixtures, the CloudFormation corpus)
 * damaged by byte flips, truncation, deleted and duplicated blocks, shuffled lines, stray
 * brackets, quotes, tabs and tags, deep nesting and very long lines. For every case: no scanner
 * throws, the scan finishes within the watchdog's budget, and the result satisfies the model's
 * invariants (test/robustness/invariants.ts).
 *
 * Runs are deterministic (fixed seed) and bounded so that the slow suite (`npm run test:slow`) stays a few minutes;
 * `FUZZ_RUNS=2000 FUZZ_SEED=$RANDOM npx mocha test/fuzz/scanners.test.ts` fuzzes harder locally.
 * A failing case is written to test-artifacts/fuzz/ with the command that replays it.
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { SCANNERS } from '../../src/core/scanners';
import { ScanRunner } from '../robustness/scanRunner';
import { formatTextArbitrary, mutatedFileArbitrary } from './mutations';
import { FUZZ_TARGETS, REPO, seedsFor, type SeedFile } from './seeds';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const ARTIFACTS = path.join(REPO, 'test-artifacts', 'fuzz');

/**
 * Failures whose fix belongs to code this suite's owner may not change, each reproduced exactly in
 * test/fixtures/robustness/pending/ (see its README). A case that fails only this way is counted
 * and listed at the end of the run instead of failing it; any other violation still fails.
 * Delete an entry when its fix lands, and the suite guards the fix.
 */
const PENDING: Array<{ scanner: string; pending: string; hang?: boolean; violation?: RegExp; input?: RegExp }> = [];

function pendingFor(scanner: string, input: SeedFile, violations: string[] | 'hang'): string | undefined {
  return PENDING.find((p) => p.scanner === scanner
    && (violations === 'hang' ? p.hang === true : p.violation !== undefined && violations.every((v) => p.violation!.test(v)))
    && (!p.input || p.input.test(input.text)))?.pending;
}

/** Keeps a failing input where a developer can replay it, and says where. */
function keepFailure(scanner: string, input: SeedFile, why: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  const name = `${scanner}-${createHash('sha1').update(input.text).digest('hex').slice(0, 10)}`;
  const file = path.join(ARTIFACTS, `${name}.json`);
  writeFileSync(file, JSON.stringify({ file: input.file, text: input.text, why }, null, 1));
  return file;
}

describe('fuzzing every scanner', function () {
  this.timeout(300_000);
  const runner = new ScanRunner();
  const tolerated: string[] = [];
  before(async () => runner.warmUp());
  after(() => {
    runner.stop();
    if (tolerated.length) console.log(`\n  Known failures awaiting fixes elsewhere (test/fixtures/robustness/pending):\n${tolerated.map((t) => `    - ${t}`).join('\n')}\n`);
  });

  it('has a fuzz target for every registered scanner', () => {
    assert.deepEqual(FUZZ_TARGETS.map((t) => t.scanner).sort(), SCANNERS.map((s) => s.id).sort());
  });

  for (const target of FUZZ_TARGETS) {
    describe(target.scanner, () => {
      /**
       * Runs the property over `arbitrary`. A crash or an invariant violation fails the case (and
       * fast-check shrinks it); a hang is recorded once and the remaining cases pass, because
       * shrinking through the watchdog would repeat its whole budget for every step.
       */
      async function fuzz(label: string, arbitrary: fc.Arbitrary<SeedFile>, runs: number): Promise<void> {
        let hang: SeedFile | undefined;
        let accepted = 0;
        const property = fc.asyncProperty(arbitrary, async (input) => {
          if (hang) return true;
          const outcome = await runner.scan(input.file, input.text);
          if (outcome.hung) {
            const pending = pendingFor(target.scanner, input, 'hang');
            if (pending) tolerated.push(`${target.scanner} ${label}: hang (pending/${pending}, kept in ${keepFailure(target.scanner, input, 'hang')})`);
            else hang = input;
            return true;
          }
          const reply = outcome.reply!;
          if (reply.formats.includes(target.scanner)) accepted++;
          const pending = reply.violations.length ? pendingFor(target.scanner, input, reply.violations) : undefined;
          if (pending) {
            tolerated.push(`${target.scanner} ${label}: ${reply.violations[0]} (pending/${pending})`);
            return true;
          }
          if (reply.violations.length) {
            throw new Error(`${reply.violations.join('\n')}${reply.stacks.length ? `\n${reply.stacks.join('\n')}` : ''}`);
          }
          return true;
        });
        const details = await fc.check(property, { numRuns: runs, seed: SEED, endOnFailure: false });
        if (details.failed) {
          const input = details.counterexample![0];
          const kept = keepFailure(target.scanner, input, String(details.errorInstance));
          assert.fail(`${label}: ${input.file} breaks the model (kept in ${kept}):\n${String(details.errorInstance)}`);
        }
        if (hang) {
          const kept = keepFailure(target.scanner, hang, 'hang');
          assert.fail(`${label}: scanning ${hang.file} (${hang.text.length} characters) did not finish within the watchdog budget (kept in ${kept})`);
        }
        // The generators must reach the scanner, or the property proves nothing about it.
        assert.ok(accepted > 0, `${label}: no generated input was accepted by the ${target.scanner} scanner`);
      }

      it('survives random text in its format', async () => {
        await fuzz('random text', formatTextArbitrary(target), RUNS);
      });

      it('survives damaged real files', async () => {
        const seeds = seedsFor(target.scanner);
        assert.ok(seeds.length > 0, `no real ${target.scanner} files to mutate`);
        await fuzz('damaged file', mutatedFileArbitrary(target, seeds), RUNS * (target.scanner === 'cloudformation' ? 2 : 1));
      });
    });
  }
});
