/**
 * A Server-Sent Events reader over fetch, so it behaves the same in browsers and in Node
 * tests. It reconnects after a drop and asks for the events after the last id it saw
 * (`?after=`), so no run event is lost; a 401 ends it for good (the session is gone).
 * While the server cannot be reached it retries with a growing wait (backoff, capped), and
 * says so at once through `onDown`, so the UI can tell the user.
 */

export interface SseMessage {
  event: string;
  data: string;
  id: string | null;
}

export interface SseReaderOptions {
  url: string;
  fetch: typeof fetch;
  onMessage(message: SseMessage): void;
  /** Called each time the server accepts the stream (first connect and every reconnect). */
  onOpen?(): void;
  /** Called once when the server refuses the stream with 401. */
  onUnauthorized?(): void;
  /** Called each time the stream is lost or cannot be opened (before the wait to reconnect). */
  onDown?(): void;
  /** First wait before reconnecting, in ms (the server's `retry:` overrides it); it doubles while the server stays away. */
  retryMs?: number;
  /** The longest wait between reconnect attempts. Default 10 s. */
  maxRetryMs?: number;
}

/** Splits complete SSE blocks off `buffer`; returns the messages and the unfinished rest. */
export function parseSseChunk(buffer: string): { messages: SseMessage[]; rest: string; retry: number | null } {
  const messages: SseMessage[] = [];
  let retry: number | null = null;
  const blocks = buffer.split(/\r\n\r\n|\n\n|\r\r/);
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    let id: string | null = null;
    const data: string[] = [];
    for (const line of block.split(/\r\n|\n|\r/)) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
      else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
    }
    if (data.length > 0) messages.push({ event, data: data.join('\n'), id });
  }
  return { messages, rest, retry };
}

/** Opens the stream and keeps it open until `close()`. */
export function openSseReader(options: SseReaderOptions): { close(): void } {
  const controller = new AbortController();
  let lastId: string | null = null;
  let retryMs = options.retryMs ?? 2000;
  const maxRetryMs = options.maxRetryMs ?? 10_000;
  let failures = 0;

  const readOnce = async (): Promise<'again' | 'stop'> => {
    const url = lastId === null ? options.url : `${options.url}${options.url.includes('?') ? '&' : '?'}after=${encodeURIComponent(lastId)}`;
    const response = await options.fetch(url, { headers: { accept: 'text/event-stream' }, credentials: 'same-origin', signal: controller.signal });
    if (response.status === 401) {
      options.onUnauthorized?.();
      return 'stop';
    }
    if (!response.ok || !response.body) return 'again';
    failures = 0;
    options.onOpen?.();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return 'again';
      const parsed = parseSseChunk(buffer + value);
      buffer = parsed.rest;
      if (parsed.retry !== null) retryMs = parsed.retry;
      for (const message of parsed.messages) {
        if (message.id !== null) lastId = message.id;
        options.onMessage(message);
      }
    }
  };

  void (async () => {
    while (!controller.signal.aborted) {
      try {
        if ((await readOnce()) === 'stop') return;
      } catch {
        // A dropped connection: reconnect below.
      }
      if (controller.signal.aborted) return;
      options.onDown?.();
      // The first retry comes soon (a dropped connection); a server that stays away is asked less often.
      const wait = Math.min(maxRetryMs, retryMs * 2 ** Math.min(failures, 8));
      failures++;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  })();

  return { close: () => controller.abort() };
}
