/**
 * A run's event log held compactly: the envelope of every event in typed arrays, the text of
 * streamed fragments (message text, tool-call arguments) once in shared strings, and only
 * the other events (snapshots, model requests, tool events: a handful per step) as objects.
 * `at(i)` gives back the recorded event, built anew for fragments. So holding a
 * 100,000-fragment reply costs ~33 bytes per event plus the text once, not ~700 bytes of
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

  /** Appends `s`; returns where it starts. */
  append(s: string): number {
    const start = this.length;
    if (this.pendingLen === 0) this.pendingStart = start;
    this.pending.push(s);
    this.pendingLen += s.length;
    this.length += s.length;
    if (this.pendingLen >= 4096) this.seal();
    return start;
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

export class EventLog implements EventSeq, Iterable<RunEventRecord> {
  private n = 0;
  /** While set, events [0, n) are `view`'s first n events and nothing is stored here. */
  private view: EventLog | null;
  private seqs = new Uint32Array(16);
  private ids = new Float64Array(16);
  private tss = new Float64Array(16);
  private kinds = new Uint8Array(16);
  /** Whole events: the index into `wholes`; fragments: into `refs`. */
  private refIdx = new Uint32Array(16);
  /** Fragments: where the text starts in `text`, and its length. */
  private starts = new Uint32Array(16);
  private lens = new Uint32Array(16);
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
    if (this.n === this.seqs.length) this.grow();
    const i = this.n++;
    this.seqs[i] = ev.seq;
    this.ids[i] = ev.id;
    this.tss[i] = ev.ts;
    this.runId ??= ev.run_id;
    this.threadId ??= ev.thread_id;
    const f = ev.run_id === this.runId && ev.thread_id === this.threadId ? fragmentOf(ev) : null;
    if (!f) {
      this.kinds[i] = WHOLE;
      this.refIdx[i] = this.wholes.length;
      this.wholes.push(ev);
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
    this.starts[i] = this.text.append(f.text);
    this.lens[i] = f.text.length;
  }

  /** The event at `i` (fragments are built anew on each call), or undefined past the end. */
  at(i: number): RunEventRecord | undefined {
    if (i < 0) i += this.n;
    if (i < 0 || i >= this.n) return undefined;
    if (this.view) return this.view.at(i);
    const kind = this.kinds[i];
    if (kind === WHOLE) return this.wholes[this.refIdx[i]];
    const { ref, index } = this.refs[this.refIdx[i]];
    const env = { id: this.ids[i], run_id: this.runId as string, thread_id: this.threadId as string, seq: this.seqs[i], ts: this.tss[i] };
    return fragmentEvent(env, kind as FragmentKind, ref, index, this.text.slice(this.starts[i], this.lens[i]));
  }

  seqAt(i: number): number {
    return this.view ? this.view.seqAt(i) : this.seqs[i];
  }

  idAt(i: number): number {
    return this.view ? this.view.idAt(i) : this.ids[i];
  }

  tsAt(i: number): number {
    return this.view ? this.view.tsAt(i) : this.tss[i];
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

  private grow(): void {
    const cap = this.seqs.length * 2;
    const grown = <T extends Float64Array | Uint32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.seqs = grown(this.seqs, (n) => new Uint32Array(n));
    this.ids = grown(this.ids, (n) => new Float64Array(n));
    this.tss = grown(this.tss, (n) => new Float64Array(n));
    this.kinds = grown(this.kinds, (n) => new Uint8Array(n));
    this.refIdx = grown(this.refIdx, (n) => new Uint32Array(n));
    this.starts = grown(this.starts, (n) => new Uint32Array(n));
    this.lens = grown(this.lens, (n) => new Uint32Array(n));
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
