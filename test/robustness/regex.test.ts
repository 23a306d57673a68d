/**
 * Regular expressions and text loops stay linear on adversarial input. Long crafted strings —
 * runs of the characters a pattern's quantifiers consume, repeated near-matches, thousands of
 * consecutive comment lines — go through the text functions of literals.ts, suppressions.ts,
 * regions.ts and candidates.ts, through every scanner's `accepts`, and through whole scans of
 * every format, each in a worker under the watchdog. A super-linear pattern turns 100 KB into
 * minutes, so finishing within the watchdog's generous budget is the assertion; no timing is
 * asserted. Each case also checks what the function found, so that a case cannot pass by
 * doing nothing.
 */
import { strict as assert } from 'node:assert';
import { FUZZ_TARGETS } from '../fuzz/seeds';
import { ScanRunner, type ScanOutcome } from './scanRunner';
import type { ScanRequest } from './scanRunnerWorker';

/** Size of the crafted texts: a quadratic pattern needs ~10^10 steps here, a linear one milliseconds. */
const SIZE = 100_000;

function fill(unit: string, size = SIZE): string {
  return unit.repeat(Math.max(1, Math.floor(size / unit.length)));
}

/**
 * Known super-linear code owned elsewhere, reproduced in test/fixtures/robustness/pending/: those
 * combinations are not run (each would only spend the whole watchdog budget) and are listed at
 * the end. Delete an entry when its fix lands.
 */
const PENDING: Array<{ name: RegExp; unit: (unit: string) => boolean; pending: string }> = [];

