/**
 * The AWS Health API source: `@aws-sdk/client-health` with the SDK's default credential chain
 * (environment, SSO, shared config and credentials files, credential_process, web identity,
 * container and instance metadata — see docs/health.md) and the profile the user picked.
 *
 * One fetch: DescribeEvents for open and upcoming events (paged with `nextToken`; service and
 * region filters split into groups of 10, the API's limit), DescribeEventDetails for their
 * descriptions (10 ARNs a call), and DescribeAffectedEntities for account-specific events (10
 * ARNs a call, paged). With `organization: true` the `…ForOrganization` operations are used
 * instead, with DescribeAffectedAccountsForOrganization to learn which accounts an
 * account-specific event concerns.
 *
 * Endpoints come from {@link planHealthEndpoints}: the active region first, the passive one after
 * a network error or a 5xx. Requests are always signed for the endpoint's own region.
 */
import {
  DescribeAffectedAccountsForOrganizationCommand,
  DescribeAffectedEntitiesCommand,
  DescribeAffectedEntitiesForOrganizationCommand,
  DescribeEventDetailsCommand,
  DescribeEventDetailsForOrganizationCommand,
  DescribeEventsCommand,
  DescribeEventsForOrganizationCommand,
  HealthClient,
} from '@aws-sdk/client-health';
import type { EventStatusCode } from '@aws-sdk/client-health';
import { Transform, type Readable } from 'node:stream';
import {
  parseAffectedEntities,
  parseDescribeEvents,
  parseEventDetails,
  withAffectedEntities,
  withEventDetails,
} from '../../core/health/parseApi';
import type { HealthEvent, HealthFetchResult } from '../../core/health/types';
import { toIsoUtc } from '../../core/health/time';
import type { ResolveCname } from './endpoints';
import { planHealthEndpoints } from './endpoints';
import { classifyError, HealthSourceError, knownSecrets, safeMessage } from './errors';

/** Static credentials, or a provider of them (tests, or a caller with its own chain). */
export type HealthCredentials =
  | { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }
  | (() => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }>);

export interface HealthApiOptions {
  /** endpoint overrides are read from here (default: the process environment) */
  env?: NodeJS.ProcessEnv;
  /** the AWS profile to use; default: the SDK's own choice (AWS_PROFILE, then `default`) */
  profile?: string;
  /** use the organizational view (`…ForOrganization` operations) */
  organization?: boolean;
  /** credentials to use instead of the default chain */
  credentials?: HealthCredentials;
  /** only events of these Health services (`DYNAMODB`) / regions; split into groups of 10 */
  services?: string[];
  regions?: string[];
  signal?: AbortSignal;
  now?: () => Date;
  resolveCname?: ResolveCname;
  /** SDK attempts per request, retries included (default 3) */
  maxAttempts?: number;
  /** to open the connection (default 5 s) */
  connectTimeoutMs?: number;
  /** for one request's answer once connected; the request fails after it (default 20 s) */
  requestTimeoutMs?: number;
  /**
   * The whole fetch — every endpoint, page, retry and detail call — ends after this (default
   * 60 s): an endpoint that accepts the connection and never answers cannot hold a fetch forever.
   */
  deadlineMs?: number;
}

/** The API's limit for filter lists and for ARNs per details/entities call. */
export const HEALTH_BATCH_LIMIT = 10;
/** A safety net against a service that keeps answering with a next page. */
const MAX_PAGES = 100;
const ACTIVE_STATUSES: EventStatusCode[] = ['open', 'upcoming'];
export const HEALTH_FETCH_DEADLINE_MS = 60_000;
/** One API answer is a page of at most 100 events or entities: a few hundred kilobytes. */
export const MAX_API_RESPONSE_BYTES = 8 * 1024 * 1024;
/** Events kept per fetch: far above any real account's open events, far below what a hostile endpoint can page. */
export const MAX_HEALTH_EVENTS = 1000;
/** Calls one fetch may make (pages, details, entities, accounts): a safety net for endpoints that page for ever. */
export const MAX_HEALTH_CALLS = 1000;
/** Events read from one page: the pages are asked for with maxResults 100. */
const MAX_EVENTS_PER_PAGE = 100;

