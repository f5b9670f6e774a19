import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunStep } from '../../../electron/contract/objects';
import { ApiError } from '../../../electron/services/runtime/api-error';
import { eventTypes, openTestServices, timeTool, waitForStatus, weatherTool, type TestServices } from '../../helpers/services';

let s: TestServices;
beforeEach(() => {
  s = openTestServices();
});
afterEach(async () => {
  await s.dispose();
});

function setup(message: string, tools = [weatherTool, timeTool]) {
  const rt = s.runtime;
  const assistant = rt.createAssistant({ model: 'mock', name: 'Weather', tools });
  const thread = rt.createThread({ messages: [{ role: 'user', content: message }] });
  return { rt, assistant, thread };
}

function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe('run lifecycle', () => {
  it('plain reply: queued → in_progress → completed, with the §4 A event order and usage', async () => {
    const { rt, assistant, thread } = setup('hello there');
    const { run } = rt.createRun(thread.id, { assistant_id: assistant.id });
    expect(run.status).toBe('queued');
    expect(run.expires_at).toBe(run.created_at + 600);
    const done = await waitForStatus(s, run, ['completed']);
    expect(done.expires_at).toBeNull();
    expect(done.completed_at).not.toBeNull();
    expect(done.started_at).not.toBeNull();
    expect(done.usage?.total_tokens).toBeGreaterThan(0);
    const types = eventTypes(rt.readRunEvents(run.id));
    const deltas = types.filter((t) => t === 'thread.message.delta').length;
    expect(types).toEqual([
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
    ]);
    expect(deltas).toBe(3); // "Echo: hello there" streams word by word
    const messages = rt.listMessages(thread.id, { order: 'asc' }).data;
    expect(messages[1].content).toEqual([{ type: 'text', text: { value: 'Echo: hello there', annotations: [] } }]);
    expect(messages[1].run_id).toBe(run.id);
    expect(messages[1].status).toBe('completed');
  });

  it('function call: requires_action lists every call, the step stays in_progress, submit resumes to completed', async () => {
    const { rt, assistant, thread } = setup('get_weather city=Paris unit=c and get_time zone=CET');
    const { run } = rt.createRun(thread.id, { assistant_id: assistant.id });
    const waiting = await waitForStatus(s, run, ['requires_action']);
    const calls = waiting.required_action!.submit_tool_outputs.tool_calls;
    expect(calls.map((c) => c.function.name)).toEqual(['get_weather', 'get_time']);
    expect(JSON.parse(calls[0].function.arguments)).toEqual({ city: 'Paris', unit: 'c' });
    const steps = rt.listSteps(thread.id, run.id, { order: 'asc' }).data;
    expect(steps).toHaveLength(1);
    expect(steps[0].status).toBe('in_progress');

    const submitted = rt.submitToolOutputs(thread.id, run.id, {
      tool_outputs: calls.map((c, i) => ({ tool_call_id: c.id, output: `out${i}` })),
    });
    expect(submitted.run.status).toBe('queued');
    expect(submitted.run.required_action).toBeNull();
    expect(submitted.run.expires_at).toBe(run.expires_at);
    const done = await waitForStatus(s, run, ['completed']);
    expect(done.status).toBe('completed');
    const reply = rt.listMessages(thread.id, { order: 'desc', limit: 1 }).data[0];
    expect(reply.content[0]).toMatchObject({ text: { value: 'get_weather: out0\nget_time: out1' } });
    const toolStep = rt.getStep(thread.id, run.id, steps[0].id) as RunStep;
    expect(toolStep.status).toBe('completed');
    expect(toolStep.usage).not.toBeNull();
    expect(toolStep.step_details).toMatchObject({ tool_calls: [{ function: { output: 'out0' } }, { function: { output: 'out1' } }] });

    // Leg C starts with the tool step's completion (assistants-api.md §4 C).
    const after = eventTypes(rt.readRunEvents(run.id, submitted.afterSeq));
    expect(after.slice(0, 3)).toEqual(['thread.run.step.completed', 'thread.run.queued', 'thread.run.in_progress']);
  });

  it('cancel in requires_action: cancelling → cancelled, the step cancelled, the thread unlocked', async () => {
    const { rt, assistant, thread } = setup('get_weather city=Rome');
    const { run } = rt.createRun(thread.id, { assistant_id: assistant.id });
    await waitForStatus(s, run, ['requires_action']);
    expect(rt.cancelRun(thread.id, run.id).status).toBe('cancelling');
    const done = await waitForStatus(s, run, ['cancelled']);
    expect(done.cancelled_at).not.toBeNull();
    expect(done.expires_at).toBeNull();
    expect(rt.listSteps(thread.id, run.id, {}).data[0].status).toBe('cancelled');
    const types = eventTypes(rt.readRunEvents(run.id));
    expect(types.slice(-3)).toEqual(['thread.run.cancelling', 'thread.run.step.cancelled', 'thread.run.cancelled']);
    expect(() => rt.createMessage(thread.id, { role: 'user', content: 'next' })).not.toThrow();
  });

  it('cancel while the model is generating ([mock:delay]): the open message becomes incomplete (run_cancelled)', async () => {
    const { rt, assistant, thread } = setup('[mock:delay=5000] slow');
    const { run } = rt.createRun(thread.id, { assistant_id: assistant.id });
    await waitForStatus(s, run, ['in_progress']);
    rt.cancelRun(thread.id, run.id);
    const done = await waitForStatus(s, run, ['cancelled']);
    expect(done.status).toBe('cancelled');
    expect(eventTypes(rt.readRunEvents(run.id)).slice(-2)).toEqual(['thread.run.cancelling', 'thread.run.cancelled']);
  });

  it('cancel a queued run before it starts', async () => {
    const { rt, assistant, thread } = setup('hi');
    const { run } = rt.createRun(thread.id, { assistant_id: assistant.id });
    expect(rt.cancelRun(thread.id, run.id).status).toBe('cancelling');
    const done = await waitForStatus(s, run, ['cancelled']);
    expect(done.started_at).toBeNull();
  });

  it('failed: [mock:fail] gives server_error and [mock:rate_limit] gives rate_limit_exceeded, never an exception', async () => {
    const { rt, assistant, thread } = setup('[mock:fail] please');
    const { run } = rt.createRun(thread.id, { assistant_id: assistant.id });
    const failed = await waitForStatus(s, run, ['failed']);
    expect(failed.last_error?.code).toBe('server_error');
    expect(failed.failed_at).not.toBeNull();
    expect(failed.expires_at).toBeNull();
    rt.createMessage(thread.id, { role: 'user', content: '[mock:rate_limit]' });
    const { run: run2 } = rt.createRun(thread.id, { assistant_id: assistant.id });
    const limited = await waitForStatus(s, run2, ['failed']);
    expect(limited.last_error?.code).toBe('rate_limit_exceeded');
  });

  it('incomplete: [mock:incomplete] and a max_completion_tokens budget end incomplete with the reason', async () => {
    const { rt, assistant, thread } = setup('[mock:incomplete] a b c d e f g h');
    const { run } = rt.createRun(thread.id, { assistant_id: assistant.id });
    const done = await waitForStatus(s, run, ['incomplete']);
    expect(done.incomplete_details).toEqual({ reason: 'max_completion_tokens' });
    const msg = rt.listMessages(thread.id, { run_id: run.id }).data[0];
    expect(msg.status).toBe('incomplete');
    expect(msg.incomplete_details).toEqual({ reason: 'max_tokens' });

    rt.createMessage(thread.id, { role: 'user', content: 'word '.repeat(2000) });
    const { run: run2 } = rt.createRun(thread.id, { assistant_id: assistant.id, max_completion_tokens: 256 });
    expect((await waitForStatus(s, run2, ['incomplete'])).incomplete_details).toEqual({ reason: 'max_completion_tokens' });
    const { run: run3 } = rt.createRun(thread.id, { assistant_id: assistant.id, max_prompt_tokens: 256 });
    expect((await waitForStatus(s, run3, ['incomplete'])).incomplete_details).toEqual({ reason: 'max_prompt_tokens' });
  });

  it('expired: a run waiting for outputs past expires_at expires, steps expired, and outputs are refused', async () => {
    await s.dispose();
    s = openTestServices({ runExpirySeconds: 1 });
    const { rt, assistant, thread } = setup('get_weather city=Oslo');
    const { run } = rt.createRun(thread.id, { assistant_id: assistant.id });
    const waiting = await waitForStatus(s, run, ['requires_action']);
    const expired = await waitForStatus(s, run, ['expired'], 5000);
    expect(expired.expires_at).toBeNull();
    expect(rt.listSteps(thread.id, run.id, {}).data[0].status).toBe('expired');
    const err = apiError(() =>
      rt.submitToolOutputs(thread.id, run.id, { tool_outputs: [{ tool_call_id: waiting.required_action!.submit_tool_outputs.tool_calls[0].id, output: 'x' }] }),
    );
    expect(err.status).toBe(400);
    expect(err.message).toBe('Runs in status "expired" do not accept tool outputs.');
  });
});

