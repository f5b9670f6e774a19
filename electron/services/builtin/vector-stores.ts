/**
 * Vector stores, their files and file batches (assistants-api.md §1–2). Adding a file records
 * it `in_progress` at once and indexes it in the background (extract → chunk → FTS5), one
 * file at a time; a file that cannot be read ends `failed` with `last_error`, and nothing
 * else in the store is affected. `file_counts` and the store's status are derived from rows.
 */
import type { ListPage, Metadata } from '../../contract/objects';
import type { Db } from '../db/database';
import { ApiError } from '../runtime/api-error';
import type { ListQuery } from '../runtime/runtime-types';
import { chunkText, DEFAULT_CHUNKING, type StaticChunking } from './chunker';
import type { FileStore } from './file-store';
import { newBuiltinId, pageArray } from './ids';
import { SearchIndex } from './search-index';
import { ExtractError, extractText } from './text-extract';

export interface FileCounts {
  in_progress: number;
  completed: number;
  failed: number;
  cancelled: number;
  total: number;
}

export interface VectorStore {
  id: string;
  object: 'vector_store';
  created_at: number;
  name: string;
  status: 'expired' | 'in_progress' | 'completed';
  usage_bytes: number;
  file_counts: FileCounts;
  last_active_at: number | null;
  metadata: Metadata | null;
  expires_after: { anchor: 'last_active_at'; days: number } | null;
  expires_at: number | null;
}

export type FileStatus = 'in_progress' | 'completed' | 'cancelled' | 'failed';

export interface VectorStoreFile {
  id: string;
  object: 'vector_store.file';
  created_at: number;
  vector_store_id: string;
  status: FileStatus;
  last_error: { code: 'server_error' | 'unsupported_file' | 'invalid_file'; message: string } | null;
  usage_bytes: number;
  attributes: Record<string, string | number | boolean> | null;
  chunking_strategy: StaticChunking;
}

export interface FileBatch {
  id: string;
  object: 'vector_store.files_batch';
  created_at: number;
  vector_store_id: string;
  status: 'in_progress' | 'completed' | 'cancelled' | 'failed';
  file_counts: FileCounts;
}

export interface VectorStoreCreate {
  name?: string | null;
  file_ids?: string[];
  chunking_strategy?: unknown;
  metadata?: Metadata | null;
  expires_after?: { anchor: 'last_active_at'; days: number } | null;
}

/** 404 for a store in the platform's wording. */
export function storeNotFound(id: string): ApiError {
  return new ApiError(404, `No vector store found with id '${id}'.`);
}

/** Checks a `chunking_strategy` value and returns it as a static strategy. */
export function parseChunking(value: unknown, param = 'chunking_strategy'): StaticChunking {
  if (value === undefined || value === null) return DEFAULT_CHUNKING;
  const v = value as { type?: unknown; static?: { max_chunk_size_tokens?: unknown; chunk_overlap_tokens?: unknown } };
  if (typeof value !== 'object' || (v.type !== 'auto' && v.type !== 'static')) {
    throw new ApiError(400, `Invalid value for '${param}.type': expected 'auto' or 'static'.`, 'invalid_request_error', `${param}.type`, 'invalid_value');
  }
  if (v.type === 'auto') return DEFAULT_CHUNKING;
  const max = v.static?.max_chunk_size_tokens;
  const overlap = v.static?.chunk_overlap_tokens;
  if (!Number.isInteger(max) || (max as number) < 100 || (max as number) > 4096) {
    throw new ApiError(400, `Invalid '${param}.static.max_chunk_size_tokens': expected an integer from 100 to 4096.`, 'invalid_request_error', `${param}.static.max_chunk_size_tokens`, 'invalid_value');
  }
  if (!Number.isInteger(overlap) || (overlap as number) < 0 || (overlap as number) > (max as number) / 2) {
    throw new ApiError(
      400,
      `Invalid '${param}.static.chunk_overlap_tokens': expected an integer from 0 to half of max_chunk_size_tokens (${Math.floor((max as number) / 2)}).`,
      'invalid_request_error',
      `${param}.static.chunk_overlap_tokens`,
      'invalid_value',
    );
  }
  return { type: 'static', static: { max_chunk_size_tokens: max as number, chunk_overlap_tokens: overlap as number } };
}