export async function fetchHealthFromApi(options: HealthApiOptions = {}): Promise<HealthFetchResult> {
  const env = options.env ?? process.env;
  const now = options.now ?? (() => new Date());
  const staticCredentials = typeof options.credentials === 'object' ? options.credentials : undefined;
  const secrets = knownSecrets(env, [staticCredentials?.secretAccessKey, staticCredentials?.sessionToken]);
  const plan = await planHealthEndpoints(env, options.resolveCname);
  const deadlineMs = options.deadlineMs ?? HEALTH_FETCH_DEADLINE_MS;
  const deadline = AbortSignal.timeout(deadlineMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  const requestTimeout = options.requestTimeoutMs ?? 20000;

  let failedOver: string | undefined;
  for (let i = 0; i < plan.endpoints.length; i++) {
    const endpoint = plan.endpoints[i];
    const client = new HealthClient({
      region: endpoint.region,
      endpoint: endpoint.url,
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      maxAttempts: options.maxAttempts ?? 3,
      // `requestTimeout` alone only logs a warning in @smithy/node-http-handler 4.x; with
      // `throwOnRequestTimeout` the request fails, and `socketTimeout` ends a connection that goes quiet.
      requestHandler: { connectionTimeout: options.connectTimeoutMs ?? 5000, requestTimeout, socketTimeout: requestTimeout, throwOnRequestTimeout: true },
    });
    capResponseBytes(client, MAX_API_RESPONSE_BYTES);
    try {
      const calls = new HealthCalls(client, signal);
      const events = options.organization
        ? await fetchOrganizationEvents(calls, options)
        : await fetchAccountEvents(calls, options);
      const result: HealthFetchResult = {
        source: 'api',
        fetchedAt: toIsoUtc(now()) ?? now().toISOString(),
        events,
        endpoint: endpoint.url,
        signingRegion: endpoint.region,
      };
      const capped = events.length >= MAX_HEALTH_EVENTS ? `The AWS Health API listed more than ${MAX_HEALTH_EVENTS} events; only the first ${MAX_HEALTH_EVENTS} are shown.` : undefined;
      const note = [failedOver, capped].filter(Boolean).join(' ');
      if (note) result.note = note;
      return result;
    } catch (error) {
      if (deadline.aborted && !options.signal?.aborted) {
        // The whole fetch's time is spent: a network failure (so `auto` falls back), with no failover left to try.
        const regions = plan.endpoints.slice(0, i + 1).map((e) => e.region).join(' or ');
        throw new HealthSourceError('network', `The AWS Health API in ${regions} did not answer within ${formatSeconds(deadlineMs)}.`, { source: 'api', awsErrorName: 'TimeoutError', endpoint: endpoint.url });
      }
      const { kind, name, status } = classifyError(error);
      const message = safeMessage(error, [...secrets, ...(await resolvedSecrets(client, kind))]);
      const next = plan.endpoints[i + 1];
      if ((kind === 'network' || kind === 'server') && next) {
        failedOver = `The AWS Health API in ${endpoint.region} did not answer (${kind === 'server' ? `HTTP ${status}` : name}); using the endpoint in ${next.region}.`;
        continue;
      }
      const regions = plan.endpoints.slice(0, i + 1).map((e) => e.region).join(' or ');
      throw new HealthSourceError(kind, describeApiFailure(kind, name, message, regions, options.profile), { source: 'api', awsErrorName: name, status, endpoint: endpoint.url });
    } finally {
      client.destroy();
    }
  }
  // planHealthEndpoints always returns at least one endpoint.
  throw new HealthSourceError('config', 'No AWS Health endpoint to call.');
}

/**
 * The credentials the SDK resolved for this client — from a profile file, SSO, a credential
 * process, wherever — so that an endpoint echoing them is scrubbed like one echoing the
 * environment's. After a signed request the provider answers from its cache; it is not asked when
 * credentials were the failure, and never waited for long.
 */
async function resolvedSecrets(client: HealthClient, kind: string): Promise<string[]> {
  if (kind === 'credentials' || kind === 'cancelled') return [];
  const provider = (client.config as { credentials?: () => Promise<{ accessKeyId?: string; secretAccessKey?: string; sessionToken?: string }> }).credentials;
  if (typeof provider !== 'function') return [];
  let timer: NodeJS.Timeout | undefined;
  try {
    const identity = await Promise.race([provider(), new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), 1000)))]);
    return [identity?.accessKeyId, identity?.secretAccessKey, identity?.sessionToken].filter((s): s is string => typeof s === 'string' && s.length > 0);
  } catch {
    return [];
  } finally {
    clearTimeout(timer);
  }
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

