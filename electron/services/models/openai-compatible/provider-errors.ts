/**
 * Provider failures → the run's OpenAI-shaped `last_error`, with a message that names the
 * provider and what happened; plus the retry policy for 429 (honouring `retry-after`) and 5xx.
 */
import OpenAI from 'openai';
import { ModelError } from '../model';

/** Retries after the first attempt, for 429, 5xx and connection failures before any output. */
export const MAX_RETRIES = 2;
/** The longest `retry-after` RunLens waits; a longer one fails the run at once. */
export const MAX_RETRY_WAIT_MS = 20_000;

function providerMessage(error: InstanceType<typeof OpenAI.APIError>): string {
  const body = error.error as { message?: unknown } | undefined;
  const m = body && typeof body.message === 'string' ? body.message : '';
  return m ? `: ${m}` : '';
}

/** Whether a failure is worth another attempt, and how long to wait (ms). */
export function retryDelay(error: unknown, attempt: number): number | null {
  if (error instanceof OpenAI.APIUserAbortError) return null;
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    if (error.status !== 429 && error.status < 500) return null;
    const h = error.headers;
    const ms = Number(h?.get('retry-after-ms'));
    if (Number.isFinite(ms) && ms > 0) return ms;
    const ra = h?.get('retry-after');
    if (ra) {
      const secs = Number(ra);
      if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
      const at = Date.parse(ra);
      if (!Number.isNaN(at)) return Math.max(0, at - Date.now());
    }
    return 250 * 2 ** attempt;
  }
  if (error instanceof OpenAI.APIConnectionError) return 250 * 2 ** attempt;
  return null;
}

/** The status a failure had, for the `model.retry` event. */
export function statusOf(error: unknown): number | null {
  return error instanceof OpenAI.APIError && typeof error.status === 'number' ? error.status : null;
}

/** A ModelError whose message says which provider did what. */
export function toModelError(error: unknown, provider: string, model: string): ModelError {
  if (error instanceof ModelError) return error;
  const who = `Provider '${provider}'`;
  if (error instanceof OpenAI.APIConnectionTimeoutError) return new ModelError('server_error', `${who} did not answer in time (timeout) for model '${model}'.`);
  if (error instanceof OpenAI.APIConnectionError) return new ModelError('server_error', `${who} could not be reached: ${error.message}.`);
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    const s = error.status;
    const detail = providerMessage(error);
    if (s === 401 || s === 403) return new ModelError('invalid_prompt', `${who} refused the API key (${s} ${s === 401 ? 'Unauthorized' : 'Forbidden'})${detail}. Check the key in Settings.`);
    if (s === 404) return new ModelError('invalid_prompt', `${who} does not know the model '${model}' (404)${detail}.`);
    if (s === 429) return new ModelError('rate_limit_exceeded', `${who} kept rate limiting the request (429) after ${MAX_RETRIES} retries${detail}.`);
    if (s >= 500) return new ModelError('server_error', `${who} failed with a server error (${s})${detail}.`);
    return new ModelError('invalid_prompt', `${who} rejected the request (${s})${detail}.`);
  }
  if (error instanceof SyntaxError) return new ModelError('server_error', `${who} sent a malformed stream chunk: ${error.message}`);
  const message = error instanceof Error ? error.message : String(error);
  return new ModelError('server_error', `${who}'s stream was cut mid-way: ${message}.`);
}
