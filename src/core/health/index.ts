/**
 * AWS Health in the pure core: the event model, parsing of the Health API and public-dashboard
 * payloads, matching events to dependencies, severities, the `health` document and its text
 * rendering, and scrubbing credentials from messages. The sources themselves (HTTP, the SDK,
 * credentials, polling) live in `src/node/health`.
 */
export * from './types';
export * from './services';
export * from './time';
export * from './parseApi';
export * from './parsePublic';
export * from './match';
export * from './severity';
export * from './document';
export * from './scrub';
