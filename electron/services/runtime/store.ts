/**
 * Row access for the Assistants objects. Objects are stored as their exact JSON shape
 * plus the few columns that are queried; creation order is SQLite's rowid, which is what
 * cursor pagination walks.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database';
import type { Assistant, ListPage, Message, Run, RunStep, Thread } from '../../contract/objects';
import type { ListQuery } from './runtime-types';

type Table = 'assistants' | 'threads' | 'messages' | 'runs' | 'run_steps';

/** Cursor pagination over one table (assistants-api.md §2, Lists). */
export function pageOf<T extends { id: string }>(
  db: Db,
  table: Table,
  filter: { sql: string; args: unknown[] },
  query: ListQuery,
): ListPage<T> {
  const limit = query.limit ?? 20;
  const desc = (query.order ?? 'desc') === 'desc';
  const where = [filter.sql];
  const args: unknown[] = [...filter.args];
  const rowidOf = (id: string): number | null =>
    (db.prepare(`SELECT rowid AS r FROM ${table} WHERE id = ?`).get(id) as { r: number } | undefined)?.r ?? null;
  let reverse = false;
  if (query.after) {
    const r = rowidOf(query.after);
    if (r === null) return { object: 'list', data: [], first_id: null, last_id: null, has_more: false };
    where.push(desc ? 'rowid < ?' : 'rowid > ?');
    args.push(r);
  }
  if (query.before) {
    const r = rowidOf(query.before);
    if (r === null) return { object: 'list', data: [], first_id: null, last_id: null, has_more: false };
    where.push(desc ? 'rowid > ?' : 'rowid < ?');
    args.push(r);
    // Walk from the cursor towards the start, then put the page back in the asked order.
    if (!query.after) reverse = true;
  }
  const walkDesc = reverse ? !desc : desc;
  const rows = db
    .prepare(`SELECT data FROM ${table} WHERE ${where.join(' AND ')} ORDER BY rowid ${walkDesc ? 'DESC' : 'ASC'} LIMIT ?`)
    .all(...args, limit + 1) as Array<{ data: string }>;
  const has_more = rows.length > limit;
  const data = rows.slice(0, limit).map((r) => JSON.parse(r.data) as T);
  if (reverse) data.reverse();
  return {
    object: 'list',
    data,
    first_id: data.length > 0 ? data[0].id : null,
    last_id: data.length > 0 ? data[data.length - 1].id : null,
    has_more,
  };
}

/** A Map that forgets its oldest entries past `max` (insertion order). */
class BoundedCache<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }
}

function parse<T>(row: { data: string } | undefined): T | null {
  return row ? (JSON.parse(row.data) as T) : null;
}

/** Who commits deferred writes: the event log, in the same transaction as its events. */
export interface WriteFlusher {
  flush(): void;
  requestFlush(): void;
}

/**
 * Hot-path writes (runs, steps, messages, threads) are deferred and committed by the event
 * log's flush in the same transaction as the events they belong to: one commit per turn of
 * the event loop, and state and events always land together. Every read syncs first, so
 * callers never see a stale row.
 */
export class Store {
  private readonly statements = new Map<string, Statement>();
  private writes: Array<() => void> = [];
  private flusher: WriteFlusher | null = null;
  /** Threads and assistants are read on nearly every request: kept in memory, written through. */
  private readonly threadCache = new BoundedCache<Thread>(5000);
  private readonly assistantCache = new BoundedCache<{ assistant: Assistant; version: number }>(1000);

  constructor(readonly db: Db) {}

  attach(flusher: WriteFlusher): void {
    this.flusher = flusher;
  }

  hasPendingWrites(): boolean {
    return this.writes.length > 0;
  }

  /** Runs the queued writes; the flusher calls this inside its transaction. They stay queued until it commits. */
  drainWrites(): void {
    for (const write of this.writes) write();
  }

  /** The transaction that ran the queued writes committed. */
  writesCommitted(): void {
    this.writes = [];
  }

  /** The batch was given up: the writes are forgotten and so is what the caches learned from them. */
  discardWrites(): void {
    this.writes = [];
    this.threadCache.clear();
  }

  /** Commits queued writes now (a no-op when there are none, or while commits are failing). */
  sync(): void {
    if (this.writes.length === 0) return;
    if (this.flusher) this.flusher.flush();
    else {
      this.db.transaction(() => this.drainWrites())();
      this.writesCommitted();
    }
  }

  private defer(write: () => void): void {
    this.writes.push(write);
    if (this.flusher) this.flusher.requestFlush();
    else this.sync();
  }

  /** A cursor page of one table, after committing queued writes. */
  page<T extends { id: string }>(table: Table, filter: { sql: string; args: unknown[] }, query: ListQuery): ListPage<T> {
    this.sync();
    return pageOf<T>(this.db, table, filter, query);
  }

