/**
 * Fuzz: thousands of malformed and random requests (bad JSON, wrong types, unknown fields,
 * huge bodies, bad ids, wrong methods, odd queries). None may get a 5xx or break the
 * connection, and the server must still run a correct flow afterwards.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fnTool, raw, startServe, weatherFlow, type ServeProcess } from './serve-process';

let server: ServeProcess;

beforeAll(async () => {
  server = await startServe();
});
afterAll(async () => {
  await server?.stop();
});

/** Deterministic PRNG (mulberry32) so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = Number(process.env.RUNLENS_FUZZ_SEED ?? 20261121);
const rand = prng(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
const STRINGS = ['', 'x', 'mock', 'user', 'assistant', 'auto', 'asc', '💥', '\u0000', 'a'.repeat(300), '__proto__', 'constructor', '{"a":1}', 'asst_', 'thread_', 'call_1', '%00', '../../etc'];
const KEYS = ['foo', '__proto__', 'constructor', 'model', 'role', 'content', 'metadata', 'tools', 'stream', 'assistant_id', 'type', 'function', 'tool_outputs', 'k'.repeat(70), ''];

function randomValue(depth = 0): unknown {
  const r = rand();
  if (depth > 3 || r < 0.15) return pick([null, true, false, 0, -1, 1.5, 1e308, -1e-9, 256, 2 ** 53]);
  if (r < 0.45) return pick(STRINGS);
  if (r < 0.7) return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(depth + 1));
  const obj: Record<string, unknown> = {};
  for (let i = 0; i < Math.floor(rand() * 4); i++) obj[pick(KEYS)] = randomValue(depth + 1);
  return obj;
}

function mutate(template: Record<string, unknown>): unknown {
  const body: Record<string, unknown> = JSON.parse(JSON.stringify(template));
  const keys = Object.keys(body);
  const r = rand();
  if (r < 0.3 && keys.length) body[pick(keys)] = randomValue();
  else if (r < 0.45) body[pick(KEYS)] = randomValue();
  else if (r < 0.55 && keys.length) delete body[pick(keys)];
  else if (r < 0.65) return randomValue();
  else if (r < 0.8 && keys.length) {
    const k = pick(keys);
    body[k] = { nested: randomValue(), [pick(KEYS)]: randomValue() };
  } else body.metadata = Object.fromEntries(Array.from({ length: Math.floor(rand() * 20) }, (_, i) => [pick(KEYS) + i, pick(STRINGS)]));
  return body;
}

function badJson(): string {
  return pick(['{', '{"model":', '[1,2', 'null', '"str"', '123', '{"a":1}}', '\u0000\u0001', '{"model":"mock",}', 'true', '{"model": NaN}', "{'model':'mock'}", '{"model":"mock"'.repeat(3)]);
}

it('survives thousands of malformed requests without a 5xx and keeps answering correctly', async () => {
  const client = server.client();
  const asst = await client.beta.assistants.create({ model: 'mock', tools: [fnTool('get_weather', { city: { type: 'string' } })] });
  const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'get_weather city=Oslo' }] });
  const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: asst.id });
  const msg = (await client.beta.threads.messages.list(thread.id)).data[0];
  const steps = await client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id });
  const step = steps.data[0];

  const ids = {
    a: () => pick([asst.id, 'asst_nope', 'nope', '%E2%82%AC', 'a'.repeat(600), "asst_'"]),
    t: () => pick([thread.id, 'thread_nope', 'undefined', 'thread_%20x', 't'.repeat(200)]),
    r: () => pick([run.id, 'run_nope', '', 'run_%2F..']),
    m: () => pick([msg.id, 'msg_nope']),
    s: () => pick([step.id, 'step_nope']),
  };
  const templates: Array<{ method: string; path: () => string; body?: Record<string, unknown> }> = [
    { method: 'POST', path: () => '/v1/assistants', body: { model: 'mock', name: 'n', tools: [{ type: 'function', function: { name: 'f' } }] } },
    { method: 'POST', path: () => `/v1/assistants/${ids.a()}`, body: { name: 'x', metadata: { a: 'b' } } },
    { method: 'POST', path: () => '/v1/threads', body: { messages: [{ role: 'user', content: 'hi' }] } },
    { method: 'POST', path: () => `/v1/threads/${ids.t()}`, body: { metadata: { a: 'b' } } },
    { method: 'POST', path: () => `/v1/threads/${ids.t()}/messages`, body: { role: 'user', content: [{ type: 'text', text: 'hi' }] } },
    { method: 'POST', path: () => `/v1/threads/${ids.t()}/messages/${ids.m()}`, body: { metadata: {} } },
    { method: 'POST', path: () => `/v1/threads/${ids.t()}/runs`, body: { assistant_id: asst.id, tool_choice: 'auto', truncation_strategy: { type: 'auto' } } },
    { method: 'POST', path: () => '/v1/threads/runs', body: { assistant_id: asst.id, thread: { messages: [{ role: 'user', content: 'x' }] } } },
    { method: 'POST', path: () => `/v1/threads/${ids.t()}/runs/${ids.r()}`, body: { metadata: { k: 'v' } } },
    { method: 'POST', path: () => `/v1/threads/${ids.t()}/runs/${ids.r()}/cancel`, body: {} },
    { method: 'POST', path: () => `/v1/threads/${ids.t()}/runs/${ids.r()}/submit_tool_outputs`, body: { tool_outputs: [{ tool_call_id: 'call_x', output: 'o' }] } },
  ];
  const gets = [
    () => `/v1/assistants?limit=${pick(['1', '0', '-5', 'abc', '100', '101', '1e3', ''])}&order=${pick(['asc', 'desc', 'DESC', '', '1'])}&after=${ids.a()}`,
    () => `/v1/assistants/${ids.a()}`,
    () => `/v1/threads/${ids.t()}`,
    () => `/v1/threads/${ids.t()}/messages?run_id=${ids.r()}&before=${ids.m()}&limit=${pick(['2', 'x'])}`,
    () => `/v1/threads/${ids.t()}/messages/${ids.m()}`,
    () => `/v1/threads/${ids.t()}/runs?after=${ids.r()}`,
    () => `/v1/threads/${ids.t()}/runs/${ids.r()}`,
    () => `/v1/threads/${ids.t()}/runs/${ids.r()}/steps?include[]=${pick(['bogus', 'step_details.tool_calls[*].file_search.results[*].content'])}&order=${pick(['asc', 'x'])}`,
    () => `/v1/threads/${ids.t()}/runs/${ids.r()}/steps/${ids.s()}?include=${pick(['a', ''])}`,
    () => pick(['/v1/', '/v1', '/v1/models', '/v1/threads', '/v1/%', '/v1/assistants/%E0%A4%A', '/api/call/assistants.list', '/api/events', '/login?token=x', '/', '/index.html', '/v1/threads/runs']),
  ];

  const statuses = new Map<number, number>();
  const failures: string[] = [];
  const one = async (): Promise<void> => {
    const kind = rand();
    let method = 'GET';
    let path: string;
    let body: string | undefined;
    const headers: Record<string, string> = {};
    if (kind < 0.45) {
      const t = pick(templates);
      method = t.method;
      path = t.path();
      body = JSON.stringify(mutate(t.body ?? {}));
    } else if (kind < 0.6) {
      const t = pick(templates);
      method = t.method;
      path = t.path();
      body = badJson();
      if (rand() < 0.3) headers['content-type'] = pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1']);
    } else if (kind < 0.85) {
      path = pick(gets)();
    } else {
      method = pick(['PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'POST']);
      path = pick(gets)();
      if (method !== 'HEAD' && method !== 'DELETE' && rand() < 0.5) body = JSON.stringify(randomValue());
    }
    if (rand() < 0.05) headers['openai-beta'] = pick(['', 'assistants=v1', 'nonsense']);
    if (rand() < 0.05) headers.authorization = pick(['', 'Bearer', 'Basic abc', 'Bearer wrong']);
    try {
      const res = await raw(server, method, path, body, headers);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) failures.push(`${res.status} ${method} ${path} ${body?.slice(0, 200)} -> ${res.text.slice(0, 200)}`);
      if (method !== 'HEAD' && res.status >= 400 && res.headers.get('content-type')?.includes('json')) {
        const err = (res.json as { error?: { message?: unknown } } | null)?.error;
        if (!err || typeof err.message !== 'string') failures.push(`no error body: ${res.status} ${method} ${path} -> ${res.text.slice(0, 200)}`);
        else if (/\n\s+at /.test(err.message)) failures.push(`stack leaked: ${path}`);
      }
    } catch (error) {
      failures.push(`transport error ${method} ${path}: ${String(error)}`);
    }
  };

  const TOTAL = 3000;
  let started = 0;
  const worker = async (): Promise<void> => {
    while (started < TOTAL) {
      started++;
      await one();
    }
  };
  await Promise.all(Array.from({ length: 16 }, () => worker()));

  // A few bodies over the limit.
  for (let i = 0; i < 5; i++) {
    const res = await raw(server, 'POST', '/v1/assistants', `{"model":"mock","instructions":"${'y'.repeat(5 * 1024 * 1024)}"}`);
    if (res.status !== 413) failures.push(`huge body got ${res.status}`);
  }

  expect(failures.slice(0, 20)).toEqual([]);
  expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
  expect(statuses.get(400) ?? 0).toBeGreaterThan(100);

  // Still correct afterwards (the fuzz may have deleted the first assistant).
  const fresh = await client.beta.assistants.create({ model: 'mock', tools: [fnTool('get_weather', { city: { type: 'string' } })] });
  const { waiting: r2, done: d2 } = await weatherFlow(client, fresh.id, 'Turin', 'fog');
  expect(r2.status).toBe('requires_action');
  expect(d2.status).toBe('completed');
  expect(server.child.exitCode).toBeNull();
}, 120_000);
