/**
 * AWS Health sources for the CLI and the language server: the Health API through the SDK (with
 * endpoint failover), the public AWS Health Dashboard feed, the `auto` choice between them, and a
 * poller. Parsing and matching are pure and live in `src/core/health`.
 */
export { fetchHealthFromApi, HEALTH_BATCH_LIMIT } from './api';
export type { HealthApiOptions, HealthCredentials } from './api';
export { planHealthEndpoints, GLOBAL_HEALTH_HOST, HEALTH_REGIONS } from './endpoints';
export type { HealthEndpoint, HealthEndpointPlan } from './endpoints';
export { HealthSourceError, classifyError } from './errors';
export type { HealthErrorKind } from './errors';
export { decodeFeedBytes, fetchPublicHealth, PublicHealthFeed, PUBLIC_HEALTH_URL, publicHealthUrl } from './public';
export { fallbackNote, fetchHealth, HealthSource } from './source';
export type { HealthSourceChoice, HealthSourceOptions } from './source';
export { DEFAULT_POLL_INTERVAL_SECONDS, HealthPoller, MIN_POLL_INTERVAL_SECONDS, systemClock } from './poller';
export type { HealthPollerOptions, HealthPollerState, PollerClock } from './poller';
