/**
 * One HTTP(S) request for live handlers, with the limits a debugger needs: redirects are
 * refused (never followed), the response body is capped (reading stops at the cap and the
 * call ends with a clear error), a timeout and the run's cancel both abort the socket.
 * Connections are kept alive per process so loopback calls cost well under a millisecond.
 */
import http from 'node:http';
import https from 'node:https';

/** Responses larger than this end as an error (a 50 MB body never reaches the model). */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });

export interface HttpCallRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  maxBytes?: number;
}

export interface HttpCallResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A failed call, with what is known of the response (status/headers) when there was one. */
export class HttpCallError extends Error {
  constructor(
    message: string,
    readonly response: Partial<HttpCallResponse> | null = null,
  ) {
    super(message);
    this.name = 'HttpCallError';
  }
}

function flatHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function networkMessage(url: string, error: NodeJS.ErrnoException): string {
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') return `cannot reach ${url}: connection refused`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot reach ${url}: host not found`;
  if (code === 'ECONNRESET') return `${url} closed the connection`;
  return `cannot reach ${url}: ${error.message}`;
}

/** Sends the request; resolves with any status (the caller decides what 2xx means), rejects on faults. */
export function httpCall(req: HttpCallRequest): Promise<HttpCallResponse> {
  const max = req.maxBytes ?? MAX_RESPONSE_BYTES;
  return new Promise((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      reject(new HttpCallError(`not a valid URL: ${req.url}`));
      return;
    }
    const mod = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : null;
    if (!mod) {
      reject(new HttpCallError(`only http:// and https:// URLs can be called, got ${url.protocol}`));
      return;
    }
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
    const request = mod.request(url, { method: req.method, headers, agent: url.protocol === 'https:' ? httpsAgent : httpAgent });
    const timer = setTimeout(() => {
      finish(() => reject(new HttpCallError(`timed out after ${req.timeoutMs} ms waiting for ${req.url}`)));
      request.destroy();
    }, req.timeoutMs);
    const onAbort = (): void => {
      finish(() => reject(new HttpCallError('cancelled: the run was cancelled')));
      request.destroy();
    };
    if (req.signal?.aborted) {
      onAbort();
      return;
    }
    req.signal?.addEventListener('abort', onAbort, { once: true });
    request.on('error', (error: NodeJS.ErrnoException) => finish(() => reject(new HttpCallError(networkMessage(req.url, error)))));
    request.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const resHeaders = flatHeaders(res.headers);
      if (status >= 300 && status < 400) {
        res.resume();
        const where = resHeaders.location ? ` to ${resHeaders.location}` : '';
        finish(() => reject(new HttpCallError(`redirect refused: HTTP ${status}${where} (live handlers never follow redirects)`, { status, headers: resHeaders })));
        return;
      }
      const declared = Number(resHeaders['content-length'] ?? NaN);
      const tooLarge = (): void => {
        finish(() =>
          reject(new HttpCallError(`response too large: more than ${Math.round(max / 1024 / 1024)} MB (reading stopped)`, { status, headers: resHeaders })),
        );
        res.destroy();
        request.destroy();
      };
      if (Number.isFinite(declared) && declared > max) return tooLarge();
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > max) return tooLarge();
        chunks.push(chunk);
      });
      res.on('error', (error: NodeJS.ErrnoException) => finish(() => reject(new HttpCallError(networkMessage(req.url, error), { status, headers: resHeaders }))));
      res.on('close', () => finish(() => reject(new HttpCallError(`${req.url} closed the connection before the response ended`, { status, headers: resHeaders }))));
      res.on('end', () => finish(() => resolve({ status, headers: resHeaders, body: Buffer.concat(chunks).toString('utf8') })));
    });
    request.end(req.body);
  });
}
