/**
 * The browser-mode transport: each RunLensApi call is `POST /api/call/<domain.method>` with the
 * arguments as a JSON array, and the pushes arrive over `GET /api/events` (SSE). The session
 * cookie rides along; the page never sees a token.
 */
import type { ConnectionState, RunLensBridge, RunLensEventName, RunLensEvents, RunLensMethodName, SessionFileTransfer } from '../../../electron/contract/api';
import type { SessionImportResult } from '../../../electron/contract/sessions';
import { apiFromCall } from '../../../electron/contract/api-from-call';
import { BridgeError } from './bridge-error';
import { PushListeners } from './push-listeners';
import { openSseReader } from './sse-reader';

export interface HttpBridgeOptions {
  /** Where the server is; '' (same origin) in the browser. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Headers sent with every call and the stream (tests use a Cookie header; browsers send cookies themselves). */
  headers?: Record<string, string>;
  /** Starts a browser download of `url` named `name` (default: a clicked `<a download>`; tests fetch it instead). */
  download?: (url: string, name: string) => void;
}

/** The browser's own download: a temporary `<a download>` clicked once. */
function browserDownload(url: string, name: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
}

/** Every push name (a new one does not compile until it is listed here). */
const PUSH_NAME_SET: Record<RunLensEventName, true> = { 'run.event': true, 'entity.changed': true, 'storage.status': true, 'sessions.import.progress': true };
const PUSH_NAMES = Object.keys(PUSH_NAME_SET) as RunLensEventName[];

/** Drops trailing `undefined` arguments, which JSON would turn into `null` and defeat defaults. */
function trimArgs(args: unknown[]): unknown[] {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end--;
  return args.slice(0, end);
}

async function errorFrom(response: Response): Promise<BridgeError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: fall through to the status text.
  }
  const error = (body as { error?: { message?: unknown; type?: unknown; code?: unknown } } | null)?.error;
  const message = typeof error?.message === 'string' ? error.message : `Request failed with status ${response.status}`;
  return new BridgeError(message, response.status, typeof error?.type === 'string' ? error.type : 'server_error', typeof error?.code === 'string' ? error.code : null);
}

/** A bridge that talks to a RunLens server over HTTP + SSE. */
export function createHttpBridge(
  options: HttpBridgeOptions = {},
): RunLensBridge & {
  close(): void;
  whenConnected(): Promise<void>;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  sessionFiles: SessionFileTransfer;
} {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const extraHeaders = options.headers ?? {};
  const listeners = new PushListeners();
  let stream: { close(): void } | null = null;
  let markOpen: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (markOpen = resolve));
  let connection: ConnectionState = 'connecting';
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  const setConnection = (state: ConnectionState) => {
    if (state === connection) return;
    connection = state;
    for (const listener of [...connectionListeners]) listener(state);
  };

  const call = async (name: RunLensMethodName, args: unknown[]): Promise<unknown> => {
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}/api/call/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...extraHeaders },
        body: JSON.stringify(trimArgs(args)),
        credentials: 'same-origin',
      });
    } catch (error) {
      setConnection('down');
      throw new BridgeError(`RunLens is not reachable: ${error instanceof Error ? error.message : String(error)}`, 0, 'connection_error');
    }
    if (!response.ok) throw await errorFrom(response);
    return ((await response.json()) as { result?: unknown }).result;
  };

  /** A POST outside the JSON call route (uploads, exports): same cookie, same error handling. */
  const post = async (pathAndQuery: string, body: BodyInit, contentType: string): Promise<unknown> => {
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${pathAndQuery}`, { method: 'POST', headers: { 'content-type': contentType, ...extraHeaders }, body, credentials: 'same-origin' });
    } catch (error) {
      throw new BridgeError(`RunLens is not reachable: ${error instanceof Error ? error.message : String(error)}`, 0, 'connection_error');
    }
    if (!response.ok) throw await errorFrom(response);
    return ((await response.json()) as { result?: unknown }).result;
  };

  const sessionFiles: SessionFileTransfer = {
    kind: 'browser',
    async exportFile(threadIds) {
      const r = (await post('/api/sessions/export', JSON.stringify({ thread_ids: threadIds }), 'application/json')) as { url: string; name: string; counts: Record<string, number> };
      (options.download ?? browserDownload)(`${baseUrl}${r.url}`, r.name);
      return { file: r.name, counts: r.counts };
    },
    async importFile(file, importOptions = {}) {
      const query = new URLSearchParams({ name: file.name });
      if (importOptions.progress_id) query.set('progress_id', importOptions.progress_id);
      return (await post(`/api/sessions/import?${query.toString()}`, file, 'application/octet-stream')) as SessionImportResult;
    },
  };

  const ensureStream = () => {
    stream ??= openSseReader({
      url: `${baseUrl}/api/events`,
      fetch: (input, init) => doFetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...extraHeaders } }),
      onOpen: () => {
        setConnection('up');
        markOpen();
      },
      onDown: () => setConnection('down'),
      onMessage: ({ event, data }) => {
        const name = PUSH_NAMES.find((n) => n === event);
        if (name) listeners.emit(name, JSON.parse(data) as RunLensEvents[typeof name]);
      },
    });
  };

  return {
    api: apiFromCall(call),
    sessionFiles,
    on(name, listener) {
      const off = listeners.on(name, listener);
      ensureStream();
      return off;
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      ensureStream();
      listener(connection);
      return () => void connectionListeners.delete(listener);
    },
    whenConnected() {
      ensureStream();
      return opened;
    },
    close() {
      stream?.close();
      stream = null;
    },
  };
}
