/**
 * Checks a session file before anything is imported: it exists, is SQLite and complete
 * (header size vs file size), passes `PRAGMA integrity_check`, carries a RunLens manifest of
 * a format version this RunLens reads, and has every table and column of that format.
 * Every refusal is a SessionFileError whose message says what is wrong in one line.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { SESSION_COLUMNS, SESSION_OPTIONAL_COLUMNS, SESSION_FORMAT, SESSION_FORMAT_VERSION, SessionFileError, type SessionManifest } from './session-format';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function checkHeader(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new SessionFileError(`${file}: no such file.`);
  }
  if (!stat.isFile()) throw new SessionFileError(`${file} is not a file.`);
  const head = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  let read: number;
  try {
    read = fs.readSync(fd, head, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (read < 16 || !head.subarray(0, 16).equals(SQLITE_HEADER)) {
    throw new SessionFileError(`${file} is not a RunLens session file: it is not an SQLite database.`);
  }
  if (read < 100) throw new SessionFileError(`${file} is truncated: it ends inside the SQLite header.`);
  const rawPageSize = head.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pages = head.readUInt32BE(28);
  const valid = head.readUInt32BE(92) === head.readUInt32BE(24);
  if (valid && pages > 0 && stat.size < pageSize * pages) {
    throw new SessionFileError(`${file} is truncated: its header says ${pageSize * pages} bytes, the file has ${stat.size}.`);
  }
}

function tableColumns(db: Database.Database, table: string): string[] | null {
  const rows = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as Array<{ name: string }>;
  return rows.length > 0 ? rows.map((r) => r.name) : null;
}

/** Validates `file` as a session file; returns its manifest. Throws SessionFileError. */
export function inspectSessionFile(file: string): SessionManifest {
  checkHeader(file);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new SessionFileError(`${file} cannot be opened as SQLite: ${(error as Error).message}.`);
  }
  try {
    let problems: Array<{ integrity_check: string }>;
    try {
      problems = db.prepare('PRAGMA integrity_check(5)').all() as Array<{ integrity_check: string }>;
    } catch (error) {
      throw new SessionFileError(`${file} is damaged: ${(error as Error).message}.`);
    }
    if (problems.length !== 1 || problems[0].integrity_check !== 'ok') {
      const first = problems.map((p) => p.integrity_check).find((line) => !line.startsWith('***')) ?? 'unknown problem';
      throw new SessionFileError(`${file} failed SQLite's integrity check: ${first.replace(/\s+/g, ' ')}.`);
    }
    const manifestColumns = tableColumns(db, 'manifest');
    if (!manifestColumns) {
      const appDb = tableColumns(db, 'schema_migrations') && tableColumns(db, 'events');
      throw new SessionFileError(
        appDb
          ? `${file} is a RunLens database, not a session file: make a session file from it with \`npm run runlens -- export --db ${file} --out FILE\`.`
          : `${file} is an SQLite database from another program, not a RunLens session file (it has no manifest).`,
      );
    }
    const entries = new Map(
      (db.prepare('SELECT key, value FROM manifest').all() as Array<{ key: string; value: string }>).map((r) => [r.key, r.value]),
    );
    if (entries.get('format') !== SESSION_FORMAT) {
      throw new SessionFileError(`${file} is not a RunLens session file: its manifest names format '${entries.get('format') ?? '(none)'}'.`);
    }
    const version = Number(entries.get('format_version'));
    if (!Number.isInteger(version) || version < 1) {
      throw new SessionFileError(`${file} has an unreadable format version '${entries.get('format_version') ?? '(none)'}'.`);
    }
    if (version > SESSION_FORMAT_VERSION) {
      throw new SessionFileError(
        `${file} was made by a newer RunLens (${entries.get('creator') ?? 'unknown'}): it needs a RunLens that reads session format version ${version}; this one reads up to version ${SESSION_FORMAT_VERSION}.`,
      );
    }
    for (const [table, columns] of Object.entries(SESSION_COLUMNS)) {
      const have = tableColumns(db, table);
      if (!have) throw new SessionFileError(`${file} is incomplete: the table '${table}' is missing.`);
      const absent = columns.filter((c) => !have.includes(c));
      if (absent.length > 0) throw new SessionFileError(`${file} is incomplete: the table '${table}' has no column '${absent[0]}'.`);
    }
    for (const [table, columns] of Object.entries(SESSION_OPTIONAL_COLUMNS)) {
      const have = tableColumns(db, table);
      if (!have) continue;
      const absent = columns.filter((c) => !have.includes(c));
      if (absent.length > 0) throw new SessionFileError(`${file} is incomplete: the table '${table}' has no column '${absent[0]}'.`);
    }
    let counts: Record<string, number> = {};
    try {
      counts = JSON.parse(entries.get('counts') ?? '{}') as Record<string, number>;
    } catch {
      counts = {};
    }
    return {
      format: SESSION_FORMAT,
      format_version: version,
      creator: entries.get('creator') ?? 'unknown',
      created_at: Number(entries.get('created_at') ?? 0),
      counts,
    };
  } finally {
    db.close();
  }
}