describe('regular expressions are linear on adversarial input', function () {
  this.timeout(600_000);
  const runner = new ScanRunner();
  const notRun: string[] = [];
  after(() => {
    runner.stop();
    if (notRun.length) console.log(`\n  Not run, awaiting fixes elsewhere (test/fixtures/robustness/pending):\n${[...new Set(notRun)].map((n) => `    - ${n}`).join('\n')}\n`);
  });

  async function finished(what: string, outcome: Promise<ScanOutcome>): Promise<NonNullable<ScanOutcome['reply']>> {
    const result = await outcome;
    assert.ok(!result.hung, `${what}: did not finish within the watchdog budget (super-linear)`);
    assert.deepEqual(result.reply!.violations, [], what);
    return result.reply!;
  }

  async function call(name: NonNullable<ScanRequest['call']>, text: string, second = ''): Promise<number> {
    const reply = await finished(`${name} on ${text.length} characters (${JSON.stringify(text.slice(0, 24))}…)`, runner.call(name, text, second));
    return reply.value!;
  }

  describe('literals.ts: endpoint hosts and ARNs in string values', () => {
    it('reads hosts written back to back, and long runs of labels, dots and dashes', async () => {
      // The host pattern's lookahead once read to the end of the run for every candidate: quadratic.
      assert.equal(await call('analyseStringValue', fill('a.amazonaws.com', 19_990)), 0);
      assert.equal(await call('analyseStringValue', fill('sqs.us-east-1.amazonaws.com ', 19_990)), 713);
      assert.equal(await call('analyseStringValue', `${fill('a.', 19_980)}amazonaws`), 0);
      assert.equal(await call('analyseStringValue', `${fill('a-', 19_980)}.amazonaws.com`), 0);
      assert.equal(await call('analyseStringValue', `${fill('0', 19_980)}.amazonaws.com`), 0);
      assert.equal(await call('analyseStringValue', `sqs.us-east-1.amazonaws.com${fill('.-', 19_900)}`), 1);
      assert.equal(await call('analyseStringValue', `${fill(`${'a'.repeat(62)}.`, 19_900)}dynamodb.us-east-1.amazonaws.com`), 0);
    });

    it('reads ARNs written back to back and ARNs with endless fields', async () => {
      // Each ARN's resource field stops at 512 characters, where the next match starts.
      assert.equal(await call('analyseStringValue', fill('arn:aws:s3:::', 19_990)), 38);
      assert.equal(await call('analyseStringValue', fill('arn:aws:sqs:us-east-1:123456789012:q ', 19_990)), 540);
      assert.equal(await call('analyseStringValue', `arn:aws:sqs:us-east-1:\${${fill('x', 19_900)}`), 0);
      assert.equal(await call('analyseStringValue', `arn:aws:${fill('a-', 19_900)}`), 0);
      assert.equal(await call('analyseStringValue', fill('arn:aws:sqs:us-east-1:123456789012:', 19_990)), 36);
    });

    it('does not read values past its length limit at all', async () => {
      assert.equal(await call('analyseStringValue', fill('sqs.us-east-1.amazonaws.com ', 1_000_000)), 0);
    });

    it('finds region names in long text and trims long padding', async () => {
      assert.equal(await call('findRegionsInText', fill('us-east-', SIZE)), 0);
      assert.equal(await call('findRegionsInText', fill('us-east-1 ', SIZE)), SIZE / 10);
      assert.equal(await call('findRegionsInText', fill('us-gov-', SIZE)), 0);
      assert.equal(await call('regionLiteral', `${fill(' ', SIZE)}us-east-1${fill(' ', SIZE)}`), 1);
    });
  });

  describe('suppressions.ts: outage-radar-ignore comments', () => {
    it('finds the target line of 50,000 consecutive suppression comments in one pass', async () => {
      // Each comment-only line used to search forward over all the comments after it: quadratic.
      assert.equal(await call('findSuppressionsHash', fill('# outage-radar-ignore sdk-literal-region: generated\n', 50_000 * 52), 'a.py'), 50_000);
      assert.equal(await call('findSuppressionsSlash', fill('// outage-radar-ignore sdk-literal-region: generated\n', 50_000 * 53), 'a.ts'), 50_000);
    });

    it('reads endless rule lists, padding and comment ends on one line', async () => {
      assert.equal(await call('findSuppressionsHash', `# outage-radar-ignore ${fill('a,', SIZE)}!`, 'a.py'), 0);
      assert.equal(await call('findSuppressionsHash', `# outage-radar-ignore ${fill('a , ', SIZE)}b: reason`, 'a.py'), 1);
      assert.equal(await call('findSuppressionsHash', `# outage-radar-ignore a${fill(' ', SIZE)}!`, 'a.py'), 0);
      assert.equal(await call('findSuppressionsSlash', `/* outage-radar-ignore a: x${fill('*/ ', SIZE)}`, 'a.ts'), 1);
      assert.equal(await call('findSuppressionsSlash', `${fill('/*', SIZE)} outage-radar-ignore a: x`, 'a.ts'), 1);
    });
  });

  /** Runs of what patterns' quantifiers consume, and near-matches of the words they look for. */
  const UNITS = [' ', '\t', '\n', '\r', '\r\n', '"', "'", '`', '\\', '{', '[', '(', '${', '#', '//', '/*', '- ', ': ', '=', 'a', 'a.', 'a-', '0', '::', 'arn:aws:', 'amazonaws.com.', '<!--', '&a ', '*a ', '!Ref ', 'region', 'AWS_', 'aws-', '${{ '];

  function pendingFor(name: string, unit: string): string | undefined {
    return PENDING.find((p) => p.name.test(name) && p.unit(unit))?.pending;
  }

  it("every scanner's accepts, and the shared trigger test, on 100 KB runs under every scanner's file names", async () => {
    const names = [...new Set(FUZZ_TARGETS.flatMap((t) => t.names))];
    let checked = 0;
    for (const name of names) {
      for (const unit of UNITS) {
        const pending = pendingFor(name, unit);
        if (pending) {
          notRun.push(`accepts(${JSON.stringify(name)}, runs of ${JSON.stringify(unit)}): ${pending}`);
          continue;
        }
        // A marker first, so that `accepts` gets past its cheap checks and runs its patterns.
        for (const text of [fill(unit), `AWS::SNS::Topic aws boto3 service: x\n${fill(unit)}Resources:`]) {
          await call('accepts', text, name);
          await call('mayHoldDependency', text, name);
          checked++;
        }
      }
    }
    assert.ok(checked > names.length * 20);
  });

  for (const target of FUZZ_TARGETS) {
    it(`whole ${target.scanner} scans of 100 KB runs after an opening it accepts`, async () => {
      let accepted = 0;
      for (const unit of UNITS) {
        for (const name of target.names.slice(0, 1)) {
          const pending = pendingFor(name, unit);
          if (pending) {
            notRun.push(`${target.scanner} scan of ${name} with runs of ${JSON.stringify(unit)}: ${pending}`);
            continue;
          }
          const preamble = target.preambles.find((p) => p !== '') ?? '';
          const reply = await finished(`${target.scanner}: ${name} = opening + runs of ${JSON.stringify(unit)}`, runner.scan(name, preamble + fill(unit)));
          if (reply.formats.includes(target.scanner)) accepted++;
        }
      }
      assert.ok(accepted > 0, `no crafted text reached the ${target.scanner} scanner`);
    });
  }
});
