/**
 * Secret redaction for anything the inspector shows from a model request or response:
 * credential-looking keys and token-looking strings become "[redacted]". The runtime never
 * records secrets; this is the second line of defence before pixels and screenshots.
 */
const SECRET_KEY = /^(api[-_]?key|x-api-key|authorization|password|secret|client_secret|access_token|refresh_token|token|bearer|cookie)$/i;
const SECRET_VALUE = /\b(sk-[A-Za-z0-9_-]{8,}|Bearer\s+[A-Za-z0-9._-]{8,})/g;

export const REDACTED = '[redacted]';

/** A deep copy of `value` with secrets replaced. */
export function redactSecrets(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(SECRET_VALUE, REDACTED);
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) && v !== null && v !== '' ? REDACTED : redactSecrets(v);
    return out;
  }
  return value;
}
