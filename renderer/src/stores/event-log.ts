/**
 * A run's event log held compactly: the envelope of every event in typed arrays, the text of
 * streamed fragments (message text, tool-call arguments) once in shared strings, and only
 * the other events (snapshots, model requests, tool events: a handful per step) as objects.
 * `at(i)` gives back the recorded event, built anew for fragments. So holding a
 * 100,000-fragment reply costs ~25 bytes per event plus the text once, not ~700 bytes of
 * objects per event.
 *
 * A log made `over` another one is a view: while what is pushed into it is what the other
 * log holds at the same position (the timeline model folding the run event cache's log), it
 * stores nothing and reads through; the first event that differs makes it copy what it has
 * seen and go on alone.
 */
import { CALL_ARGS, fragmentEvent, fragmentOf, WHOLE, type FragmentKind } from '../../../electron/contract/event-pack';
import type { RunEventRecord } from '../../../electron/contract/events';

/** Anything read by position: an array of events or an `EventLog`. */
export interface EventSeq {
  readonly length: number;
  at(i: number): RunEventRecord | undefined;
}

/** Text appended in small pieces, kept as flat chunks (pieces are joined, never left as long cons strings). */
class TextStore {
  private chunks: string[] = [];
  private starts: number[] = [];
  private pending: string[] = [];
  private pendingStart = 0;
  private pendingLen = 0;
  length = 0;

  /** Appends `s` (an empty one is not kept). */
  append(s: string): void {
    if (s.length === 0) return;
    if (this.pendingLen === 0) this.pendingStart = this.length;
    this.pending.push(s);
    this.pendingLen += s.length;
    this.length += s.length;
    if (this.pendingLen >= 4096) this.seal();
  }

  slice(start: number, len: number): string {
    if (len === 0) return '';
    if (start >= this.pendingStart && this.pendingLen > 0) {
      if (this.pending.length > 1) this.pending = [this.pending.join('')];
      return this.pending[0].slice(start - this.pendingStart, start - this.pendingStart + len);
    }
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= start) lo = mid;
      else hi = mid - 1;
    }
    return this.chunks[lo].slice(start - this.starts[lo], start - this.starts[lo] + len);
  }

  private seal(): void {
    this.chunks.push(this.pending.length === 1 ? this.pending[0] : this.pending.join(''));
    this.starts.push(this.pendingStart);
    this.pending = [];
    this.pendingLen = 0;
  }
}

/** Room for `n` more entries: grows by half (a doubling would leave up to half of it unused). */
function room(cap: number): number {
  return Math.max(16, Math.ceil(cap * 1.5));
}

/**
 * A growable column of numbers (seq, id, ts): 4-byte offsets from the first value while every
 * value is a whole number within 4 billion of it (the usual case: seqs count up, ids grow,
 * timestamps stay within 49 days), else 8-byte floats.
 */
class NumColumn {
  private base = 0;
  private u32: Uint32Array | null = new Uint32Array(16);
  private f64: Float64Array | null = null;

  get(i: number): number {
    return this.u32 ? this.base + this.u32[i] : (this.f64 as Float64Array)[i];
  }

  set(i: number, v: number): void {
    if (i === 0 && this.u32) this.base = v;
    const off = v - this.base;
    if (this.u32) {
      if (Number.isInteger(off) && off >= 0 && off <= 0xffffffff) {
        if (i >= this.u32.length) this.u32 = grown(this.u32, new Uint32Array(room(this.u32.length)));
        this.u32[i] = off;
        return;
      }
      const f = new Float64Array(room(Math.max(this.u32.length, i + 1)));
      for (let k = 0; k < i; k++) f[k] = this.base + this.u32[k];
      this.u32 = null;
      this.f64 = f;
    }
    let f = this.f64 as Float64Array;
    if (i >= f.length) f = this.f64 = grown(f, new Float64Array(room(f.length)));
    f[i] = v;
  }
}

function grown<T extends Uint32Array | Uint8Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

export class EventLog implements EventSeq, Iterable<RunEventRecord> {
  private n = 0;
  /** While set, events [0, n) are `view`'s first n events and nothing is stored here. */
  private view: EventLog | null;
  private seqs = new NumColumn();
  private ids = new NumColumn();
  private tss = new NumColumn();
  private kinds = new Uint8Array(16);
  /** Whole events: the index into `wholes`; fragments: into `refs`. */
  private refIdx = new Uint32Array(16);
  /** Where the fragments' text up to and including event i ends in `text` (a fragment's text starts where the previous one's ended). */
  private ends = new Uint32Array(16);
  private wholes: RunEventRecord[] = [];
  private refs: Array<{ ref: string; index: number }> = [];
  private refByKey = new Map<string, number>();
  private text = new TextStore();
  private runId: string | null = null;
  private threadId: string | null = null;

