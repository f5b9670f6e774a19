import type { Db } from '../db/database';
import { ApiError } from '../runtime/api-error';
import type { RunEventBase, RunEventPayloads, RunEventRecord, RunEventType } from '../../contract/events';
import type { StorageStatus } from '../../contract/api';

/** State writes committed in the same transaction as the events (the Store). */
export interface DeferredWriter {
  hasPendingWrites(): boolean;
  /** Runs the queued writes inside the flush's transaction; they stay queued until `writesCommitted`. */
  drainWrites(): void;
  /** The transaction that ran them committed: forget them. */
  writesCommitted(): void;
  /** The batch was given up: forget the queued writes and anything cached from them. */
  discardWrites(): void;
}

/** Why a batch could not be committed, and what was given up. */
export interface DroppedBatch {
  error: Error;
  /** Runs whose uncommitted events were dropped (their seq continues from the last committed one). */
  runIds: string[];
}

/** The state of the storage as the faces show it (defined in the contract, pushed as `storage.status`). */
export type { StorageStatus };

/** How often and how soon a failed commit is retried before its batch is given up. */
export const COMMIT_RETRY_DELAYS_MS: readonly number[] = [50, 200, 500, 1000, 2000];

/** The error callers waiting on a given-up batch receive (an HTTP 500 `server_error`). */
export class StorageError extends ApiError {
  constructor(readonly reason: Error) {
    super(
      500,
      `RunLens could not save the change to its database (${reason.message}); nothing of it was kept. Free disk space or check the data directory, then try again.`,
      'server_error',
      null,
      'storage_failed',
    );
    this.name = 'StorageError';
  }
}

export interface EventFilter {
  run_id?: string;
  thread_id?: string;
}

type Listener = (event: RunEventRecord) => void;

interface Subscription {
  filter: EventFilter;
  listener: Listener;
}

/**
 * An appended event. A class rather than a literal so the JSON of `data`, written once to
 * SQLite, can ride along in a private field: SSE reuses it, while JSON and structured
 * clone (IPC) still see only the record's own fields.
 */
class LoggedEvent implements RunEventBase {
  #json: string | undefined;

  constructor(
    public id: number,
    public run_id: string,
    public thread_id: string,
    public seq: number,
    public ts: number,
    public type: RunEventType,
    public data: unknown,
    json?: string,
  ) {
    this.#json = json;
  }

