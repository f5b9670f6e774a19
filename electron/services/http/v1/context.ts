/**
 * What every `/v1` route module shares: the runtime, the poll hint and helpers that keep
 * replies uniform (JSON content type, `openai-poll-after-ms` on runs).
 */
import type { FastifyReply } from 'fastify';
import type { Run } from '../../../contract/objects';
import type { RuntimeApi } from '../../runtime/runtime-types';
import type { BuiltinTools } from '../../builtin/builtin-tools';
import { invalid } from './validate';

/** Shared by every `/v1` route module. */
export interface V1Context {
  runtime: RuntimeApi;
  /** Value of `openai-poll-after-ms` on run replies. */
  pollAfterMs: number;
  /** How long a poll-helper GET of a busy run may wait for its next status before answering. */
  longPollMs: number;
  /** Files, vector stores and built-in tools (`/v1/files`, `/v1/vector_stores`), when served. */
  builtins?: BuiltinTools;
}

/** Path parameters (`thread_id`, `run_id`, …) as Fastify hands them over. */
export type IdParams = Record<string, string>;

/** Sends a run with the poll hint so the SDK's *AndPoll helpers do not sleep 5 s. */
export function sendRun(ctx: V1Context, reply: FastifyReply, run: Run): FastifyReply {
  return reply.header('openai-poll-after-ms', String(ctx.pollAfterMs)).send(run);
}

/**
 * The thread id of a path. v4-style SDK calls sent `/threads/undefined/…`; the platform
 * answered 400 naming the parameter (assistants-api.md §7), not 404.
 */
export function threadIdOf(params: IdParams): string {
  const id = params.thread_id;
  if (!id.startsWith('thread')) {
    throw invalid(`Invalid 'thread_id': '${id}'. Expected an ID that begins with 'thread'.`, 'thread_id', 'invalid_value');
  }
  return id;
}
