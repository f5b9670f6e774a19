/**
 * Uploaded files (`/v1/files`): the bytes are content-addressed in `<dataDir>/files/<sha256>`
 * (two uploads of the same bytes share one blob), the OpenAI `file` object lives in SQLite.
 * Size and count limits answer with OpenAI-shaped 400s and store nothing.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { ListPage } from '../../contract/objects';
import type { Db } from '../db/database';
import { ApiError } from '../runtime/api-error';
import type { ListQuery } from '../runtime/runtime-types';
import { newBuiltinId, pageArray } from './ids';

/** The platform's `file` object. */
export interface FileObject {
  id: string;
  object: 'file';
  bytes: number;
  created_at: number;
  filename: string;
  purpose: string;
  status: 'uploaded' | 'processed' | 'error';
  status_details: string | null;
  expires_at: number | null;
}

/** Purposes the upload route accepts (the platform's list). */
export const FILE_PURPOSES = ['assistants', 'assistants_output', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'] as const;

/** Limits on uploads; both are checked before anything is written. */
export interface FileLimits {
  maxBytes: number;
  maxFiles: number;
}

export const DEFAULT_FILE_LIMITS: FileLimits = { maxBytes: 32 * 1024 * 1024, maxFiles: 10_000 };

/** 404 in the platform's wording for files. */
export function fileNotFound(id: string): ApiError {
  return new ApiError(404, `No such File object: ${id}`, 'invalid_request_error', 'id', null);
}

/** Files on disk plus their rows. */
export class FileStore {
  private readonly dir: string;

  constructor(
    private readonly db: Db,
    dataDir: string,
    private readonly now: () => number,
    readonly limits: FileLimits = DEFAULT_FILE_LIMITS,
  ) {
    this.dir = path.join(dataDir, 'files');
  }

  private sec(): number {
    return Math.floor(this.now() / 1000);
  }

  /** Refuses a file before it is stored: empty, too large, or one too many. */
  checkUpload(filename: string, bytes: number): void {
    if (!filename.trim()) throw new ApiError(400, "Invalid 'file': the upload has no file name.", 'invalid_request_error', 'file', 'invalid_value');
    if (bytes === 0) throw new ApiError(400, `File '${filename}' is empty. Upload a file with content.`, 'invalid_request_error', 'file', 'empty_file');
    if (bytes > this.limits.maxBytes) {
      throw new ApiError(
        400,
        `File '${filename}' is too large: ${bytes} bytes. The maximum file size is ${this.limits.maxBytes} bytes.`,
        'invalid_request_error',
        'file',
        'file_too_large',
      );
    }
    const count = (this.db.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n;
    if (count >= this.limits.maxFiles) {
      throw new ApiError(400, `You have reached the limit of ${this.limits.maxFiles} files. Delete files before uploading more.`, 'invalid_request_error', 'file', 'files_limit_exceeded');
    }
  }

  /** Stores bytes (once per content) and a new file object. */
  create(filename: string, purpose: string, content: Buffer): FileObject {
    this.checkUpload(filename, content.length);
    const sha = createHash('sha256').update(content).digest('hex');
    const blob = path.join(this.dir, sha);
    if (!existsSync(blob)) {
      mkdirSync(this.dir, { recursive: true });
      const tmp = `${blob}.${process.pid}.${Date.now()}.tmp`;
      writeFileSync(tmp, content);
      renameSync(tmp, blob);
    }
    const file: FileObject = {
      id: newBuiltinId('file-'),
      object: 'file',
      bytes: content.length,
      created_at: this.sec(),
      filename: path.basename(filename),
      purpose,
      status: 'processed',
      status_details: null,
      expires_at: null,
    };
    this.db.prepare('INSERT INTO files (id, created_at, sha256, data) VALUES (?, ?, ?, ?)').run(file.id, file.created_at, sha, JSON.stringify(file));
    return file;
  }

  find(id: string): FileObject | null {
    const row = this.db.prepare('SELECT data FROM files WHERE id = ?').get(id) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as FileObject) : null;
  }

  get(id: string): FileObject {
    const file = this.find(id);
    if (!file) throw fileNotFound(id);
    return file;
  }

  list(query: ListQuery & { purpose?: string }): ListPage<FileObject> {
    const rows = this.db.prepare('SELECT data FROM files ORDER BY rowid').all() as Array<{ data: string }>;
    let files = rows.map((r) => JSON.parse(r.data) as FileObject);
    if (query.purpose) files = files.filter((f) => f.purpose === query.purpose);
    return pageArray(files, query);
  }

  /** The bytes of a file. */
  content(id: string): Buffer {
    const row = this.db.prepare('SELECT sha256 FROM files WHERE id = ?').get(id) as { sha256: string } | undefined;
    if (!row) throw fileNotFound(id);
    return readFileSync(path.join(this.dir, row.sha256));
  }

  /** Removes the row, and the blob once no other file shares it. */
  delete(id: string): { id: string; object: 'file'; deleted: true } {
    const row = this.db.prepare('SELECT sha256 FROM files WHERE id = ?').get(id) as { sha256: string } | undefined;
    if (!row) throw fileNotFound(id);
    this.db.prepare('DELETE FROM files WHERE id = ?').run(id);
    const others = (this.db.prepare('SELECT count(*) AS n FROM files WHERE sha256 = ?').get(row.sha256) as { n: number }).n;
    if (others === 0) rmSync(path.join(this.dir, row.sha256), { force: true });
    return { id, object: 'file', deleted: true };
  }
}
