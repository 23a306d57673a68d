/**
 * The public AWS Health Dashboard source: `https://health.aws.amazon.com/public/currentevents`,
 * no credentials. The feed is UTF-16 with a byte order mark (little-endian as served; big-endian
 * and UTF-8 are accepted too) and is fetched with conditional requests (`If-None-Match` /
 * `If-Modified-Since`), so an unchanged feed costs a 304.
 *
 * `OUTAGE_RADAR_PUBLIC_HEALTH_URL` in the process environment replaces the URL (tests); it is
 * never read from workspace files.
 */
import { parsePublicHealthFeed } from '../../core/health/parsePublic';
import { toIsoUtc } from '../../core/health/time';
import type { HealthEvent, HealthFetchResult } from '../../core/health/types';
import { classifyError, HealthSourceError, knownSecrets, safeMessage } from './errors';

export const PUBLIC_HEALTH_URL = 'https://health.aws.amazon.com/public/currentevents';
/** The real feed is a few hundred kilobytes at most; anything far larger is not the feed. */
const MAX_FEED_BYTES = 32 * 1024 * 1024;
/** The real feed lists a few hundred events, closed ones included. */
export const MAX_FEED_EVENTS = 5000;

export interface PublicFeedValidators {
  etag?: string;
  lastModified?: string;
  /** the events of the response the validators belong to */
  events: HealthEvent[];
}

export interface PublicHealthOptions {
  env?: NodeJS.ProcessEnv;
  /** what the previous successful fetch returned, for a conditional request */
  previous?: PublicFeedValidators;
  signal?: AbortSignal;
  now?: () => Date;
  timeoutMs?: number;
  /** the body's byte cap, enforced while it streams (default 32 MiB) */
  maxBytes?: number;
}

export function publicHealthUrl(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.OUTAGE_RADAR_PUBLIC_HEALTH_URL?.trim();
  return override ? override : PUBLIC_HEALTH_URL;
}

/** The feed's bytes → text: UTF-16LE or UTF-16BE by their byte order mark, else UTF-8 (BOM or not). */
export function decodeFeedBytes(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    // Swap to little-endian by hand: not every Node build's TextDecoder knows utf-16be.
    const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    swapped.swap16();
    return new TextDecoder('utf-16le').decode(swapped);
  }
  // UTF-16LE without a mark starts `[\0{\0` or `[\0\n\0`; JSON in UTF-8 never has a NUL there.
  if (bytes.length >= 4 && bytes[0] !== 0 && bytes[1] === 0 && bytes[3] === 0) {
    return new TextDecoder('utf-16le').decode(bytes);
  }
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

export async function fetchPublicHealth(options: PublicHealthOptions = {}): Promise<HealthFetchResult> {
  const url = publicHealthUrl(options.env);
  const now = options.now ?? (() => new Date());
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.previous?.etag) headers['if-none-match'] = options.previous.etag;
  if (options.previous?.lastModified) headers['if-modified-since'] = options.previous.lastModified;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 20000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;

  let response: Response;
  try {
    response = await fetch(url, { headers, signal, redirect: 'follow' });
  } catch (error) {
    const { kind, name } = classifyError(error);
    const cancelled = options.signal?.aborted === true;
    throw new HealthSourceError(cancelled ? 'cancelled' : kind === 'other' ? 'network' : kind,
      cancelled ? 'The public AWS Health Dashboard request was cancelled.' : `The public AWS Health Dashboard could not be reached (${describeFetchError(error, name)}).`,
      { source: 'public', endpoint: url });
  }
  const fetchedAt = toIsoUtc(now()) ?? now().toISOString();
  const validators = {
    ...(response.headers.get('etag') ? { etag: response.headers.get('etag')! } : {}),
    ...(response.headers.get('last-modified') ? { lastModified: response.headers.get('last-modified')! } : {}),
  };

  if (response.status === 304 && options.previous) {
    await response.body?.cancel();
    return { source: 'public', fetchedAt, events: options.previous.events, endpoint: url, notModified: true, ...pickValidators(options.previous), ...validators };
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new HealthSourceError(response.status >= 500 ? 'server' : 'other', `The public AWS Health Dashboard answered HTTP ${response.status}.`, { source: 'public', status: response.status, endpoint: url });
  }
  const maxBytes = options.maxBytes ?? MAX_FEED_BYTES;
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > maxBytes) {
    await response.body?.cancel();
    throw new HealthSourceError('malformed', `The public AWS Health Dashboard sent ${length} bytes; that is not the events feed.`, { source: 'public', endpoint: url });
  }
  let bytes: Uint8Array;
  try {
    const read = await readCapped(response, maxBytes);
    if (!read) throw new HealthSourceError('malformed', `The public AWS Health Dashboard sent more than ${formatMiB(maxBytes)}; that is not the events feed.`, { source: 'public', endpoint: url });
    bytes = read;
  } catch (error) {
    if (error instanceof HealthSourceError) throw error;
    throw new HealthSourceError('network', `The public AWS Health Dashboard answer was cut off (${safeMessage(error, knownSecrets(options.env))}).`, { source: 'public', endpoint: url });
  }
  const parsed = parsePublicHealthFeed(decodeFeedBytes(bytes));
  if (parsed.events.length === 0 && parsed.problems.length > 0 && !/^feed entry/.test(parsed.problems[0])) {
    throw new HealthSourceError('malformed', `The public AWS Health Dashboard sent something that is not its events feed: ${parsed.problems[0]}.`, { source: 'public', endpoint: url });
  }
  if (parsed.events.length > MAX_FEED_EVENTS) {
    return { source: 'public', fetchedAt, events: parsed.events.slice(0, MAX_FEED_EVENTS), endpoint: url, ...validators, note: `The public AWS Health Dashboard listed ${parsed.events.length} events; only the first ${MAX_FEED_EVENTS} are shown.` };
  }
  return { source: 'public', fetchedAt, events: parsed.events, endpoint: url, ...validators };
}

/**
 * The body's bytes, counted as they stream in (a chunked body has no Content-Length to check
 * first); undefined, with the stream cancelled, once they pass `limit`.
 */
function formatMiB(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
}

async function readCapped(response: Response, limit: number): Promise<Uint8Array | undefined> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, length);
}

function pickValidators(previous: PublicFeedValidators): { etag?: string; lastModified?: string } {
  return { ...(previous.etag ? { etag: previous.etag } : {}), ...(previous.lastModified ? { lastModified: previous.lastModified } : {}) };
}

/** `fetch` reports network failures as "fetch failed" with the cause inside. */
function describeFetchError(error: unknown, name: string): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (name === 'TimeoutError') return 'timed out';
  return safeMessage(error, knownSecrets());
}

/** The public feed with its validators remembered between fetches (for the poller). */
export class PublicHealthFeed {
  private previous: PublicFeedValidators | undefined;

  constructor(private readonly options: Omit<PublicHealthOptions, 'previous' | 'signal'> = {}) {}

  async fetch(signal?: AbortSignal): Promise<HealthFetchResult> {
    const result = await fetchPublicHealth({ ...this.options, previous: this.previous, signal });
    this.previous = { etag: result.etag, lastModified: result.lastModified, events: result.events };
    return result;
  }
}
