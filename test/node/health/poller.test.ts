import { strict as assert } from 'node:assert';
import type { HealthFetchResult } from '../../../src/core/health/types';
import { HealthSourceError } from '../../../src/node/health/errors';
import { HealthPoller } from '../../../src/node/health/poller';
import type { HealthPollerState, PollerClock } from '../../../src/node/health/poller';

/** A clock whose timers fire only when the test advances it. */
class FakeClock implements PollerClock {
  time = Date.parse('2026-11-26T17:00:00Z');
  private timers: Array<{ id: number; at: number; callback: () => void }> = [];
  private nextId = 1;

  now(): number { return this.time; }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ id, at: this.time + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void { this.timers = this.timers.filter((t) => t.id !== handle); }
  get pending(): number[] { return this.timers.map((t) => t.at - this.time).sort((a, b) => a - b); }

  /** Moves time forward, firing due timers in order and letting their fetches settle. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.callback();
      await settle();
    }
    this.time = end;
  }
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function result(fetchedAt: string): HealthFetchResult {
  return { source: 'public', fetchedAt, events: [] };
}

/** A scripted source: each call takes the next outcome. */
function scriptedFetch(outcomes: Array<HealthFetchResult | HealthSourceError>): { fetch: (signal: AbortSignal) => Promise<HealthFetchResult>; calls: number; signals: AbortSignal[] } {
  const state = { calls: 0, signals: [] as AbortSignal[], fetch: async (signal: AbortSignal): Promise<HealthFetchResult> => {
    const outcome = outcomes[Math.min(state.calls, outcomes.length - 1)];
    state.calls++;
    state.signals.push(signal);
    if (outcome instanceof Error) throw outcome;
    return outcome;
  } };
  return state;
}

const unreachable = new HealthSourceError('network', 'The public AWS Health Dashboard could not be reached (ECONNREFUSED).', { source: 'public' });

describe('polling AWS Health', () => {
  it('polls at start and then every interval (default 300 s)', async () => {
    const clock = new FakeClock();
    const source = scriptedFetch([result('2026-11-26T17:00:00Z')]);
    const updates: HealthPollerState[] = [];
    const poller = new HealthPoller({ fetch: source.fetch, clock, onUpdate: (s) => updates.push(s) });
    poller.start();
    await settle();
    assert.equal(source.calls, 1);
    assert.deepEqual(clock.pending, [300_000]);
    await clock.advance(299_999);
    assert.equal(source.calls, 1);
    await clock.advance(1);
    assert.equal(source.calls, 2);
    assert.equal(updates.length, 2);
    assert.equal(updates[1].stale, false);
    poller.stop();
    assert.deepEqual(clock.pending, []);
  });

  it('never polls more often than every 60 s', async () => {
    const clock = new FakeClock();
    const poller = new HealthPoller({ fetch: scriptedFetch([result('x')]).fetch, clock, intervalSeconds: 5 });
    poller.start();
    await settle();
    assert.deepEqual(clock.pending, [60_000]);
    poller.stop();
  });

  it('backs off exponentially with jitter after errors, and returns to the interval after a success', async () => {
    const clock = new FakeClock();
    const source = scriptedFetch([unreachable, unreachable, unreachable, result('ok')]);
    const poller = new HealthPoller({ fetch: source.fetch, clock, random: () => 0.5, backoffBaseSeconds: 60, maxBackoffSeconds: 200 });
    poller.start();
    await settle();
    // ceiling 60 s → half fixed, half random(0.5): 45 s
    assert.deepEqual(clock.pending, [45_000]);
    await clock.advance(45_000);
    assert.deepEqual(clock.pending, [90_000]);
    await clock.advance(90_000);
    // the ceiling would be 240 s; the maximum caps it at 200 s
    assert.deepEqual(clock.pending, [150_000]);
    assert.equal(poller.state.consecutiveFailures, 3);
    await clock.advance(150_000);
    assert.equal(poller.state.consecutiveFailures, 0);
    assert.deepEqual(clock.pending, [300_000]);
    poller.stop();
  });

  it('keeps the last good result, marked stale with its age, while the source fails', async () => {
    const clock = new FakeClock();
    const good = result('2026-11-26T17:00:00Z');
    const source = scriptedFetch([good, unreachable]);
    const poller = new HealthPoller({ fetch: source.fetch, clock, random: () => 0 });
    poller.start();
    await settle();
    await clock.advance(300_000);
    const state = poller.state;
    assert.equal(state.result, good);
    assert.equal(state.stale, true);
    assert.equal(state.ageSeconds, 300);
    assert.deepEqual(state.lastError, { kind: 'network', message: 'The public AWS Health Dashboard could not be reached (ECONNREFUSED).' });
    clock.time += 30_000;
    assert.equal(poller.state.ageSeconds, 330);
    poller.stop();
  });

  it('cancels the fetch in flight on stop() and schedules nothing after it', async () => {
    const clock = new FakeClock();
    let seen: AbortSignal | undefined;
    const poller = new HealthPoller({
      clock,
      fetch: (signal) => new Promise((_resolve, reject) => {
        seen = signal;
        signal.addEventListener('abort', () => reject(new HealthSourceError('cancelled', 'cancelled')));
      }),
    });
    poller.start();
    await settle();
    poller.stop();
    await settle();
    assert.equal(seen?.aborted, true);
    assert.deepEqual(clock.pending, []);
    assert.equal(poller.state.lastError, null, 'a cancellation is not an error');
    assert.equal(poller.state.running, false);
  });

  it('pauses and resumes: no polls while paused, an immediate poll on resume when one fell due', async () => {
    const clock = new FakeClock();
    const source = scriptedFetch([result('x')]);
    const poller = new HealthPoller({ fetch: source.fetch, clock });
    poller.start();
    await settle();
    poller.pause();
    assert.deepEqual(clock.pending, []);
    await clock.advance(100_000);
    poller.resume();
    assert.deepEqual(clock.pending, [200_000], 'not yet due: waits for the rest of the interval');
    poller.pause();
    await clock.advance(900_000);
    assert.equal(source.calls, 1);
    poller.resume();
    await settle();
    assert.equal(source.calls, 2);
    assert.deepEqual(clock.pending, [300_000]);
    poller.stop();
  });

  it('refreshes on demand, sharing a fetch already in flight', async () => {
    const clock = new FakeClock();
    const source = scriptedFetch([result('a'), result('b')]);
    const poller = new HealthPoller({ fetch: source.fetch, clock });
    poller.start();
    const [first, second] = await Promise.all([poller.refresh(), poller.refresh()]);
    assert.equal(source.calls, 1);
    assert.equal(first, second);
    const third = await poller.refresh();
    assert.equal(source.calls, 2);
    assert.equal(third.result?.fetchedAt, 'b');
    assert.deepEqual(clock.pending, [300_000]);
    poller.stop();
  });
});
