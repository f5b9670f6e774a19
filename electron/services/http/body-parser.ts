/**
 * The one request-body parser of the server: JSON of any declared content type, an empty
 * body as "no body", 400 with the platform's wording for anything that is not JSON, and
 * 413 past the limit. An oversized body is still drained (up to a cap) before answering so
 * the client reads the 413 instead of a broken pipe.
 */
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../runtime/api-error';
import { BAD_JSON_MESSAGE } from './errors';

/** Past this many bytes an oversized body is no longer drained: the connection is dropped. */
const DRAIN_FACTOR = 16;

/** 413 body, shared with the framework's own limit errors. */
export function tooLarge(limit: number): ApiError {
  return new ApiError(413, `Request body too large. The limit is ${limit} bytes.`, 'invalid_request_error', null, 'request_too_large');
}

/** Builds the Fastify parser function for `addContentTypeParser('*', parser)`. */
export function jsonBodyParser(limit: number) {
  return (_req: FastifyRequest, payload: NodeJS.ReadableStream, done: (err: Error | null, body?: unknown) => void): void => {
    const chunks: Buffer[] = [];
    let received = 0;
    let over = false;
    let finished = false;
    const finish = (err: Error | null, body?: unknown): void => {
      if (finished) return;
      finished = true;
      payload.removeListener('data', onData);
      payload.removeListener('end', onEnd);
      payload.removeListener('error', onError);
      done(err, body);
    };
    const onData = (chunk: Buffer | string): void => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      received += buf.length;
      if (received > limit) {
        over = true;
        chunks.length = 0;
        if (received > limit * DRAIN_FACTOR) finish(tooLarge(limit));
        return;
      }
      chunks.push(buf);
    };
    const onEnd = (): void => {
      if (over) return finish(tooLarge(limit));
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return finish(null, undefined);
      try {
        finish(null, JSON.parse(text));
      } catch {
        finish(new ApiError(400, BAD_JSON_MESSAGE));
      }
    };
    const onError = (): void => finish(new ApiError(400, 'The request body could not be read.'));
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
    payload.resume();
  };
}