describe('enforced rules (§3) with their exact wording', () => {
  it('one active run per thread', async () => {
    const { rt, assistant, thread } = setup('get_weather city=Lima');
    const { run } = rt.createRun(thread.id, { assistant_id: assistant.id });
    const err = apiError(() => rt.createRun(thread.id, { assistant_id: assistant.id }));
    expect([err.status, err.type, err.param, err.code]).toEqual([400, 'invalid_request_error', null, null]);
    expect(err.message).toBe(`Thread ${thread.id} already has an active run ${run.id}.`);
    await waitForStatus(s, run, ['requires_action']);
    // createAndRun always makes a new thread, so it is never affected.
    expect(() => rt.createThreadAndRun({ assistant_id: assistant.id })).not.toThrow();
  });

  it('no messages while a run is active', () => {
    const { rt, assistant, thread } = setup('hi');
    const { run } = rt.createRun(thread.id, { assistant_id: assistant.id });
    const err = apiError(() => rt.createMessage(thread.id, { role: 'user', content: 'more' }));
    expect(err.message).toBe(`Can't add messages to ${thread.id} while a run ${run.id} is active.`);
  });

  it('tool outputs only in requires_action, and covering every call id', async () => {
    const { rt, assistant, thread } = setup('get_weather and get_time');
    const { run } = rt.createRun(thread.id, { assistant_id: assistant.id });
    const early = apiError(() => rt.submitToolOutputs(thread.id, run.id, { tool_outputs: [] }));
    expect(early.message).toBe('Runs in status "queued" do not accept tool outputs.');
    const waiting = await waitForStatus(s, run, ['requires_action']);
    const [a, b] = waiting.required_action!.submit_tool_outputs.tool_calls.map((c) => c.id);
    const partial = apiError(() => rt.submitToolOutputs(thread.id, run.id, { tool_outputs: [{ tool_call_id: a, output: '1' }] }));
    expect(partial.message).toBe(`Expected tool outputs for call_ids ['${a}', '${b}'], got ['${a}']`);
    expect(rt.getRun(thread.id, run.id).status).toBe('requires_action');
  });

  it('cancel only a non-terminal run', async () => {
    const { rt, assistant, thread } = setup('hi');
    const { run } = rt.createRun(thread.id, { assistant_id: assistant.id });
    await waitForStatus(s, run, ['completed']);
    const err = apiError(() => rt.cancelRun(thread.id, run.id));
    expect(err.message).toBe("Cannot cancel run with status 'completed'.");
  });

  it('run modify changes metadata only, in any state', async () => {
    const { rt, assistant, thread } = setup('hi');
    const { run } = rt.createRun(thread.id, { assistant_id: assistant.id });
    await waitForStatus(s, run, ['completed']);
    expect(rt.updateRun(thread.id, run.id, { metadata: { k: 'v' } }).metadata).toEqual({ k: 'v' });
    expect(rt.getRun(thread.id, run.id).metadata).toEqual({ k: 'v' });
  });

  it('unknown ids are 404 with the object named', () => {
    const { rt, thread } = setup('hi');
    expect(apiError(() => rt.getAssistant('asst_x')).message).toBe("No assistant found with id 'asst_x'.");
    expect(apiError(() => rt.getThread('thread_x')).status).toBe(404);
    expect(apiError(() => rt.getRun(thread.id, 'run_x')).message).toBe("No run found with id 'run_x'.");
    expect(apiError(() => rt.createRun(thread.id, { assistant_id: 'asst_nope' })).message).toBe("No assistant found with id 'asst_nope'.");
  });
});
