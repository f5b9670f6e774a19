/**
 * Issue 13's data in session files: uploaded files (their bytes in the file, as the data
 * directory keeps them under their SHA-256), vector stores with their files and batches, and
 * the text chunks file_search reads. An export of chosen threads takes the files and vector
 * stores its assistants, threads and messages name (and every file of those stores); "export
 * everything" takes all. Import checks each file's bytes against its SHA-256 and every
 * reference, then adds what is new in the same transaction as the rest; blobs written for a
 * rolled-back import are removed again.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/database';
import { SessionFileError } from './session-format';

export type BuiltinKind = 'files' | 'vector_stores' | 'vector_store_files' | 'vector_store_file_batches';
export const BUILTIN_KINDS: readonly BuiltinKind[] = ['files', 'vector_stores', 'vector_store_files', 'vector_store_file_batches'];

const FILE_ID = /file-[A-Za-z0-9]{24}/g;
const STORE_ID = /vs_[A-Za-z0-9]{24}/g;

/** Ids of files and vector stores named anywhere in the exported assistants, versions, threads, messages and runs. */
function referencedIds(db: Db): { files: Set<string>; stores: Set<string> } {
  const files = new Set<string>();
  const stores = new Set<string>();
  const rows = db.prepare(`SELECT data FROM sess.assistants UNION ALL SELECT data FROM sess.assistant_versions UNION ALL SELECT data FROM sess.threads
    UNION ALL SELECT data FROM sess.messages UNION ALL SELECT data FROM sess.runs`);
  for (const row of rows.iterate() as Iterable<{ data: string }>) {
    for (const m of row.data.matchAll(FILE_ID)) files.add(m[0]);
    for (const m of row.data.matchAll(STORE_ID)) stores.add(m[0]);
  }
  return { files, stores };
}

/**
 * Copies files and vector stores into the attached `sess` (inside the export's transaction).
 * `filesDir` is where the data directory keeps the bytes. Refuses when a file's bytes are gone.
 */