  /** Prepared statements are cached: each SQL text is compiled once per database. */
  private stmt(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  // Assistants ---------------------------------------------------------------
  insertAssistant(a: Assistant): void {
    this.sync();
    const json = JSON.stringify(a);
    this.db.transaction(() => {
      this.stmt('INSERT INTO assistants (id, created_at, version, data) VALUES (?, ?, 1, ?)').run(a.id, a.created_at, json);
      this.stmt('INSERT INTO assistant_versions (assistant_id, version, created_at, data) VALUES (?, 1, ?, ?)').run(a.id, a.created_at, json);
    })();
    this.assistantCache.set(a.id, { assistant: a, version: 1 });
  }

  /** Saves an edit as a new version; returns the version number. */
  updateAssistant(a: Assistant, now: number): number {
    this.sync();
    const json = JSON.stringify(a);
    const version = this.db.transaction(() => {
      const next = (this.stmt('SELECT version FROM assistants WHERE id = ?').get(a.id) as { version: number }).version + 1;
      this.stmt('UPDATE assistants SET data = ?, version = ? WHERE id = ?').run(json, next, a.id);
      this.stmt('INSERT INTO assistant_versions (assistant_id, version, created_at, data) VALUES (?, ?, ?, ?)').run(a.id, next, now, json);
      return next;
    })();
    this.assistantCache.set(a.id, { assistant: a, version });
    return version;
  }

  private cachedAssistant(id: string): { assistant: Assistant; version: number } | null {
    let entry = this.assistantCache.get(id);
    if (!entry) {
      this.sync();
      const row = this.stmt('SELECT data, version FROM assistants WHERE id = ?').get(id) as { data: string; version: number } | undefined;
      if (!row) return null;
      entry = { assistant: JSON.parse(row.data) as Assistant, version: row.version };
      this.assistantCache.set(id, entry);
    }
    return entry;
  }

  getAssistant(id: string): Assistant | null {
    return this.cachedAssistant(id)?.assistant ?? null;
  }

  assistantVersion(id: string): number | null {
    return this.cachedAssistant(id)?.version ?? null;
  }

  listAssistantVersions(id: string): Array<{ version: number; created_at: number; snapshot: Assistant }> {
    this.sync();
    const rows = this.stmt('SELECT version, created_at, data FROM assistant_versions WHERE assistant_id = ? ORDER BY version DESC')
      .all(id) as Array<{ version: number; created_at: number; data: string }>;
    return rows.map((r) => ({ version: r.version, created_at: r.created_at, snapshot: JSON.parse(r.data) as Assistant }));
  }

  deleteAssistant(id: string): void {
    this.sync();
    this.assistantCache.delete(id);
    this.db.transaction(() => {
      this.stmt('DELETE FROM assistants WHERE id = ?').run(id);
      this.stmt('DELETE FROM assistant_versions WHERE assistant_id = ?').run(id);
      this.stmt('DELETE FROM handlers WHERE assistant_id = ?').run(id);
    })();
  }

  // Threads ------------------------------------------------------------------
  insertThread(t: Thread, now: number): void {
    this.threadCache.set(t.id, t);
    const json = JSON.stringify(t);
    this.defer(() => this.stmt('INSERT INTO threads (id, created_at, updated_at, data) VALUES (?, ?, ?, ?)').run(t.id, t.created_at, now, json));
  }

  updateThread(t: Thread, now: number): void {
    this.threadCache.set(t.id, t);
    const json = JSON.stringify(t);
    this.defer(() => this.stmt('UPDATE threads SET data = ?, updated_at = ? WHERE id = ?').run(json, now, t.id));
  }

  touchThread(id: string, now: number): void {
    this.defer(() => this.stmt('UPDATE threads SET updated_at = ? WHERE id = ?').run(now, id));
  }

  getThread(id: string): Thread | null {
    let thread = this.threadCache.get(id);
    if (!thread) {
      this.sync();
      thread = parse<Thread>(this.stmt('SELECT data FROM threads WHERE id = ?').get(id) as { data: string } | undefined) ?? undefined;
      if (!thread) return null;
      this.threadCache.set(id, thread);
    }
    return thread;
  }

  /** Deletes a thread with its messages, runs, steps and events. */
  deleteThread(id: string): string[] {
    this.sync();
    this.threadCache.delete(id);
    return this.db.transaction(() => {
      const runIds = (this.stmt('SELECT id FROM runs WHERE thread_id = ?').all(id) as Array<{ id: string }>).map((r) => r.id);
      for (const runId of runIds) this.stmt('DELETE FROM run_steps WHERE run_id = ?').run(runId);
      this.stmt('DELETE FROM runs WHERE thread_id = ?').run(id);
      this.stmt('DELETE FROM messages WHERE thread_id = ?').run(id);
      this.stmt('DELETE FROM events WHERE thread_id = ?').run(id);
      this.stmt('DELETE FROM threads WHERE id = ?').run(id);
      return runIds;
    })();
  }

  // Messages -----------------------------------------------------------------
  insertMessage(m: Message): void {
    const json = JSON.stringify(m);
    const text = messageText(m);
    this.defer(() =>
      this.stmt('INSERT INTO messages (id, thread_id, run_id, created_at, text, data) VALUES (?, ?, ?, ?, ?, ?)').run(m.id, m.thread_id, m.run_id, m.created_at, text, json),
    );
  }

  updateMessage(m: Message): void {
    const json = JSON.stringify(m);
    const text = messageText(m);
    this.defer(() => this.stmt('UPDATE messages SET text = ?, data = ? WHERE id = ?').run(text, json, m.id));
  }

  getMessage(id: string): Message | null {
    this.sync();
    return parse<Message>(this.stmt('SELECT data FROM messages WHERE id = ?').get(id) as { data: string } | undefined);
  }

  deleteMessage(id: string): void {
    this.defer(() => this.stmt('DELETE FROM messages WHERE id = ?').run(id));
  }

  /** Every message of a thread, oldest first. */
  threadMessages(threadId: string): Message[] {
    this.sync();
    const rows = this.stmt('SELECT data FROM messages WHERE thread_id = ? ORDER BY rowid').all(threadId) as Array<{ data: string }>;
    return rows.map((r) => JSON.parse(r.data) as Message);
  }

  // Runs and steps -----------------------------------------------------------
  insertRun(r: Run, assistantVersion: number | null): void {
    const json = JSON.stringify(r);
    this.defer(() =>
      this.stmt('INSERT INTO runs (id, thread_id, status, created_at, assistant_version, data) VALUES (?, ?, ?, ?, ?, ?)').run(r.id, r.thread_id, r.status, r.created_at, assistantVersion, json),
    );
  }

  updateRun(r: Run): void {
    const json = JSON.stringify(r);
    this.defer(() => this.stmt('UPDATE runs SET status = ?, data = ? WHERE id = ?').run(r.status, json, r.id));
  }

  getRun(id: string): Run | null {
    this.sync();
    return parse<Run>(this.stmt('SELECT data FROM runs WHERE id = ?').get(id) as { data: string } | undefined);
  }

  runAssistantVersion(id: string): number | null {
    this.sync();
    return (this.stmt('SELECT assistant_version AS v FROM runs WHERE id = ?').get(id) as { v: number | null } | undefined)?.v ?? null;
  }

  /** Runs in an active status (queued, in_progress, requires_action, cancelling). */
  activeRuns(): Run[] {
    this.sync();
    const rows = this.stmt("SELECT data FROM runs WHERE status IN ('queued','in_progress','requires_action','cancelling') ORDER BY rowid")
      .all() as Array<{ data: string }>;
    return rows.map((r) => JSON.parse(r.data) as Run);
  }

  /** A thread's runs, newest first. */
  threadRuns(threadId: string): Run[] {
    this.sync();
    const rows = this.stmt('SELECT data FROM runs WHERE thread_id = ? ORDER BY rowid DESC').all(threadId) as Array<{ data: string }>;
    return rows.map((r) => JSON.parse(r.data) as Run);
  }

  upsertStep(s: RunStep): void {
    const json = JSON.stringify(s);
    this.defer(() => this.stmt('INSERT INTO run_steps (id, run_id, data) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data').run(s.id, s.run_id, json));
  }

  getStep(id: string): RunStep | null {
    this.sync();
    return parse<RunStep>(this.stmt('SELECT data FROM run_steps WHERE id = ?').get(id) as { data: string } | undefined);
  }

  /** A run's steps, oldest first. */
  runSteps(runId: string): RunStep[] {
    this.sync();
    const rows = this.stmt('SELECT data FROM run_steps WHERE run_id = ? ORDER BY rowid').all(runId) as Array<{ data: string }>;
    return rows.map((r) => JSON.parse(r.data) as RunStep);
  }

  // Settings -----------------------------------------------------------------
  getSetting(key: string): string | null {
    this.sync();
    return (this.stmt('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
  }

  setSetting(key: string, value: string): void {
    this.sync();
    this.stmt('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }
}

/** The plain text of a message, for search and for the model. */
export function messageText(m: Pick<Message, 'content'>): string {
  return m.content
    .map((c) => (c.type === 'text' ? c.text.value : c.type === 'refusal' ? c.refusal : ''))
    .filter((s) => s.length > 0)
    .join('\n');
}
