/**
 * The one shape every live handler (webhook, connery, mcp, command) shares: it gets the
 * validated arguments and the call's context, and always resolves — faults come back as
 * `error` with whatever request/response was seen, so the engine records them and goes on.
 */
import type { LiveToolConfig } from '../../config/config-types';

export interface LiveCallContext {
  function: string;
  /** Validated JSON text of the arguments (after the tenant guard filled pins). */
  arguments: string;
  call_id: string;
  run_id: string;
  thread_id: string;
  assistant_id: string;
  /** Aborted when the run is cancelled, expires or the app stops. */
  signal: AbortSignal;
  timeoutMs: number;
  /** Called once, just before the request goes out, with the request as sent (secrets masked). */
  onRequest?: (request: Record<string, unknown>) => void;
}

export interface LiveResult {
  /** The text the model gets, when the call succeeded. */
  output: string | null;
  error: string | null;
  /** What was sent, with secrets masked (for the event log and the inspector). */
  request: Record<string, unknown>;
  /** What came back (status, headers, body, content, exit code…), when anything did. */
  response: Record<string, unknown> | null;
}

/** A live handler: `raw` keeps `${…}` references (for masking), `resolved` has them substituted. */
export type LiveHandlerFn<C extends LiveToolConfig = LiveToolConfig> = (raw: C, resolved: C, ctx: LiveCallContext) => Promise<LiveResult>;

/** Default time a live call may take (DESIGN.md: `timeout_ms`, default 30000). */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Bodies kept in the event log are cut here; the model still gets the whole output. */
export const LOGGED_BODY_CHARS = 64 * 1024;

export function clip(text: string, max = LOGGED_BODY_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters not logged)` : text;
}

const SENSITIVE_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|x-auth-token)$|token|secret|key|password/i;

/**
 * Header values as they may be logged: a value written with a `${…}` reference shows the
 * reference (never the secret); a literal value of a sensitive-looking header is masked.
 */
export function maskHeaders(raw: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw ?? {})) {
    if (/\$\{(env|secret):/.test(v)) out[k] = v;
    else out[k] = SENSITIVE_HEADER.test(k) ? '••••' : v;
  }
  return out;
}

/** An api_key as it may be logged: its reference, or a mask. */
export function maskSecret(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  return /^\$\{(env|secret):[^}]+\}$/.test(raw) ? raw : '••••';
}
