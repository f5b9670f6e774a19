/**
 * Connery runners (DESIGN.md wire, as the Connery guide documents it): the action specs from
 * `GET {runner}/v1/actions/specs/openai-functions` and runs at `POST {runner}/v1/actions/<id>/run`,
 * both with `x-api-key`. The body is the flat arguments object, or `{"input": …}` answered by
 * `{"data": {"output": …}}` for newer runners (`envelope: "input"`).
 */
import type { ConneryToolConfig } from '../../config/config-types';
import type { FunctionDefinition } from '../../../contract/objects';
import { httpCall, HttpCallError } from './http-call';
import { clip, maskSecret, type LiveCallContext, type LiveResult } from './live-types';

function base(runnerUrl: string): string {
  return runnerUrl.replace(/\/+$/, '');
}

function headers(apiKey: string | undefined): Record<string, string> {
  return { 'content-type': 'application/json', accept: 'application/json', ...(apiKey ? { 'x-api-key': apiKey } : {}) };
}

/** One action of a runner, as a function definition (name = the action id). */
export interface ConneryAction extends FunctionDefinition {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** A runner that could not be read, with a message a person can act on. */
export class ConneryError extends Error {}

/** Reads a runner's actions; refuses anything that is not the documented array. */
export async function fetchConneryActions(runnerUrl: string, apiKey: string | undefined, timeoutMs = 15_000): Promise<ConneryAction[]> {
  const url = `${base(runnerUrl)}/v1/actions/specs/openai-functions`;
  let res;
  try {
    res = await httpCall({ method: 'GET', url, headers: headers(apiKey), timeoutMs });
  } catch (error) {
    throw new ConneryError((error as Error).message);
  }
  if (res.status === 401 || res.status === 403) throw new ConneryError(`the runner refused the API key (HTTP ${res.status} from ${url})`);
  if (res.status < 200 || res.status > 299) throw new ConneryError(`HTTP ${res.status} from ${url}: ${res.body.slice(0, 200)}`);
  let value: unknown;
  try {
    value = JSON.parse(res.body);
  } catch (error) {
    throw new ConneryError(`the runner answered with invalid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(value)) throw new ConneryError('the runner did not answer with an array of function specs');
  return value.map((item, i) => {
    const o = item as Partial<ConneryAction> | null;
    if (!o || typeof o.name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(o.name)) throw new ConneryError(`spec #${i} has no valid name (action id)`);
    const parameters = o.parameters && typeof o.parameters === 'object' ? o.parameters : { type: 'object', properties: {} };
    return { name: o.name, description: typeof o.description === 'string' ? o.description : '', parameters };
  });
}

/** The output of a successful run: `data.output`, else `output`, else the whole answer. */
function outputOf(value: unknown): unknown {
  const o = value as { data?: { output?: unknown }; output?: unknown } | null;
  if (o && typeof o === 'object') {
    if (o.data && typeof o.data === 'object' && 'output' in o.data) return o.data.output;
    if ('output' in o) return o.output;
  }
  return value;
}

function errorOf(value: unknown): string | null {
  const e = (value as { error?: unknown } | null)?.error;
  if (!e) return null;
  if (typeof e === 'string') return e;
  const m = (e as { message?: unknown }).message;
  return typeof m === 'string' ? m : JSON.stringify(e);
}

export async function runConnery(raw: ConneryToolConfig, resolved: ConneryToolConfig, ctx: LiveCallContext): Promise<LiveResult> {
  const url = `${base(resolved.runner_url)}/v1/actions/${encodeURIComponent(resolved.action_id)}/run`;
  const args = JSON.parse(ctx.arguments) as unknown;
  const body = JSON.stringify(resolved.envelope === 'input' ? { input: args } : args);
  const shownHeaders: Record<string, string> = { 'content-type': 'application/json' };
  const key = maskSecret(raw.api_key);
  if (key) shownHeaders['x-api-key'] = key;
  const request = { method: 'POST', url: `${base(raw.runner_url)}/v1/actions/${encodeURIComponent(raw.action_id)}/run`, headers: shownHeaders, body: clip(body) };
  ctx.onRequest?.(request);
  let res;
  try {
    res = await httpCall({ method: 'POST', url, headers: headers(resolved.api_key), body, timeoutMs: ctx.timeoutMs, signal: ctx.signal });
  } catch (error) {
    const response = error instanceof HttpCallError && error.response ? { ...error.response } : null;
    return { output: null, error: (error as Error).message, request, response };
  }
  const response: Record<string, unknown> = { status: res.status, headers: res.headers, body: clip(res.body) };
  let value: unknown;
  try {
    value = JSON.parse(res.body);
  } catch (error) {
    const why = res.status >= 200 && res.status < 300 ? 'the Connery runner answered with invalid JSON' : `HTTP ${res.status} from the Connery runner`;
    return { output: null, error: `${why}: ${(error as Error).message}`, request, response };
  }
  const failed = errorOf(value);
  if (res.status < 200 || res.status > 299 || failed) {
    return { output: null, error: `Connery action ${raw.action_id} failed${res.status > 299 ? ` (HTTP ${res.status})` : ''}: ${failed ?? res.body.slice(0, 300)}`, request, response };
  }
  const out = outputOf(value);
  return { output: typeof out === 'string' ? out : JSON.stringify(out), error: null, request, response };
}