function describeApiFailure(kind: string, name: string, message: string, region: string, profile: string | undefined): string {
  switch (kind) {
    case 'credentials': return `No usable AWS credentials for the AWS Health API${profile ? ` in profile "${profile}"` : ''} (${message}).`;
    case 'subscription': return 'The AWS Health API needs a Business, Enterprise On-Ramp or Enterprise Support plan (SubscriptionRequiredException).';
    case 'access-denied': return `The AWS Health API refused the credentials (${name}: ${message}).`;
    case 'network': return `The AWS Health API in ${region} could not be reached (${message}).`;
    case 'server': return `The AWS Health API in ${region} failed (${message}).`;
    case 'throttled': return `The AWS Health API kept throttling requests (${name}).`;
    case 'malformed': return `The AWS Health API sent an answer that could not be read (${message}).`;
    case 'cancelled': return 'The AWS Health request was cancelled.';
    default: return `The AWS Health API failed (${name}: ${message}).`;
  }
}

/** The error a body over the byte cap ends with (classified as an unreadable answer). */
export class HealthResponseTooLarge extends Error {
  constructor(limit: number) {
    super(`the answer is larger than ${Math.round(limit / 1024 / 1024)} MiB`);
    this.name = 'HealthResponseTooLarge';
  }
}

/**
 * Ends every response body of the client after `limit` bytes, counted as they stream in (a chunked
 * body has no Content-Length to check first): a middleware just inside the deserializer wraps the
 * raw body before the SDK collects it.
 */
function capResponseBytes(client: HealthClient, limit: number): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      const response = out.response as { headers?: Record<string, string>; body?: unknown };
      const declared = Number(response.headers?.['content-length'] ?? 0);
      if (declared > limit) {
        (response.body as Readable | undefined)?.destroy?.();
        throw new HealthResponseTooLarge(limit);
      }
      const body = response.body as Readable | undefined;
      if (body && typeof body.pipe === 'function') {
        let seen = 0;
        const counted = new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            seen += chunk.length;
            if (seen > limit) {
              body.destroy();
              callback(new HealthResponseTooLarge(limit));
            } else callback(null, chunk);
          },
        });
        body.on('error', (error) => counted.destroy(error));
        response.body = body.pipe(counted);
      }
      return out;
    },
    { step: 'deserialize', priority: 'low', name: 'outageRadarResponseByteCap' },
  );
}

/** The SDK calls this source makes, each cancellable through one signal. */
class HealthCalls {
  private made = 0;

  constructor(private readonly client: HealthClient, private readonly signal?: AbortSignal) {}

  send<T>(command: object): Promise<T> {
    if (++this.made > MAX_HEALTH_CALLS) {
      const error = new Error(`more than ${MAX_HEALTH_CALLS} calls in one fetch`);
      error.name = 'HealthTooManyCalls';
      return Promise.reject(error);
    }
    // Every command here belongs to this client; the union of their generic types is too wide for `send`.
    return this.client.send(command as Parameters<HealthClient['send']>[0], this.signal ? { abortSignal: this.signal } : {}) as Promise<T>;
  }
}

/** Splits a list into groups of at most `size`; an empty or missing list gives one "no filter" group. */
export function chunk<T>(items: readonly T[] | undefined, size = HEALTH_BATCH_LIMIT): Array<T[] | undefined> {
  if (!items || items.length === 0) return [undefined];
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs a paged call until no `nextToken` is left (or the token repeats). */
async function paged(call: (nextToken: string | undefined) => Promise<{ nextToken?: string }>): Promise<void> {
  let token: string | undefined;
  const seen = new Set<string>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const response = await call(token);
    token = response.nextToken;
    if (!token || seen.has(token)) return;
    seen.add(token);
  }
}

/** Every filter group (services × regions, each at most 10 long) as DescribeEvents filters. */
function eventFilters(options: HealthApiOptions): Array<{ eventStatusCodes: EventStatusCode[]; services?: string[]; regions?: string[] }> {
  // Global-service events are reported in the region `global`; keep them whenever regions are filtered.
  const regions = options.regions && options.regions.length ? [...new Set([...options.regions, 'global'])] : undefined;
  const filters: Array<{ eventStatusCodes: EventStatusCode[]; services?: string[]; regions?: string[] }> = [];
  for (const services of chunk(options.services)) {
    for (const regionGroup of chunk(regions)) {
      filters.push({ eventStatusCodes: ACTIVE_STATUSES, ...(services ? { services } : {}), ...(regionGroup ? { regions: regionGroup } : {}) });
    }
  }
  return filters;
}

