/**
 * The renderer's ONE copy of each run's event log. Pushes come in through `receive` (from
 * the one subscription module), gaps are filled by the one refetch (`sync`, which asks
 * `runs.eventsPage(runId, afterSeq, limit)` page after page), and every reader — the chat's runs store, the run
 * timeline, the thread timeline — folds what the cache hands it instead of keeping a log
 * of its own.
 *
 * Guarantees: per run, events are held and delivered in `seq` order with no gap and no
 * duplicate; a listener is given only the events it has not been given yet (O(new events)
 * per update); `afterSeq` is the cursor for "events after". Runs that nobody retains and
 * that have finished are dropped oldest first beyond `maxRuns` (a reader re-syncs them).
 */
import type { RunLensApi } from '../../../electron/contract/api';
import { unpackEvents } from '../../../electron/contract/event-pack';
import type { RunEventRecord } from '../../../electron/contract/events';
import { isRunStatusEvent } from '../../../electron/contract/event-guards';
import type { RunStatus } from '../../../electron/contract/objects';
import { isTerminalRunStatus } from '../../../electron/contract/run-lifecycle';
import { EventLog } from './event-log';

/** One run's held events. Read-only for readers; only the cache mutates it. */
export interface CachedRun {
  readonly runId: string;
  readonly threadId: string;
  /**
   * Held events in seq order, contiguous: `events.at(i).seq === firstSeq + i`. Held compactly
   * (streamed fragments as numbers plus their text once); `at(i)` builds the event.
   */
  readonly events: EventLog;
  /** The seq of `events[0]` (1 while the whole log is held). */
  firstSeq: number;
  /** The last contiguous seq held (0 for none): fetches ask for events after it. */
  afterSeq: number;
  /** The run's status as of the newest held run snapshot. */
  status: RunStatus | null;
  /** True once a fetch from the log has completed (so "nothing held" means "no events"). */
  fetched: boolean;
  /** The last fetch error, cleared by a successful fetch. */
  error: string | null;
}

/** Called with the run and the events just appended to it (in order, never empty). */
export type AppendListener = (run: CachedRun, added: readonly RunEventRecord[]) => void;

interface Entry extends CachedRun {
  /** Pushes that arrived after a hole, waiting for the refetch to fill it. */
  early: Map<number, RunEventRecord>;
  retainers: number;
}

/** How many rounds one `sync` makes while events keep arriving out of order. */
const MAX_SYNC_ROUNDS = 6;
/** A small first page paints a long run at once; the rest follows in bigger pages. */
const FIRST_PAGE = 2_000;
const PAGE = 10_000;
/** How many whole events fetched for stubs are kept (a request and a response per shown step). */
const MAX_BODIES = 6;

/** The events of `run` with seq > `seq` that the cache holds, oldest first (built for the caller: fold them, don't keep them). */
export function eventsAfter(run: CachedRun, seq: number): RunEventRecord[] {
  return run.events.slice(Math.max(0, seq + 1 - run.firstSeq));
}

export class RunEventCache {
  private readonly runs = new Map<string, Entry>();
  private readonly listeners = new Set<AppendListener>();
  private readonly runListeners = new Map<string, Set<AppendListener>>();
  private readonly syncing = new Map<string, Promise<CachedRun>>();
  /** Whole events fetched for stubs, least recently asked first. */
  private readonly bodies = new Map<string, Promise<RunEventRecord>>();

  constructor(
    private readonly api: Pick<RunLensApi, 'runs'>,
    readonly maxRuns = 64,
  ) {}

  /** The held run, if any. */
  get(runId: string): CachedRun | undefined {
    return this.runs.get(runId);
  }

  /** Every held run (for catching up after the window was hidden or offline). */
  all(): CachedRun[] {
    return [...this.runs.values()];
  }

  /** Listens to appends of every run. */
  onAppend(listener: AppendListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Listens to appends of one run. */
  onRun(runId: string, listener: AppendListener): () => void {
    let set = this.runListeners.get(runId);
    if (!set) this.runListeners.set(runId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.runListeners.delete(runId);
    };
  }

  /** Keeps a run held while a view shows it; the returned function lets it go. */
  retain(runId: string, threadId: string): () => void {
    const entry = this.entry(runId, threadId);
    entry.retainers++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      entry.retainers--;
    };
  }

  /** Takes one pushed event: appended when it is the next one, else held until `sync` fills the hole. */
  receive(event: RunEventRecord): void {
    const entry = this.entry(event.run_id, event.thread_id);
    if (event.seq <= entry.afterSeq) return;
    if (event.seq !== entry.afterSeq + 1) {
      entry.early.set(event.seq, event);
      void this.sync(event.run_id, event.thread_id);
      return;
    }
    this.append(entry, [event]);
  }

