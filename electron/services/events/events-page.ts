/**
 * `runs.eventsPage`: a run's event log in bounded pages, so the UI can paint a 100,000-event
 * run after the first page instead of waiting for (and holding) one huge reply. Pages are
 * packed (`contract/event-pack.ts`): a streamed fragment is a few numbers plus its text.
 */
import type { RunEventsPage } from '../../contract/api';
import type { RunEventRecord } from '../../contract/events';
import { packEvents } from '../../contract/event-pack';
import { ApiError } from '../runtime/api-error';
import type { AssistantsRuntime } from '../runtime/runtime';

/** Default and largest page sizes. */
export const EVENTS_PAGE_DEFAULT = 5_000;
export const EVENTS_PAGE_MAX = 20_000;

/** Reads one page; bad `afterSeq`/`limit` are refused with a clear 400 and nothing read. */
export function eventsPage(runtime: Pick<AssistantsRuntime, 'getRunById' | 'readRunEvents' | 'lastEventSeq'>, runId: string, afterSeq: unknown = 0, limit: unknown = EVENTS_PAGE_DEFAULT): RunEventsPage {
  const after = afterSeq ?? 0;
  const size = limit ?? EVENTS_PAGE_DEFAULT;
  if (typeof after !== 'number' || !Number.isInteger(after) || after < 0) {
    throw new ApiError(400, `afterSeq must be a whole number ≥ 0 (got ${JSON.stringify(after)}).`, 'invalid_request_error', 'afterSeq');
  }
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > EVENTS_PAGE_MAX) {
    throw new ApiError(400, `limit must be a whole number from 1 to ${EVENTS_PAGE_MAX} (got ${JSON.stringify(size)}).`, 'invalid_request_error', 'limit');
  }
  const run = runtime.getRunById(runId);
  const events = runtime.readRunEvents(runId, after, size);
  const lastSeq = runtime.lastEventSeq(runId);
  const end = events.length ? events[events.length - 1].seq : after;
  return packEvents(runId, run.thread_id, events, lastSeq, end < lastSeq);
}

/** `runs.eventBody`: one recorded event in full (what a page or push sent as a stub); 404 when the run has no such seq. */
export function eventBody(runtime: Pick<AssistantsRuntime, 'getRunById' | 'readRunEvents' | 'lastEventSeq'>, runId: string, seq: number): RunEventRecord {
  runtime.getRunById(runId);
  if (!Number.isInteger(seq) || seq < 1) throw new ApiError(400, `seq must be a whole number ≥ 1 (got ${JSON.stringify(seq)}).`, 'invalid_request_error', 'seq');
  runtime.lastEventSeq(runId); // commits what is pending, so a pushed event can be read back
  const [event] = runtime.readRunEvents(runId, seq - 1, 1);
  if (!event || event.seq !== seq) throw new ApiError(404, `Run '${runId}' has no event ${seq}.`, 'invalid_request_error', 'seq');
  return event;
}
