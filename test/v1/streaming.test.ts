/** SSE streams of §4 through the SDK's AssistantStream helpers, and raw event order. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type OpenAI from 'openai';
import { fnTool, startServe, type ServeProcess } from './serve-process';

let server: ServeProcess;
let client: OpenAI;
let assistantId: string;

beforeAll(async () => {
  server = await startServe();
  client = server.client();
  assistantId = (await client.beta.assistants.create({ model: 'mock', tools: [fnTool('get_weather', { city: { type: 'string' } }, ['city']), fnTool('get_time', { zone: { type: 'string' } })] })).id;
});
afterAll(async () => {
  await server?.stop();
});

/** Reads a raw SSE response into [event, data] pairs. */
async function readSse(res: Response): Promise<Array<{ event: string; data: string }>> {
  const text = await res.text();
  return text
    .split('\n\n')
    .filter((chunk) => chunk.trim())
    .map((chunk) => {
      const event = /^event: (.*)$/m.exec(chunk)?.[1] ?? '';
      const data = /^data: (.*)$/m.exec(chunk)?.[1] ?? '';
      return { event, data };
    });
}

function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}/v1${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.apiKey}`, 'openai-beta': 'assistants=v2', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('streaming', () => {
  it('plain reply: exact event order, content:[] on creation, done at the end', async () => {
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'hello stream world' }] });
    const res = await post(`/threads/${thread.id}/runs`, { assistant_id: assistantId, stream: true });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    const events = await readSse(res);
    const names = events.map((e) => e.event);
    const deltas = names.filter((n) => n === 'thread.message.delta').length;
    expect(deltas).toBeGreaterThan(1);
    expect(names).toEqual([
      'thread.run.created',
      'thread.run.queued',
      'thread.run.in_progress',
      'thread.run.step.created',
      'thread.run.step.in_progress',
      'thread.message.created',
      'thread.message.in_progress',
      ...Array(deltas).fill('thread.message.delta'),
      'thread.message.completed',
      'thread.run.step.completed',
      'thread.run.completed',
      'done',
    ]);
    expect(events[events.length - 1].data).toBe('[DONE]');
    const created = JSON.parse(events[5].data);
    expect(created.content).toEqual([]);
    const stepCreated = JSON.parse(events[3].data);
    expect(stepCreated.step_details.message_creation.message_id).toBe(created.id);
    const firstDelta = JSON.parse(events[7].data);
    expect(firstDelta).toMatchObject({ id: created.id, object: 'thread.message.delta', delta: { content: [{ index: 0, type: 'text' }] } });
  });

  it('AssistantStream helpers: textDelta, finalMessages, finalRun', async () => {
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'tell me something' }] });
    const stream = client.beta.threads.runs.stream(thread.id, { assistant_id: assistantId });
    const pieces: string[] = [];
    let snapshot = '';
    stream.on('textDelta', (delta, snap) => {
      pieces.push(delta.value ?? '');
      snapshot = snap.value;
    });
    const run = await stream.finalRun();
    expect(run.status).toBe('completed');
    expect(pieces.join('')).toBe('Echo: tell me something');
    expect(snapshot).toBe('Echo: tell me something');
    const messages = await stream.finalMessages();
    expect(messages).toHaveLength(1);
    expect(messages[0].content[0]).toMatchObject({ text: { value: 'Echo: tell me something' } });
    const stored = await client.beta.threads.messages.retrieve(messages[0].id, { thread_id: thread.id });
    expect(stored.content).toEqual(messages[0].content);
  });

  it('function legs: toolCallDelta assembles arguments, submitToolOutputsStream finishes the run', async () => {
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'get_weather city="New York" and get_time zone=EST' }] });
    const stream = client.beta.threads.runs.stream(thread.id, { assistant_id: assistantId });
    const created: string[] = [];
    const done: Array<{ id: string; name: string; args: string }> = [];
    const deltaArgs: Record<number, string> = {};
    stream.on('toolCallCreated', (call) => created.push(call.type === 'function' ? call.function.name : call.type));
    stream.on('toolCallDelta', (delta) => {
      if (delta.type === 'function') deltaArgs[delta.index] = (deltaArgs[delta.index] ?? '') + (delta.function?.arguments ?? '');
    });
    stream.on('toolCallDone', (call) => {
      if (call.type === 'function') done.push({ id: call.id, name: call.function.name, args: call.function.arguments });
    });
    const run = await stream.finalRun();
    expect(run.status).toBe('requires_action');
    expect(created).toEqual(['get_weather', 'get_time']);
    expect(done.map((d) => d.name)).toEqual(['get_weather', 'get_time']);
    expect(JSON.parse(done[0].args)).toEqual({ city: 'New York' });
    expect(JSON.parse(done[1].args)).toEqual({ zone: 'EST' });
    expect(deltaArgs[0]).toBe(done[0].args);
    const required = run.required_action!.submit_tool_outputs.tool_calls;
    expect(required.map((c) => c.id)).toEqual(done.map((d) => d.id));
    for (const call of required) expect(call.id).not.toMatch(/(call_.*){2}/);

    const leg2 = client.beta.threads.runs.submitToolOutputsStream(run.id, {
      thread_id: thread.id,
      tool_outputs: required.map((c) => ({ tool_call_id: c.id, output: c.function.name === 'get_weather' ? 'cold' : '9am' })),
    });
    const stepsDone: string[] = [];
    leg2.on('runStepDone', (step) => stepsDone.push(step.type));
    const text: string[] = [];
    leg2.on('textDelta', (d) => text.push(d.value ?? ''));
    const final = await leg2.finalRun();
    expect(final.status).toBe('completed');
    expect(text.join('')).toBe('get_weather: cold\nget_time: 9am');
    expect(stepsDone).toEqual(['tool_calls', 'message_creation']);
  });

  it('function leg raw frames: tool_calls:[] on creation, id and name only in the first fragment', async () => {
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'get_weather city=Bern' }] });
    const events = await readSse(await post(`/threads/${thread.id}/runs`, { assistant_id: assistantId, stream: true }));
    const names = events.map((e) => e.event);
    expect(names.slice(0, 5)).toEqual(['thread.run.created', 'thread.run.queued', 'thread.run.in_progress', 'thread.run.step.created', 'thread.run.step.in_progress']);
    expect(names.slice(-2)).toEqual(['thread.run.requires_action', 'done']);
    expect(JSON.parse(events[3].data).step_details).toEqual({ type: 'tool_calls', tool_calls: [] });
    const deltas = events.filter((e) => e.event === 'thread.run.step.delta').map((e) => JSON.parse(e.data));
    expect(deltas.length).toBeGreaterThan(1);
    const [first, ...rest] = deltas.map((d) => d.delta.step_details.tool_calls[0]);
    expect(first).toMatchObject({ index: 0, type: 'function', id: expect.stringMatching(/^call_/), function: { name: 'get_weather', arguments: '', output: null } });
    for (const fragment of rest) {
      expect(fragment.id).toBeUndefined();
      expect(fragment.function.name).toBeUndefined();
    }
    for (const d of deltas) expect(d.delta.id).toBeUndefined();
    expect(names).not.toContain('thread.run.step.completed');

    // Leg C over raw SSE: the tool step completes first.
    const run = JSON.parse(events[events.length - 2].data);
    const callId = run.required_action.submit_tool_outputs.tool_calls[0].id;
    const legC = await readSse(await post(`/threads/${thread.id}/runs/${run.id}/submit_tool_outputs`, { tool_outputs: [{ tool_call_id: callId, output: 'ok' }], stream: true }));
    expect(legC.slice(0, 3).map((e) => e.event)).toEqual(['thread.run.step.completed', 'thread.run.queued', 'thread.run.in_progress']);
    expect(legC.map((e) => e.event).slice(-2)).toEqual(['thread.run.completed', 'done']);
  });

  it('createAndRunStream starts with thread.created', async () => {
    const stream = client.beta.threads.createAndRunStream({ assistant_id: assistantId, thread: { messages: [{ role: 'user', content: 'hey' }] } });
    const events: string[] = [];
    stream.on('event', (e) => events.push(e.event));
    const run = await stream.finalRun();
    expect(run.status).toBe('completed');
    expect(events[0]).toBe('thread.created');
    expect(events[1]).toBe('thread.run.created');
    expect(events[events.length - 1]).toBe('thread.run.completed');
  });

  it('a cancelled streaming run ends with cancelled then done', async () => {
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'slow one [mock:delay=2000]' }] });
    const res = await post(`/threads/${thread.id}/runs`, { assistant_id: assistantId, stream: true });
    const runs = await client.beta.threads.runs.list(thread.id);
    await client.beta.threads.runs.cancel(runs.data[0].id, { thread_id: thread.id });
    const names = (await readSse(res)).map((e) => e.event);
    expect(names.slice(-3)).toEqual(['thread.run.cancelling', 'thread.run.cancelled', 'done']);
  });

  it('aborting the client stream does not cancel the run', async () => {
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'keep going [mock:delay=300]' }] });
    const stream = client.beta.threads.runs.stream(thread.id, { assistant_id: assistantId });
    let runId = '';
    await new Promise<void>((resolve) => {
      stream.on('runStepCreated', () => resolve());
      stream.on('event', (e) => {
        if (e.event === 'thread.run.created') runId = e.data.id;
        if (e.event === 'thread.run.in_progress') resolve();
      });
    });
    stream.on('abort', () => undefined);
    stream.abort();
    const final = await client.beta.threads.runs.poll(runId, { thread_id: thread.id });
    expect(final.status).toBe('completed');
  });

  it('raw SDK streams: runs.create, threads.createAndRun and submitToolOutputs with stream:true, and createAndStream', async () => {
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'get_time zone=UTC' }] });
    const first = await client.beta.threads.runs.create(thread.id, { assistant_id: assistantId, stream: true });
    const names: string[] = [];
    let run: OpenAI.Beta.Threads.Run | null = null;
    for await (const event of first) {
      names.push(event.event);
      if (event.event === 'thread.run.requires_action') run = event.data;
    }
    expect(names[0]).toBe('thread.run.created');
    expect(names[names.length - 1]).toBe('thread.run.requires_action');
    const callId = run!.required_action!.submit_tool_outputs.tool_calls[0].id;
    const second = await client.beta.threads.runs.submitToolOutputs(run!.id, { thread_id: thread.id, tool_outputs: [{ tool_call_id: callId, output: 'noon' }], stream: true });
    const names2: string[] = [];
    for await (const event of second) names2.push(event.event);
    expect(names2[0]).toBe('thread.run.step.completed');
    expect(names2[names2.length - 1]).toBe('thread.run.completed');

    const both = await client.beta.threads.createAndRun({ assistant_id: assistantId, thread: { messages: [{ role: 'user', content: 'yo' }] }, stream: true });
    const names3: string[] = [];
    for await (const event of both) names3.push(event.event);
    expect(names3.slice(0, 2)).toEqual(['thread.created', 'thread.run.created']);
    expect(names3[names3.length - 1]).toBe('thread.run.completed');

    const plain = await client.beta.threads.createAndRun({ assistant_id: assistantId, thread: { messages: [{ role: 'user', content: 'plain' }] } });
    expect(plain.status).toBe('queued');
    expect((await client.beta.threads.runs.poll(plain.id, { thread_id: plain.thread_id }, { pollIntervalMs: 10 })).status).toBe('completed');

    await client.beta.threads.messages.create(plain.thread_id, { role: 'user', content: 'again' });
    const legacy = client.beta.threads.runs.createAndStream(plain.thread_id, { assistant_id: assistantId });
    expect((await legacy.finalRun()).status).toBe('completed');
    expect((await legacy.finalMessages())[0].content[0]).toMatchObject({ text: { value: 'Echo: again' } });
  });

  it('a failing model ends the stream with thread.run.failed then done', async () => {
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'please [mock:fail]' }] });
    const names = (await readSse(await post(`/threads/${thread.id}/runs`, { assistant_id: assistantId, stream: true }))).map((e) => e.event);
    expect(names.slice(-2)).toEqual(['thread.run.failed', 'done']);
    const stream = client.beta.threads.runs.stream((await client.beta.threads.create({ messages: [{ role: 'user', content: 'again [mock:rate_limit]' }] })).id, { assistant_id: assistantId });
    const run = await stream.finalRun();
    expect(run.status).toBe('failed');
    expect(run.last_error?.code).toBe('rate_limit_exceeded');
  });

  it('validation failures on stream:true are ordinary JSON errors', async () => {
    const thread = await client.beta.threads.create();
    const res = await post(`/threads/${thread.id}/runs`, { assistant_id: assistantId, stream: true, temperature: 'hot' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/json');
    const stream = client.beta.threads.runs.stream(thread.id, { assistant_id: 'asst_missing' });
    await expect(stream.finalRun()).rejects.toMatchObject({ status: 404 });
  });
});
