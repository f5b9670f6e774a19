/**
 * Turns anything thrown while serving a request into an OpenAI error body
 * (`{error:{message,type,param,code}}`, assistants-api.md §5). Only `ApiError`s and the
 * framework's own 4xx errors pass their message through; everything else becomes a generic
 * 500 so no stack trace or internal detail leaves the server.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '../../contract/objects';
import { ApiError } from '../runtime/api-error';

/** The platform's reply to a body that is not JSON. */
export const BAD_JSON_MESSAGE =
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)";

/** Builds an error body. */
export function errorBody(message: string, type = 'invalid_request_error', param: string | null = null, code: string | null = null): ErrorBody {
  return { error: { message, type, param, code } };
}

interface Mapped {
  status: number;
  body: ErrorBody;
}

function fromFramework(error: FastifyError): Mapped | null {
  const status = typeof error.statusCode === 'number' ? error.statusCode : 0;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: errorBody('Request body too large.', 'invalid_request_error', null, 'request_too_large') };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: errorBody(BAD_JSON_MESSAGE) };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, body: errorBody('Unsupported content type.') };
    default:
      break;
  }
  if (error instanceof SyntaxError) return { status: 400, body: errorBody(BAD_JSON_MESSAGE) };
  if (status >= 400 && status < 500) {
    // Framework-level client errors (bad headers, bad URL encoding, …): a safe, short message.
    return { status, body: errorBody(status === 413 ? 'Request body too large.' : 'Invalid request.') };
  }
  return null;
}

/** Maps an error to status + body; unknown errors become a stackless 500. */
export function mapError(error: unknown): Mapped {
  if (error instanceof ApiError) return { status: error.status, body: error.toBody() };
  const mapped = error && typeof error === 'object' ? fromFramework(error as FastifyError) : null;
  if (mapped) return mapped;
  return { status: 500, body: errorBody('The server had an error while processing your request. Sorry about that!', 'server_error') };
}

/** Fastify error handler: logs unexpected failures locally, replies with an OpenAI body. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = mapError(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  if (reply.sent || reply.raw.headersSent) return;
  void reply.code(status).type('application/json; charset=utf-8').send(body);
}
