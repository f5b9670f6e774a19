import type { ErrorBody } from '../../contract/objects';

/**
 * An error that reaches the caller as an OpenAI error body (assistants-api.md §5).
 * Runtime rules throw it with the exact wording; the HTTP face only serialises it.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string = 'invalid_request_error',
    readonly param: string | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

/** `No assistant found with id 'asst_x'.` and the same wording for other objects. */
export function notFound(kind: 'assistant' | 'thread' | 'message' | 'run' | 'step', id: string): ApiError {
  return new ApiError(404, `No ${kind} found with id '${id}'.`);
}

/** A 400 state conflict (never 409: the real API used 400). */
export function conflict(message: string): ApiError {
  return new ApiError(400, message);
}