  constructor(over?: EventLog) {
    this.view = over ? (over.view ?? over) : null;
  }

  get length(): number {
    return this.n;
  }

  /** Appends one event (in the caller's order). */
  push(ev: RunEventRecord): void {
    const v = this.view;
    if (v) {
      if (this.n < v.length && v.seqAt(this.n) === ev.seq && v.idAt(this.n) === ev.id) {
        this.n++;
        return;
      }
      this.detach();
    }
    this.pushOwn(ev);
  }

  /** Stops reading through `view`: copies the events seen so far. */
  private detach(): void {
    const v = this.view as EventLog;
    const n = this.n;
    this.view = null;
    this.n = 0;
    for (let i = 0; i < n; i++) this.pushOwn(v.at(i) as RunEventRecord);
  }

  private pushOwn(ev: RunEventRecord): void {
    if (this.n === this.kinds.length) {
      const cap = room(this.kinds.length);
      this.kinds = grown(this.kinds, new Uint8Array(cap));
      this.refIdx = grown(this.refIdx, new Uint32Array(cap));
      this.ends = grown(this.ends, new Uint32Array(cap));
    }
    const i = this.n++;
    this.seqs.set(i, ev.seq);
    this.ids.set(i, ev.id);
    this.tss.set(i, ev.ts);
    this.runId ??= ev.run_id;
    this.threadId ??= ev.thread_id;
    const f = ev.run_id === this.runId && ev.thread_id === this.threadId ? fragmentOf(ev) : null;
    if (!f) {
      this.kinds[i] = WHOLE;
      this.refIdx[i] = this.wholes.length;
      this.wholes.push(ev);
      this.ends[i] = this.text.length;
      return;
    }
    this.kinds[i] = f.kind;
    const key = `${f.kind}\u0000${f.index}\u0000${f.ref}`;
    let r = this.refByKey.get(key);
    if (r === undefined) {
      r = this.refs.length;
      this.refs.push({ ref: f.ref, index: f.index });
      this.refByKey.set(key, r);
    }
    this.refIdx[i] = r;
    this.text.append(f.text);
    this.ends[i] = this.text.length;
  }

  /** The event at `i` (fragments are built anew on each call), or undefined past the end. */
  at(i: number): RunEventRecord | undefined {
    if (i < 0) i += this.n;
    if (i < 0 || i >= this.n) return undefined;
    if (this.view) return this.view.at(i);
    const kind = this.kinds[i];
    if (kind === WHOLE) return this.wholes[this.refIdx[i]];
    const { ref, index } = this.refs[this.refIdx[i]];
    const env = { id: this.ids.get(i), run_id: this.runId as string, thread_id: this.threadId as string, seq: this.seqs.get(i), ts: this.tss.get(i) };
    const start = i === 0 ? 0 : this.ends[i - 1];
    return fragmentEvent(env, kind as FragmentKind, ref, index, this.text.slice(start, this.ends[i] - start));
  }

  seqAt(i: number): number {
    return this.view ? this.view.seqAt(i) : this.seqs.get(i);
  }

  idAt(i: number): number {
    return this.view ? this.view.idAt(i) : this.ids.get(i);
  }

  tsAt(i: number): number {
    return this.view ? this.view.tsAt(i) : this.tss.get(i);
  }

  typeAt(i: number): RunEventRecord['type'] {
    if (this.view) return this.view.typeAt(i);
    const kind = this.kinds[i];
    if (kind === WHOLE) return this.wholes[this.refIdx[i]].type;
    return kind === CALL_ARGS ? 'thread.run.step.delta' : 'thread.message.delta';
  }

  /** Events `[from, to)`, as objects. */
  slice(from = 0, to = this.n): RunEventRecord[] {
    const out: RunEventRecord[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, this.n); i++) out.push(this.at(i) as RunEventRecord);
    return out;
  }

  *[Symbol.iterator](): Iterator<RunEventRecord> {
    for (let i = 0; i < this.n; i++) yield this.at(i) as RunEventRecord;
  }
}

/** The `ts` of event `i` of `events`, without building a fragment. */
export function tsOf(events: EventSeq, i: number): number {
  return events instanceof EventLog ? events.tsAt(i) : (events.at(i) as RunEventRecord).ts;
}

/** The `type` of event `i` of `events`, without building a fragment. */
export function typeOf(events: EventSeq, i: number): RunEventRecord['type'] {
  return events instanceof EventLog ? events.typeAt(i) : (events.at(i) as RunEventRecord).type;
}
