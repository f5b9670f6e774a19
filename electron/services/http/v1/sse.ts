/**
 * Streams a run's Assistants events as SSE (assistants-api.md §4): replays the log after
 * `afterSeq`, then follows it live, writes only stream-type events, and after the first
 * terminal run event (requires_action included) writes `done` and ends. A client that
 * goes away only unsubscribes: the run carries on.
 */
import type { FastifyReply } from 'fastify';
import { STREAM_EVENT_TYPES, STREAM_TERMINAL_RUN_EVENTS, type RunEventRecord } from '../../../contract/events';
import type { RuntimeApi } from '../../runtime/runtime-types';
import { mapError } from '../errors';
import { eventDataJson } from '../../events/event-log';

const STREAM_TYPES = new Set<string>(STREAM_EVENT_TYPES);
const TERMINAL = new Set<string>(STREAM_TERMINAL_RUN_EVENTS);

/** One SSE frame. */
export function sseFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

/** The event's data as `/v1` sends it: the logged JSON, without RunLens's own `created_by` on a created run. */
function streamData(event: RunEventRecord): string {
  if (event.type === 'thread.run.created' && event.data.created_by !== undefined) {
    const { created_by: _createdBy, ...run } = event.data;
    return JSON.stringify(run);
  }
  return eventDataJson(event); // the JSON already written to SQLite
}

/** Takes over the reply and streams run `runId` from `afterSeq` until its terminal event. */
export function streamRun(reply: FastifyReply, runtime: RuntimeApi, runId: string, afterSeq: number): void {
  const raw = reply.raw;
  const headers: Record<string, string | number | string[]> = {};
  for (const [key, value] of Object.entries(reply.getHeaders())) if (value !== undefined) headers[key] = value;
  reply.hijack();
  raw.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  raw.flushHeaders?.();

  let finished = false;
  let unsubscribe: (() => void) | null = null;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    if (unsubscribe) unsubscribe();
    if (!raw.writableEnded && !raw.destroyed) raw.end();
  };
  raw.on('close', () => {
    if (!finished) {
      finished = true;
      if (unsubscribe) unsubscribe();
    }
  });
  let buffer = '';
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (buffer && !raw.destroyed && !raw.writableEnded) raw.write(buffer);
    buffer = '';
  };
  const listener = (event: RunEventRecord): void => {
    if (finished || !STREAM_TYPES.has(event.type)) return;
    buffer += sseFrame(event.type, streamData(event));
    if (TERMINAL.has(event.type)) {
      buffer += sseFrame('done', '[DONE]');
      flush();
      finish();
      return;
    }
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
  try {
    const off = runtime.subscribe({ run_id: runId }, listener, { afterSeq });
    if (finished) off();
    else unsubscribe = off;
  } catch (error) {
    const { body } = mapError(error);
    buffer += sseFrame('error', body.error);
    flush();
    finish();
  }
}
