/**
 * Polls a Health source for the language server: every `intervalSeconds` (default 300, at least
 * 60), with exponential backoff and jitter after errors, cancellation (`stop()`), and pause /
 * resume hooks (the server pauses while the editor window has been unfocused for long).
 *
 * When the source fails, the last good result is kept and reported as `stale` with its age, so the
 * health view survives the outage it is reporting. Errors reach listeners as
 * {@link HealthSourceError}s, whose messages are scrubbed of credentials; nothing here logs.
 *
 * Time comes from an injected {@link PollerClock}, so tests drive the poller without waiting.
 */
import type { HealthFetchResult } from '../../core/health/types';
import type { HealthErrorKind } from './errors';
import { classifyError, HealthSourceError, knownSecrets, safeMessage } from './errors';

export interface PollerClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: PollerClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A pending poll must not keep the process alive on its own.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export const DEFAULT_POLL_INTERVAL_SECONDS = 300;
export const MIN_POLL_INTERVAL_SECONDS = 60;

export interface HealthPollerOptions {
  /** one fetch from the source; the poller passes a signal that `stop()` aborts */
  fetch: (signal: AbortSignal) => Promise<HealthFetchResult>;
  intervalSeconds?: number;
  /** the first retry after an error waits this long, doubling up to `maxBackoffSeconds` (defaults 60 and 1800) */
  backoffBaseSeconds?: number;
  maxBackoffSeconds?: number;
  clock?: PollerClock;
  /** in [0, 1); jitter draws from it */
  random?: () => number;
  /** called after every attempt, successful or not */
  onUpdate?: (state: HealthPollerState) => void;
}

export interface HealthPollerState {
  /** the last good result (kept when later fetches fail) */
  result: HealthFetchResult | null;
  /** the last good result is older than the last attempt, which failed */
  stale: boolean;
  /** seconds since the last good fetch, or null before the first one */
  ageSeconds: number | null;
  /** the last attempt's error, or null when it succeeded */
  lastError: { kind: HealthErrorKind; message: string } | null;
  consecutiveFailures: number;
  /** when the next attempt is due (epoch ms), or null when stopped or paused */
  nextPollAt: number | null;
  paused: boolean;
  running: boolean;
}

export class HealthPoller {
  private readonly clock: PollerClock;
  private readonly random: () => number;
  private readonly intervalMs: number;
  private result: HealthFetchResult | null = null;
  private resultAt: number | null = null;
  private lastError: HealthPollerState['lastError'] = null;
  private failures = 0;
  private timer: unknown = undefined;
  private dueAt: number | null = null;
  private lastAttemptAt: number | null = null;
  private running = false;
  private paused = false;
  private inFlight: { promise: Promise<HealthPollerState>; controller: AbortController } | null = null;

  constructor(private readonly options: HealthPollerOptions) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    const seconds = Number.isFinite(options.intervalSeconds) ? options.intervalSeconds! : DEFAULT_POLL_INTERVAL_SECONDS;
    this.intervalMs = Math.max(MIN_POLL_INTERVAL_SECONDS, seconds) * 1000;
  }

  /** Starts polling now. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.paused = false;
    void this.poll();
  }

  /** Stops polling and cancels a fetch in flight. The last good result stays readable. */
  stop(): void {
    this.running = false;
    this.cancelTimer();
    this.inFlight?.controller.abort();
  }

  /** Stops scheduling polls (a fetch in flight still completes); `resume()` picks up. */
  pause(): void {
    if (!this.running || this.paused) return;
    this.paused = true;
    this.cancelTimer();
  }

  /** Resumes after `pause()`: polls at once if a poll fell due meanwhile, else when it is due. */
  resume(): void {
    if (!this.running || !this.paused) return;
    this.paused = false;
    if (this.inFlight) return;
    const due = this.nextDelayMs() + (this.lastAttemptAt ?? 0);
    const wait = due - this.clock.now();
    if (this.lastAttemptAt === null || wait <= 0) void this.poll();
    else this.schedule(wait);
  }

  /** Fetches now (the "Refresh AWS Health" command), whatever the schedule says. */
  refresh(): Promise<HealthPollerState> {
    if (this.inFlight) return this.inFlight.promise;
    this.cancelTimer();
    return this.poll();
  }

  get state(): HealthPollerState {
    return {
      result: this.result,
      stale: this.result !== null && this.lastError !== null,
      ageSeconds: this.resultAt === null ? null : Math.max(0, Math.round((this.clock.now() - this.resultAt) / 1000)),
      lastError: this.lastError,
      consecutiveFailures: this.failures,
      nextPollAt: this.dueAt,
      paused: this.paused,
      running: this.running,
    };
  }

  private poll(): Promise<HealthPollerState> {
    const controller = new AbortController();
    const promise = this.attempt(controller).finally(() => {
      this.inFlight = null;
    });
    this.inFlight = { promise, controller };
    return promise;
  }

  private async attempt(controller: AbortController): Promise<HealthPollerState> {
    this.lastAttemptAt = this.clock.now();
    this.dueAt = null;
    try {
      const result = await this.options.fetch(controller.signal);
      if (controller.signal.aborted) return this.state;
      this.result = result;
      this.resultAt = this.clock.now();
      this.lastError = null;
      this.failures = 0;
    } catch (error) {
      if (controller.signal.aborted) return this.state;
      this.failures++;
      this.lastError = toSafeError(error);
    }
    if (this.running && !this.paused) this.schedule(this.nextDelayMs());
    const state = this.state;
    this.options.onUpdate?.(state);
    return state;
  }

  /** The interval after a success; after errors, exponential backoff with "equal jitter" (half fixed, half random). */
  private nextDelayMs(): number {
    if (this.failures === 0) return this.intervalMs;
    const base = (this.options.backoffBaseSeconds ?? 60) * 1000;
    const max = (this.options.maxBackoffSeconds ?? 1800) * 1000;
    const ceiling = Math.min(max, base * 2 ** Math.min(this.failures - 1, 30));
    return Math.round(ceiling / 2 + this.random() * (ceiling / 2));
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    this.dueAt = this.clock.now() + ms;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      if (this.running && !this.paused) void this.poll();
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.dueAt = null;
  }
}

function toSafeError(error: unknown): { kind: HealthErrorKind; message: string } {
  if (error instanceof HealthSourceError) return { kind: error.kind, message: error.message };
  // Sources wrap their errors; anything else is unexpected, and still scrubbed before it is kept.
  return { kind: classifyError(error).kind, message: safeMessage(error, knownSecrets()) };
}
