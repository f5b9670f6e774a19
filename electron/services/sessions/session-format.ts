/**
 * The portable session file (DESIGN.md, Wave 2): an SQLite database with a `manifest`
 * (format, format version, creator version, created time, counts) and the exported
 * assistants, versions, threads, messages, runs, steps, events, handlers (scrubbed) and
 * run origins. Rows keep the app's exact JSON (`data`), so an import reproduces every
 * object as `/v1` showed it. Events keep their original global order in `ord`.
 */

/** The manifest's `format` value; anything else is a foreign file. */
export const SESSION_FORMAT = 'runlens-session';
/**
 * The newest session format this RunLens reads. A file is written as version 1 unless it
 * carries issue 13's files or vector stores: then as version 2, so that a RunLens that knows
 * only version 1 refuses it (naming the version needed) instead of dropping those silently.
 */
export const SESSION_FORMAT_VERSION = 2;
/** The format version of a file with these counts: 2 when it holds files or vector stores, else 1. */
export function sessionFormatVersionFor(counts: Readonly<Record<string, number>>): 1 | 2 {
  return (counts.files ?? 0) > 0 || (counts.vector_stores ?? 0) > 0 ? 2 : 1;
}

/** Columns of each table of a format-1 session file, checked on import. */
export const SESSION_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  manifest: ['key', 'value'],
  assistants: ['id', 'created_at', 'version', 'data'],
  assistant_versions: ['assistant_id', 'version', 'created_at', 'data'],
  threads: ['id', 'created_at', 'updated_at', 'data'],
  messages: ['id', 'thread_id', 'run_id', 'created_at', 'text', 'data'],
  runs: ['id', 'thread_id', 'status', 'created_at', 'assistant_version', 'data'],
  run_steps: ['id', 'run_id', 'data'],
  events: ['ord', 'run_id', 'thread_id', 'seq', 'ts', 'type', 'data'],
  handlers: ['assistant_id', 'function_name', 'updated_at', 'data'],
  run_origins: ['run_id', 'kind', 'parent_run_id', 'parent_step_id', 'created_at', 'data'],
};

/**
 * Tables a session file may have besides those above (added after format 1 first shipped;
 * files without them still import): issue 13's uploaded files with their bytes, vector stores,
 * their files and batches, and the text chunks file_search reads.
 */
export const SESSION_OPTIONAL_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  files: ['id', 'created_at', 'sha256', 'data', 'content'],
  vector_stores: ['id', 'created_at', 'data'],
  vector_store_files: ['vector_store_id', 'file_id', 'created_at', 'batch_id', 'data'],
  vector_store_file_batches: ['id', 'vector_store_id', 'created_at', 'data'],
  file_chunks: ['store_id', 'file_id', 'idx', 'text'],
};

/** The schema written into a new session file (in the attached schema `schema`). */
export function sessionSchemaSql(schema: string): string {
  return `
    CREATE TABLE ${schema}.manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE ${schema}.assistants (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL);
    CREATE TABLE ${schema}.assistant_versions (assistant_id TEXT NOT NULL, version INTEGER NOT NULL, created_at INTEGER NOT NULL, data TEXT NOT NULL,
      PRIMARY KEY (assistant_id, version));
    CREATE TABLE ${schema}.threads (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, data TEXT NOT NULL);
    CREATE TABLE ${schema}.messages (id TEXT PRIMARY KEY, thread_id TEXT NOT NULL, run_id TEXT, created_at INTEGER NOT NULL, text TEXT NOT NULL, data TEXT NOT NULL);
    CREATE TABLE ${schema}.runs (id TEXT PRIMARY KEY, thread_id TEXT NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL, assistant_version INTEGER, data TEXT NOT NULL);
    CREATE TABLE ${schema}.run_steps (id TEXT PRIMARY KEY, run_id TEXT NOT NULL, data TEXT NOT NULL);
    CREATE TABLE ${schema}.events (ord INTEGER PRIMARY KEY, run_id TEXT NOT NULL, thread_id TEXT NOT NULL, seq INTEGER NOT NULL, ts INTEGER NOT NULL,
      type TEXT NOT NULL, data TEXT NOT NULL);
    CREATE TABLE ${schema}.handlers (assistant_id TEXT NOT NULL, function_name TEXT NOT NULL, updated_at INTEGER NOT NULL, data TEXT NOT NULL,
      PRIMARY KEY (assistant_id, function_name));
    CREATE TABLE ${schema}.run_origins (run_id TEXT PRIMARY KEY, kind TEXT NOT NULL, parent_run_id TEXT NOT NULL, parent_step_id TEXT,
      created_at INTEGER NOT NULL, data TEXT NOT NULL);
    CREATE TABLE ${schema}.files (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, sha256 TEXT NOT NULL, data TEXT NOT NULL, content BLOB NOT NULL);
    CREATE TABLE ${schema}.vector_stores (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, data TEXT NOT NULL);
    CREATE TABLE ${schema}.vector_store_files (vector_store_id TEXT NOT NULL, file_id TEXT NOT NULL, created_at INTEGER NOT NULL, batch_id TEXT,
      data TEXT NOT NULL, PRIMARY KEY (vector_store_id, file_id));
    CREATE TABLE ${schema}.vector_store_file_batches (id TEXT PRIMARY KEY, vector_store_id TEXT NOT NULL, created_at INTEGER NOT NULL, data TEXT NOT NULL);
    CREATE TABLE ${schema}.file_chunks (store_id TEXT NOT NULL, file_id TEXT NOT NULL, idx TEXT NOT NULL, text TEXT NOT NULL);
  `;
}

/** What the manifest says, plus the object counts it records. */
export interface SessionManifest {
  format: string;
  format_version: number;
  creator: string;
  created_at: number;
  counts: Record<string, number>;
}

/** A session file that cannot be read or imported: the message says why, in one line. */
export class SessionFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SessionFileError';
  }
}
