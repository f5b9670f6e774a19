/**
 * The error a bridge call rejects with in browser mode: the message the user reads, plus the
 * HTTP status and the API's error type and code, so the UI can tell "not found" from "log in".
 */
export class BridgeError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly type: string = 'invalid_request_error',
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}
