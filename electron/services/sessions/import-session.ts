/**
 * Imports a session file into a RunLens database. The file is validated first (see
 * inspect-session.ts), then every reference is checked against the file and the database
 * (messages and runs to threads, runs to assistants, steps and events to runs, event threads
 * to their run's thread, JSON validity, unique event numbers); only then is everything added
 * in one transaction. Ids that already exist are kept and counted as skipped, never
 * duplicated; events are imported only with the runs they belong to.
 */
import type { Db } from '../db/database';
import { inspectSessionFile } from './inspect-session';
import { SessionFileError, type SessionManifest } from './session-format';
import { BUILTIN_JSON_TABLES, BUILTIN_REFERENCE_CHECKS, checkFileBytes, hasBuiltinData, importBuiltinData, removeBlobs, type BuiltinKind } from './builtin-data';

export type ImportKind = 'assistants' | 'assistant_versions' | 'threads' | 'messages' | 'runs' | 'run_steps' | 'events' | 'handlers' | 'run_origins' | BuiltinKind;

/** What an import added and what it kept as it was (ids already present). */
export interface ImportReport {
  manifest: SessionManifest;
  added: Record<ImportKind, number>;
  skipped: Record<ImportKind, number>;
  /** Threads that were added, for the UI to show. */
  thread_ids: string[];
}

/** Where a running import is: the phase, how far it is in it, and overall. */
export interface ImportProgressUpdate {
  phase: 'checking' | 'copying' | 'committing';
  /** Steps (checking) or events (copying) done, of `total`. */
  done: number;
  total: number;
  /** 0–100 over the whole import; 100 only once it is committed. */
  percent: number;
  /** One line for the user, e.g. "Copying events: 20,000 of 1,000,000". */
  message: string;
}

/** Progress of an import, called in order, from 0 to the last event copied. */
export type ImportProgress = (update: ImportProgressUpdate) => void;

export interface ImportOptions {
  onProgress?: ImportProgress;
  /**
   * The first global event id the import may use for `count` events (the running app's event
   * log hands out ids itself). Default: after the highest id in the database.
   */
  reserveEventIds?: (count: number) => number;
  /**
   * Where the data directory keeps uploaded files' bytes (`<dataDir>/files`): files and vector
   * stores in the session file are imported only with it.
   */
  filesDir?: string;
  /** Events copied per statement (between progress calls and, in the app, turns of the event loop). */
  eventChunk?: number;
}

const EVENT_CHUNK = 20_000;

