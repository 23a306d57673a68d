/**
 * Errors from the Health sources, reduced to what callers need: a kind they can act on (fall back
 * to the public dashboard, fail over to the passive region, back off) and a message that is safe
 * to show. A {@link HealthSourceError} never wraps the original error — the SDK's errors carry
 * raw responses — and its message has passed through {@link scrubSecrets}.
 */
import { scrubSecrets } from '../../core/health/scrub';

export type HealthErrorKind =
  /** no credentials could be found (the default chain ran out), or a profile does not resolve */
  | 'credentials'
  /** the account has no Business, Enterprise On-Ramp or Enterprise Support plan */
  | 'subscription'
  /** the credentials lack health:Describe* permissions, or are invalid / expired */
  | 'access-denied'
  /** the endpoint could not be reached (refused, reset, timed out, DNS) */
  | 'network'
  /** the endpoint answered with a 5xx */
  | 'server'
  /** still throttled after the SDK's retries */
  | 'throttled'
  /** the answer could not be read (not JSON, not the expected shape) */
  | 'malformed'
  /** the request was cancelled (the poller stopped) */
  | 'cancelled'
  /** a configuration value (an endpoint override) is unusable */
  | 'config'
  | 'other';

export class HealthSourceError extends Error {
  constructor(
    readonly kind: HealthErrorKind,
    message: string,
    readonly details: {
      source: 'api' | 'public';
      awsErrorName?: string;
      status?: number;
      endpoint?: string;
      /** set when `auto` fell back and the public dashboard failed too: why the API was not used */
      apiErrorKind?: HealthErrorKind;
    } = { source: 'api' },
  ) {
    super(message);
    this.name = 'HealthSourceError';
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE',
  'ECONNABORTED', 'EHOSTDOWN', 'ENETDOWN', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT',
]);
const NETWORK_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const ACCESS_NAMES = new Set([
  'AccessDeniedException', 'AccessDenied', 'UnrecognizedClientException', 'InvalidSignatureException',
  'ExpiredTokenException', 'ExpiredToken', 'InvalidClientTokenId', 'SignatureDoesNotMatch', 'IncompleteSignature',
  'MissingAuthenticationToken', 'AuthFailure',
]);
const THROTTLING_NAMES = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded']);

/**
 * The secrets that must never appear in a message: those of the environment the caller passed,
 * those of the process environment (the SDK's credential chain reads it whatever the caller
 * passed), and any the caller holds itself.
 */
export function knownSecrets(env: NodeJS.ProcessEnv = process.env, extra: readonly (string | undefined)[] = []): string[] {
  const all = [env, process.env].flatMap((e) => [e.AWS_SECRET_ACCESS_KEY, e.AWS_SESSION_TOKEN, e.AWS_SECURITY_TOKEN]);
  return [...new Set([...all, ...extra].filter((s): s is string => typeof s === 'string' && s.length > 0))];
}

interface ErrorShape { name?: unknown; code?: unknown; message?: unknown; $metadata?: { httpStatusCode?: unknown }; cause?: unknown }

/** Reads the kind of an error thrown by the SDK, `fetch` or the credential chain. */
export function classifyError(error: unknown): { kind: HealthErrorKind; name: string; status?: number } {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorShape;
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const code = typeof e.code === 'string' ? e.code : undefined;
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const cause = (typeof e.cause === 'object' && e.cause !== null ? e.cause : {}) as ErrorShape;
  const causeCode = typeof cause.code === 'string' ? cause.code : undefined;
  if (name === 'AbortError' || name === 'AbortSignal') return { kind: 'cancelled', name };
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError') return { kind: 'credentials', name };
  // The SDK does not model SubscriptionRequiredException; its name is the only reliable signal.
  if (name === 'SubscriptionRequiredException') return { kind: 'subscription', name, status };
  if (ACCESS_NAMES.has(name)) return { kind: 'access-denied', name, status };
  if (THROTTLING_NAMES.has(name)) return { kind: 'throttled', name, status };
  if (status !== undefined && status >= 500) return { kind: 'server', name, status };
  if ((code && NETWORK_CODES.has(code)) || (causeCode && NETWORK_CODES.has(causeCode)) || NETWORK_NAMES.has(name)) return { kind: 'network', name: code ?? causeCode ?? name };
  if (name === 'SyntaxError' || name === 'SerializationException' || name === 'HealthResponseTooLarge' || name === 'HealthTooManyCalls') return { kind: 'malformed', name, status };
  if (name === 'TypeError' && /fetch failed/i.test(String(e.message))) return { kind: 'network', name };
  return { kind: 'other', name, status };
}

/** The error's own message, scrubbed, on one line, without the SDK's hint about hidden fields. */
export function safeMessage(error: unknown, secrets: readonly string[]): string {
  const raw = typeof error === 'object' && error !== null && typeof (error as ErrorShape).message === 'string'
    ? String((error as ErrorShape).message)
    : String(error);
  const firstLine = raw.split('\n')[0].replace(/\s+/g, ' ').trim();
  return scrubSecrets(firstLine.length > 300 ? `${firstLine.slice(0, 299)}…` : firstLine, secrets);
}
