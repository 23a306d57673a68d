/**
 * Removes credentials from text before it is shown, logged or returned: every message that
 * leaves the Health sources passes through here. Known secret values (the caller passes the ones
 * it holds) are replaced wherever they appear, and so is anything shaped like a credential:
 * `aws_secret_access_key = …` / `"SessionToken": "…"` assignments, SigV4 signatures and
 * security-token query parameters, bearer tokens, and access key ids.
 */

const REDACTED = '[redacted]';

/** Key names whose values are secret, in config-file, environment, JSON and SDK spellings. */
const SECRET_ASSIGNMENT = /\b(aws_secret_access_key|aws_session_token|aws_security_token|secret_?access_?key|session_?token|security_?token|x-amz-security-token)(["']?[ \t]*[:=][ \t]*["']?)([^\s"',;&}]+)/gi;
const SIGNATURE = /\b(Signature=)[0-9a-f]{16,}/gi;
const BEARER = /\b(Bearer[ \t]+)[A-Za-z0-9._~+/=-]+/g;
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\b/g;

export function scrubSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    // Very short values would redact ordinary words; real keys and tokens are long.
    if (!secret || secret.length < 8) continue;
    out = out.split(secret).join(REDACTED);
  }
  return out
    .replace(SECRET_ASSIGNMENT, (_m, key: string, sep: string) => `${key}${sep}${REDACTED}`)
    .replace(SIGNATURE, (_m, key: string) => `${key}${REDACTED}`)
    .replace(BEARER, (_m, key: string) => `${key}${REDACTED}`)
    .replace(ACCESS_KEY_ID, '[access key id]');
}
