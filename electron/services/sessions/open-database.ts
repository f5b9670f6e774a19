/**
 * Opening a database from the command line. Reads share the file with a running app (WAL);
 * writes (import, rerun) take SQLite's exclusive lock first, so a database another process
 * (the desktop app, `npm run serve`) has open is refused instead of having two writers.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { migrate, openDatabase, type Db } from '../db/database';
import { DatabaseLockedError, DbLock } from '../db/db-lock';
import { SessionFileError } from './session-format';

/** Opens an existing database for reading and exporting (a running app may hold it). */
export function openExistingDatabase(dbPath: string): Db {
  if (!fs.existsSync(dbPath)) throw new SessionFileError(`No RunLens database at ${dbPath}.`);
  return openDatabase(dbPath);
}

/** A database opened as its only writer; `close` also drops the writer lock. */
export interface ExclusiveDb {
  db: Db;
  close(): void;
}

/**
 * Opens (creating if needed) a database as its only writer: RunLens's writer lock first
 * (refused naming the holder: the app or `npm run serve`), then SQLite's exclusive lock
 * (refused when any other program has the file open). Nothing is changed when refused.
 */
export function openExclusiveDatabase(dbPath: string, kind: string): ExclusiveDb {
  let lock: DbLock;
  try {
    lock = DbLock.acquire(dbPath, kind);
  } catch (error) {
    if (error instanceof DatabaseLockedError) throw new SessionFileError(error.message);
    throw error;
  }
  try {
    const db = openSqliteExclusive(dbPath);
    return {
      db,
      close() {
        db.close();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

function openSqliteExclusive(dbPath: string): Db {
  const db = new Database(dbPath);
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY' || (error as { code?: string }).code === 'SQLITE_LOCKED') {
      throw new SessionFileError(`The database ${dbPath} is in use by another process (the RunLens app or \`npm run serve\`): close it first, or import from inside the app.`);
    }
    throw error;
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}
