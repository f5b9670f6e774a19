/**
 * A loopback fake of an OpenAI-compatible server, speaking the real Chat Completions wire:
 * `POST /v1/chat/completions` streams `chat.completion.chunk` objects as SSE (`data: …\n\n`,
 * usage in a last chunk with empty choices, then `data: [DONE]`), and `GET /v1/models` lists
 * models. Each request is answered by a script (queued, else the default handler), so tests
 * rehearse tool calls split across chunks, interleaved indices, finish reasons, 429 with
 * retry-after, 500, a stream cut mid-chunk, malformed chunks and silence. Every request body
 * received is recorded.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCall {
  id?: string | null;
  name: string;
  /** The arguments JSON, sent in these fragments. */
  fragments: string[];
}

export type FakeScript =
  | { kind: 'text'; deltas: string[]; finish?: string; usage?: { prompt_tokens: number; completion_tokens: number } | null; delayMs?: number }
  /** Tool calls; `interleave` sends fragment k of every call before fragment k+1 of any. */
  | { kind: 'tools'; calls: FakeCall[]; interleave?: boolean; finish?: string; usage?: { prompt_tokens: number; completion_tokens: number } | null }
  | { kind: 'status'; status: number; headers?: Record<string, string>; error?: { message: string; type?: string; code?: string | null } }
  /** Sends these text deltas, then half a chunk, then drops the connection. */
  | { kind: 'cut'; deltas: string[] }
  | { kind: 'malformed' }
  /** Sends headers and then nothing. */
  | { kind: 'silent' };

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown> | null;
}

export interface FakeOpenAI {
  baseUrl: string;
  received: ReceivedRequest[];
  /** Chat requests only, bodies parsed. */
  chats(): Array<Record<string, unknown>>;
  queue(...scripts: FakeScript[]): void;
  /** Answers chat requests when the queue is empty. */
  handler: (body: Record<string, unknown>) => FakeScript;
  models: string[];
  /** The key `Authorization: Bearer` must carry, or null for none checked. */
  requiredKey: string | null;
  /** Streams whose client went away before the stream ended (a cancel aborting the request). */
  aborted: number;
  close(): Promise<void>;
}

const sse = (obj: unknown): string => `data: ${JSON.stringify(obj)}\n\n`;

function chunk(model: string, delta: Record<string, unknown>, finish: string | null = null) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 1_760_000_000,
    model,
    system_fingerprint: 'fp_fake',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function stream(res: http.ServerResponse, model: string, script: FakeScript): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  if (script.kind === 'silent') return;
  if (script.kind === 'malformed') {
    res.write(sse(chunk(model, { role: 'assistant', content: '' })));
    res.write('data: {"id":"chatcmpl-fake","choices":[{"delta":{"content":"oops"\n\n');
    res.end();
    return;
  }
  res.write(sse(chunk(model, { role: 'assistant', content: '' })));
  if (script.kind === 'text' || script.kind === 'cut') {
    for (const d of script.deltas) {
      if (script.kind === 'text' && script.delayMs) await sleep(script.delayMs);
      res.write(sse(chunk(model, { content: d })));
    }
    if (script.kind === 'cut') {
      const half = sse(chunk(model, { content: 'never finished' }));
      res.write(half.slice(0, Math.floor(half.length / 2)));
      await sleep(5);
      res.socket?.destroy();
      return;
    }
  } else if (script.kind === 'tools') {
    const ids = script.calls.map((c, i) => (c.id === undefined ? `call_fake${i}` : c.id));
    const first = (i: number) => ({ index: i, ...(ids[i] ? { id: ids[i] } : {}), type: 'function', function: { name: script.calls[i].name, arguments: '' } });
    const frag = (i: number, k: number) => ({ index: i, function: { arguments: script.calls[i].fragments[k] } });
    if (script.interleave) {
      script.calls.forEach((_, i) => res.write(sse(chunk(model, { tool_calls: [first(i)] }))));
      const most = Math.max(...script.calls.map((c) => c.fragments.length));
      for (let k = 0; k < most; k++) script.calls.forEach((c, i) => k < c.fragments.length && res.write(sse(chunk(model, { tool_calls: [frag(i, k)] }))));
    } else {
      script.calls.forEach((c, i) => {
        res.write(sse(chunk(model, { tool_calls: [first(i)] })));
        c.fragments.forEach((_, k) => res.write(sse(chunk(model, { tool_calls: [frag(i, k)] }))));
      });
    }
  }
  const finish = script.kind === 'text' ? (script.finish ?? 'stop') : script.kind === 'tools' ? (script.finish ?? 'tool_calls') : 'stop';
  res.write(sse(chunk(model, {}, finish)));
  const usage = script.kind === 'text' || script.kind === 'tools' ? script.usage : undefined;
  if (usage !== null) {
    const u = usage ?? { prompt_tokens: 11, completion_tokens: 7 };
    res.write(sse({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1_760_000_000, model, choices: [], usage: { ...u, total_tokens: u.prompt_tokens + u.completion_tokens } }));
  }
  res.write('data: [DONE]\n\n');
  res.end();
}

/** Starts the fake on 127.0.0.1 with a free port. */
export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const queued: FakeScript[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const fake: FakeOpenAI = {
    baseUrl: '',
    received: [],
    chats: () => fake.received.filter((r) => r.path === '/v1/chat/completions').map((r) => r.body ?? {}),
    queue: (...s) => queued.push(...s),
    handler: () => ({ kind: 'text', deltas: ['Hello', ' from', ' the', ' fake.'] }),
    models: ['fake-model'],
    requiredKey: null,
    aborted: 0,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => {
      const text = Buffer.concat(parts).toString('utf8');
      let body: Record<string, unknown> | null;
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
      } catch {
        body = null;
      }
      const path = (req.url ?? '').split('?')[0];
      fake.received.push({ method: req.method ?? '', path, headers: req.headers, body });
      const json = (status: number, obj: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(obj));
      };
      if (fake.requiredKey !== null && req.headers.authorization !== `Bearer ${fake.requiredKey}`) {
        return json(401, { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
      }
      if (req.method === 'GET' && path === '/v1/models') {
        return json(200, { object: 'list', data: fake.models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })) });
      }
      if (req.method === 'POST' && path === '/v1/chat/completions' && body) {
        const script = queued.shift() ?? fake.handler(body);
        if (script.kind === 'status') {
          return json(script.status, { error: { message: script.error?.message ?? `fake status ${script.status}`, type: script.error?.type ?? 'server_error', param: null, code: script.error?.code ?? null } }, script.headers);
        }
        res.on('close', () => {
          if (!res.writableEnded && script.kind !== 'cut') fake.aborted++;
        });
        void stream(res, String(body.model), script).catch(() => undefined);
        return;
      }
      json(404, { error: { message: `Invalid URL (${req.method} ${path})`, type: 'invalid_request_error', param: null, code: null } });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return fake;
}