  /**
   * Fetches every event after what is held and appends them; repeats while a hole remains
   * (more may land meanwhile). One fetch per run at a time: concurrent callers share it.
   */
  sync(runId: string, threadId: string): Promise<CachedRun> {
    const running = this.syncing.get(runId);
    if (running) return running;
    const job = (async () => {
      try {
        let entry = this.entry(runId, threadId);
        let pages = 0;
        /** The next page, asked for while the previous one was being folded. */
        let ahead: { after: number; page: Promise<{ events: RunEventRecord[]; has_more: boolean }> } | null = null;
        for (let round = 0; round < MAX_SYNC_ROUNDS; round++) {
          let page: { events: RunEventRecord[]; has_more: boolean };
          try {
            const after = entry.afterSeq;
            const pending: Promise<{ events: RunEventRecord[]; has_more: boolean }> = ahead?.after === after ? ahead.page : this.fetchPage(runId, after, pages++ === 0 ? FIRST_PAGE : PAGE);
            ahead = null;
            page = await pending;
          } catch (error) {
            entry.error = error instanceof Error ? error.message : String(error);
            return entry;
          }
          entry = this.entry(runId, threadId); // it may have been dropped and re-created meanwhile
          entry.fetched = true;
          entry.error = null;
          const last = page.events[page.events.length - 1];
          if (page.has_more && last) {
            // the server reads the next page while this one is folded and painted
            ahead = { after: last.seq, page: this.fetchPage(runId, last.seq, PAGE) };
            ahead.page.catch(() => undefined); // awaited (and its error kept) on the next round; unused if the entry changed
            pages++;
          }
          this.append(entry, page.events);
          // A long log comes in pages: readers fold (and paint) each one as it lands.
          if (page.has_more && page.events.length > 0) {
            round--;
            continue;
          }
          if (entry.early.size === 0) break;
        }
        return entry;
      } finally {
        this.syncing.delete(runId);
      }
    })();
    this.syncing.set(runId, job);
    return job;
  }

  /** One page of events after `afterSeq` (the whole rest where the API has no paging). */
  private async fetchPage(runId: string, afterSeq: number, limit: number): Promise<{ events: RunEventRecord[]; has_more: boolean }> {
    if (typeof this.api.runs.eventsPage !== 'function') return { events: await this.api.runs.events(runId, afterSeq), has_more: false };
    const page = await this.api.runs.eventsPage(runId, afterSeq, limit);
    return { events: unpackEvents(page), has_more: page.has_more };
  }

  /**
   * The whole event `ev` stands for: `ev` itself unless it is a stub (`elided`: a large
   * `model.request` / `model.response` that pages and pushes leave out), else fetched with
   * `runs.eventBody`. The last few bodies are kept (an inspector re-rendering asks again); a
   * failed fetch is not kept, so asking again retries.
   */
  body(ev: RunEventRecord): Promise<RunEventRecord> {
    if (!ev.elided) return Promise.resolve(ev);
    const key = `${ev.run_id}\u0000${ev.seq}`;
    const held = this.bodies.get(key);
    if (held) {
      this.bodies.delete(key);
      this.bodies.set(key, held);
      return held;
    }
    const job = this.api.runs.eventBody(ev.run_id, ev.seq);
    this.bodies.set(key, job);
    job.catch(() => {
      if (this.bodies.get(key) === job) this.bodies.delete(key);
    });
    while (this.bodies.size > MAX_BODIES) this.bodies.delete(this.bodies.keys().next().value as string);
    return job;
  }

  /** `sync` unless a fetch already completed for the run. */
  ensure(runId: string, threadId: string): Promise<CachedRun> {
    const entry = this.runs.get(runId);
    return entry?.fetched ? Promise.resolve(entry) : this.sync(runId, threadId);
  }

  private entry(runId: string, threadId: string): Entry {
    let entry = this.runs.get(runId);
    if (!entry) {
      entry = { runId, threadId, events: new EventLog(), firstSeq: 1, afterSeq: 0, status: null, fetched: false, error: null, early: new Map(), retainers: 0 };
      this.runs.set(runId, entry);
      this.evict();
    }
    return entry;
  }

  /** Appends the contiguous part of `events` (plus early pushes it unblocks) and tells listeners. */
  private append(entry: Entry, events: readonly RunEventRecord[]): void {
    const added: RunEventRecord[] = [];
    const take = (ev: RunEventRecord) => {
      entry.events.push(ev);
      entry.afterSeq = ev.seq;
      if (isRunStatusEvent(ev)) entry.status = ev.data.status;
      added.push(ev);
    };
    for (const ev of events) {
      if (ev.seq <= entry.afterSeq) continue;
      if (ev.seq !== entry.afterSeq + 1) break;
      take(ev);
    }
    for (let next = entry.early.get(entry.afterSeq + 1); next; next = entry.early.get(entry.afterSeq + 1)) {
      entry.early.delete(next.seq);
      take(next);
    }
    for (const seq of entry.early.keys()) if (seq <= entry.afterSeq) entry.early.delete(seq);
    if (added.length === 0) return;
    for (const fn of this.runListeners.get(entry.runId) ?? []) fn(entry, added);
    for (const fn of this.listeners) fn(entry, added);
  }

  /** Drops the oldest finished, unretained runs beyond `maxRuns`. */
  private evict(): void {
    let excess = this.runs.size - this.maxRuns;
    if (excess <= 0) return;
    for (const [id, entry] of this.runs) {
      if (excess <= 0) break;
      if (entry.retainers > 0 || entry.status === null || !isTerminalRunStatus(entry.status) || this.syncing.has(id)) continue;
      this.runs.delete(id);
      excess--;
    }
  }
}
