/**
 * The compact form of a run's event log, for `runs.eventsPage` and for what the renderer
 * holds. A long reply streams one `thread.message.delta` (or, for tool-call arguments, one
 * `thread.run.step.delta`) per fragment; as JSON each costs ~310 bytes of envelope around a
 * few characters of text. Packed, such a fragment is a few numbers (time, id, which
 * message/call) plus its text, kept once in a shared string; every other event travels and
 * is kept whole. Unpacking gives back exactly the recorded event (same fields, same values):
 * only events whose shape is exactly the runtime's fragment shape are packed. The exception
 * is a large inspector-only payload (`stubOf`): it travels as a stub marked `elided`.
 */
import type { ElidedBody, RunEventRecord, RunEventType } from './events';

/** How a packed event is stored: whole, a message text fragment, or a tool call's arguments fragment. */
export const WHOLE = 0;
export const MESSAGE_TEXT = 1;
export const CALL_ARGS = 2;
export type FragmentKind = typeof MESSAGE_TEXT | typeof CALL_ARGS;

/** What a fragment event carries beyond the event envelope. */
export interface FragmentParts {
  kind: FragmentKind;
  /** The message id (text) or the step id (arguments). */
  ref: string;
  /** The content part index (text) or the tool call index (arguments). */
  index: number;
  text: string;
}

/** The envelope every event has (`RunEventBase` minus the type). */
export interface EventEnvelope {
  id: number;
  run_id: string;
  thread_id: string;
  seq: number;
  ts: number;
}

type Obj = Record<string, unknown>;

function only(v: unknown, keys: number): v is Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  let n = 0;
  for (const _ in v) n++;
  return n === keys;
}

function oneItem(v: unknown): Obj | null {
  return Array.isArray(v) && v.length === 1 ? (v[0] as Obj) : null;
}

const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** The fragment `ev` is, when its data has exactly the shape the runtime streams; else null (kept whole). */
export function fragmentOf(ev: RunEventRecord): FragmentParts | null {
  if (ev.type === 'thread.message.delta') {
    // { id, object, delta: { content: [{ index, type: 'text', text: { value } }] } }
    const d: unknown = ev.data;
    if (!only(d, 3) || typeof d.id !== 'string' || d.object !== 'thread.message.delta' || !only(d.delta, 1)) return null;
    const part = oneItem(d.delta.content);
    if (!only(part, 3) || !isIndex(part.index) || part.type !== 'text' || !only(part.text, 1) || typeof part.text.value !== 'string') return null;
    return { kind: MESSAGE_TEXT, ref: d.id, index: part.index, text: part.text.value };
  }
  if (ev.type === 'thread.run.step.delta') {
    // { id, object, delta: { step_details: { type: 'tool_calls', tool_calls: [{ index, type: 'function', function: { arguments } }] } } }
    const d: unknown = ev.data;
    if (!only(d, 3) || typeof d.id !== 'string' || d.object !== 'thread.run.step.delta' || !only(d.delta, 1)) return null;
    const details = d.delta.step_details;
    if (!only(details, 2) || details.type !== 'tool_calls') return null;
    const call = oneItem(details.tool_calls);
    if (!only(call, 3) || !isIndex(call.index) || call.type !== 'function' || !only(call.function, 1) || typeof call.function.arguments !== 'string') return null;
    return { kind: CALL_ARGS, ref: d.id, index: call.index, text: call.function.arguments };
  }
  return null;
}

/** The event a fragment stands for: the inverse of `fragmentOf`. */
export function fragmentEvent(env: EventEnvelope, kind: FragmentKind, ref: string, index: number, text: string): RunEventRecord {
  const head = { id: env.id, run_id: env.run_id, thread_id: env.thread_id, seq: env.seq, ts: env.ts };
  if (kind === MESSAGE_TEXT) {
    return { ...head, type: 'thread.message.delta', data: { id: ref, object: 'thread.message.delta', delta: { content: [{ index, type: 'text', text: { value: text } }] } } };
  }
  return {
    ...head,
    type: 'thread.run.step.delta',
    data: { id: ref, object: 'thread.run.step.delta', delta: { step_details: { type: 'tool_calls', tool_calls: [{ index, type: 'function', function: { arguments: text } }] } } },
  };
}

/**
 * Large payloads that only the inspector shows travel as stubs. A `model.request` carries the
 * whole prompt (a long thread, a pasted document) and a `model.response` the whole reply: the
 * timeline's one reducer, its sequence diagram and the chat fold read only their small fields
 * (round, backend, model, message/tool counts, finish reason, usage, timings, error, the
 * tool calls' names), and the inspector asks `runs.eventBody` for the rest when it shows it.
 * Every other event (run, step and message snapshots, fragments, tool events) is folded by
 * the run or chat reducer and travels whole.
 */
export const LAZY_BODY_TYPES: ReadonlySet<RunEventType> = new Set<RunEventType>(['model.request', 'model.response']);
/** A lazy type's payload travels whole up to this size (JSON characters). */
export const LAZY_BODY_MIN = 8 * 1024;
/** How much of each long string a stub keeps, as a preview. */
export const STUB_PREVIEW = 200;

function cut(v: unknown): unknown {
  if (typeof v === 'string') return v.length > STUB_PREVIEW ? v.slice(0, STUB_PREVIEW) : v;
  if (Array.isArray(v)) return v.map(cut);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = cut(x);
    return out;
  }
  return v;
}

