/** 50 complete function-calling flows at once, each on its own thread: no cross-talk. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fnTool, startServe, type ServeProcess } from './serve-process';

let server: ServeProcess;

beforeAll(async () => {
  server = await startServe();
});
afterAll(async () => {
  await server?.stop();
});

it('runs 50 concurrent two-leg flows (polling and streaming mixed) without mixing them up', async () => {
  const client = server.client({ maxRetries: 0 });
  const assistant = await client.beta.assistants.create({ model: 'mock', tools: [fnTool('lookup', { key: { type: 'string' } }, ['key'])] });

  const flow = async (i: number): Promise<void> => {
    const key = `k${i}`;
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: `lookup key=${key}` }], metadata: { flow: String(i) } });
    let run;
    if (i % 2 === 0) {
      run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    } else {
      run = await client.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id }).finalRun();
    }
    expect(run.status).toBe('requires_action');
    expect(run.thread_id).toBe(thread.id);
    const calls = run.required_action!.submit_tool_outputs.tool_calls;
    expect(calls).toHaveLength(1);
    expect(JSON.parse(calls[0].function.arguments)).toEqual({ key });
    const tool_outputs = [{ tool_call_id: calls[0].id, output: `value-${i}` }];
    const done =
      i % 3 === 0
        ? await client.beta.threads.runs.submitToolOutputsStream(run.id, { thread_id: thread.id, tool_outputs }).finalRun()
        : await client.beta.threads.runs.submitToolOutputsAndPoll(run.id, { thread_id: thread.id, tool_outputs });
    expect(done.status).toBe('completed');
    const msgs = await client.beta.threads.messages.list(thread.id, { order: 'asc' });
    expect(msgs.data.map((m) => (m.content[0].type === 'text' ? m.content[0].text.value : ''))).toEqual([`lookup key=${key}`, `lookup: value-${i}`]);
    expect(msgs.data[1].run_id).toBe(run.id);
  };

  await Promise.all(Array.from({ length: 50 }, (_, i) => flow(i)));
});
