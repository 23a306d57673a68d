/**
 * Which AWS Health API endpoints to call, in which order, and which region to sign for.
 *
 * The Health API is active/passive between us-east-1 and us-east-2. `global.health.amazonaws.com`
 * is a CNAME for the active one (`health.us-east-1.amazonaws.com`); the caller signs for that
 * region and, when it cannot be reached, tries the other
 * (https://docs.aws.amazon.com/health/latest/ug/health-api.html). The developer's own region is
 * never used: Health has no endpoint there.
 *
 * Overrides come from the process environment only, never from workspace files (CONTRACTS.md
 * "Health sources and privacy"); with any override set, no DNS lookup is made:
 * 1. `AWS_ENDPOINT_URL_HEALTH` — one endpoint, signed for us-east-1, no failover;
 * 2. `OUTAGE_RADAR_HEALTH_ENDPOINTS` — JSON `{ "us-east-1": url, "us-east-2": url }`, tried in
 *    that order (for failover tests);
 * 3. `AWS_ENDPOINT_URL` — the SDKs' general override: one endpoint, no failover.
 * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` turns off 1 and 3, as it does in the AWS SDKs.
 */
import { promises as dns } from 'node:dns';
import { HealthSourceError } from './errors';

export const HEALTH_REGIONS = ['us-east-1', 'us-east-2'] as const;
export const GLOBAL_HEALTH_HOST = 'global.health.amazonaws.com';

export interface HealthEndpoint {
  /** the region requests to this endpoint are signed for */
  region: string;
  url: string;
}

export interface HealthEndpointPlan {
  /** tried in order; the next one only after a network error or a 5xx */
  endpoints: HealthEndpoint[];
  /** how the plan was made, for logs and notes */
  origin: 'AWS_ENDPOINT_URL_HEALTH' | 'OUTAGE_RADAR_HEALTH_ENDPOINTS' | 'AWS_ENDPOINT_URL' | 'dns' | 'default';
}

export type ResolveCname = (host: string) => Promise<string[]>;

const regionalUrl = (region: string): string => `https://health.${region}.amazonaws.com`;

export async function planHealthEndpoints(env: NodeJS.ProcessEnv, resolveCname: ResolveCname = (h) => dns.resolveCname(h)): Promise<HealthEndpointPlan> {
  const ignoreConfigured = String(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '').toLowerCase() === 'true';
  const serviceOverride = ignoreConfigured ? undefined : nonEmpty(env.AWS_ENDPOINT_URL_HEALTH);
  if (serviceOverride) return { endpoints: [{ region: 'us-east-1', url: checkedUrl(serviceOverride, 'AWS_ENDPOINT_URL_HEALTH') }], origin: 'AWS_ENDPOINT_URL_HEALTH' };

  const pair = nonEmpty(env.OUTAGE_RADAR_HEALTH_ENDPOINTS);
  if (pair) return { endpoints: parseEndpointPair(pair), origin: 'OUTAGE_RADAR_HEALTH_ENDPOINTS' };

  const general = ignoreConfigured ? undefined : nonEmpty(env.AWS_ENDPOINT_URL);
  if (general) return { endpoints: [{ region: 'us-east-1', url: checkedUrl(general, 'AWS_ENDPOINT_URL') }], origin: 'AWS_ENDPOINT_URL' };

  let active: string | undefined;
  try {
    const names = await resolveCname(GLOBAL_HEALTH_HOST);
    active = names.map((n) => /^health\.(us-east-[12])\.amazonaws\.com\.?$/i.exec(n)?.[1]?.toLowerCase()).find((r) => r !== undefined);
  } catch {
    // No DNS answer (offline, a resolver that flattens CNAMEs): assume the documented default.
  }
  const order = active === 'us-east-2' ? ['us-east-2', 'us-east-1'] : ['us-east-1', 'us-east-2'];
  return { endpoints: order.map((region) => ({ region, url: regionalUrl(region) })), origin: active ? 'dns' : 'default' };
}

function parseEndpointPair(text: string): HealthEndpoint[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HealthSourceError('config', 'OUTAGE_RADAR_HEALTH_ENDPOINTS is not JSON; expected {"us-east-1": "<url>", "us-east-2": "<url>"}.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HealthSourceError('config', 'OUTAGE_RADAR_HEALTH_ENDPOINTS must be a JSON object {"us-east-1": "<url>", "us-east-2": "<url>"}.');
  }
  const endpoints: HealthEndpoint[] = [];
  for (const region of HEALTH_REGIONS) {
    const url = (value as Record<string, unknown>)[region];
    if (typeof url === 'string' && url.trim()) endpoints.push({ region, url: checkedUrl(url.trim(), `OUTAGE_RADAR_HEALTH_ENDPOINTS["${region}"]`) });
  }
  const unknown = Object.keys(value).filter((k) => !(HEALTH_REGIONS as readonly string[]).includes(k));
  if (unknown.length || endpoints.length === 0) {
    throw new HealthSourceError('config', `OUTAGE_RADAR_HEALTH_ENDPOINTS takes the keys us-east-1 and us-east-2 only${unknown.length ? ` (not ${unknown.join(', ')})` : ''}.`);
  }
  return endpoints;
}

function checkedUrl(url: string, name: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return url;
  } catch {
    // reported below
  }
  throw new HealthSourceError('config', `${name} is not an http(s) URL.`);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() ? value.trim() : undefined;
}
