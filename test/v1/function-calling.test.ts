/** The function-calling flow through the SDK's poll helpers, overrides, guards and cancel. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type OpenAI from 'openai';
import { fnTool, startServe, type ServeProcess } from './serve-process';

let server: ServeProcess;
let client: OpenAI;
let assistantId: string;

const weather = fnTool('get_weather', { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } }, ['city']);
const time = fnTool('get_time', { zone: { type: 'string' } }, ['zone']);

beforeAll(async () => {
  server = await startServe();
  client = server.client();
  assistantId = (await client.beta.assistants.create({ model: 'mock', instructions: 'Use tools.', tools: [weather, time] })).id;
});
afterAll(async () => {
  await server?.stop();
});

function outputsFor(run: OpenAI.Beta.Threads.Run, output: (name: string) => string) {
  return run.required_action!.submit_tool_outputs.tool_calls.map((c) => ({ tool_call_id: c.id, output: output(c.function.name) }));
}

describe('function calling', () => {
  it('createAndPoll reaches requires_action and submitToolOutputsAndPoll completes', async () => {
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'get_weather city=Paris unit=c' }] });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, {
      assistant_id: assistantId,
      include: ['step_details.tool_calls[*].file_search.results[*].content'],
    });
    expect(run.status).toBe('requires_action');
    const calls = run.required_action!.submit_tool_outputs.tool_calls;
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ type: 'function', function: { name: 'get_weather' } });
    expect(JSON.parse(calls[0].function.arguments)).toEqual({ city: 'Paris', unit: 'c' });
    expect(calls[0].id).toMatch(/^call_/);
    expect(run.expires_at).toBeGreaterThan(run.created_at);

    const done = await client.beta.threads.runs.submitToolOutputsAndPoll(run.id, { thread_id: thread.id, tool_outputs: outputsFor(run, () => '21C sunny') });
    expect(done.status).toBe('completed');
    expect(done.expires_at).toBeNull();
    expect(done.usage?.total_tokens).toBeGreaterThan(0);
    const [reply] = (await client.beta.threads.messages.list(thread.id, { limit: 1 })).data;
    expect(reply.content[0]).toMatchObject({ text: { value: 'get_weather: 21C sunny' } });

    const steps = await client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id, order: 'asc' });
    expect(steps.data.map((s) => [s.type, s.status])).toEqual([
      ['tool_calls', 'completed'],
      ['message_creation', 'completed'],
    ]);
    const toolStep = steps.data[0];
    expect(toolStep.step_details).toMatchObject({ type: 'tool_calls', tool_calls: [{ id: calls[0].id, function: { name: 'get_weather', output: '21C sunny' } }] });
    const one = await client.beta.threads.runs.steps.retrieve(toolStep.id, {
      thread_id: thread.id,
      run_id: run.id,
      include: ['step_details.tool_calls[*].file_search.results[*].content'],
    });
    expect(one.id).toBe(toolStep.id);
  });

  it('parallel calls come together; parallel_tool_calls:false gives only the first', async () => {
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'get_time zone=UTC then get_weather city=Oslo' }] });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId });
    expect(run.required_action!.submit_tool_outputs.tool_calls.map((c) => c.function.name)).toEqual(['get_time', 'get_weather']);
    const done = await client.beta.threads.runs.submitToolOutputsAndPoll(run.id, {
      thread_id: thread.id,
      tool_outputs: outputsFor(run, (n) => (n === 'get_time' ? '12:00' : 'rain')),
    });
    expect(done.status).toBe('completed');
    const [reply] = (await client.beta.threads.messages.list(thread.id, { limit: 1 })).data;
    expect(reply.content[0]).toMatchObject({ text: { value: 'get_time: 12:00\nget_weather: rain' } });

    const t2 = await client.beta.threads.create({ messages: [{ role: 'user', content: 'get_time zone=UTC then get_weather city=Oslo' }] });
    const single = await client.beta.threads.runs.createAndPoll(t2.id, { assistant_id: assistantId, parallel_tool_calls: false });
    expect(single.parallel_tool_calls).toBe(false);
    expect(single.required_action!.submit_tool_outputs.tool_calls.map((c) => c.function.name)).toEqual(['get_time']);
  });

  it('rejects incomplete tool outputs with the exact wording and keeps the run waiting', async () => {
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'get_time zone=UTC get_weather city=Rome' }] });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId });
    const [a, b] = run.required_action!.submit_tool_outputs.tool_calls;
    const err = await client.beta.threads.runs
      .submitToolOutputs(run.id, { thread_id: thread.id, tool_outputs: [{ tool_call_id: a.id, output: 'x' }] })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 400, param: null, code: null, type: 'invalid_request_error' });
    expect((err as Error).message).toBe(`400 Expected tool outputs for call_ids ['${a.id}', '${b.id}'], got ['${a.id}']`);
    expect((await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id })).status).toBe('requires_action');
  });

  it('run overrides, additional_instructions and additional_messages', async () => {
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'first' }] });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, {
      assistant_id: assistantId,
      instructions: 'Override.',
      additional_instructions: 'Extra.',
      tools: [time],
      metadata: { via: 'test' },
      temperature: 0.2,
      top_p: 0.5,
      max_completion_tokens: 1000,
      max_prompt_tokens: 2000,
      truncation_strategy: { type: 'last_messages', last_messages: 5 },
      tool_choice: 'auto',
      response_format: { type: 'text' },
      additional_messages: [{ role: 'user', content: 'say hello', metadata: { added: 'yes' } }],
    });
    expect(run.status).toBe('completed');
    expect(run).toMatchObject({
      instructions: expect.stringContaining('Override.'),
      metadata: { via: 'test' },
      temperature: 0.2,
      top_p: 0.5,
      max_completion_tokens: 1000,
      max_prompt_tokens: 2000,
      truncation_strategy: { type: 'last_messages', last_messages: 5 },
    });
    expect(run.instructions).toContain('Extra.');
    expect(run.tools).toEqual([time]);
    const msgs = await client.beta.threads.messages.list(thread.id, { order: 'asc' });
    expect(msgs.data.map((m) => m.role)).toEqual(['user', 'user', 'assistant']);
    expect(msgs.data[1].metadata).toEqual({ added: 'yes' });
    expect(msgs.data[2].content[0]).toMatchObject({ text: { value: 'Echo: say hello' } });
  });

  it('createAndRunPoll makes a thread and completes', async () => {
    const run = await client.beta.threads.createAndRunPoll({
      assistant_id: assistantId,
      thread: { messages: [{ role: 'user', content: 'good morning' }], metadata: { from: 'car' } },
    });
    expect(run.status).toBe('completed');
    const thread = await client.beta.threads.retrieve(run.thread_id);
    expect(thread.metadata).toEqual({ from: 'car' });
    const msgs = await client.beta.threads.messages.list(run.thread_id);
    expect(msgs.data[0].content[0]).toMatchObject({ text: { value: 'Echo: good morning' } });
  });
});

describe('active-run guard and cancel', () => {
  it('refuses a second run and new messages while one is active, then cancels', async () => {
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'get_weather city=Lima' }] });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId });
    expect(run.status).toBe('requires_action');

    const second = await client.beta.threads.runs.create(thread.id, { assistant_id: assistantId }).catch((e: unknown) => e);
    expect(second).toMatchObject({ status: 400, code: null, param: null });
    expect((second as Error).message).toBe(`400 Thread ${thread.id} already has an active run ${run.id}.`);

    const msg = await client.beta.threads.messages.create(thread.id, { role: 'user', content: 'more' }).catch((e: unknown) => e);
    expect((msg as Error).message).toBe(`400 Can't add messages to ${thread.id} while a run ${run.id} is active.`);

    const cancelling = await client.beta.threads.runs.cancel(run.id, { thread_id: thread.id });
    expect(['cancelling', 'cancelled']).toContain(cancelling.status);
    const final = await client.beta.threads.runs.poll(run.id, { thread_id: thread.id });
    expect(final.status).toBe('cancelled');
    expect(final.cancelled_at).not.toBeNull();

    const again = await client.beta.threads.runs.cancel(run.id, { thread_id: thread.id }).catch((e: unknown) => e);
    expect((again as Error).message).toBe(`400 Cannot cancel run with status 'cancelled'.`);
    const late = await client.beta.threads.runs
      .submitToolOutputs(run.id, { thread_id: thread.id, tool_outputs: [{ tool_call_id: 'call_x', output: 'x' }] })
      .catch((e: unknown) => e);
    expect((late as Error).message).toBe(`400 Runs in status "cancelled" do not accept tool outputs.`);

    // The thread is free again.
    await client.beta.threads.messages.create(thread.id, { role: 'user', content: 'hello again' });
    const next = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId });
    expect(next.status).toBe('completed');
  });

  it('cancels an in-progress run (slow mock)', async () => {
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'take your time [mock:delay=3000]' }] });
    const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistantId });
    const cancelling = await client.beta.threads.runs.cancel(run.id, { thread_id: thread.id });
    expect(['cancelling', 'cancelled']).toContain(cancelling.status);
    const final = await client.beta.threads.runs.poll(run.id, { thread_id: thread.id });
    expect(final.status).toBe('cancelled');
  });

  it('reports model failures on the run, not as HTTP errors', async () => {
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'boom [mock:fail]' }] });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId });
    expect(run.status).toBe('failed');
    expect(run.last_error?.code).toBe('server_error');
  });
});