/** Reference checks: each query returns the first offending row's description, or nothing. */
const REFERENCE_CHECKS: Array<{ sql: string; message: (v: string) => string }> = [
  {
    sql: `SELECT m.id || ' → ' || m.thread_id AS v FROM sess.messages m
          WHERE m.thread_id NOT IN (SELECT id FROM sess.threads) AND m.thread_id NOT IN (SELECT id FROM main.threads) LIMIT 1`,
    message: (v) => `a message refers to a missing thread (${v})`,
  },
  {
    sql: `SELECT r.id || ' → ' || r.thread_id AS v FROM sess.runs r
          WHERE r.thread_id NOT IN (SELECT id FROM sess.threads) AND r.thread_id NOT IN (SELECT id FROM main.threads) LIMIT 1`,
    message: (v) => `a run refers to a missing thread (${v})`,
  },
  {
    sql: `SELECT r.id || ' → ' || coalesce(json_extract(r.data, '$.assistant_id'), '(none)') AS v FROM sess.runs r
          WHERE json_valid(r.data) AND coalesce(json_extract(r.data, '$.assistant_id'), '') NOT IN (SELECT id FROM sess.assistants)
            AND coalesce(json_extract(r.data, '$.assistant_id'), '') NOT IN (SELECT id FROM main.assistants) LIMIT 1`,
    message: (v) => `a run refers to a missing assistant (${v})`,
  },
  {
    sql: `SELECT s.id || ' → ' || s.run_id AS v FROM sess.run_steps s
          WHERE s.run_id NOT IN (SELECT id FROM sess.runs) AND s.run_id NOT IN (SELECT id FROM main.runs) LIMIT 1`,
    message: (v) => `a run step refers to a missing run (${v})`,
  },
  {
    sql: `SELECT 'event ' || e.ord || ' → ' || e.run_id AS v FROM sess.events e WHERE e.run_id NOT IN (SELECT id FROM sess.runs) LIMIT 1`,
    message: (v) => `an event refers to a run that is not in the file (${v})`,
  },
  {
    sql: `SELECT 'event ' || e.ord || ' of ' || e.run_id AS v FROM sess.events e JOIN sess.runs r ON r.id = e.run_id WHERE e.thread_id <> r.thread_id LIMIT 1`,
    message: (v) => `an event names a different thread than its run (${v})`,
  },
  {
    sql: `SELECT run_id || ' seq ' || seq AS v FROM sess.events GROUP BY run_id, seq HAVING count(*) > 1 LIMIT 1`,
    message: (v) => `two events share one run sequence number (${v})`,
  },
  {
    sql: `SELECT v.assistant_id || ' v' || v.version AS v FROM sess.assistant_versions v
          WHERE v.assistant_id NOT IN (SELECT id FROM sess.assistants) AND v.assistant_id NOT IN (SELECT id FROM main.assistants) LIMIT 1`,
    message: (v) => `an assistant version refers to a missing assistant (${v})`,
  },
  {
    sql: `SELECT h.assistant_id || '/' || h.function_name AS v FROM sess.handlers h
          WHERE h.assistant_id NOT IN (SELECT id FROM sess.assistants) AND h.assistant_id NOT IN (SELECT id FROM main.assistants) LIMIT 1`,
    message: (v) => `a handler refers to a missing assistant (${v})`,
  },
  {
    sql: `SELECT o.run_id AS v FROM sess.run_origins o WHERE o.run_id NOT IN (SELECT id FROM sess.runs) LIMIT 1`,
    message: (v) => `a run origin refers to a run that is not in the file (${v})`,
  },
];

const JSON_TABLES = ['assistants', 'assistant_versions', 'threads', 'messages', 'runs', 'run_steps', 'events', 'handlers', 'run_origins'] as const;

function zero(): Record<ImportKind, number> {
  return {
    assistants: 0, assistant_versions: 0, threads: 0, messages: 0, runs: 0, run_steps: 0, events: 0, handlers: 0, run_origins: 0,
    files: 0, vector_stores: 0, vector_store_files: 0, vector_store_file_batches: 0,
  };
}

const CHECK_STEPS = 1 + JSON_TABLES.length + REFERENCE_CHECKS.length + BUILTIN_JSON_TABLES.length + BUILTIN_REFERENCE_CHECKS.length + 1;
/** Share of the bar for checking and for the table copies before the events; events take the rest up to 99. */
const CHECKING_PERCENT = 10;
const TABLES_PERCENT = 5;

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * The import as a sequence of steps: each `yield` is a point where progress was reported and
 * the caller may let other work run (the app yields to the event loop, the CLI does not).
 * Checks run first, outside any transaction; then BEGIN IMMEDIATE, the copy in chunks, COMMIT.
 * Returning early or throwing rolls everything back: the database is unchanged.
 * The caller must keep other writes off the connection until it finishes.
 */
