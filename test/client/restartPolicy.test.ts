import { strict as assert } from 'node:assert';
import { CRASH_WINDOW_MS, RestartPolicy } from '../../src/client/restartPolicy';

describe('restarting a crashed language server', () => {
  it('backs off 1, 2, 4, 8, 16 s, tells the user once, then gives up saying so', () => {
    let now = 0;
    const policy = new RestartPolicy(() => now);
    const decisions = Array.from({ length: 6 }, () => {
      now += 1000;
      return policy.onCrash();
    });
    assert.deepEqual(decisions.map((d) => [d.restart, d.delayMs]), [[true, 1000], [true, 2000], [true, 4000], [true, 8000], [true, 16000], [false, 0]]);
    assert.deepEqual(decisions.map((d) => d.message !== undefined), [true, false, false, false, false, true]);
    assert.match(decisions[5].message ?? '', /stopped 6 times in 3 minutes and will not be restarted/);
  });

  it('forgets crashes older than the window, so a rare crash restarts quickly again', () => {
    let now = 0;
    const policy = new RestartPolicy(() => now);
    for (let i = 0; i < 5; i++) policy.onCrash();
    now += CRASH_WINDOW_MS + 1;
    const later = policy.onCrash();
    assert.equal(later.restart, true);
    assert.equal(later.delayMs, 1000);
    assert.equal(later.message, undefined, 'the user was told already');
  });
});