  json(): string {
    if (this.#json === undefined) this.#json = JSON.stringify(this.data);
    return this.#json;
  }
}

/** The JSON of an event's `data` as it was written to SQLite (computed once, reused by SSE). */
export function eventDataJson(event: RunEventBase & { data: unknown }): string {
  return event instanceof LoggedEvent ? event.json() : JSON.stringify(event.data);
}

function matches(filter: EventFilter, event: RunEventRecord): boolean {
  return (!filter.run_id || filter.run_id === event.run_id) && (!filter.thread_id || filter.thread_id === event.thread_id);
}

interface Row {
  id: number;
  run_id: string;
  thread_id: string;
  seq: number;
  ts: number;
  type: string;
  data: string;
}

/** The storage boundary: a row's type and JSON were written by `append`, which typed them. */
function asRecord(event: LoggedEvent): RunEventRecord {
  return event as RunEventRecord;
}

function fromRow(row: Row): RunEventRecord {
  return asRecord(new LoggedEvent(row.id, row.run_id, row.thread_id, row.seq, row.ts, row.type as RunEventType, JSON.parse(row.data) as unknown, row.data));
}

/**
 * The append-only run event log. `append` numbers the event at once (gap-free `seq` per
 * run, global `id`), queues it, and a flush on the next turn of the event loop writes the
 * whole batch in one transaction and only then publishes it, in order. Reads flush first,
 * so nothing appended is ever missing from a read.
 *
 * Callers must not mutate `data` after appending (snapshots are immutable by convention).
 */
export class EventLog {
  private pending: LoggedEvent[] = [];
  private flushScheduled = false;
  private nextId: number;
  private readonly seqByRun = new Map<string, number>();
  private readonly subscriptions = new Set<Subscription>();
  private readonly insert;
  private readonly maxSeq;
  private readonly insertBatch;
  private writer: DeferredWriter | null = null;
  private readonly commitListeners: Array<() => void> = [];
  private readonly dropListeners: Array<(dropped: DroppedBatch) => void> = [];
  private readonly statusListeners: Array<(status: StorageStatus) => void> = [];
  private readonly failureLoggers: Array<(error: Error, attempts: number) => void> = [];
  /** Callers waiting for everything pending now to be committed (acknowledge-after-commit). */
  private waiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  /** Set while the current batch keeps failing: only the retry timer flushes then. */
  private failure: { attempts: number; error: Error; timer: NodeJS.Timeout | null } | null = null;
  /** Test hook: called inside each commit's transaction, before its writes (throw to simulate a failing disk). */
  beforeCommit: (() => void) | null = null;
  private closed = false;
  /** While above 0 nothing is written: a session import owns the connection (see `hold`). */
  private holds = 0;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    const row = db.prepare('SELECT MAX(id) AS id FROM events').get() as { id: number | null };
    this.nextId = (row.id ?? 0) + 1;
    this.insert = db.prepare('INSERT INTO events (id, run_id, thread_id, seq, ts, type, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.maxSeq = db.prepare('SELECT MAX(seq) AS seq FROM events WHERE run_id = ?');
    this.insertBatch = db.transaction((events: LoggedEvent[]) => {
      this.beforeCommit?.();
      this.writer?.drainWrites();
      for (const e of events) this.insert.run(e.id, e.run_id, e.thread_id, e.seq, e.ts, e.type, e.json());
    });
  }

  /** Commits this writer's deferred state writes in each flush, before the events. */
  attachWriter(writer: DeferredWriter): void {
    this.writer = writer;
  }

  /** Called after every commit (the idle checkpointer listens). */
  onCommit(listener: () => void): void {
    this.commitListeners.push(listener);
  }

  /** Called when a batch that kept failing is given up (the runtime fails the runs it touched). */
  onDrop(listener: (dropped: DroppedBatch) => void): void {
    this.dropListeners.push(listener);
  }

  /** Called when commits start failing and when they succeed again. */
  onStatus(listener: (status: StorageStatus) => void): () => void {
    this.statusListeners.push(listener);
    return () => {
      const i = this.statusListeners.indexOf(listener);
      if (i >= 0) this.statusListeners.splice(i, 1);
    };
  }

  /** Whether the last commit succeeded, and if not, why. */
  status(): StorageStatus {
    return this.failure
      ? { ok: false, message: `Saving to the database is failing: ${this.failure.error.message}`, failed_attempts: this.failure.attempts, given_up: false }
      : { ok: true, message: null, failed_attempts: 0, given_up: false };
  }