/**
 * The event as the app's faces get it: a large `model.request` / `model.response` becomes a
 * stub (same shape, every string over 200 characters cut to its first 200, arrays and
 * numbers kept, `elided` set); anything else is returned as it is.
 */
export function stubOf(ev: RunEventRecord): RunEventRecord {
  if (!LAZY_BODY_TYPES.has(ev.type) || ev.elided) return ev;
  const size = JSON.stringify(ev.data).length;
  if (size <= LAZY_BODY_MIN) return ev;
  const elided: ElidedBody = { size };
  if (ev.type === 'model.response') elided.text_length = ev.data.text.length;
  return { ...ev, data: cut(ev.data), elided } as RunEventRecord;
}

/**
 * One page of a run's event log, packed (`runs.eventsPage`). The page holds the events with
 * seq `first_seq`, `first_seq + 1`, … (a run's seq has no gaps), as columns: one entry per
 * event in `id`, `ts` and `ref`; one per fragment in `len` (its text is the next `len`
 * characters of `text`); one per whole event in `whole`.
 */
export interface PackedEventsPage {
  run_id: string;
  thread_id: string;
  first_seq: number;
  /** Each event's `id` minus the previous event's (the first one: minus 0). */
  id: number[];
  /** Each event's `ts` minus the previous event's (the first one: minus 0). */
  ts: number[];
  /** Each event's 0 (whole: the next entry of `whole`) or, for a fragment, 1 + its index into `refs`. */
  ref: number[];
  /** What fragments belong to: `[MESSAGE_TEXT or CALL_ARGS, message or step id, part or call index]`. */
  refs: Array<[FragmentKind, string, number]>;
  /** Per fragment: the length of its text (UTF-16 code units). */
  len: number[];
  /** The fragments' texts, one after the other. */
  text: string;
  /** The other events' type and data, in order; a stub (see `stubOf`) adds what it left out. */
  whole: Array<[RunEventRecord['type'], unknown] | [RunEventRecord['type'], unknown, ElidedBody]>;
  /** The seq of the run's newest event when the page was read: how far the log goes. */
  last_seq: number;
  /** True when events after this page exist (ask again after the page's last seq). */
  has_more: boolean;
}

/** Packs consecutive events of one run (seq without gaps) into a page. */
export function packEvents(runId: string, threadId: string, events: readonly RunEventRecord[], lastSeq: number, hasMore: boolean): PackedEventsPage {
  const page: PackedEventsPage = {
    run_id: runId,
    thread_id: threadId,
    first_seq: events[0]?.seq ?? 0,
    id: [],
    ts: [],
    ref: [],
    refs: [],
    len: [],
    text: '',
    whole: [],
    last_seq: lastSeq,
    has_more: hasMore,
  };
  const refIndex = new Map<string, number>();
  const texts: string[] = [];
  let prevId = 0;
  let prevTs = 0;
  events.forEach((ev, i) => {
    if (ev.seq !== page.first_seq + i || ev.run_id !== runId || ev.thread_id !== threadId) throw new Error(`packEvents: event ${i} (seq ${ev.seq}) does not follow in run ${runId}`);
    page.id.push(ev.id - prevId);
    page.ts.push(ev.ts - prevTs);
    prevId = ev.id;
    prevTs = ev.ts;
    const f = fragmentOf(ev);
    if (!f) {
      page.ref.push(WHOLE);
      const sent = stubOf(ev);
      page.whole.push(sent.elided ? [sent.type, sent.data, sent.elided] : [sent.type, sent.data]);
      return;
    }
    const key = `${f.kind}\u0000${f.index}\u0000${f.ref}`;
    let r = refIndex.get(key);
    if (r === undefined) {
      r = page.refs.length;
      refIndex.set(key, r);
      page.refs.push([f.kind, f.ref, f.index]);
    }
    page.ref.push(r + 1);
    page.len.push(f.text.length);
    texts.push(f.text);
  });
  page.text = texts.join('');
  return page;
}

/** Calls `take` with each event of a packed page, in order (fragments built anew, whole events and stubs as sent). */
export function forEachPacked(page: PackedEventsPage, take: (ev: RunEventRecord) => void): void {
  let id = 0;
  let ts = 0;
  let frag = 0;
  let whole = 0;
  let at = 0;
  for (let i = 0; i < page.ref.length; i++) {
    id += page.id[i];
    ts += page.ts[i];
    const env: EventEnvelope = { id, run_id: page.run_id, thread_id: page.thread_id, seq: page.first_seq + i, ts };
    const r = page.ref[i];
    if (r === WHOLE) {
      const [type, data, elided] = page.whole[whole++];
      take((elided ? { ...env, type, data, elided } : { ...env, type, data }) as RunEventRecord);
      continue;
    }
    const [kind, ref, index] = page.refs[r - 1];
    const len = page.len[frag++];
    take(fragmentEvent(env, kind, ref, index, page.text.slice(at, at + len)));
    at += len;
  }
}

/** Every event of a packed page, in order. */
export function unpackEvents(page: PackedEventsPage): RunEventRecord[] {
  const out: RunEventRecord[] = [];
  forEachPacked(page, (ev) => out.push(ev));
  return out;
}
