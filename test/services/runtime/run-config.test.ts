import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findEvent } from '../../helpers/event-fixture';
import { eventTypes, openTestServices, waitForStatus, weatherTool, type TestServices } from '../../helpers/services';

let s: TestServices;
beforeEach(() => {
  s = openTestServices();
});
afterEach(async () => {
  await s.dispose();
});

describe('run configuration', () => {
  it('copies the assistant, applies overrides, appends additional_instructions, and records what the model was sent', async () => {
    const rt = s.runtime;
    const a = rt.createAssistant({ model: 'mock', instructions: 'Be terse.', tools: [weatherTool], temperature: 0.3 });
    const thread = rt.createThread({ messages: [{ role: 'user', content: 'first' }, { role: 'user', content: 'second' }] });
    const { run } = rt.createRun(thread.id, {
      assistant_id: a.id,
      additional_instructions: 'Answer in French.',
      additional_messages: [{ role: 'user', content: 'third get_weather city=Nice' }],
      truncation_strategy: { type: 'last_messages', last_messages: 2 },
      parallel_tool_calls: false,
      metadata: { trace: 't1' },
    });
    expect(run).toMatchObject({
      model: 'mock',
      instructions: 'Be terse.\n\nAnswer in French.',
      temperature: 0.3,
      top_p: 1,
      tool_choice: 'auto',
      parallel_tool_calls: false,
      response_format: 'auto',
      truncation_strategy: { type: 'last_messages', last_messages: 2 },
      metadata: { trace: 't1' },
      tools: [weatherTool],
    });
    await waitForStatus(s, run, ['requires_action']);
    const request = findEvent(rt.readRunEvents(run.id), 'model.request').data;
    expect(request.request.messages).toEqual([
      { role: 'user', content: 'second' },
      { role: 'user', content: 'third get_weather city=Nice' },
    ]);
    expect(request.request.instructions).toBe('Be terse.\n\nAnswer in French.');
    expect(rt.listMessages(thread.id, {}).data).toHaveLength(3);
  });

  it('createThreadAndRun: thread.created is seq 1, then the run events', async () => {
    const rt = s.runtime;
    const a = rt.createAssistant({ model: 'mock' });
    const { run, thread } = rt.createThreadAndRun({ assistant_id: a.id, thread: { messages: [{ role: 'user', content: 'hi' }], metadata: { k: 'v' } } });
    expect(thread.metadata).toEqual({ k: 'v' });
    await waitForStatus(s, run, ['completed']);
    const events = rt.readRunEvents(run.id);
    expect(eventTypes(events).slice(0, 3)).toEqual(['thread.created', 'thread.run.created', 'thread.run.queued']);
    expect(events[0].data).toMatchObject({ id: thread.id, object: 'thread' });
  });

  it('an unknown model fails the run with a clear last_error instead of hanging', async () => {
    const rt = s.runtime;
    const a = rt.createAssistant({ model: 'gpt-unknown' });
    const { run } = rt.createThreadAndRun({ assistant_id: a.id, thread: { messages: [{ role: 'user', content: 'hi' }] } });
    const failed = await waitForStatus(s, run, ['failed']);
    expect(failed.last_error).toEqual({ code: 'invalid_prompt', message: expect.stringContaining("'gpt-unknown' is not available") });
  });

  it('records the assistant version a run used, and versions every saved edit', async () => {
    const a = s.runtime.createAssistant({ model: 'mock', name: 'v1' });
    s.runtime.updateAssistant(a.id, { name: 'v2' });
    const thread = s.runtime.createThread({ messages: [{ role: 'user', content: 'hi' }] });
    const { run } = s.runtime.createRun(thread.id, { assistant_id: a.id });
    expect((await s.api.runs.get(run.id)).assistant_version).toBe(2);
    const versions = await s.api.assistants.versions(a.id);
    expect(versions.map((v) => [v.version, v.snapshot.name])).toEqual([
      [2, 'v2'],
      [1, 'v1'],
    ]);
    const restored = await s.api.assistants.restoreVersion(a.id, 1);
    expect(restored.name).toBe('v1');
    expect((await s.api.assistants.versions(a.id))[0].version).toBe(3);
  });
});