  /**
   * Resolves once everything appended or deferred so far is committed: the acknowledgement a
   * face waits for before answering a call. Many callers share one commit (the group commit of
   * this turn of the event loop). Rejects with a StorageError when that batch is given up.
   */
  committed(): Promise<void> {
    if (this.pending.length === 0 && !this.writer?.hasPendingWrites() && !this.failure) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.requestFlush();
    });
  }

  /** Schedules a flush on the next turn of the event loop (once per turn). */
  requestFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  /** Numbers and queues an event; it is committed and published on the next flush. */
  append<K extends RunEventType>(runId: string, threadId: string, type: K, data: RunEventPayloads[K]): RunEventRecord<K> {
    // After close (a leg unwinding at shutdown): nothing more is recorded.
    if (this.closed) return asRecord(new LoggedEvent(0, runId, threadId, 0, this.now(), type, data)) as RunEventRecord<K>;
    const seq = this.lastSeq(runId) + 1;
    this.seqByRun.set(runId, seq);
    const event = new LoggedEvent(this.nextId++, runId, threadId, seq, this.now(), type, data);
    this.pending.push(event);
    this.requestFlush();
    return asRecord(event) as RunEventRecord<K>;
  }

  /** The highest seq given to a run so far (committed or pending); 0 for none. */
  lastSeq(runId: string): number {
    let seq = this.seqByRun.get(runId);
    if (seq === undefined) {
      seq = (this.maxSeq.get(runId) as { seq: number | null }).seq ?? 0;
      this.seqByRun.set(runId, seq);
    }
    return seq;
  }

  /**
   * Commits deferred state writes and every pending event in one transaction, then publishes
   * the events in order and resolves the waiting callers. Never throws: a failed commit keeps
   * the batch and retries it (COMMIT_RETRY_DELAYS_MS); while it fails, other flushes wait.
   */
  flush(): void {
    this.flushScheduled = false;
    if (this.failure || this.closed || this.holds > 0) return;
    this.commit();
  }

  /**
   * Commits what is pending, then keeps every later commit off the connection until the
   * returned function is called: a session import runs its one transaction across turns of the
   * event loop, and a group commit in between would join it (and roll back with it). Appends
   * and deferred state writes keep their numbers and wait; `committed()` callers wait too.
   */
  hold(): () => void {
    this.flush();
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      if (this.holds > 0) return;
      if (this.failure) {
        if (!this.failure.timer) this.commit();
      } else this.requestFlush();
    };
  }

  /** Whether commits are held (an import is running). */
  isHeld(): boolean {
    return this.holds > 0;
  }

  private commit(): void {
    if (this.holds > 0) return;
    if (this.pending.length === 0 && !this.writer?.hasPendingWrites()) {
      this.settleWaiters(null);
      return;
    }
    const batch = this.pending;
    try {
      this.insertBatch(batch);
    } catch (error) {
      this.commitFailed(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    this.pending = [];
    this.writer?.writesCommitted();
    const recovered = this.failure !== null;
    this.failure = null;
    if (recovered) this.emitStatus();
    for (const listener of this.commitListeners) listener();
    for (const event of batch) this.publish(asRecord(event));
    this.settleWaiters(null);
    // Events appended by listeners during publish are in the next batch.
  }

  private commitFailed(error: Error): void {
    const attempts = (this.failure?.attempts ?? 0) + 1;
    this.failure = { attempts, error, timer: null };
    this.emitStatus();
    for (const listener of this.failureLoggers) listener(error, attempts);
    if (attempts <= COMMIT_RETRY_DELAYS_MS.length) {
      const timer = setTimeout(() => {
        if (this.failure) this.failure.timer = null;
        this.commit();
      }, COMMIT_RETRY_DELAYS_MS[attempts - 1]);
      timer.unref?.();
      this.failure.timer = timer;
      return;
    }
    this.dropBatch(error);
  }

  /**
   * Gives up the pending batch after its retries: its events and deferred writes are
   * forgotten and their numbers handed out again, so `seq` and `id` never have a gap; the
   * callers waiting on it get a StorageError; drop listeners fail the runs it touched.
   */
  private dropBatch(error: Error): void {
    const runIds = [...new Set(this.pending.map((e) => e.run_id))];
    this.pending = [];
    this.writer?.discardWrites();
    for (const runId of runIds) this.seqByRun.delete(runId);
    try {
      const row = this.db.prepare('SELECT MAX(id) AS id FROM events').get() as { id: number | null };
      this.nextId = (row.id ?? 0) + 1;
    } catch {
      // Unreadable too: keep counting from where we were (ids stay unique, at worst with a gap).
    }
    this.failure = null;
    this.settleWaiters(new StorageError(error));
    this.emitStatus({ ok: false, message: `Saving to the database failed: ${error.message}. The affected runs were failed.`, failed_attempts: COMMIT_RETRY_DELAYS_MS.length + 1, given_up: true });
    for (const listener of this.dropListeners) {
      try {
        listener({ error, runIds });
      } catch (listenerError) {
        console.error('drop listener failed', listenerError);
      }
    }
  }

  /** Called on every failed commit attempt (the log records it). */
  onCommitFailure(listener: (error: Error, attempts: number) => void): void {
    this.failureLoggers.push(listener);
  }

  private settleWaiters(error: Error | null): void {
    if (this.waiters.length === 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) {
      if (error) w.reject(error);
      else w.resolve();
    }
  }

  private emitStatus(status: StorageStatus = this.status()): void {
    for (const listener of this.statusListeners) {
      try {
        listener(status);
      } catch (error) {
        console.error('storage status listener failed', error);
      }
    }
  }

  /** Commits what is pending (one last try) and stops: later appends are ignored, retries end. */
  close(): void {
    if (this.closed) return;
    if (this.failure?.timer) clearTimeout(this.failure.timer);
    this.failure = null;
    this.commit();
    if (this.failure) clearTimeout((this.failure as { timer: NodeJS.Timeout | null }).timer ?? undefined);
    this.failure = null;
    this.closed = true;
    this.settleWaiters(new StorageError(new Error('RunLens is shutting down')));
  }

  private publish(event: RunEventRecord): void {
    for (const sub of this.subscriptions) {
      if (!matches(sub.filter, event)) continue;
      try {
        sub.listener(event);
      } catch (error) {
        console.error('event listener failed', error);
      }
    }
  }

  /** A run's committed events with seq > afterSeq, oldest first; at most `limit` of them when given. */
  readRun(runId: string, afterSeq = 0, limit?: number): RunEventRecord[] {
    this.flush();
    const rows = (
      limit === undefined
        ? this.db.prepare('SELECT * FROM events WHERE run_id = ? AND seq > ? ORDER BY seq').all(runId, afterSeq)
        : this.db.prepare('SELECT * FROM events WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?').all(runId, afterSeq, limit)
    ) as Row[];
    return rows.map(fromRow);
  }

  /** Committed events matching a filter with id > afterId, oldest first. */
  read(filter: EventFilter, afterId = 0, limit = 100_000): RunEventRecord[] {
    this.flush();
    const where = ['id > ?'];
    const args: Array<string | number> = [afterId];
    if (filter.run_id) {
      where.push('run_id = ?');
      args.push(filter.run_id);
    }
    if (filter.thread_id) {
      where.push('thread_id = ?');
      args.push(filter.thread_id);
    }
    const rows = this.db
      .prepare(`SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY id LIMIT ?`)
      .all(...args, limit) as Row[];
    return rows.map(fromRow);
  }

  /**
   * Follows committed events. With `from`, first replays what is recorded after that point
   * (`afterSeq` for a run filter, `afterId` otherwise), then continues live with no gap and
   * no duplicate, because replay and attach happen in one synchronous step.
   */
  subscribe(filter: EventFilter, listener: Listener, from?: { afterSeq?: number; afterId?: number }): () => void {
    const sub: Subscription = { filter, listener };
    if (from) {
      const backlog =
        from.afterSeq !== undefined && filter.run_id
          ? this.readRun(filter.run_id, from.afterSeq)
          : this.read(filter, from.afterId ?? 0);
      for (const event of backlog) listener(event);
    }
    this.subscriptions.add(sub);
    return () => {
      this.subscriptions.delete(sub);
    };
  }

  /**
   * Hands out `count` consecutive global ids for events written outside `append` (session
   * imports), after flushing, so appended and imported events never share an id.
   */
  reserveIds(count: number): number {
    this.flush();
    const row = this.db.prepare('SELECT MAX(id) AS id FROM events').get() as { id: number | null };
    const first = Math.max(this.nextId, (row.id ?? 0) + 1);
    this.nextId = first + count;
    return first;
  }

  /** Declares a run that has no events yet, so its first append needs no lookup. */
  beginRun(runId: string): void {
    if (!this.seqByRun.has(runId)) this.seqByRun.set(runId, 0);
  }

  /** Forgets the seq cache of a deleted run. */
  forget(runId: string): void {
    this.seqByRun.delete(runId);
  }
}