/** Stores, files, batches and the background indexer. */
export class VectorStores {
  readonly index: SearchIndex;
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;
  private closed = false;
  private readonly listeners = new Set<(storeId: string) => void>();

  constructor(
    private readonly db: Db,
    private readonly files: FileStore,
    private readonly now: () => number,
  ) {
    this.index = new SearchIndex(db);
  }

  private sec(): number {
    return Math.floor(this.now() / 1000);
  }

  /** Called with a store id whenever one of its files changes status. */
  onChange(listener: (storeId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // Stores -------------------------------------------------------------------
  create(params: VectorStoreCreate): VectorStore {
    const chunking = parseChunking(params.chunking_strategy);
    for (const fid of params.file_ids ?? []) this.files.get(fid);
    const now = this.sec();
    const row = {
      id: newBuiltinId('vs_'),
      object: 'vector_store' as const,
      created_at: now,
      name: params.name ?? '',
      last_active_at: now,
      metadata: params.metadata ?? {},
      expires_after: params.expires_after ?? null,
    };
    this.db.prepare('INSERT INTO vector_stores (id, created_at, data) VALUES (?, ?, ?)').run(row.id, now, JSON.stringify(row));
    for (const fid of params.file_ids ?? []) this.addFile(row.id, fid, chunking, null, null);
    return this.get(row.id);
  }

  private row(id: string): Omit<VectorStore, 'status' | 'usage_bytes' | 'file_counts' | 'expires_at'> {
    const r = this.db.prepare('SELECT data FROM vector_stores WHERE id = ?').get(id) as { data: string } | undefined;
    if (!r) throw storeNotFound(id);
    return JSON.parse(r.data) as Omit<VectorStore, 'status' | 'usage_bytes' | 'file_counts' | 'expires_at'>;
  }

  exists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM vector_stores WHERE id = ?').get(id) !== undefined;
  }

  get(id: string): VectorStore {
    const row = this.row(id);
    const counts = this.counts(id, null);
    const expires_at = row.expires_after && row.last_active_at !== null ? row.last_active_at + row.expires_after.days * 86400 : null;
    return {
      ...row,
      status: counts.in_progress > 0 ? 'in_progress' : 'completed',
      usage_bytes: this.index.usageBytes(id),
      file_counts: counts,
      expires_at,
    };
  }

  list(query: ListQuery): ListPage<VectorStore> {
    const ids = (this.db.prepare('SELECT id FROM vector_stores ORDER BY rowid').all() as Array<{ id: string }>).map((r) => r.id);
    return pageArray(ids.map((id) => this.get(id)), query);
  }

  update(id: string, params: { name?: string | null; metadata?: Metadata | null; expires_after?: VectorStore['expires_after'] }): VectorStore {
    const row = this.row(id);
    if (params.name !== undefined) row.name = params.name ?? '';
    if (params.metadata !== undefined) row.metadata = params.metadata ?? {};
    if (params.expires_after !== undefined) row.expires_after = params.expires_after;
    this.db.prepare('UPDATE vector_stores SET data = ? WHERE id = ?').run(JSON.stringify(row), id);
    return this.get(id);
  }

  delete(id: string): { id: string; object: 'vector_store.deleted'; deleted: true } {
    this.row(id);
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM vector_stores WHERE id = ?').run(id);
      this.db.prepare('DELETE FROM vector_store_files WHERE vector_store_id = ?').run(id);
      this.db.prepare('DELETE FROM vector_store_file_batches WHERE vector_store_id = ?').run(id);
      this.index.remove(id);
    })();
    return { id, object: 'vector_store.deleted', deleted: true };
  }

  // Files --------------------------------------------------------------------
  private counts(storeId: string, batchId: string | null): FileCounts {
    const rows = (
      batchId
        ? this.db.prepare('SELECT data FROM vector_store_files WHERE vector_store_id = ? AND batch_id = ?').all(storeId, batchId)
        : this.db.prepare('SELECT data FROM vector_store_files WHERE vector_store_id = ?').all(storeId)
    ) as Array<{ data: string }>;
    const c: FileCounts = { in_progress: 0, completed: 0, failed: 0, cancelled: 0, total: 0 };
    for (const r of rows) {
      c[(JSON.parse(r.data) as VectorStoreFile).status]++;
      c.total++;
    }
    return c;
  }

  /** Adds a file (re-adding one restarts its indexing) and queues it for indexing. */
  addFile(storeId: string, fileId: string, chunking: StaticChunking, attributes: VectorStoreFile['attributes'], batchId: string | null): VectorStoreFile {
    this.row(storeId);
    this.files.get(fileId);
    const file: VectorStoreFile = {
      id: fileId,
      object: 'vector_store.file',
      created_at: this.sec(),
      vector_store_id: storeId,
      status: 'in_progress',
      last_error: null,
      usage_bytes: 0,
      attributes: attributes ?? {},
      chunking_strategy: chunking,
    };
    this.db
      .prepare('INSERT OR REPLACE INTO vector_store_files (vector_store_id, file_id, created_at, batch_id, data) VALUES (?, ?, ?, ?, ?)')
      .run(storeId, fileId, file.created_at, batchId, JSON.stringify(file));
    this.enqueue(storeId, fileId);
    return file;
  }

  private saveFile(file: VectorStoreFile): void {
    this.db.prepare('UPDATE vector_store_files SET data = ? WHERE vector_store_id = ? AND file_id = ?').run(JSON.stringify(file), file.vector_store_id, file.id);
    for (const l of this.listeners) l(file.vector_store_id);
  }

  findFile(storeId: string, fileId: string): VectorStoreFile | null {
    const r = this.db.prepare('SELECT data FROM vector_store_files WHERE vector_store_id = ? AND file_id = ?').get(storeId, fileId) as { data: string } | undefined;
    return r ? (JSON.parse(r.data) as VectorStoreFile) : null;
  }

  getFile(storeId: string, fileId: string): VectorStoreFile {
    this.row(storeId);
    const f = this.findFile(storeId, fileId);
    if (!f) throw new ApiError(404, `No file found with id '${fileId}' in vector store '${storeId}'.`);
    return f;
  }

  listFiles(storeId: string, query: ListQuery & { filter?: string; batchId?: string }): ListPage<VectorStoreFile> {
    this.row(storeId);
    const rows = (
      query.batchId
        ? this.db.prepare('SELECT data FROM vector_store_files WHERE vector_store_id = ? AND batch_id = ? ORDER BY rowid').all(storeId, query.batchId)
        : this.db.prepare('SELECT data FROM vector_store_files WHERE vector_store_id = ? ORDER BY rowid').all(storeId)
    ) as Array<{ data: string }>;
    let files = rows.map((r) => JSON.parse(r.data) as VectorStoreFile);
    if (query.filter) files = files.filter((f) => f.status === query.filter);
    return pageArray(files, query);
  }

  deleteFile(storeId: string, fileId: string): { id: string; object: 'vector_store.file.deleted'; deleted: true } {
    this.getFile(storeId, fileId);
    this.db.prepare('DELETE FROM vector_store_files WHERE vector_store_id = ? AND file_id = ?').run(storeId, fileId);
    this.index.remove(storeId, fileId);
    for (const l of this.listeners) l(storeId);
    return { id: fileId, object: 'vector_store.file.deleted', deleted: true };
  }

  /** The indexed chunks of one file of a store. */
  fileContent(storeId: string, fileId: string): Array<{ type: 'text'; text: string }> {
    this.getFile(storeId, fileId);
    const rows = this.db.prepare('SELECT text FROM file_chunks WHERE store_id = ? AND file_id = ? ORDER BY CAST(idx AS INTEGER)').all(storeId, fileId) as Array<{ text: string }>;
    return rows.map((r) => ({ type: 'text', text: r.text }));
  }

  // Batches ------------------------------------------------------------------
  createBatch(storeId: string, fileIds: string[], chunking: StaticChunking, attributes: VectorStoreFile['attributes']): FileBatch {
    this.row(storeId);
    for (const fid of fileIds) this.files.get(fid);
    const batch = { id: newBuiltinId('vsfb_'), object: 'vector_store.files_batch' as const, created_at: this.sec(), vector_store_id: storeId };
    this.db.prepare('INSERT INTO vector_store_file_batches (id, vector_store_id, created_at, data) VALUES (?, ?, ?, ?)').run(batch.id, storeId, batch.created_at, JSON.stringify({ ...batch, cancelled: false }));
    for (const fid of fileIds) this.addFile(storeId, fid, chunking, attributes, batch.id);
    return this.getBatch(storeId, batch.id);
  }

  getBatch(storeId: string, batchId: string): FileBatch {
    const r = this.db.prepare('SELECT data FROM vector_store_file_batches WHERE id = ? AND vector_store_id = ?').get(batchId, storeId) as { data: string } | undefined;
    if (!r) throw new ApiError(404, `No file batch found with id '${batchId}'.`);
    const { cancelled, ...batch } = JSON.parse(r.data) as Omit<FileBatch, 'status' | 'file_counts'> & { cancelled: boolean };
    const counts = this.counts(storeId, batchId);
    const status: FileBatch['status'] = counts.in_progress > 0 ? (cancelled ? 'cancelled' : 'in_progress') : cancelled ? 'cancelled' : counts.failed === counts.total && counts.total > 0 ? 'failed' : 'completed';
    return { ...batch, status, file_counts: counts };
  }

  /** Files of the batch not yet indexed end `cancelled`. */
  cancelBatch(storeId: string, batchId: string): FileBatch {
    const batch = this.getBatch(storeId, batchId);
    this.db.prepare('UPDATE vector_store_file_batches SET data = ? WHERE id = ?').run(JSON.stringify({ ...batch, cancelled: true }), batchId);
    for (const f of this.listFiles(storeId, { limit: 100_000, order: 'asc', batchId }).data) {
      if (f.status === 'in_progress') this.saveFile({ ...f, status: 'cancelled' });
    }
    return this.getBatch(storeId, batchId);
  }

  // Indexing -----------------------------------------------------------------
  private enqueue(storeId: string, fileId: string): void {
    this.pending++;
    this.queue = this.queue.then(async () => {
      try {
        if (!this.closed) await this.process(storeId, fileId);
      } finally {
        this.pending--;
      }
    });
  }

  /** Resolves when every queued file has been indexed (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.queue;
  }

  private async process(storeId: string, fileId: string): Promise<void> {
    const file = this.findFile(storeId, fileId);
    if (!file || file.status !== 'in_progress') return;
    try {
      const meta = this.files.find(fileId);
      if (!meta) throw new ExtractError('invalid_file', `The file ${fileId} was deleted before it could be indexed.`);
      const text = await extractText(meta.filename, this.files.content(fileId));
      const chunks = chunkText(text, file.chunking_strategy);
      const current = this.findFile(storeId, fileId);
      if (!current || current.status !== 'in_progress') return;
      this.index.index(storeId, fileId, chunks);
      this.saveFile({ ...current, status: 'completed', usage_bytes: this.index.usageBytes(storeId, fileId) });
    } catch (error) {
      const current = this.findFile(storeId, fileId);
      if (!current) return;
      const code = error instanceof ExtractError ? error.code : 'server_error';
      this.saveFile({ ...current, status: 'failed', last_error: { code, message: (error as Error).message } });
    }
  }

  /** Indexes a message attachment on first use (default chunking); throws ExtractError when it cannot be read. */
  async indexAttachment(fileId: string, storeId: string): Promise<void> {
    if (this.index.has(storeId, fileId)) return;
    const meta = this.files.get(fileId);
    const text = await extractText(meta.filename, this.files.content(fileId));
    this.index.index(storeId, fileId, chunkText(text));
  }

  close(): void {
    this.closed = true;
  }
}
