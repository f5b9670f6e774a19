/**
 * Runs one named contract method on the services' RunLensApi. Both faces use it — the IPC
 * handlers in Electron main and `POST /api/call/<name>` — so they accept the same calls and
 * report errors the same way.
 */
import { isMethodName, splitMethodName } from '../../../contract/api-from-call';
import { ApiError } from '../../runtime/api-error';
import { logger } from '../../log/logger';
import { checkBridgeArgs } from './bridge-schemas';
import type { RunLensApi } from '../../../contract/api';

/** An error that crossed a transport: the message the user reads, plus the API's status and code. */
export interface BridgeErrorBody {
  message: string;
  status: number;
  type: string;
  param: string | null;
  code: string | null;
}

/** A call's result, or its error as plain data (IPC and JSON would drop an Error's fields). */
export type CallOutcome = { ok: true; result: unknown } | { ok: false; error: BridgeErrorBody };

/** The error body for anything a method threw; unexpected errors keep their message but become 500s. */
export function toErrorBody(error: unknown): BridgeErrorBody {
  if (error instanceof ApiError) return { message: error.message, status: error.status, type: error.type, param: error.param, code: error.code };
  const message = error instanceof Error ? error.message : String(error);
  return { message, status: 500, type: 'server_error', param: null, code: null };
}

/**
 * Calls `api[domain][method](...args)`. An unknown name or non-array arguments are refused with a
 * 400 and call nothing.
 */
export async function dispatchCall(api: RunLensApi, name: string, args: unknown): Promise<CallOutcome> {
  if (!isMethodName(name)) return { ok: false, error: { message: `Unknown method '${name}'.`, status: 400, type: 'invalid_request_error', param: null, code: 'unknown_method' } };
  if (!Array.isArray(args)) return { ok: false, error: { message: 'Arguments must be a JSON array.', status: 400, type: 'invalid_request_error', param: null, code: 'invalid_arguments' } };
  try {
    checkBridgeArgs(name, args);
  } catch (error) {
    return { ok: false, error: toErrorBody(error) };
  }
  const [domain, method] = splitMethodName(name);
  const target = (api[domain] as unknown as Record<string, (...a: unknown[]) => unknown>)[method];
  try {
    return { ok: true, result: await target.apply(api[domain], args) };
  } catch (error) {
    const body = toErrorBody(error);
    if (body.status >= 500) logger.error({ area: 'bridge', method: name, err: error }, 'bridge call failed');
    return { ok: false, error: body };
  }
}
