// @vitest-environment node
/**
 * The sequence diagram is generated from real event logs (the real runtime on a real SQLite
 * file): lifelines for client, runtime, model and each handler, arrows in log order.
 */
import { afterEach, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { createHttpServer } from '../../../electron/services/http/server';
import { buildSequence, SequenceBuilder } from '../../../renderer/src/features/timeline/model/sequence';
import { openTestServices, timeTool, waitForStatus, weatherTool, type TestServices } from '../../helpers/services';

let s: TestServices | null = null;
afterEach(async () => {
  await s?.dispose();
  s = null;
});

const lines = (d: ReturnType<typeof buildSequence>) => d.arrows.map((a) => `${a.from} -> ${a.to}: ${a.label.split(' · ')[0]}`);

describe('sequence diagram from the event log', () => {
  it('draws a manual call answered in the app and a mock call answered by its handler', async () => {
    s = openTestServices();
    const a = await s.api.assistants.create({ model: 'mock', name: 'W', tools: [weatherTool, timeTool] });
    await s.api.handlers.set(a.id, 'get_time', { mode: 'mock', auto: true, mock: { kind: 'static', output: '12:00' } });
    const t = await s.api.threads.create();
    await s.api.messages.create(t.id, { role: 'user', content: 'get_weather city=Paris unit=c and get_time' });
    const run = await s.api.runs.create(t.id, { assistant_id: a.id });
    await waitForStatus(s, run, ['requires_action']);
    const pending = (await s.api.runs.get(run.id)).pending_calls;
    const weather = pending.find((p) => p.function === 'get_weather')!;
    const time = pending.find((p) => p.function === 'get_time')!;
    await s.api.runs.submitToolOutputs(run.id, [
      { tool_call_id: weather.call_id, output: 'sunny' },
      { tool_call_id: time.call_id, output: '12:00' },
    ]);
    await waitForStatus(s, run, ['completed']);
    const d = buildSequence(await s.api.runs.events(run.id));

    expect(d.lifelines.map((l) => l.id)).toEqual(['client', 'runtime', 'model', 'handler:get_time:mock', 'handler:get_weather:manual']);
    expect(d.lifelines[0].detail).toBe('RunLens app');
    expect(d.lifelines[2].detail).toContain('mock');
    expect(lines(d)).toEqual([
      'client -> runtime: create run',
      'runtime -> runtime: queued',
      'runtime -> runtime: in progress',
      'runtime -> model: request',
      'model -> runtime: tool calls: get_weather, get_time',
      'runtime -> client: requires_action',
      'runtime -> handler:get_time:mock: call get_time({"zone":"UTC"})',
      'handler:get_time:mock -> runtime: output',
      'handler:get_weather:manual -> client: output',
      'client -> runtime: submit_tool_outputs',
      'runtime -> runtime: queued',
      'runtime -> runtime: in progress',
      'runtime -> model: request',
      'model -> runtime: reply',
      'runtime -> client: message',
      'runtime -> client: completed',
    ]);
    // Arrows are in log order, carry their times, and tool arrows point at their step and call.
    const seqs = d.arrows.map((x) => x.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    const out = d.arrows.find((x) => x.from === 'handler:get_weather:manual')!;
    expect(out.callId).toBe(weather.call_id);
    expect(out.stepId).toBe(weather.step_id);
    expect(d.arrows.find((x) => x.label.startsWith('tool calls'))!.stepId).toBe(weather.step_id);
  });

  it('draws automatic mock executions on their own lifeline, and failures in red', async () => {
    s = openTestServices();
    const a = await s.api.assistants.create({ model: 'mock', name: 'W', tools: [timeTool] });
    await s.api.handlers.set(a.id, 'get_time', { mode: 'mock', auto: true, mock: { kind: 'error', error: 'clock broke' } });
    const t = await s.api.threads.create();
    await s.api.messages.create(t.id, { role: 'user', content: 'get_time zone=UTC' });
    const run = await s.api.runs.create(t.id, { assistant_id: a.id });
    await waitForStatus(s, run, ['completed', 'failed']);
    const d = buildSequence(await s.api.runs.events(run.id));
    expect(d.lifelines.map((l) => l.id)).toContain('handler:get_time:mock');
    const call = d.arrows.find((x) => x.to === 'handler:get_time:mock')!;
    expect(call.label).toBe('call get_time({"zone":"UTC"})');
    const back = d.arrows.find((x) => x.from === 'handler:get_time:mock')!;
    expect(back).toMatchObject({ tone: 'error', to: 'runtime' });
    expect(back.label).toContain('clock broke');

    const failing = await s.api.threads.create();
    await s.api.messages.create(failing.id, { role: 'user', content: 'hi [mock:fail]' });
    const failed = await s.api.runs.create(failing.id, { assistant_id: a.id });
    await waitForStatus(s, failed, ['failed']);
    const f = buildSequence(await s.api.runs.events(failed.id));
    expect(f.arrows.at(-1)).toMatchObject({ from: 'runtime', to: 'client', tone: 'error' });
    expect(f.arrows.at(-1)!.label).toMatch(/^failed · server_error/);
  });

  it('follows a live log incrementally: applying in pieces equals applying at once', async () => {
    s = openTestServices();
    const a = await s.api.assistants.create({ model: 'mock', name: 'W', tools: [weatherTool] });
    const t = await s.api.threads.create();
    await s.api.messages.create(t.id, { role: 'user', content: 'get_weather city=Oslo unit=c' });
    const run = await s.api.runs.create(t.id, { assistant_id: a.id });
    await waitForStatus(s, run, ['requires_action']);
    await s.api.runs.cancel(run.id);
    await waitForStatus(s, run, ['cancelled']);
    const events = await s.api.runs.events(run.id);
    const b = new SequenceBuilder();
    for (let i = 1; i <= events.length; i += 3) b.apply(events.slice(0, i));
    b.apply(events);
    expect(b.diagram().arrows).toEqual(buildSequence(events).arrows);
    expect(lines(buildSequence(events)).slice(-2)).toEqual(['client -> runtime: cancel', 'runtime -> client: cancelled']);
  });

  it('names the client from who created the run: SDK code through /v1, or the RunLens app', async () => {
    s = openTestServices();
    const server = await createHttpServer({ services: s, apiKey: 'seq-key', loginToken: 'tok' });
    try {
      const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'seq-key', maxRetries: 0 });
      const assistant = await client.beta.assistants.create({ model: 'mock', name: 'Echo' });
      // A run created by SDK code and never touched by the app: no submit tells who the client is.
      const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'hello from code' }] });
      const sdkRun = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id }, { pollIntervalMs: 20 });
      expect(sdkRun.status).toBe('completed');
      const sdk = buildSequence(await s.api.runs.events(sdkRun.id));
      expect(sdk.lifelines[0]).toMatchObject({ id: 'client', detail: 'SDK code / /v1 caller' });
      expect(lines(sdk)[0]).toBe('client -> runtime: create run');
      // createAndRun records its creator too, and /v1 streams keep the OpenAI run shape (no created_by).
      const stream = await client.beta.threads.createAndRun({ assistant_id: assistant.id, thread: { messages: [{ role: 'user', content: 'streamed' }] }, stream: true });
      let created: Record<string, unknown> | null = null;
      for await (const ev of stream) if (ev.event === 'thread.run.created') created = ev.data as unknown as Record<string, unknown>;
      expect(created).not.toBeNull();
      expect(created).not.toHaveProperty('created_by');
      expect(buildSequence(await s.api.runs.events(created!.id as string)).lifelines[0].detail).toBe('SDK code / /v1 caller');

      // A run created in the app (the bridge API) with nothing submitted.
      const t = await s.api.threads.create();
      await s.api.messages.create(t.id, { role: 'user', content: 'hello from the app' });
      const appRun = await s.api.runs.create(t.id, { assistant_id: assistant.id });
      await waitForStatus(s, appRun, ['completed']);
      expect(buildSequence(await s.api.runs.events(appRun.id)).lifelines[0].detail).toBe('RunLens app');
    } finally {
      await server.close();
    }
  });
});
