/**
 * The AWS Health model Outage Radar works with, whichever source the events came from (the AWS
 * Health API or the public AWS Health Dashboard feed). Everything is plain serialisable data:
 * events cross from the poller in `src/node/health` to the language server and the CLI, and
 * times are ISO 8601 UTC strings, never `Date` objects.
 */

/** AWS Health's event type categories (the API's `eventTypeCategory`). */
export const HEALTH_CATEGORIES = ['issue', 'scheduledChange', 'accountNotification', 'investigation'] as const;
export type HealthCategory = (typeof HEALTH_CATEGORIES)[number];

/** AWS Health's event status codes. */
export const HEALTH_STATUSES = ['open', 'upcoming', 'closed'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

/** Where events came from: the AWS Health API (account view) or the public AWS Health Dashboard. */
export type HealthSourceKind = 'api' | 'public';

/** One AWS Health event, normalised. */
export interface HealthEvent {
  /**
   * Unique within one fetch. The event ARN for API events; for a public-dashboard event that
   * names several impacted services (a "Multiple services" event) Outage Radar makes one
   * HealthEvent per impacted service, and the ids of all but the headline one are
   * `<arn>#<dashboard service key>` (e.g. `…#dynamodb-us-east-1`).
   */
  id: string;
  /** The event ARN as AWS reports it (shared by the per-service events of one dashboard event). */
  arn: string;
  /** Outage Radar's service id (`dynamodb`), or `*` for a multi-service event that lists no services. */
  service: string;
  /** AWS Health's own service code (`DYNAMODB`, `EC2`, `MULTIPLE_SERVICES`). */
  healthService: string;
  /** A region name, or `global` for events about global services. */
  region: string;
  /** Set for events about one availability zone (`us-east-1a`). */
  availabilityZone?: string;
  /** `AWS_DYNAMODB_OPERATIONAL_ISSUE` */
  eventTypeCode: string;
  category: HealthCategory;
  statusCode: HealthStatus;
  /** ISO 8601 UTC without fractions (`2026-11-26T15:45:06Z`); null when the source gave none. */
  startTime: string | null;
  endTime?: string;
  lastUpdatedTime?: string;
  /** The latest description (the API's `latestDescription`, the dashboard's latest update); '' when unknown. */
  description: string;
  /** A one-line headline when the source gives one (the public dashboard's `summary`). */
  summary?: string;
  /** `PUBLIC`, `ACCOUNT_SPECIFIC` or `NONE` (API events only). */
  eventScopeCode?: string;
  /** Resource ids or ARNs the event names (DescribeAffectedEntities), for account-specific events. */
  affectedEntities?: string[];
  /** Accounts an organizational-view event affects. */
  affectedAccounts?: string[];
}

/** What one successful fetch from a source produced. */
export interface HealthFetchResult {
  source: HealthSourceKind;
  /** When the events were fetched (ISO 8601 UTC). */
  fetchedAt: string;
  events: HealthEvent[];
  /**
   * One line saying which source is in use and why, when that is not simply the one asked for
   * (e.g. `auto` fell back to the public dashboard because the account has no support plan).
   */
  note?: string;
  /** The endpoint that answered (API: the regional Health endpoint; public: the feed URL). */
  endpoint?: string;
  /** The region requests were signed for (API only: us-east-1 or us-east-2). */
  signingRegion?: string;
  /** Public feed only: the server answered 304 and the previous events were reused. */
  notModified?: boolean;
  /** Public feed only: validators for the next conditional request. */
  etag?: string;
  lastModified?: string;
}
