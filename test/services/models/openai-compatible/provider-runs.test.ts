/**
 * Runs on a live provider, end to end through the runtime against the loopback fake that
 * speaks the Chat Completions SSE wire: what the provider receives, how its stream becomes
 * steps and messages, and how each kind of failure ends the run.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssistantTool, Run } from '../../../../electron/contract/objects';
import { JsonSecretStore } from '../../../../electron/services/secrets/json-secret-store';
import { startFakeOpenAI, type FakeOpenAI } from '../../../helpers/fake-openai';
import { openTestServices, tempDir, waitForStatus, type TestServices } from '../../../helpers/services';

let fake: FakeOpenAI;
let s: TestServices;

const weather: AssistantTool = {
  type: 'function',
  function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};

beforeEach(async () => {
  fake = await startFakeOpenAI();
  const dir = tempDir();
  s = openTestServices({ secrets: new JsonSecretStore(path.join(dir, 'keys.json'), undefined, {}), env: {} }, dir);
  await s.api.providers.save({ name: 'local', base_url: fake.baseUrl, api_key: 'sk-local-secret-1234' });
});
afterEach(async () => {
  await s.dispose();
  await fake.close();
});

function start(content: string, params: Record<string, unknown> = {}, tools: AssistantTool[] = []): Run {
  const a = s.runtime.createAssistant({ model: 'local/fake-model', instructions: 'Be brief.', tools });
  const t = s.runtime.createThread({ messages: [{ role: 'user', content }] });
  return s.runtime.createRun(t.id, { assistant_id: a.id, ...params }).run;
}

const done = (run: Run) => waitForStatus(s, run, ['completed', 'failed', 'incomplete', 'requires_action', 'cancelled']);

describe('a run on a live provider', () => {
  it('sends instructions, messages and options as one streaming request and records it exactly, key masked', async () => {
    const run = start('hi there', { additional_instructions: 'Answer in French.', temperature: 0.2, top_p: 0.9, max_completion_tokens: 50, response_format: { type: 'json_object' } });
    const end = await done(run);
    expect(end.status).toBe('completed');
    const [body] = fake.chats();
    expect(body).toEqual({
      model: 'fake-model',
      messages: [
        { role: 'system', content: 'Be brief.\n\nAnswer in French.' },
        { role: 'user', content: 'hi there' },
      ],
      temperature: 0.2,
      top_p: 0.9,
      max_completion_tokens: 50,
      response_format: { type: 'json_object' },
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(fake.received.at(-1)?.headers.authorization).toBe('Bearer sk-local-secret-1234');
    const [reply] = s.runtime.listMessages(run.thread_id, { limit: 1, order: 'desc' }).data;
    expect(reply.content[0]).toMatchObject({ text: { value: 'Hello from the fake.' } });
    expect(end.usage).toEqual({ prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 });

    const events = s.runtime.readRunEvents(run.id, 0);
    const req = events.find((e) => e.type === 'model.request')!.data as { http: { url: string; headers: Record<string, string>; body: unknown } };
    expect(req.http.body).toEqual(body);
    expect(req.http.url).toBe(`${fake.baseUrl}/chat/completions`);
    expect(req.http.headers.Authorization).not.toContain('local-secret');
    expect(JSON.stringify(events)).not.toContain('sk-local-secret-1234');
    const res = events.find((e) => e.type === 'model.response')!.data as { text: string; ttft_ms: number | null; finish_reason: string };
    expect(res).toMatchObject({ text: 'Hello from the fake.', finish_reason: 'stop' });
    expect(res.ttft_ms).not.toBeNull();
    expect(events.filter((e) => e.type === 'thread.message.delta')).toHaveLength(4);
  });

  it('assembles interleaved tool-call fragments, then sends the outputs back as tool messages', async () => {
    fake.queue({
      kind: 'tools',
      interleave: true,
      calls: [
        { id: 'call_a', name: 'get_weather', fragments: ['{"ci', 'ty":"Pa', 'ris"}'] },
        { id: 'call_b', name: 'get_weather', fragments: ['{"city"', ':"Tokyo"}'] },
      ],
    });
    const run = start('weather in Paris and Tokyo', { tool_choice: 'required', parallel_tool_calls: true }, [weather]);
    const waiting = await done(run);
    expect(waiting.status).toBe('requires_action');
    const calls = waiting.required_action!.submit_tool_outputs.tool_calls;
    expect(calls.map((c) => [c.id, c.function.arguments])).toEqual([
      ['call_a', '{"city":"Paris"}'],
      ['call_b', '{"city":"Tokyo"}'],
    ]);
    const first = fake.chats()[0];
    expect(first.tools).toEqual([{ type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: weather.type === 'function' ? weather.function.parameters : {} } }]);
    expect(first.tool_choice).toBe('required');
    expect(first.parallel_tool_calls).toBe(true);

    fake.queue({ kind: 'text', deltas: ['Paris rainy, ', 'Tokyo sunny.'] });
    s.runtime.submitToolOutputs(run.thread_id, run.id, { tool_outputs: [{ tool_call_id: 'call_a', output: 'rain' }, { tool_call_id: 'call_b', output: 'sun' }], source: 'api' });
    expect((await waitForStatus(s, run, ['completed', 'failed'])).status).toBe('completed');
    const second = fake.chats()[1].messages as unknown[];
    expect(second.slice(2)).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_b', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_a', content: 'rain' },
      { role: 'tool', tool_call_id: 'call_b', content: 'sun' },
    ]);
  });

  it('ends incomplete on finish_reason length and content_filter', async () => {
    fake.queue({ kind: 'text', deltas: ['cut', ' short'], finish: 'length' });
    const a = await done(start('long story'));
    expect(a).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_completion_tokens' } });
    fake.queue({ kind: 'text', deltas: ['no'], finish: 'content_filter' });
    const b = await done(start('bad words'));
    expect(b).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'content_filter' } });
    const [msg] = s.runtime.listMessages(b.thread_id, { limit: 1, order: 'desc' }).data;
    expect(msg.incomplete_details).toEqual({ reason: 'content_filter' });
  });

  it('retries a 429 after its retry-after and records each retry', async () => {
    fake.queue({ kind: 'status', status: 429, headers: { 'retry-after': '0' }, error: { message: 'slow down', code: 'rate_limit_exceeded' } });
    const end = await done(start('hello'));
    expect(end.status).toBe('completed');
    const retries = s.runtime.readRunEvents(end.id, 0).filter((e) => e.type === 'model.retry');
    expect(retries.map((e) => e.data)).toEqual([expect.objectContaining({ attempt: 1, status: 429, wait_ms: 0 })]);
    expect(fake.chats()).toHaveLength(2);
  });

  it('fails with rate_limit_exceeded naming the provider once retries run out', async () => {
    for (let i = 0; i < 3; i++) fake.queue({ kind: 'status', status: 429, headers: { 'retry-after': '0' } });
    const end = await done(start('hello'));
    expect(end.status).toBe('failed');
    expect(end.last_error?.code).toBe('rate_limit_exceeded');
    expect(end.last_error?.message).toContain("Provider 'local'");
    expect(s.runtime.readRunEvents(end.id, 0).filter((e) => e.type === 'model.retry')).toHaveLength(2);
  });

  it.each([
    ['a 500', { kind: 'status', status: 500, headers: { 'retry-after-ms': '1' } }, 'server_error', 'server error (500)'],
    ['a 401', { kind: 'status', status: 401 }, 'invalid_prompt', 'refused the API key (401'],
    ['a 404', { kind: 'status', status: 404, error: { message: 'model not found' } }, 'invalid_prompt', "does not know the model 'fake-model'"],
    ['a stream cut mid-chunk', { kind: 'cut', deltas: ['partial'] }, 'server_error', 'cut mid-way'],
    ['a malformed chunk', { kind: 'malformed' }, 'server_error', 'malformed'],
  ] as const)('fails on %s with an OpenAI-shaped last_error naming the provider', async (_name, script, code, words) => {
    for (let i = 0; i < 3; i++) fake.queue(script as never);
    const end = await done(start('hello'));
    expect(end.status).toBe('failed');
    expect(end.last_error?.code).toBe(code);
    expect(end.last_error?.message).toContain("Provider 'local'");
    expect(end.last_error?.message).toContain(words);
  });

  it('cancel aborts the HTTP request', async () => {
    fake.queue({ kind: 'text', deltas: Array.from({ length: 200 }, (_, i) => `w${i} `), delayMs: 20 });
    const run = start('long');
    await new Promise<void>((resolve) => {
      const off = s.runtime.subscribe({ run_id: run.id }, (e) => {
        if (e.type === 'thread.message.delta') {
          off();
          resolve();
        }
      });
    });
    s.runtime.cancelRun(run.thread_id, run.id);
    expect((await done(run)).status).toBe('cancelled');
    await expect.poll(() => fake.aborted).toBe(1);
  });
});
