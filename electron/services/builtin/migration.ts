/**
 * The schema of uploaded files, vector stores and the full-text index of their chunks
 * (issue 13). Blobs live in the data directory under their SHA-256; SQLite keeps metadata.
 */
import type { Migration } from '../db/migrations';

/** Files, vector stores, their files and batches, and the FTS5 chunk index. */
export const FILES_MIGRATION: Migration = {
  version: 3,
  name: 'files-vector-stores-chunks',
  sql: `
    CREATE TABLE files (
      id TEXT PRIMARY KEY,
      created_at INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      data TEXT NOT NULL
    );
    CREATE INDEX files_sha ON files (sha256);
    CREATE TABLE vector_stores (
      id TEXT PRIMARY KEY,
      created_at INTEGER NOT NULL,
      data TEXT NOT NULL
    );
    CREATE TABLE vector_store_files (
      vector_store_id TEXT NOT NULL,
      file_id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      batch_id TEXT,
      data TEXT NOT NULL,
      PRIMARY KEY (vector_store_id, file_id)
    );
    CREATE TABLE vector_store_file_batches (
      id TEXT PRIMARY KEY,
      vector_store_id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      data TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE file_chunks USING fts5(
      text, store_id UNINDEXED, file_id UNINDEXED, idx UNINDEXED,
      tokenize = 'porter unicode61'
    );
  `,
};