export function* importSteps(db: Db, file: string, options: ImportOptions = {}): Generator<ImportProgressUpdate, ImportReport, void> {
  const chunk = options.eventChunk ?? EVENT_CHUNK;
  const progress = (update: ImportProgressUpdate): ImportProgressUpdate => {
    options.onProgress?.(update);
    return update;
  };
  const checking = (done: number, message: string): ImportProgressUpdate =>
    progress({ phase: 'checking', done, total: CHECK_STEPS, percent: Math.floor((done / CHECK_STEPS) * CHECKING_PERCENT), message });
  yield checking(0, 'Checking the file: header, SQLite integrity, manifest and format version');
  const manifest = inspectSessionFile(file);
  let step = 1;
  yield checking(step, 'Checking the file: JSON of every row');
  db.prepare('ATTACH DATABASE ? AS sess').run(file);
  let began = false;
  let writtenBlobs: string[] = [];
  try {
    const builtin = hasBuiltinData(db);
    const jsonTables: readonly string[] = builtin ? [...JSON_TABLES, ...BUILTIN_JSON_TABLES] : JSON_TABLES;
    for (const table of jsonTables) {
      const bad = db.prepare(`SELECT rowid AS r FROM sess.${table} WHERE NOT json_valid(data) LIMIT 1`).get() as { r: number } | undefined;
      if (bad) throw new SessionFileError(`${file} is damaged: row ${bad.r} of '${table}' is not valid JSON.`);
      step++;
      yield checking(step, `Checking the file: JSON of '${table}'`);
    }
    for (const check of builtin ? [...REFERENCE_CHECKS, ...BUILTIN_REFERENCE_CHECKS] : REFERENCE_CHECKS) {
      const row = db.prepare(check.sql).get() as { v: string } | undefined;
      if (row) throw new SessionFileError(`${file} is inconsistent: ${check.message(row.v)}.`);
      step++;
      yield checking(step, 'Checking references between objects');
    }
    if (builtin) {
      checkFileBytes(db, file);
      step++;
      yield checking(step, 'Checking the bytes of uploaded files');
    }
    const added = zero();
    const skipped = zero();
    const total = (table: ImportKind): number => (db.prepare(`SELECT count(*) AS n FROM sess.${table}`).get() as { n: number }).n;
    db.exec('BEGIN IMMEDIATE');
    began = true;
    db.exec(`
      CREATE TEMP TABLE IF NOT EXISTS import_new_runs (id TEXT PRIMARY KEY); DELETE FROM temp.import_new_runs;
      INSERT INTO temp.import_new_runs SELECT id FROM sess.runs WHERE id NOT IN (SELECT id FROM main.runs);
      CREATE TEMP TABLE IF NOT EXISTS import_new_threads (id TEXT PRIMARY KEY); DELETE FROM temp.import_new_threads;
      INSERT INTO temp.import_new_threads SELECT id FROM sess.threads WHERE id NOT IN (SELECT id FROM main.threads);
    `);
    const count = (db.prepare('SELECT count(*) AS n FROM sess.events WHERE run_id IN (SELECT id FROM temp.import_new_runs)').get() as { n: number }).n;
    const tables: Array<[ImportKind, string]> = [
      ['assistants', `INSERT OR IGNORE INTO main.assistants (id, created_at, version, data) SELECT id, created_at, version, data FROM sess.assistants ORDER BY rowid`],
      ['assistant_versions', `INSERT OR IGNORE INTO main.assistant_versions (assistant_id, version, created_at, data)
        SELECT assistant_id, version, created_at, data FROM sess.assistant_versions ORDER BY rowid`],
      ['handlers', `INSERT OR IGNORE INTO main.handlers (assistant_id, function_name, updated_at, sequence_index, data)
        SELECT assistant_id, function_name, updated_at, 0, data FROM sess.handlers ORDER BY rowid`],
      ['threads', `INSERT OR IGNORE INTO main.threads (id, created_at, updated_at, data) SELECT id, created_at, updated_at, data FROM sess.threads ORDER BY rowid`],
      ['messages', `INSERT OR IGNORE INTO main.messages (id, thread_id, run_id, created_at, text, data)
        SELECT id, thread_id, run_id, created_at, text, data FROM sess.messages ORDER BY rowid`],
      ['runs', `INSERT OR IGNORE INTO main.runs (id, thread_id, status, created_at, assistant_version, data)
        SELECT id, thread_id, status, created_at, assistant_version, data FROM sess.runs ORDER BY rowid`],
      ['run_steps', `INSERT OR IGNORE INTO main.run_steps (id, run_id, data) SELECT id, run_id, data FROM sess.run_steps ORDER BY rowid`],
      ['run_origins', `INSERT OR IGNORE INTO main.run_origins (run_id, kind, parent_run_id, parent_step_id, created_at, data)
        SELECT run_id, kind, parent_run_id, parent_step_id, created_at, data FROM sess.run_origins ORDER BY rowid`],
    ];
    const copying = (done: number, message: string, percent: number): ImportProgressUpdate =>
      progress({ phase: 'copying', done, total: count, percent, message });
    for (let i = 0; i < tables.length; i++) {
      const [kind, sql] = tables[i];
      added[kind] = db.prepare(sql).run().changes;
      skipped[kind] = total(kind) - added[kind];
      yield copying(0, `Copying ${kind.replace('_', ' ')}`, CHECKING_PERCENT + Math.floor(((i + 1) / tables.length) * TABLES_PERCENT));
    }

    if (builtin && options.filesDir) {
      const b = importBuiltinData(db, options.filesDir);
      writtenBlobs = b.writtenBlobs;
      Object.assign(added, b.added);
      Object.assign(skipped, b.skipped);
      yield copying(0, 'Copying files and vector stores', CHECKING_PERCENT + TABLES_PERCENT);
    }

    // Events: only those of runs this import added, renumbered after the database's own.
    const maxId = (db.prepare('SELECT coalesce(max(id), 0) AS m FROM main.events').get() as { m: number }).m;
    const base = Math.max(options.reserveEventIds ? options.reserveEventIds(count) : 0, maxId + 1);
    const bounds = db.prepare('SELECT min(ord) AS lo, max(ord) AS hi FROM sess.events').get() as { lo: number | null; hi: number | null };
    const copy = db.prepare(`INSERT INTO main.events (id, run_id, thread_id, seq, ts, type, data)
      SELECT ? + row_number() OVER (ORDER BY e.ord) - 1, e.run_id, e.thread_id, e.seq, e.ts, e.type, e.data
      FROM sess.events e WHERE e.ord >= ? AND e.ord < ? AND e.run_id IN (SELECT id FROM temp.import_new_runs) ORDER BY e.ord`);
    const eventsStart = CHECKING_PERCENT + TABLES_PERCENT;
    const eventsPercent = (done: number): number => (count === 0 ? 99 : eventsStart + Math.floor((done / count) * (99 - eventsStart)));
    let done = 0;
    yield copying(0, `Copying and indexing events: 0 of ${fmt(count)}`, eventsPercent(0));
    if (count > 0 && bounds.lo !== null && bounds.hi !== null) {
      for (let lo = bounds.lo; lo <= bounds.hi; lo += chunk) {
        const n = copy.run(base + done, lo, lo + chunk).changes;
        if (n === 0) continue;
        done += n;
        yield copying(done, `Copying and indexing events: ${fmt(done)} of ${fmt(count)}`, eventsPercent(done));
      }
    }
    added.events = done;
    skipped.events = total('events') - done;
    const threadIds = (db.prepare('SELECT id FROM temp.import_new_threads').all() as Array<{ id: string }>).map((r) => r.id);
    yield progress({ phase: 'committing', done: count, total: count, percent: 99, message: 'Committing' });
    db.exec('COMMIT');
    began = false;
    return { manifest, added, skipped, thread_ids: threadIds };
  } finally {
    if (began && db.inTransaction) {
      db.exec('ROLLBACK');
      removeBlobs(writtenBlobs);
    }
    db.exec('DETACH DATABASE sess');
  }
}

/**
 * Validates and imports `file` into `db`. Throws SessionFileError (nothing changed) when the
 * file is refused. Synchronous: the caller owns the connection for its duration.
 */
export function importSession(db: Db, file: string, options: ImportOptions = {}): ImportReport {
  const steps = importSteps(db, file, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The same import, letting the event loop run between steps (so progress reaches the faces).
 * Other writers must stay off the connection until it settles (SessionService holds them).
 */
export async function importSessionAsync(db: Db, file: string, options: ImportOptions = {}): Promise<ImportReport> {
  const steps = importSteps(db, file, options);
  try {
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    // An exception thrown by a step has already unwound the generator; this covers an abandoned loop.
    steps.return(undefined as never);
  }
}
