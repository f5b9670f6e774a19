/**
 * Numbered schema migrations. Each runs once, inside a transaction, and is recorded in
 * `schema_migrations`; new ones are appended, never edited, so old files upgrade cleanly.
 */
import { FILES_MIGRATION } from '../builtin/migration';
import { SESSIONS_MIGRATION_SQL } from './sessions-migration';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'assistants-threads-runs-events',
    sql: `
      CREATE TABLE assistants (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        version INTEGER NOT NULL,
        data TEXT NOT NULL
      );
      CREATE TABLE assistant_versions (
        assistant_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (assistant_id, version)
      );
      CREATE TABLE threads (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        data TEXT NOT NULL
      );
      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        thread_id TEXT NOT NULL,
        run_id TEXT,
        created_at INTEGER NOT NULL,
        text TEXT NOT NULL DEFAULT '',
        data TEXT NOT NULL
      );
      CREATE INDEX messages_thread ON messages (thread_id);
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        thread_id TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        assistant_version INTEGER,
        data TEXT NOT NULL
      );
      CREATE INDEX runs_thread ON runs (thread_id);
      CREATE INDEX runs_status ON runs (status);
      CREATE TABLE run_steps (
        id TEXT PRIMARY KEY,
        run_id TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX run_steps_run ON run_steps (run_id);
      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL,
        thread_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        ts INTEGER NOT NULL,
        type TEXT NOT NULL,
        data TEXT NOT NULL,
        UNIQUE (run_id, seq)
      );
      CREATE TABLE handlers (
        assistant_id TEXT NOT NULL,
        function_name TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        sequence_index INTEGER NOT NULL DEFAULT 0,
        data TEXT NOT NULL,
        PRIMARY KEY (assistant_id, function_name)
      );
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'sessions-run-origins-and-search',
    sql: SESSIONS_MIGRATION_SQL,
  },
  FILES_MIGRATION,
];
