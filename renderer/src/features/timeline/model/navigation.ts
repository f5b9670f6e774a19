/**
 * Keyboard navigation over the event log: the next/previous event of a kind from a position.
 * Pure and linear in the distance travelled.
 */
import type { RunEventRecord } from '../../../../../electron/contract/events';
import { isRunStatusEvent } from '../../../../../electron/contract/event-guards';
import { typeOf, type EventSeq } from '../../../stores/event-log';

export type NavKind = 'event' | 'state' | 'tool' | 'error';

/** True when the event belongs to the kind. */
export function eventIsKind(ev: RunEventRecord, kind: NavKind): boolean {
  const t: string = ev.type;
  switch (kind) {
    case 'event':
      return true;
    case 'state':
      return isRunStatusEvent(ev);
    case 'tool':
      if (t.startsWith('tool.')) return true;
      if (ev.type !== 'thread.run.step.delta') return false;
      return ev.data.delta.step_details?.type === 'tool_calls' && (ev.data.delta.step_details.tool_calls ?? []).some((c) => c.id !== undefined);
    case 'error':
      if (t === 'thread.run.failed' || t === 'thread.run.expired' || t === 'thread.run.step.failed' || t === 'tool.arguments.invalid') return true;
      if (ev.type === 'tool.execution.finished' || ev.type === 'model.response') return Boolean(ev.data.error);
      return false;
  }
}

/**
 * The position (a count of applied events, 1..n) after moving to the next/previous event of
 * `kind` from `pos`; `pos` itself when there is none.
 */
export function navigate(events: EventSeq, pos: number, kind: NavKind, dir: 1 | -1): number {
  // pos = number of applied events; the event "at" pos is events[pos-1]
  if (kind === 'state') return navigateState(events, pos, dir);
  const is = (i: number) => kind === 'event' || (typeOf(events, i) !== 'thread.message.delta' && eventIsKind(events.at(i) as RunEventRecord, kind));
  if (dir === 1) {
    for (let i = pos; i < events.length; i++) if (is(i)) return i + 1;
  } else {
    for (let i = pos - 2; i >= 0; i--) if (is(i)) return i + 1;
  }
  return pos;
}

function runStatusOf(ev: RunEventRecord): string | null {
  return isRunStatusEvent(ev) ? ev.data.status : null;
}

/** State changes only: a run event whose status differs from the one before it. */
function navigateState(events: EventSeq, pos: number, dir: 1 | -1): number {
  const changes: number[] = [];
  let prev: string | null = null;
  const limit = dir === 1 ? events.length : pos - 1;
  for (let i = 0; i < limit; i++) {
    if (!typeOf(events, i).startsWith('thread.run.') || typeOf(events, i).startsWith('thread.run.step.')) continue;
    const st = runStatusOf(events.at(i) as RunEventRecord);
    if (st === null) continue;
    if (st !== prev) {
      if (dir === 1 && i >= pos) return i + 1;
      changes.push(i + 1);
    }
    prev = st;
  }
  if (dir === 1) return pos;
  return changes.length ? changes[changes.length - 1] : pos;
}
