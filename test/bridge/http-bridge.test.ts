import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunEventRecord, EntityChange } from '../../electron/contract/events';
import { RUNLENS_METHODS } from '../../electron/contract/api';
import { ApiError } from '../../electron/services/runtime/api-error';
import { BridgeError, createHttpBridge } from '../../renderer/src/bridge';
import { openSseReader, parseSseChunk, type SseMessage } from '../../renderer/src/bridge/sse-reader';
import { fakeServices, type FakeServices } from './fake-services';
import { login, startBridgeServer, type BridgeServer } from './bridge-server';

let services: FakeServices;
let server: BridgeServer;
let cookie: string;
const cleanups: Array<() => void> = [];

beforeEach(async () => {
  services = fakeServices({
    'threads.list': (query) => [{ title: `search:${(query as { search?: string } | undefined)?.search ?? 'none'}` }],
    'threads.create': (...args) => ({ received: args.length }),
    'runs.cancel': () => {
      throw new ApiError(400, `Cannot cancel run with status 'completed'.`, 'invalid_request_error', null, null);
    },
  });
  server = await startBridgeServer(services);
  cookie = await login(server);
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await server.close();
});

function bridge() {
  const b = createHttpBridge({ baseUrl: server.url, headers: { cookie } });
  cleanups.push(() => b.close());
  return b;
}

describe('HTTP transport calls', () => {
  it('exposes every contract method and carries arguments and results', async () => {
    const b = bridge();
    for (const name of RUNLENS_METHODS) {
      const [domain, method] = name.split('.');
      expect(typeof (b.api as unknown as Record<string, Record<string, unknown>>)[domain][method]).toBe('function');
    }
    expect(await b.api.threads.list({ search: 'weather' })).toEqual([{ title: 'search:weather' }]);
  });

  it('leaves omitted optional arguments out instead of sending null', async () => {
    expect(await bridge().api.threads.create()).toEqual({ received: 0 });
  });

  it('rejects with a BridgeError carrying the API message and status', async () => {
    const error = await bridge().api.runs.cancel('run_1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeError);
    expect(error).toMatchObject({ message: "Cannot cancel run with status 'completed'.", status: 400 });
  });

  it('says "not logged in" when the session is missing', async () => {
    const anonymous = createHttpBridge({ baseUrl: server.url });
    const error = await anonymous.api.threads.list().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, code: 'login_required' });
  });
});

describe('HTTP transport pushes', () => {
  it('delivers run events and entity changes to the listeners of each name', async () => {
    const b = bridge();
    const runEvents: RunEventRecord[] = [];
    const changes: EntityChange[] = [];
    b.on('run.event', (e) => runEvents.push(e));
    const off = b.on('entity.changed', (c) => changes.push(c));
    await vi.waitFor(() => expect(services.subscriberCount()).toBe(1));
    services.pushRunEvent('run_1');
    services.pushEntity({ kind: 'thread', op: 'created', id: 'thread_9' });
    await vi.waitFor(() => expect(runEvents.map((e) => e.id)).toEqual([1]));
    await vi.waitFor(() => expect(changes).toEqual([{ kind: 'thread', op: 'created', id: 'thread_9' }]));
    off();
    services.pushEntity({ kind: 'thread', op: 'deleted', id: 'thread_9' });
    services.pushRunEvent('run_1');
    await vi.waitFor(() => expect(runEvents).toHaveLength(2));
    expect(changes).toHaveLength(1);
  });

  it('after a dropped connection, resumes after the last event id without losing or repeating one', async () => {
    const received: SseMessage[] = [];
    let firstResponse = true;
    // The first response is cut after one message, as a network drop would.
    const flakyFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie } });
      if (!firstResponse || !response.body) return response;
      firstResponse = false;
      let seen = 0;
      const cut = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          controller.enqueue(chunk);
          if (new TextDecoder().decode(chunk).includes('event: run.event') && ++seen === 1) controller.terminate();
        },
      });
      return new Response(response.body.pipeThrough(cut), { status: response.status, headers: response.headers });
    };
    const reader = openSseReader({ url: `${server.url}/api/events`, fetch: flakyFetch, onMessage: (m) => received.push(m), retryMs: 50 });
    cleanups.push(() => reader.close());
    await vi.waitFor(() => expect(services.subscriberCount()).toBe(1));
    services.pushRunEvent('run_1');
    await vi.waitFor(() => expect(received).toHaveLength(1));
    services.pushRunEvent('run_1'); // may land while the reader is away
    services.pushRunEvent('run_2');
    await vi.waitFor(() => expect(received.map((m) => m.id)).toEqual(['1', '2', '3']), { timeout: 8_000 });
    expect(received.map((m) => (JSON.parse(m.data) as RunEventRecord).seq)).toEqual([1, 2, 1]);
  });

  it('replays recorded run events after ?after= for a fresh connection', async () => {
    services.pushRunEvent('run_1');
    services.pushRunEvent('run_1');
    services.pushRunEvent('run_1');
    const response = await fetch(`${server.url}/api/events?after=1`, { headers: { cookie } });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (parseSseChunk(text).messages.length < 2) text += (await reader.read()).value ?? '';
    await reader.cancel();
    expect(parseSseChunk(text).messages.map((m) => [m.event, m.id])).toEqual([
      ['run.event', '2'],
      ['run.event', '3'],
    ]);
  });
});

describe('large inspector-only payloads on /api/events', () => {
  it('a replayed model.request over 8 KB arrives as a stub (its long strings cut, elided set)', async () => {
    const prompt = 'x'.repeat(50_000) + 'THE-END';
    services.pushRunEvent('run_1');
    const full = services.pushRunEvent('run_1', 'model.request', { round: 1, backend: 'mock', request: { model: 'mock', instructions: '', messages: [{ role: 'user', content: prompt }], tools: [] } });
    const response = await fetch(`${server.url}/api/events?after=1`, { headers: { cookie } });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (parseSseChunk(text).messages.length < 1) text += (await reader.read()).value ?? '';
    await reader.cancel();
    const [message] = parseSseChunk(text).messages;
    expect(message.id).toBe(String(full.id));
    const sent = JSON.parse(message.data) as RunEventRecord<'model.request'>;
    expect(text).not.toContain('THE-END');
    expect(sent.elided).toEqual({ size: JSON.stringify(full.data).length });
    expect(sent.data.request.messages).toEqual([{ role: 'user', content: 'x'.repeat(200) }]);
    expect(sent.seq).toBe(full.seq);
  });
});

describe('SSE parsing', () => {
  it('joins multi-line data, skips comments and keeps unfinished blocks for later', () => {
    const parsed = parseSseChunk(': keep-alive\n\nretry: 1500\n\nid: 7\nevent: run.event\ndata: {"a":\ndata: 1}\n\nevent: entity.changed\ndata: {"b"');
    expect(parsed.messages).toEqual([{ event: 'run.event', data: '{"a":\n1}', id: '7' }]);
    expect(parsed.retry).toBe(1500);
    expect(parsed.rest).toBe('event: entity.changed\ndata: {"b"');
  });
});
