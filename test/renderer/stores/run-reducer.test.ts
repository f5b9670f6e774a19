import { describe, expect, it } from 'vitest';
import { applyRunEvent, applyRunEvents, emptyLiveRun } from '../../../renderer/src/stores/run-reducer';
import type { RunEventRecord, RunEventType } from '../../../electron/contract/events';
import { fixtureEvent } from '../../helpers/event-fixture';

let id = 0;
const ev = (seq: number, type: RunEventType, data: unknown): RunEventRecord => fixtureEvent({ id: ++id, run_id: 'run_1', thread_id: 'thread_1', seq, ts: 0 }, type, data);
const msg = { id: 'msg_1', object: 'thread.message', created_at: 1, thread_id: 'thread_1', role: 'assistant', content: [], assistant_id: 'a', run_id: 'run_1', attachments: [], metadata: {}, status: 'in_progress', completed_at: null, incomplete_at: null, incomplete_details: null };
const textDelta = (v: string) => ({ id: 'msg_1', object: 'thread.message.delta', delta: { content: [{ index: 0, type: 'text', text: { value: v } }] } });
const step = { id: 'step_1', object: 'thread.run.step', type: 'tool_calls', status: 'in_progress', step_details: { type: 'tool_calls', tool_calls: [] } };
const callDelta = (index: number, fn: Record<string, unknown>, callId?: string) => ({
  id: 'step_1',
  object: 'thread.run.step.delta',
  delta: { step_details: { type: 'tool_calls', tool_calls: [{ index, type: 'function', ...(callId ? { id: callId } : {}), function: fn }] } },
});

describe('applyRunEvent', () => {
  it('builds the message text from deltas, and the completed snapshot wins', () => {
    let live = applyRunEvents(emptyLiveRun('run_1', 'thread_1'), [ev(1, 'thread.message.created', msg), ev(2, 'thread.message.delta', textDelta('Hel')), ev(3, 'thread.message.delta', textDelta('lo'))]);
    const c = live.messages.msg_1.content[0];
    expect(c.type === 'text' && c.text.value).toBe('Hello');
    live = applyRunEvent(live, ev(4, 'thread.message.completed', { ...msg, status: 'completed', content: [{ type: 'text', text: { value: 'Hello!', annotations: [] } }] }));
    const done = live.messages.msg_1.content[0];
    expect(done.type === 'text' && done.text.value).toBe('Hello!');
    expect(live.messageOrder).toEqual(['msg_1']);
  });

  it('builds tool-call arguments per index from fragments (id and name only in the first)', () => {
    const live = applyRunEvents(emptyLiveRun('run_1', 'thread_1'), [
      ev(1, 'thread.run.step.created', step),
      ev(2, 'thread.run.step.delta', callDelta(0, { name: 'get_weather', arguments: '', output: null }, 'call_a')),
      ev(3, 'thread.run.step.delta', callDelta(1, { name: 'get_time', arguments: '', output: null }, 'call_b')),
      ev(4, 'thread.run.step.delta', callDelta(0, { arguments: '{"city":' })),
      ev(5, 'thread.run.step.delta', callDelta(1, { arguments: '{}' })),
      ev(6, 'thread.run.step.delta', callDelta(0, { arguments: '"Paris"}' })),
    ]);
    expect(live.toolCalls.step_1.map((c) => [c.id, c.name, c.arguments])).toEqual([
      ['call_a', 'get_weather', '{"city":"Paris"}'],
      ['call_b', 'get_time', '{}'],
    ]);
  });

  it('ignores events already folded and events that do not follow (a run re-fetched from the start folds once)', () => {
    let live = applyRunEvents(emptyLiveRun('run_1', 'thread_1'), [ev(1, 'thread.message.created', msg), ev(2, 'thread.message.delta', textDelta('a'))]);
    const same = applyRunEvent(live, ev(2, 'thread.message.delta', textDelta('a')));
    expect(same).toBe(live);
    expect(applyRunEvent(live, ev(4, 'thread.message.delta', textDelta('c')))).toBe(live);
    live = applyRunEvents(live, [ev(1, 'thread.message.created', msg), ev(2, 'thread.message.delta', textDelta('a')), ev(3, 'thread.message.delta', textDelta('b'))]);
    const c = live.messages.msg_1.content[0];
    expect(c.type === 'text' && c.text.value).toBe('ab');
    expect(live.lastSeq).toBe(3);
  });

  it('records executions, invalid arguments and submitted outputs', () => {
    const live = applyRunEvents(emptyLiveRun('run_1', 'thread_1'), [
      ev(1, 'thread.run.step.created', step),
      ev(2, 'thread.run.step.delta', callDelta(0, { name: 'f', arguments: '{', output: null }, 'call_a')),
      ev(3, 'tool.arguments.invalid', { step_id: 'step_1', call_id: 'call_a', function: 'f', arguments: '{', errors: ['not JSON'] }),
      ev(4, 'tool.execution.started', { step_id: 'step_1', call_id: 'call_a', function: 'f', mode: 'mock', arguments: '{' }),
      ev(5, 'tool.execution.finished', { step_id: 'step_1', call_id: 'call_a', function: 'f', mode: 'mock', output: 'x', error: null, duration_ms: 3 }),
      ev(6, 'tool.outputs.submitted', { step_id: 'step_1', tool_outputs: [{ tool_call_id: 'call_a', output: 'x' }], source: 'auto' }),
    ]);
    expect(live.invalidArgs.call_a).toEqual(['not JSON']);
    expect(live.executions.call_a).toMatchObject({ running: false, output: 'x' });
    expect(live.toolCalls.step_1[0].output).toBe('x');
    expect(live.submittedSource).toBe('auto');
  });
});