async function describeAllEvents(calls: HealthCalls, options: HealthApiOptions, organization: boolean): Promise<HealthEvent[]> {
  const byArn = new Map<string, HealthEvent>();
  for (const filter of eventFilters(options)) {
    await paged(async (nextToken) => {
      const input = { filter, maxResults: 100, ...(nextToken ? { nextToken } : {}) };
      const response = await calls.send<unknown>(organization ? new DescribeEventsForOrganizationCommand(input) : new DescribeEventsCommand(input));
      const page = parseDescribeEvents(response);
      for (const event of page.events.slice(0, MAX_EVENTS_PER_PAGE)) {
        if (byArn.size >= MAX_HEALTH_EVENTS) break;
        if (!byArn.has(event.arn)) byArn.set(event.arn, event);
      }
      // Enough events: no further page (and, below, details for these only).
      return byArn.size >= MAX_HEALTH_EVENTS ? { nextToken: undefined } : page;
    });
    if (byArn.size >= MAX_HEALTH_EVENTS) break;
  }
  return [...byArn.values()];
}

async function fetchAccountEvents(calls: HealthCalls, options: HealthApiOptions): Promise<HealthEvent[]> {
  let events = await describeAllEvents(calls, options, false);
  for (const arns of chunk(events.map((e) => e.arn))) {
    if (!arns) continue;
    const response = await calls.send<unknown>(new DescribeEventDetailsCommand({ eventArns: arns }));
    events = withEventDetails(events, parseEventDetails(response));
  }
  const accountSpecific = events.filter((e) => e.eventScopeCode === 'ACCOUNT_SPECIFIC').map((e) => e.arn);
  for (const arns of chunk(accountSpecific)) {
    if (!arns) continue;
    await paged(async (nextToken) => {
      const response = await calls.send<unknown>(new DescribeAffectedEntitiesCommand({ filter: { eventArns: arns }, maxResults: 100, ...(nextToken ? { nextToken } : {}) }));
      const parsed = parseAffectedEntities(response);
      events = withAffectedEntities(events, parsed.byEvent);
      return parsed;
    });
  }
  return events;
}

async function fetchOrganizationEvents(calls: HealthCalls, options: HealthApiOptions): Promise<HealthEvent[]> {
  let events = await describeAllEvents(calls, options, true);
  // Account-specific events need an account for their details and entities.
  const accounts = new Map<string, string[]>();
  for (const event of events.filter((e) => e.eventScopeCode === 'ACCOUNT_SPECIFIC')) {
    const found: string[] = [];
    await paged(async (nextToken) => {
      const response = await calls.send<{ affectedAccounts?: string[]; nextToken?: string }>(
        new DescribeAffectedAccountsForOrganizationCommand({ eventArn: event.arn, maxResults: 100, ...(nextToken ? { nextToken } : {}) }),
      );
      for (const a of response.affectedAccounts ?? []) if (typeof a === 'string' && !found.includes(a)) found.push(a);
      return response;
    });
    accounts.set(event.arn, found);
  }
  events = events.map((e) => (accounts.get(e.arn)?.length ? { ...e, affectedAccounts: accounts.get(e.arn) } : e));

  const detailFilters = events.map((e) => ({ eventArn: e.arn, ...(accounts.get(e.arn)?.length ? { awsAccountId: accounts.get(e.arn)![0] } : {}) }));
  for (const group of chunk(detailFilters)) {
    if (!group) continue;
    const response = await calls.send<unknown>(new DescribeEventDetailsForOrganizationCommand({ organizationEventDetailFilters: group }));
    events = withEventDetails(events, parseEventDetails(response));
  }
  const entityFilters = [...accounts.entries()].flatMap(([eventArn, ids]) => ids.map((awsAccountId) => ({ eventArn, awsAccountId })));
  for (const group of chunk(entityFilters)) {
    if (!group) continue;
    await paged(async (nextToken) => {
      const response = await calls.send<unknown>(new DescribeAffectedEntitiesForOrganizationCommand({ organizationEntityFilters: group, maxResults: 100, ...(nextToken ? { nextToken } : {}) }));
      const parsed = parseAffectedEntities(response);
      events = withAffectedEntities(events, parsed.byEvent);
      return parsed;
    });
  }
  return events;
}
