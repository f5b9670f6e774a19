/**
 * Session files for browser mode, beside the JSON bridge (same session cookie, same Host and
 * Origin guards):
 * - `POST /api/sessions/import?name=…&progress_id=…`: the raw bytes of a picked or dropped
 *   file, streamed to a private temp file (up to `uploadLimit` bytes, 413 beyond), imported
 *   with the same call as by path (progress pushed over the event stream), then deleted.
 * - `POST /api/sessions/export` `{ thread_ids }`: writes the session file to a private temp
 *   directory and answers a one-time download address; `GET /api/sessions/download/<token>`
 *   streams it as an attachment and deletes it (unclaimed ones go after DOWNLOAD_TTL_MS).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services-types';
import { ApiError } from '../../runtime/api-error';
import { toErrorBody } from './dispatch';
import { tooLarge } from '../body-parser';

/** Largest upload by default: 4 GiB (session files of millions of events are a few hundred MB). */
export const DEFAULT_UPLOAD_LIMIT = 4 * 1024 * 1024 * 1024;
/** An export not downloaded within this long is deleted. */
export const DOWNLOAD_TTL_MS = 10 * 60 * 1000;

export interface SessionFilesOptions {
  services: Services;
  guard: (request: FastifyRequest, reply: FastifyReply) => boolean;
  uploadLimit?: number;
  /** Where temp files go (os.tmpdir() by default). */
  tempRoot?: string;
}

/** A name safe for a file on any system and for a Content-Disposition header. */
export function safeFileName(name: string, fallback: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[^\w.\- ()]+/g, '_').replace(/^\.+/, '').slice(0, 120).trim();
  return base || fallback;
}

function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  const { message, status, type, param, code } = toErrorBody(error);
  return reply.code(status).send({ error: { message, type, param, code } });
}

function exportName(now: number): string {
  return `runlens-${new Date(now).toISOString().replace(/[:.]/g, '-')}.runlens`;
}

/** Registers the upload, export and download routes. */
export function registerSessionFiles(app: FastifyInstance, options: SessionFilesOptions): void {
  const limit = options.uploadLimit ?? DEFAULT_UPLOAD_LIMIT;
  const tempRoot = options.tempRoot ?? os.tmpdir();
  const downloads = new Map<string, { dir: string; file: string; name: string; timer: NodeJS.Timeout }>();
  const tempDir = (kind: string): string => fs.mkdtempSync(path.join(tempRoot, `runlens-${kind}-`));
  const drop = (token: string): void => {
    const d = downloads.get(token);
    if (!d) return;
    downloads.delete(token);
    clearTimeout(d.timer);
    fs.rmSync(d.dir, { recursive: true, force: true });
  };

  app.register(async (scope) => {
    // The body is the file itself: the handler streams it to disk instead of parsing it.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.post('/api/sessions/import', { bodyLimit: limit }, async (request, reply) => {
      if (!options.guard(request, reply)) {
        request.raw.resume();
        return reply;
      }
      const query = request.query as Record<string, unknown>;
      const name = safeFileName(typeof query.name === 'string' ? query.name : '', 'upload.runlens');
      const progressId = typeof query.progress_id === 'string' && /^[\w-]{1,128}$/.test(query.progress_id) ? query.progress_id : undefined;
      const declared = Number(request.headers['content-length'] ?? NaN);
      if (declared > limit) {
        request.raw.resume();
        return sendError(reply, tooLarge(limit));
      }
      const dir = tempDir('upload');
      const file = path.join(dir, name);
      try {
        let received = 0;
        const body = request.body as NodeJS.ReadableStream;
        body.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > limit) (body as unknown as { destroy(e: Error): void }).destroy(tooLarge(limit));
        });
        try {
          await pipeline(body, fs.createWriteStream(file, { mode: 0o600 }));
        } catch (error) {
          if (error instanceof ApiError) throw error;
          throw new ApiError(400, `The upload of ${name} did not complete: ${(error as Error).message}`);
        }
        if (received === 0) throw new ApiError(400, `${name} is empty: pick a .runlens session file.`);
        const result = await options.services.api.sessions.import(file, { display_name: name, ...(progressId ? { progress_id: progressId } : {}) });
        return reply.header('cache-control', 'no-store').send({ result });
      } catch (error) {
        return sendError(reply, error);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  app.post('/api/sessions/export', async (request, reply) => {
    if (!options.guard(request, reply)) return reply;
    const body = (request.body ?? {}) as { thread_ids?: unknown };
    const ids = Array.isArray(body.thread_ids) ? body.thread_ids : [];
    if (!ids.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 256) || ids.length > 100_000) {
      return sendError(reply, new ApiError(400, 'thread_ids must be a list of thread ids.', 'invalid_request_error', 'thread_ids'));
    }
    const name = exportName(Date.now());
    const dir = tempDir('export');
    try {
      const summary = await options.services.api.sessions.export({ thread_ids: ids as string[], file: path.join(dir, name) });
      const token = randomBytes(24).toString('base64url');
      const timer = setTimeout(() => drop(token), DOWNLOAD_TTL_MS);
      timer.unref();
      downloads.set(token, { dir, file: summary.file, name, timer });
      return reply.header('cache-control', 'no-store').send({ result: { url: `/api/sessions/download/${token}`, name, counts: summary.counts } });
    } catch (error) {
      fs.rmSync(dir, { recursive: true, force: true });
      return sendError(reply, error);
    }
  });

  app.get('/api/sessions/download/:token', async (request, reply) => {
    if (!options.guard(request, reply)) return reply;
    const token = (request.params as { token: string }).token;
    const d = downloads.get(token);
    if (!d) return sendError(reply, new ApiError(404, 'This download is gone: it was already taken or has expired. Export again.', 'invalid_request_error', null, 'download_gone'));
    // One use: the entry goes now, the file once it has been sent (or the client went away).
    downloads.delete(token);
    clearTimeout(d.timer);
    const size = fs.statSync(d.file).size;
    const stream = fs.createReadStream(d.file);
    const cleanup = (): void => fs.rmSync(d.dir, { recursive: true, force: true });
    stream.on('close', cleanup);
    return reply
      .headers({
        'content-type': 'application/vnd.sqlite3',
        'content-length': String(size),
        'content-disposition': `attachment; filename="${d.name}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      })
      .send(stream);
  });

  app.addHook('onClose', (_instance, done) => {
    for (const token of [...downloads.keys()]) drop(token);
    done();
  });
}
