/**
 * Webhook handlers, the tenant guard and approval, driven through the official `openai` SDK
 * against `/v1` and through the app's API, with a loopback webhook server that logs every
 * request it receives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToolCallBlockedData, ToolExecutionFinishedData, ToolExecutionStartedData } from '../../electron/contract/events';
import { json, startLoopback, type LoopbackServer } from './fixtures/loopback-server';
import { fn, startLive, type LiveHarness } from './harness';

let hook: LoopbackServer;
let h: LiveHarness;
let assistantId: string;

const weather = fn('get_weather', { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } }, ['city']);
const invoices = fn('get_invoices', { customer_id: { type: 'string' }, year: { type: 'integer' } }, ['customer_id']);
const refund = fn('refund', { invoice: { type: 'string' }, amount: { type: 'number' } }, ['invoice', 'amount']);
const flaky = fn('flaky', { mode: { type: 'string' } }, ['mode']);
const critical = fn('critical', {}, []);

beforeAll(async () => {
  hook = await startLoopback({
    '/weather': (req, res) => json(res, 200, { city: (req.body as { arguments: { city: string } }).arguments.city, temp: 21 }),
    '/invoices': (req, res) => json(res, 200, { invoices: [{ id: 'inv-1', customer: (req.body as { arguments: { customer_id: string } }).arguments.customer_id }] }),
    '/refund': (req, res) => json(res, 200, { refunded: (req.body as { arguments: unknown }).arguments }),
    '/flaky': (req, res) => {
      const mode = (req.body as { arguments: { mode: string } }).arguments.mode;
      if (mode === 'error') return json(res, 503, { error: 'maintenance' });
      if (mode === 'redirect') {
        res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' });
        return void res.end();
      }
      if (mode === 'slow') return void setTimeout(() => json(res, 200, { late: true }), 3000);
      if (mode === 'huge') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = Buffer.alloc(1024 * 1024, 'x');
        let sent = 0;
        const pump = (): void => {
          while (sent < 50 && res.write(chunk)) sent++;
          if (sent >= 50) return void res.end();
          res.once('drain', () => {
            sent++;
            pump();
          });
        };
        return pump();
      }
      json(res, 200, { ok: mode });
    },
    '/critical': (_req, res) => json(res, 500, { error: 'down' }),
  });
  h = await startLive(
    {
      tools: {
        get_weather: { handler: 'webhook', url: `${hook.url}/weather`, headers: { Authorization: 'Bearer ${env:WEATHER_KEY}', 'X-Trace': 'plain' } },
        get_invoices: { handler: 'webhook', url: `${hook.url}/invoices`, pin: { customer_id: 'thread.metadata.customer_id' } },
        refund: { handler: 'webhook', url: `${hook.url}/refund`, approval: 'ask' },
        flaky: { handler: 'webhook', url: `${hook.url}/flaky`, timeout_ms: 500 },
        critical: { handler: 'webhook', url: `${hook.url}/critical`, on_error: 'fail_run' },
      },
    },
    { WEATHER_KEY: 'wk-secret-123' },
  );
  assistantId = (await h.client.beta.assistants.create({ model: 'mock', tools: [weather, invoices, refund, flaky, critical] })).id;
});
afterAll(async () => {
  await h?.close();
  await hook?.close();
});

async function sdkRun(content: string, metadata?: Record<string, string>) {
  const thread = await h.client.beta.threads.create({ messages: [{ role: 'user', content }], ...(metadata ? { metadata } : {}) });
  const run = await h.client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId });
  const [reply] = (await h.client.beta.threads.messages.list(thread.id, { limit: 1 })).data;
  const text = reply.role === 'assistant' && reply.content[0].type === 'text' ? reply.content[0].text.value : null;
  return { thread, run, text };
}

describe('webhook handler through /v1', () => {
  it('executes live while the run is in progress: the SDK never sees requires_action, the server gets the documented body', async () => {
    const before = hook.hits('/weather').length;
    const { run, text, thread } = await sdkRun('get_weather city=Paris unit=c');
    expect(run.status).toBe('completed');
    expect(text).toBe('get_weather: {"city":"Paris","temp":21}');
    const got = hook.hits('/weather').slice(before);
    expect(got).toHaveLength(1);
    const call = h.events<ToolExecutionStartedData>(run.id, 'tool.execution.started')[0];
    expect(got[0].body).toEqual({ function: 'get_weather', arguments: { city: 'Paris', unit: 'c' }, call_id: call.call_id, run_id: run.id, thread_id: thread.id, assistant_id: assistantId });
    expect(got[0].headers.authorization).toBe('Bearer wk-secret-123');
    expect(h.all(run.id).map((e) => e.type)).not.toContain('thread.run.requires_action');
    const steps = await h.client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id, order: 'asc' });
    expect(steps.data[0].step_details).toMatchObject({ type: 'tool_calls', tool_calls: [{ function: { name: 'get_weather', output: '{"city":"Paris","temp":21}' } }] });
  });

  it('records the request as sent with secrets masked, and the response', async () => {
    const { run } = await sdkRun('get_weather city=Oslo');
    const started = h.events<ToolExecutionStartedData>(run.id, 'tool.execution.started')[0];
    const finished = h.events<ToolExecutionFinishedData>(run.id, 'tool.execution.finished')[0];
    expect(started).toMatchObject({ mode: 'live', handler: 'webhook', function: 'get_weather', arguments: '{"city":"Oslo"}' });
    expect(started.request).toMatchObject({ method: 'POST', url: `${hook.url}/weather`, headers: { Authorization: 'Bearer ${env:WEATHER_KEY}', 'X-Trace': 'plain' } });
    expect(finished).toMatchObject({ error: null, output: '{"city":"Oslo","temp":21}', response: { status: 200, body: '{"city":"Oslo","temp":21}' } });
    expect(finished.duration_ms).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(h.all(run.id))).not.toContain('wk-secret-123');
  });
});

describe('tenant guard', () => {
  it("blocks another tenant's customer_id: never sent, the model gets the block, the log has tool.call.blocked", async () => {
    const before = hook.hits('/invoices').length;
    const { run, text } = await sdkRun('get_invoices [mock:args={"customer_id":"cus_OTHER"}]', { customer_id: 'cus_MINE' });
    expect(run.status).toBe('completed');
    expect(hook.hits('/invoices').length).toBe(before);
    const [blocked] = h.events<ToolCallBlockedData>(run.id, 'tool.call.blocked');
    expect(blocked).toMatchObject({ function: 'get_invoices', argument: 'customer_id', expected: 'cus_MINE', got: 'cus_OTHER' });
    expect(text).toMatch(/^get_invoices: \{"error":"blocked: 'customer_id' must be this thread's thread\.metadata\.customer_id/);
    expect(h.events(run.id, 'tool.execution.started')).toHaveLength(0);
    expect((await h.s.api.runs.get(run.id)).blocked_calls).toBe(1);
  });

  it('fills a missing pinned argument from the thread before validation', async () => {
    const before = hook.hits('/invoices').length;
    const { run } = await sdkRun('get_invoices [mock:args={"year":2025}]', { customer_id: 'cus_MINE' });
    expect(run.status).toBe('completed');
    const sent = hook.hits('/invoices').slice(before);
    expect(sent.map((r) => (r.body as { arguments: unknown }).arguments)).toEqual([{ year: 2025, customer_id: 'cus_MINE' }]);
  });

  it('blocks when the thread pins nothing', async () => {
    const before = hook.hits('/invoices').length;
    const { run, text } = await sdkRun('get_invoices [mock:args={"customer_id":"cus_X"}]');
    expect(hook.hits('/invoices').length).toBe(before);
    expect(run.status).toBe('completed');
    expect(text).toContain('has no metadata');
  });
});

describe('arguments are validated before live execution', () => {
  it('invalid arguments never reach the server; the model gets the validation error', async () => {
    const before = hook.hits('/weather').length;
    const { run, text } = await sdkRun('get_weather [mock:args={"city":42}]');
    expect(run.status).toBe('completed');
    expect(hook.hits('/weather').length).toBe(before);
    expect(text).toBe('get_weather: {"error":"invalid arguments: /city must be string"}');
    expect(h.events(run.id, 'tool.arguments.invalid')).toHaveLength(1);
  });
});

describe('approval', () => {
  it('ask → requires_action for the SDK; approve with edited arguments → the server receives the edit', async () => {
    const before = hook.hits('/refund').length;
    const thread = await h.client.beta.threads.create({ messages: [{ role: 'user', content: 'refund invoice=inv-9 amount=500' }] });
    const waiting = await h.client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId });
    expect(waiting.status).toBe('requires_action');
    expect(hook.hits('/refund').length).toBe(before);
    const details = await h.s.api.runs.get(waiting.id);
    expect(details.pending_calls[0]).toMatchObject({ function: 'refund', handler: 'webhook', approval: true, validation_errors: null });
    const callId = details.pending_calls[0].call_id;

    await expect(h.s.api.runs.executeCall(waiting.id, callId, '{"invoice":"inv-9","amount":"lots"}')).rejects.toThrow(/\/amount must be number/);
    expect(hook.hits('/refund').length).toBe(before);

    const approved = await h.s.api.runs.executeCall(waiting.id, callId, '{"invoice":"inv-9","amount":50}');
    expect(approved.error).toBeNull();
    expect(hook.hits('/refund').slice(before).map((r) => (r.body as { arguments: unknown }).arguments)).toEqual([{ invoice: 'inv-9', amount: 50 }]);
    expect(h.events<ToolExecutionStartedData>(waiting.id, 'tool.execution.started')[0]).toMatchObject({ trigger: 'approval', arguments: '{"invoice":"inv-9","amount":50}' });

    await h.s.api.runs.submitToolOutputs(waiting.id, [{ tool_call_id: callId, output: approved.output as string }]);
    const done = await h.client.beta.threads.runs.poll(waiting.id, { thread_id: thread.id });
    expect(done.status).toBe('completed');
  });

  it('deny: the model gets the denial as the output and nothing is sent', async () => {
    const before = hook.hits('/refund').length;
    const thread = await h.client.beta.threads.create({ messages: [{ role: 'user', content: 'refund invoice=inv-1 amount=1' }] });
    const waiting = await h.client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId });
    const callId = waiting.required_action!.submit_tool_outputs.tool_calls[0].id;
    const done = await h.client.beta.threads.runs.submitToolOutputsAndPoll(waiting.id, {
      thread_id: thread.id,
      tool_outputs: [{ tool_call_id: callId, output: '{"error":"denied by a person"}' }],
    });
    expect(done.status).toBe('completed');
    expect(hook.hits('/refund').length).toBe(before);
  });
});

describe('faults end as a clear error on that call', () => {
  it.each([
    ['error', /HTTP 503 from .*\/flaky: \{"error":"maintenance"\}/],
    ['redirect', /redirect refused: HTTP 302 to http:\/\/127\.0\.0\.1:1\/elsewhere/],
    ['slow', /timed out after 500 ms/],
    ['huge', /response too large: more than 4 MB/],
  ])('%s', async (mode, why) => {
    const { run, text } = await sdkRun(`flaky mode=${mode}`);
    expect(run.status).toBe('completed');
    const [finished] = h.events<ToolExecutionFinishedData>(run.id, 'tool.execution.finished');
    expect(finished.error).toMatch(why);
    expect(text).toMatch(/^flaky: \{"error":"/);
  });

  it('unreachable host', async () => {
    const dead = await startLoopback({});
    const url = dead.url;
    await dead.close();
    await h.s.api.handlers.set(assistantId, 'get_weather', { mode: 'live', live: { handler: 'webhook', url: `${url}/gone` } });
    try {
      const { run } = await sdkRun('get_weather city=Rome');
      expect(h.events<ToolExecutionFinishedData>(run.id, 'tool.execution.finished')[0].error).toMatch(/cannot reach .*: connection refused/);
    } finally {
      await h.s.api.handlers.set(assistantId, 'get_weather', { mode: 'live', live: null });
    }
  });

  it("on_error: fail_run fails the run with the function's error", async () => {
    const { run } = await sdkRun('critical');
    expect(run.status).toBe('failed');
    expect(run.last_error).toEqual({ code: 'server_error', message: expect.stringMatching(/^The function critical failed: HTTP 500/) as unknown });
  });

  it('cancel aborts an in-flight execution', async () => {
    const thread = await h.client.beta.threads.create({ messages: [{ role: 'user', content: 'flaky mode=slow' }] });
    const run = await h.client.beta.threads.runs.create(thread.id, { assistant_id: assistantId });
    let off = (): void => undefined;
    await new Promise<void>((resolve) => {
      off = h.s.runtime.subscribe({ run_id: run.id }, (e) => e.type === 'tool.execution.started' && resolve(), { afterSeq: 0 });
    });
    off();
    await h.client.beta.threads.runs.cancel(run.id, { thread_id: thread.id });
    const done = await h.client.beta.threads.runs.poll(run.id, { thread_id: thread.id });
    expect(done.status).toBe('cancelled');
    expect(h.events<ToolExecutionFinishedData>(run.id, 'tool.execution.finished')[0].error).toMatch(/cancelled/);
  });
});
