/**
 * Choosing the Health source: `api`, `public`, or `auto` — the API, and the public AWS Health
 * Dashboard when the API cannot serve this user, with a one-line note saying which source is in
 * use and why.
 *
 * `auto` falls back when the API reports no credentials (CredentialsProviderError), no support
 * plan (SubscriptionRequiredException, recognised by the error's name: the SDK does not model
 * it), refused credentials (AccessDenied and friends), or when neither Health endpoint can be
 * reached — the last so that the health view keeps working through the kind of us-east-1 outage
 * it reports. Throttling or an unreadable answer are reported, not hidden behind the fallback.
 */
import type { HealthFetchResult } from '../../core/health/types';
import type { HealthApiOptions } from './api';
import { fetchHealthFromApi } from './api';
import type { HealthErrorKind } from './errors';
import { HealthSourceError } from './errors';
import { PublicHealthFeed } from './public';

export type HealthSourceChoice = 'auto' | 'api' | 'public';

export interface HealthSourceOptions extends Omit<HealthApiOptions, 'signal'> {
  source: HealthSourceChoice;
  /** how long `auto` skips the API after it refused for lack of a support plan (default 6 h) */
  subscriptionRetryMs?: number;
  /** the public feed's request, body included (default 20 s) */
  publicTimeoutMs?: number;
}

const FALLBACK_KINDS: ReadonlySet<HealthErrorKind> = new Set(['credentials', 'subscription', 'access-denied', 'network', 'server']);
const PUBLIC_INSTEAD = 'using the public AWS Health Dashboard instead.';

/** Why `auto` uses the public dashboard, as one line for the user. */
export function fallbackNote(error: HealthSourceError, profile?: string): string {
  switch (error.kind) {
    case 'subscription':
      return `The AWS Health API needs a Business, Enterprise On-Ramp or Enterprise Support plan (SubscriptionRequiredException); ${PUBLIC_INSTEAD}`;
    case 'access-denied':
      return `The AWS Health API refused the credentials${profile ? ` of profile "${profile}"` : ''} (${error.details.awsErrorName ?? 'access denied'}); ${PUBLIC_INSTEAD}`;
    default:
      // The source's own message already says what failed and how: which endpoints, or which
      // profile and why its credentials could not be loaded (e.g. an expired SSO session).
      return `${error.message.replace(/\.$/, '')}; ${PUBLIC_INSTEAD}`;
  }
}

/** A Health source that keeps what it learns between fetches: feed validators, a refusal for lack of a plan. */
export class HealthSource {
  private readonly feed: PublicHealthFeed;
  private apiRefusedUntil = 0;
  private refusalNote: string | undefined;

  constructor(private readonly options: HealthSourceOptions, private readonly clock: () => number = Date.now) {
    this.feed = new PublicHealthFeed({ env: options.env, now: options.now, ...(options.publicTimeoutMs !== undefined ? { timeoutMs: options.publicTimeoutMs } : {}) });
  }

  get choice(): HealthSourceChoice {
    return this.options.source;
  }

  async fetch(signal?: AbortSignal): Promise<HealthFetchResult> {
    const { source } = this.options;
    if (source === 'public') return this.feed.fetch(signal);
    if (source === 'api') return fetchHealthFromApi({ ...this.options, signal });

    if (this.refusalNote && this.clock() < this.apiRefusedUntil) {
      return { ...(await this.publicAfter(undefined, signal)), note: this.refusalNote };
    }
    try {
      const result = await fetchHealthFromApi({ ...this.options, signal });
      this.refusalNote = undefined;
      return result;
    } catch (error) {
      if (!(error instanceof HealthSourceError) || !FALLBACK_KINDS.has(error.kind)) throw error;
      const note = fallbackNote(error, this.options.profile);
      if (error.kind === 'subscription') {
        // A support plan does not appear between two polls; ask again after a while, not every time.
        this.refusalNote = note;
        this.apiRefusedUntil = this.clock() + (this.options.subscriptionRetryMs ?? 6 * 3600_000);
      }
      return { ...(await this.publicAfter(error, signal)), note };
    }
  }

  private async publicAfter(apiError: HealthSourceError | undefined, signal?: AbortSignal): Promise<HealthFetchResult> {
    try {
      return await this.feed.fetch(signal);
    } catch (error) {
      if (!(error instanceof HealthSourceError) || !apiError) throw error;
      throw new HealthSourceError(error.kind, `${apiError.message} The public AWS Health Dashboard did not work either: ${error.message}`, { ...error.details, apiErrorKind: apiError.kind });
    }
  }
}

/** One fetch from the chosen source (the CLI's path; the server keeps a {@link HealthSource}). */
export function fetchHealth(options: HealthSourceOptions, signal?: AbortSignal): Promise<HealthFetchResult> {
  return new HealthSource(options).fetch(signal);
}
