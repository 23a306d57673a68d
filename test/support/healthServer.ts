/**
 * Test support: a stand-in for AWS Health on 127.0.0.1 (random port), so that tests run the real
 * `@aws-sdk/client-health` without reaching AWS (E2E.md "AWS without AWS").
 *
 * It speaks the Health API's JSON protocol: `POST /` with `Content-Type:
 * application/x-amz-json-1.1` and `X-Amz-Target: AWSHealth_20160804.<Operation>`, dates as epoch
 * seconds, errors as `{ "__type": "…", "message": "…" }`. Each operation is answered by a handler
 * (see {@link scriptedHealthApi} for one that pages, filters and enforces the API's 10-item
 * limits like the real service); replies queued with {@link HealthStandIn.enqueue} are served
 * first, for throttling, subscription errors or malformed bodies. `GET /public/currentevents`
 * serves the public dashboard feed as UTF-16 with a byte order mark, with an ETag and 304 answers
 * to conditional requests. Every request is recorded, with the region and access key id it was
 * signed with.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInRequest {
  operation: string;
  body: Record<string, unknown>;
  headers: http.IncomingHttpHeaders;
  /** from the SigV4 Authorization header's credential scope */
  signingRegion?: string;
  accessKeyId?: string;
}

export interface StandInReply {
  status?: number;
  json?: unknown;
  /** a body sent as is (a malformed response) */
  raw?: string | Buffer;
  headers?: Record<string, string>;
  /** drop the connection without answering */
  destroy?: boolean;
}

export type OperationHandler = (request: StandInRequest) => StandInReply;

export interface PublicFeedScript {
  /** the feed's JSON value (encoded on the way out), or exact bytes */
  body: unknown;
  encoding?: 'utf16le' | 'utf16be' | 'utf8';
  etag?: string;
  lastModified?: string;
  /** answer with this status instead (e.g. 503) */
  status?: number;
}

export interface HealthStandInOptions {
  operations?: Partial<Record<string, OperationHandler>>;
  publicFeed?: PublicFeedScript;
}

export class HealthStandIn {
  readonly requests: StandInRequest[] = [];
  readonly feedRequests: http.IncomingHttpHeaders[] = [];
  private readonly queued = new Map<string, StandInReply[]>();

  constructor(private readonly server: http.Server, readonly options: HealthStandInOptions) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get feedUrl(): string {
    return `${this.url}/public/currentevents`;
  }

  /** Replies served (in order) before the operation's handler answers again. */
  enqueue(operation: string, ...replies: StandInReply[]): void {
    this.queued.set(operation, [...(this.queued.get(operation) ?? []), ...replies]);
  }

  operations(): string[] {
    return this.requests.map((r) => r.operation);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  /** @internal */
  handle(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void {
    if (req.method === 'GET' && req.url?.startsWith('/public/currentevents')) {
      this.feedRequests.push(req.headers);
      this.serveFeed(req, res);
      return;
    }
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith('AWSHealth_20160804.') ? target.slice('AWSHealth_20160804.'.length) : '';
    let parsed: Record<string, unknown> = {};
    try {
      parsed = body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
    } catch {
      send(res, awsError('SerializationException', 'the request body is not JSON'));
      return;
    }
    const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/health\/aws4_request/.exec(String(req.headers.authorization ?? ''));
    const request: StandInRequest = { operation, body: parsed, headers: req.headers, signingRegion: scope?.[2], accessKeyId: scope?.[1] };
    this.requests.push(request);
    if (req.method !== 'POST' || !operation || req.headers['content-type'] !== 'application/x-amz-json-1.1') {
      send(res, awsError('UnknownOperationException', `not a Health API request: ${req.method} ${target}`));
      return;
    }
    const queue = this.queued.get(operation);
    const handler = this.options.operations?.[operation];
    const reply = queue && queue.length ? queue.shift()! : handler ? handler(request) : awsError('UnknownOperationException', `no handler for ${operation}`);
    if (reply.destroy) {
      req.socket.destroy();
      return;
    }
    send(res, reply);
  }

  private serveFeed(req: http.IncomingMessage, res: http.ServerResponse): void {
    const feed = this.options.publicFeed;
    if (!feed) { res.writeHead(404).end(); return; }
    if (feed.status && feed.status !== 200) { res.writeHead(feed.status, { 'content-type': 'text/html' }).end('<html>Service Unavailable</html>'); return; }
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (feed.etag) headers.etag = feed.etag;
    if (feed.lastModified) headers['last-modified'] = feed.lastModified;
    const etagMatches = feed.etag !== undefined && req.headers['if-none-match'] === feed.etag;
    const dateMatches = feed.etag === undefined && feed.lastModified !== undefined && req.headers['if-modified-since'] === feed.lastModified;
    if (etagMatches || dateMatches) { res.writeHead(304, headers).end(); return; }
    const bytes = Buffer.isBuffer(feed.body) ? feed.body : encodeFeed(JSON.stringify(feed.body), feed.encoding ?? 'utf16le');
    res.writeHead(200, { ...headers, 'content-length': String(bytes.length) }).end(bytes);
  }
}

function send(res: http.ServerResponse, reply: StandInReply): void {
  const status = reply.status ?? 200;
  const body = reply.raw !== undefined ? reply.raw : JSON.stringify(reply.json ?? {});
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'x-amzn-requestid': '8c5b8f4e-2d1a-4b8e-9f3c-7a6d5e4c3b2a',
    ...reply.headers,
  });
  res.end(body);
}

/** Text as the public feed sends it: UTF-16 with a byte order mark (or UTF-8). */
export function encodeFeed(text: string, encoding: 'utf16le' | 'utf16be' | 'utf8'): Buffer {
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (encoding === 'utf16le') return le;
  const be = Buffer.from(le);
  be.swap16();
  return be;
}

