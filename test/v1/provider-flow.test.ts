/**
 * A headless server whose default `openai` provider comes from OPENAI_BASE_URL / OPENAI_API_KEY,
 * pointed at the loopback Chat Completions fake: a two-leg function-calling flow driven by the
 * `openai` SDK against `/v1`, checking both what the provider received and what `/v1` streamed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type OpenAI from 'openai';
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai';
import { fnTool, startServe, type ServeProcess } from './serve-process';

let fake: FakeOpenAI;
let server: ServeProcess;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  fake.requiredKey = 'sk-env-key-5678';
  fake.models = ['gpt-fake', 'tiny'];
  server = await startServe({ env: { OPENAI_BASE_URL: fake.baseUrl, OPENAI_API_KEY: 'sk-env-key-5678' } });
  client = server.client();
});
afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

describe('a live provider behind /v1', () => {
  it('lists the provider models as <provider>/<model> beside mock', async () => {
    const ids = [];
    for await (const m of client.models.list()) ids.push(m.id);
    expect(ids).toEqual(expect.arrayContaining(['mock', 'openai/gpt-fake', 'openai/tiny']));
    expect((await client.models.retrieve('openai/tiny')).id).toBe('openai/tiny');
  });

  it('streams a two-leg function-calling flow and sends the provider the tool results', async () => {
    const weather = fnTool('get_weather', { city: { type: 'string' } }, ['city']);
    const assistant = await client.beta.assistants.create({ model: 'openai/gpt-fake', instructions: 'Use tools.', tools: [weather] });
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Weather in Paris?' }] });
    fake.queue({ kind: 'tools', calls: [{ id: 'call_p1', name: 'get_weather', fragments: ['{"city":', '"Paris"}'] }] });

    const leg1: string[] = [];
    let args = '';
    const stream1 = client.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id });
    for await (const e of stream1) {
      leg1.push(e.event);
      if (e.event === 'thread.run.step.delta') {
        const d = e.data.delta.step_details;
        if (d?.type === 'tool_calls') for (const c of d.tool_calls ?? []) if (c.type === 'function') args += c.function?.arguments ?? '';
      }
    }
    expect(leg1.at(-1)).toBe('thread.run.requires_action');
    expect(args).toBe('{"city":"Paris"}');
    const run = await stream1.finalRun();
    expect(run.required_action?.submit_tool_outputs.tool_calls[0]).toMatchObject({ id: 'call_p1', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } });

    fake.queue({ kind: 'text', deltas: ['It is ', 'raining ', 'in Paris.'], usage: { prompt_tokens: 40, completion_tokens: 6 } });
    let text = '';
    const stream2 = client.beta.threads.runs.submitToolOutputsStream(run.id, { thread_id: thread.id, tool_outputs: [{ tool_call_id: 'call_p1', output: '{"rain":true}' }] });
    for await (const e of stream2) if (e.event === 'thread.message.delta') for (const c of e.data.delta.content ?? []) if (c.type === 'text') text += c.text?.value ?? '';
    expect(text).toBe('It is raining in Paris.');
    const done = await stream2.finalRun();
    expect(done.status).toBe('completed');
    expect(done.usage).toEqual({ prompt_tokens: 51, completion_tokens: 13, total_tokens: 64 });

    const [first, second] = fake.chats();
    expect(first).toMatchObject({
      model: 'gpt-fake',
      messages: [
        { role: 'system', content: 'Use tools.' },
        { role: 'user', content: 'Weather in Paris?' },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: weather.function.parameters } }],
      tool_choice: 'auto',
      parallel_tool_calls: true,
      stream: true,
    });
    expect(second.messages).toEqual([
      { role: 'system', content: 'Use tools.' },
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_p1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', tool_call_id: 'call_p1', content: '{"rain":true}' },
    ]);
  });

  it('a wrong provider key fails the run naming the provider', async () => {
    fake.requiredKey = 'another-key';
    try {
      const assistant = await client.beta.assistants.create({ model: 'openai/gpt-fake' });
      const run = await client.beta.threads.createAndRunPoll({ assistant_id: assistant.id, thread: { messages: [{ role: 'user', content: 'hi' }] } });
      expect(run.status).toBe('failed');
      expect(run.last_error?.message).toMatch(/Provider 'openai' refused the API key \(401/);
    } finally {
      fake.requiredKey = 'sk-env-key-5678';
    }
  });
});
