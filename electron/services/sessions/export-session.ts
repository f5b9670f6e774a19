/**
 * Writes a session file from a RunLens database: the chosen threads (all when none is named)
 * with their messages, runs, steps and events, the assistants their runs used (every
 * assistant when exporting everything) with versions and scrubbed handlers, and run origins.
 * The file is written beside the target and renamed into place, so a failed export never
 * leaves a half-written session file behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/database';
import { exportBuiltinData } from './builtin-data';
import { scrubJson } from './scrub';
import { SESSION_FORMAT, SessionFileError, sessionFormatVersionFor, sessionSchemaSql } from './session-format';

export interface ExportOptions {
  /** Threads to export; empty or absent exports everything. */
  threadIds?: readonly string[];
  /** The creator written into the manifest, e.g. `runlens 0.1.0`. */
  creator: string;
  now?: () => number;
  /**
   * Where the data directory keeps uploaded files' bytes (`<dataDir>/files`): with it, the
   * files and vector stores of what is exported go into the session file too.
   */
  filesDir?: string;
}

/** What was written. */
export interface ExportSummary {
  file: string;
  counts: Record<string, number>;
}

const SCRUBBED_EVENT_TYPES = "('tool.execution.started', 'tool.execution.finished')";

/** Exports to `outFile` (replacing it). Unknown thread ids are refused before anything is written. */
export function exportSession(db: Db, outFile: string, options: ExportOptions): ExportSummary {
  const ids = [...new Set(options.threadIds ?? [])];
  const everything = ids.length === 0;
  const missing = ids.filter((id) => !db.prepare('SELECT 1 FROM threads WHERE id = ?').get(id));
  if (missing.length > 0) throw new SessionFileError(`No thread with id '${missing[0]}' in the database.`);
  const target = path.resolve(outFile);
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) throw new SessionFileError(`${target} is a directory.`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temp = `${target}.partial-${process.pid}-${Date.now()}`;
  db.prepare('ATTACH DATABASE ? AS sess').run(temp);
  let counts: Record<string, number>;
  try {
    counts = db.transaction(() => {
      db.exec(sessionSchemaSql('sess'));
      db.exec('CREATE TEMP TABLE IF NOT EXISTS export_threads (id TEXT PRIMARY KEY); DELETE FROM temp.export_threads;');
      if (everything) db.exec('INSERT INTO temp.export_threads SELECT id FROM main.threads');
      else {
        const add = db.prepare('INSERT INTO temp.export_threads (id) VALUES (?)');
        for (const id of ids) add.run(id);
      }
      const sel = 'IN (SELECT id FROM temp.export_threads)';
      db.exec(`
        INSERT INTO sess.threads (id, created_at, updated_at, data) SELECT id, created_at, updated_at, data FROM main.threads WHERE id ${sel} ORDER BY rowid;
        INSERT INTO sess.messages (id, thread_id, run_id, created_at, text, data)
          SELECT id, thread_id, run_id, created_at, text, data FROM main.messages WHERE thread_id ${sel} ORDER BY rowid;
        INSERT INTO sess.runs (id, thread_id, status, created_at, assistant_version, data)
          SELECT id, thread_id, status, created_at, assistant_version, data FROM main.runs WHERE thread_id ${sel} ORDER BY rowid;
        INSERT INTO sess.run_steps (id, run_id, data)
          SELECT s.id, s.run_id, s.data FROM main.run_steps s WHERE s.run_id IN (SELECT id FROM sess.runs) ORDER BY s.rowid;
        INSERT INTO sess.events (ord, run_id, thread_id, seq, ts, type, data)
          SELECT id, run_id, thread_id, seq, ts, type, data FROM main.events WHERE thread_id ${sel} AND type NOT IN ${SCRUBBED_EVENT_TYPES} ORDER BY id;
        INSERT INTO sess.run_origins (run_id, kind, parent_run_id, parent_step_id, created_at, data)
          SELECT run_id, kind, parent_run_id, parent_step_id, created_at, data FROM main.run_origins WHERE run_id IN (SELECT id FROM sess.runs);
      `);
      const scrubbedEvents = db.prepare(
        `SELECT id, run_id, thread_id, seq, ts, type, data FROM main.events WHERE thread_id ${sel} AND type IN ${SCRUBBED_EVENT_TYPES}`,
      );
      const putEvent = db.prepare('INSERT INTO sess.events (ord, run_id, thread_id, seq, ts, type, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
      for (const e of scrubbedEvents.all() as Array<{ id: number; run_id: string; thread_id: string; seq: number; ts: number; type: string; data: string }>) {
        putEvent.run(e.id, e.run_id, e.thread_id, e.seq, e.ts, e.type, scrubJson(e.data));
      }
      // Assistants: all when exporting everything, else the ones the exported runs and messages name.
      const assistantFilter = everything
        ? ''
        : `WHERE id IN (SELECT json_extract(data, '$.assistant_id') FROM sess.runs
                        UNION SELECT json_extract(data, '$.assistant_id') FROM sess.messages)`;
      db.exec(`
        INSERT INTO sess.assistants (id, created_at, version, data) SELECT id, created_at, version, data FROM main.assistants ${assistantFilter} ORDER BY rowid;
        INSERT INTO sess.assistant_versions (assistant_id, version, created_at, data)
          SELECT assistant_id, version, created_at, data FROM main.assistant_versions WHERE assistant_id IN (SELECT id FROM sess.assistants);
      `);
      const handlers = db
        .prepare('SELECT assistant_id, function_name, updated_at, data FROM main.handlers WHERE assistant_id IN (SELECT id FROM sess.assistants)')
        .all() as Array<{ assistant_id: string; function_name: string; updated_at: number; data: string }>;
      const putHandler = db.prepare('INSERT INTO sess.handlers (assistant_id, function_name, updated_at, data) VALUES (?, ?, ?, ?)');
      for (const h of handlers) putHandler.run(h.assistant_id, h.function_name, h.updated_at, scrubJson(h.data));

      if (options.filesDir) exportBuiltinData(db, options.filesDir, everything);

      const count = (table: string): number => (db.prepare(`SELECT count(*) AS n FROM sess.${table}`).get() as { n: number }).n;
      const c: Record<string, number> = {};
      for (const table of ['assistants', 'assistant_versions', 'threads', 'messages', 'runs', 'run_steps', 'events', 'handlers', 'run_origins', 'files', 'vector_stores', 'vector_store_files']) {
        c[table] = count(table);
      }
      const manifest = db.prepare('INSERT INTO sess.manifest (key, value) VALUES (?, ?)');
      manifest.run('format', SESSION_FORMAT);
      manifest.run('format_version', String(sessionFormatVersionFor(c)));
      manifest.run('creator', options.creator);
      manifest.run('created_at', String((options.now ?? Date.now)()));
      manifest.run('counts', JSON.stringify(c));
      return c;
    })();
  } catch (error) {
    db.exec('DETACH DATABASE sess');
    fs.rmSync(temp, { force: true });
    throw error;
  }
  db.exec('DETACH DATABASE sess');
  fs.renameSync(temp, target);
  return { file: target, counts };
}