/** An AWS JSON-protocol error reply. */
export function awsError(type: string, message: string, status = 400): StandInReply {
  return { status, json: { __type: type, message }, headers: { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.healthservice/` } };
}

export async function startHealthStandIn(options: HealthStandInOptions = {}): Promise<HealthStandIn> {
  const server = http.createServer();
  const standIn = new HealthStandIn(server, options);
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => standIn.handle(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return standIn;
}

/**
 * A server on 127.0.0.1 that accepts connections, reads what is sent, and never answers — the
 * endpoint that hangs during an outage. `connections` counts the connections it accepted.
 */
export async function startSilentServer(): Promise<{ url: string; connections: () => number; close(): Promise<void> }> {
  const sockets = new Set<import('node:net').Socket>();
  let accepted = 0;
  const server = (await import('node:net')).createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => accepted,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

/** A port on 127.0.0.1 where nothing listens (for the unreachable-endpoint and failover tests). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

type WireEvent = Record<string, unknown> & { arn: string };
type WireEntity = Record<string, unknown> & { eventArn: string };

export interface ScriptedHealthData {
  /** events as the API sends them (epoch-second times) */
  events: WireEvent[];
  /** event ARN → latest description */
  descriptions?: Record<string, string>;
  entities?: WireEntity[];
  /** organizational view: event ARN → affected accounts */
  accounts?: Record<string, string[]>;
  /** events and entities per page (the real service pages at up to 100; small pages test paging) */
  pageSize?: number;
}

/**
 * Handlers that answer like the Health API over a fixed set of events: DescribeEvents filters by
 * status, service, region and ARN and pages with `nextToken`; DescribeEventDetails and
 * DescribeAffectedEntities answer for the ARNs asked and refuse more than 10 (as the service
 * does); the `…ForOrganization` operations work the same way.
 */
export function scriptedHealthApi(data: ScriptedHealthData): Record<string, OperationHandler> {
  const pageSize = data.pageSize ?? 100;
  const page = <T>(items: T[], body: Record<string, unknown>, key: string): StandInReply => {
    const start = typeof body.nextToken === 'string' ? Number(/^token-(\d+)$/.exec(body.nextToken)?.[1] ?? NaN) : 0;
    if (!Number.isInteger(start)) return awsError('InvalidPaginationToken', 'The pagination token is not valid.');
    const size = Math.min(pageSize, typeof body.maxResults === 'number' ? body.maxResults : pageSize);
    const slice = items.slice(start, start + size);
    const next = start + size < items.length ? { nextToken: `token-${start + size}` } : {};
    return { json: { [key]: slice, ...next } };
  };
  const tooMany = (n: number): StandInReply | null => (n > 10 ? awsError('ValidationException', `1 validation error detected: Value at 'eventArns' failed to satisfy constraint: Member must have length less than or equal to 10`) : null);
  const filterEvents = (filter: Record<string, unknown> | undefined): WireEvent[] => data.events.filter((e) => {
    const f = filter ?? {};
    const within = (key: string, value: unknown): boolean => !Array.isArray(f[key]) || (f[key] as unknown[]).includes(value);
    return within('eventStatusCodes', e.statusCode) && within('services', e.service) && within('regions', e.region) && within('eventArns', e.arn);
  });
  const details = (arns: string[], account?: (arn: string) => string | undefined): StandInReply => {
    const successfulSet: unknown[] = [];
    const failedSet: unknown[] = [];
    for (const arn of arns) {
      const event = data.events.find((e) => e.arn === arn);
      if (!event) failedSet.push({ eventArn: arn, errorName: 'NotFound', errorMessage: 'Event not found' });
      else successfulSet.push({ ...(account?.(arn) ? { awsAccountId: account(arn) } : {}), event, eventDescription: { latestDescription: data.descriptions?.[arn] ?? '' }, eventMetadata: {} });
    }
    return { json: { successfulSet, failedSet } };
  };
  return {
    DescribeEvents: ({ body }) => page(filterEvents(body.filter as Record<string, unknown>), body, 'events'),
    DescribeEventsForOrganization: ({ body }) => page(filterEvents(body.filter as Record<string, unknown>), body, 'events'),
    DescribeEventDetails: ({ body }) => {
      const arns = (body.eventArns as string[]) ?? [];
      return tooMany(arns.length) ?? details(arns);
    },
    DescribeEventDetailsForOrganization: ({ body }) => {
      const filters = (body.organizationEventDetailFilters as Array<{ eventArn: string; awsAccountId?: string }>) ?? [];
      const accountOf = new Map(filters.map((f) => [f.eventArn, f.awsAccountId]));
      return tooMany(filters.length) ?? details(filters.map((f) => f.eventArn), (arn) => accountOf.get(arn));
    },
    DescribeAffectedEntities: ({ body }) => {
      const arns = ((body.filter as Record<string, unknown>)?.eventArns as string[]) ?? [];
      return tooMany(arns.length) ?? page((data.entities ?? []).filter((e) => arns.includes(e.eventArn)), body, 'entities');
    },
    DescribeAffectedEntitiesForOrganization: ({ body }) => {
      const filters = (body.organizationEntityFilters as Array<{ eventArn: string; awsAccountId?: string }>) ?? [];
      const wanted = (e: WireEntity): boolean => filters.some((f) => f.eventArn === e.eventArn && (!f.awsAccountId || f.awsAccountId === e.awsAccountId));
      return tooMany(filters.length) ?? page((data.entities ?? []).filter(wanted), body, 'entities');
    },
    DescribeAffectedAccountsForOrganization: ({ body }) => page(data.accounts?.[String(body.eventArn)] ?? [], body, 'affectedAccounts'),
  };
}
