/**
 * A synthetic recording for the timeline benchmark: one run with `steps` function-calling
 * rounds (EVENTS.md shapes), ten events per round, a final message, and a developer-sized
 * idle gap (60 s) every 500 rounds. 10,000 steps give exactly 100,000 events.
 */
import type { RunEventRecord, RunEventType } from '../../electron/contract/events';

export function generateRun(steps = 10_000, runId = 'run_bench', threadId = 'thread_bench'): RunEventRecord[] {
  const events: RunEventRecord[] = [];
  let ts = 1_700_000_000_000;
  let seq = 0;
  const run = { id: runId, object: 'thread.run', thread_id: threadId, assistant_id: 'asst_b', status: 'queued', expires_at: 1_700_000_600, required_action: null as unknown, last_error: null };
  const push = (type: RunEventType, data: unknown, dt = 1) => {
    ts += dt;
    seq++;
    // synthetic, partial snapshots: typed once here at the generator's edge
    events.push({ id: seq, run_id: runId, thread_id: threadId, seq, ts, type, data } as RunEventRecord);
  };
  // snapshots without per-event fields are shared (the reducer never mutates event data)
  const shared = new Map<string, unknown>();
  const status = (s: string, extra?: Record<string, unknown>) => {
    if (extra) return { ...run, status: s, ...extra };
    let snap = shared.get(s);
    if (!snap) shared.set(s, (snap = { ...run, status: s }));
    return snap;
  };
  const request = { model: 'mock', messages: [], tools: [] };
  const usage = { prompt_tokens: 20, completion_tokens: 6, total_tokens: 26 };
  push('thread.run.created', status('queued'));
  push('thread.run.in_progress', status('in_progress'), 2);
  for (let i = 1; i < steps; i++) {
    const stepId = `step_${i}`;
    const callId = `call_${i}`;
    const name = i % 3 === 0 ? 'get_time' : 'get_weather';
    const args = `{"city":"c${i % 17}"}`;
    const step = { id: stepId, object: 'thread.run.step', run_id: runId, thread_id: threadId, type: 'tool_calls', status: 'in_progress', step_details: { type: 'tool_calls', tool_calls: [] as unknown[] }, usage: null, last_error: null };
    push('model.request', { round: i, backend: 'mock', request }, 2);
    push('thread.run.step.created', step, 1);
    push('thread.run.step.delta', { id: stepId, object: 'thread.run.step.delta', delta: { step_details: { type: 'tool_calls', tool_calls: [{ index: 0, id: callId, type: 'function', function: { name, arguments: '', output: null } }] } } }, 2);
    push('thread.run.step.delta', { id: stepId, object: 'thread.run.step.delta', delta: { step_details: { type: 'tool_calls', tool_calls: [{ index: 0, type: 'function', function: { arguments: args } }] } } }, 3);
    push('model.response', { round: i, backend: 'mock', text: '', tool_calls: [{ id: callId, name, arguments: args }], finish_reason: 'tool_calls', usage, duration_ms: 8, error: null }, 2);
    push('thread.run.requires_action', status('requires_action', { required_action: { type: 'submit_tool_outputs', submit_tool_outputs: { tool_calls: [{ id: callId, type: 'function', function: { name, arguments: args } }] } } }), 1);
    const wait = i % 500 === 0 ? 60_000 : 15 + (i % 7) * 4;
    push('tool.outputs.submitted', { step_id: stepId, tool_outputs: [{ tool_call_id: callId, output: `out ${i}` }], source: i % 2 ? 'auto' : 'ui' }, wait);
    push('thread.run.step.completed', { ...step, status: 'completed', step_details: { type: 'tool_calls', tool_calls: [{ id: callId, type: 'function', function: { name, arguments: args, output: `out ${i}` } }] } }, 1);
    push('thread.run.queued', status('queued'), 1);
    push('thread.run.in_progress', status('in_progress'), 2);
  }
  const msgId = 'msg_final';
  const step = { id: `step_${steps}`, object: 'thread.run.step', run_id: runId, thread_id: threadId, type: 'message_creation', status: 'in_progress', step_details: { type: 'message_creation', message_creation: { message_id: msgId } }, usage: null, last_error: null };
  const msg = { id: msgId, object: 'thread.message', role: 'assistant', status: 'in_progress', content: [] as unknown[] };
  push('model.request', { round: steps, backend: 'mock', request: { model: 'mock', messages: [], tools: [] } }, 2);
  push('thread.run.step.created', step);
  push('thread.message.created', msg);
  push('thread.message.delta', { id: msgId, object: 'thread.message.delta', delta: { content: [{ index: 0, type: 'text', text: { value: 'done', annotations: [] } }] } }, 3);
  push('model.response', { round: steps, backend: 'mock', text: 'done', tool_calls: [], finish_reason: 'stop', usage: { prompt_tokens: 20, completion_tokens: 1, total_tokens: 21 }, duration_ms: 4, error: null }, 1);
  push('thread.message.completed', { ...msg, status: 'completed', content: [{ type: 'text', text: { value: 'done', annotations: [] } }] });
  push('thread.run.step.completed', { ...step, status: 'completed' });
  push('thread.run.completed', status('completed', { expires_at: null }));
  return events;
}
