/**
 * The webhook handler (DESIGN.md wire): `POST url` with the JSON body
 * `{function, arguments, call_id, run_id, thread_id, assistant_id}` and the configured
 * headers; a 2xx body (as text) is the output, anything else is an error on that call.
 */
import type { WebhookToolConfig } from '../../config/config-types';
import { httpCall, HttpCallError } from './http-call';
import { clip, maskHeaders, type LiveCallContext, type LiveResult } from './live-types';

/** The JSON body a webhook receives. */
export function webhookBody(ctx: LiveCallContext): string {
  return JSON.stringify({
    function: ctx.function,
    arguments: JSON.parse(ctx.arguments) as unknown,
    call_id: ctx.call_id,
    run_id: ctx.run_id,
    thread_id: ctx.thread_id,
    assistant_id: ctx.assistant_id,
  });
}

export async function runWebhook(raw: WebhookToolConfig, resolved: WebhookToolConfig, ctx: LiveCallContext): Promise<LiveResult> {
  const body = webhookBody(ctx);
  const request = { method: 'POST', url: raw.url, headers: { 'content-type': 'application/json', ...maskHeaders(raw.headers) }, body: clip(body) };
  ctx.onRequest?.(request);
  try {
    const res = await httpCall({
      method: 'POST',
      url: resolved.url,
      headers: { 'content-type': 'application/json', accept: 'application/json, text/plain, */*', ...(resolved.headers ?? {}) },
      body,
      timeoutMs: ctx.timeoutMs,
      signal: ctx.signal,
    });
    const response = { status: res.status, headers: res.headers, body: clip(res.body) };
    if (res.status < 200 || res.status > 299) {
      const detail = res.body.trim() ? `: ${res.body.trim().slice(0, 300)}` : '';
      return { output: null, error: `HTTP ${res.status} from ${raw.url}${detail}`, request, response };
    }
    return { output: res.body, error: null, request, response };
  } catch (error) {
    const response = error instanceof HttpCallError && error.response ? { ...error.response } : null;
    return { output: null, error: (error as Error).message, request, response };
  }
}