export function exportBuiltinData(db: Db, filesDir: string, everything: boolean): void {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS export_stores (id TEXT PRIMARY KEY); DELETE FROM temp.export_stores;
           CREATE TEMP TABLE IF NOT EXISTS export_files (id TEXT PRIMARY KEY); DELETE FROM temp.export_files;`);
  if (everything) {
    db.exec('INSERT INTO temp.export_stores SELECT id FROM main.vector_stores; INSERT INTO temp.export_files SELECT id FROM main.files;');
  } else {
    const { files, stores } = referencedIds(db);
    const addStore = db.prepare('INSERT OR IGNORE INTO temp.export_stores SELECT id FROM main.vector_stores WHERE id = ?');
    const addFile = db.prepare('INSERT OR IGNORE INTO temp.export_files SELECT id FROM main.files WHERE id = ?');
    for (const id of stores) addStore.run(id);
    for (const id of files) addFile.run(id);
    db.exec('INSERT OR IGNORE INTO temp.export_files SELECT file_id FROM main.vector_store_files WHERE vector_store_id IN (SELECT id FROM temp.export_stores) AND file_id IN (SELECT id FROM main.files)');
  }
  db.exec(`
    INSERT INTO sess.vector_stores (id, created_at, data) SELECT id, created_at, data FROM main.vector_stores WHERE id IN (SELECT id FROM temp.export_stores) ORDER BY rowid;
    INSERT INTO sess.vector_store_files (vector_store_id, file_id, created_at, batch_id, data)
      SELECT vector_store_id, file_id, created_at, batch_id, data FROM main.vector_store_files
      WHERE vector_store_id IN (SELECT id FROM temp.export_stores) AND file_id IN (SELECT id FROM temp.export_files) ORDER BY rowid;
    INSERT INTO sess.vector_store_file_batches (id, vector_store_id, created_at, data)
      SELECT id, vector_store_id, created_at, data FROM main.vector_store_file_batches WHERE vector_store_id IN (SELECT id FROM temp.export_stores) ORDER BY rowid;
    INSERT INTO sess.file_chunks (store_id, file_id, idx, text)
      SELECT store_id, file_id, idx, text FROM main.file_chunks
      WHERE (store_id, file_id) IN (SELECT vector_store_id, file_id FROM sess.vector_store_files);
  `);
  const put = db.prepare('INSERT INTO sess.files (id, created_at, sha256, data, content) VALUES (?, ?, ?, ?, ?)');
  const rows = db.prepare('SELECT id, created_at, sha256, data FROM main.files WHERE id IN (SELECT id FROM temp.export_files) ORDER BY rowid').all() as Array<{
    id: string;
    created_at: number;
    sha256: string;
    data: string;
  }>;
  for (const f of rows) {
    let content: Buffer;
    try {
      content = fs.readFileSync(path.join(filesDir, f.sha256));
    } catch {
      throw new SessionFileError(`The bytes of file ${f.id} are missing from ${filesDir}: nothing was exported.`);
    }
    put.run(f.id, f.created_at, f.sha256, f.data, content);
  }
}

/** Whether the attached session file has issue 13's tables (files written before them do not). */
export function hasBuiltinData(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sess.sqlite_master WHERE type = 'table' AND name = 'files'").get() !== undefined;
}

/** The JSON tables among them, for the validity check. */
export const BUILTIN_JSON_TABLES = ['files', 'vector_stores', 'vector_store_files', 'vector_store_file_batches'] as const;

/** Reference checks of the builtin tables: the first offending row's description, or nothing. */
export const BUILTIN_REFERENCE_CHECKS: Array<{ sql: string; message: (v: string) => string }> = [
  {
    sql: `SELECT f.vector_store_id || ' → ' || f.file_id AS v FROM sess.vector_store_files f
          WHERE f.vector_store_id NOT IN (SELECT id FROM sess.vector_stores) AND f.vector_store_id NOT IN (SELECT id FROM main.vector_stores) LIMIT 1`,
    message: (v) => `a vector store file refers to a missing vector store (${v})`,
  },
  {
    sql: `SELECT f.vector_store_id || ' → ' || f.file_id AS v FROM sess.vector_store_files f
          WHERE f.file_id NOT IN (SELECT id FROM sess.files) AND f.file_id NOT IN (SELECT id FROM main.files) LIMIT 1`,
    message: (v) => `a vector store file refers to a missing file (${v})`,
  },
  {
    sql: `SELECT b.id || ' → ' || b.vector_store_id AS v FROM sess.vector_store_file_batches b
          WHERE b.vector_store_id NOT IN (SELECT id FROM sess.vector_stores) AND b.vector_store_id NOT IN (SELECT id FROM main.vector_stores) LIMIT 1`,
    message: (v) => `a file batch refers to a missing vector store (${v})`,
  },
  {
    sql: `SELECT c.store_id || ' → ' || c.file_id AS v FROM sess.file_chunks c
          WHERE (c.store_id, c.file_id) NOT IN (SELECT vector_store_id, file_id FROM sess.vector_store_files) LIMIT 1`,
    message: (v) => `a text chunk belongs to no vector store file in the file (${v})`,
  },
];

/** Refuses a file whose bytes do not match their SHA-256 (or its recorded size). */
export function checkFileBytes(db: Db, file: string): void {
  const rows = db.prepare('SELECT id, sha256, length(content) AS n, json_extract(data, \'$.bytes\') AS bytes FROM sess.files').all() as Array<{
    id: string;
    sha256: string;
    n: number;
    bytes: number | null;
  }>;
  const read = db.prepare('SELECT content FROM sess.files WHERE id = ?').pluck();
  for (const row of rows) {
    const content = read.get(row.id) as Buffer;
    const sha = createHash('sha256').update(content).digest('hex');
    if (sha !== row.sha256 || (row.bytes !== null && row.bytes !== row.n)) {
      throw new SessionFileError(`${file} is damaged: the bytes of file ${row.id} do not match their SHA-256 or size.`);
    }
  }
}

/** What an import of the builtin tables added and skipped, and the blobs it wrote (to remove on rollback). */
export interface BuiltinImport {
  added: Record<BuiltinKind, number>;
  skipped: Record<BuiltinKind, number>;
  writtenBlobs: string[];
}

/** Adds the new files, vector stores, their files, batches and chunks (inside the import's transaction). */
export function importBuiltinData(db: Db, filesDir: string): BuiltinImport {
  const added: Record<BuiltinKind, number> = { files: 0, vector_stores: 0, vector_store_files: 0, vector_store_file_batches: 0 };
  const skipped = { ...added };
  const total = (table: string): number => (db.prepare(`SELECT count(*) AS n FROM sess.${table}`).get() as { n: number }).n;
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS import_new_files (id TEXT PRIMARY KEY); DELETE FROM temp.import_new_files;
           INSERT INTO temp.import_new_files SELECT id FROM sess.files WHERE id NOT IN (SELECT id FROM main.files);
           CREATE TEMP TABLE IF NOT EXISTS import_new_vsf (vector_store_id TEXT, file_id TEXT, PRIMARY KEY (vector_store_id, file_id)); DELETE FROM temp.import_new_vsf;
           INSERT INTO temp.import_new_vsf SELECT vector_store_id, file_id FROM sess.vector_store_files
             WHERE (vector_store_id, file_id) NOT IN (SELECT vector_store_id, file_id FROM main.vector_store_files);`);
  const run = (kind: BuiltinKind, sql: string): void => {
    added[kind] = db.prepare(sql).run().changes;
    skipped[kind] = total(kind) - added[kind];
  };
  run('vector_stores', 'INSERT OR IGNORE INTO main.vector_stores (id, created_at, data) SELECT id, created_at, data FROM sess.vector_stores ORDER BY rowid');
  run('files', 'INSERT OR IGNORE INTO main.files (id, created_at, sha256, data) SELECT id, created_at, sha256, data FROM sess.files ORDER BY rowid');
  run('vector_store_files', `INSERT OR IGNORE INTO main.vector_store_files (vector_store_id, file_id, created_at, batch_id, data)
    SELECT vector_store_id, file_id, created_at, batch_id, data FROM sess.vector_store_files ORDER BY rowid`);
  run('vector_store_file_batches', `INSERT OR IGNORE INTO main.vector_store_file_batches (id, vector_store_id, created_at, data)
    SELECT id, vector_store_id, created_at, data FROM sess.vector_store_file_batches ORDER BY rowid`);
  db.exec(`INSERT INTO main.file_chunks (text, store_id, file_id, idx)
    SELECT text, store_id, file_id, idx FROM sess.file_chunks WHERE (store_id, file_id) IN (SELECT vector_store_id, file_id FROM temp.import_new_vsf) ORDER BY rowid`);
  // The bytes, once per content, as the file store keeps them.
  const writtenBlobs: string[] = [];
  const rows = db.prepare('SELECT DISTINCT sha256 FROM sess.files WHERE id IN (SELECT id FROM temp.import_new_files)').pluck().all() as string[];
  const content = db.prepare('SELECT content FROM sess.files WHERE sha256 = ? LIMIT 1').pluck();
  try {
    for (const sha of rows) {
      const blob = path.join(filesDir, sha);
      if (fs.existsSync(blob)) continue;
      fs.mkdirSync(filesDir, { recursive: true });
      const tmp = `${blob}.${process.pid}.${Date.now()}.tmp`;
      fs.writeFileSync(tmp, content.get(sha) as Buffer);
      fs.renameSync(tmp, blob);
      writtenBlobs.push(blob);
    }
  } catch (error) {
    removeBlobs(writtenBlobs);
    throw error;
  }
  return { added, skipped, writtenBlobs };
}

/** Removes blobs an import wrote (its transaction rolled back). */
export function removeBlobs(blobs: readonly string[]): void {
  for (const blob of blobs) fs.rmSync(blob, { force: true });
}
