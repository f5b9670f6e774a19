/**
 * Hand-written event logs in the exact shapes of /work/coord/EVENTS.md, built by a small
 * script-like builder so tests read as the story of a run.
 */
import type { HandlerMode, RunEventRecord, RunEventType } from '../../../electron/contract/events';
import type { Run, RunStatus, RunStep } from '../../../electron/contract/objects';
import { fixtureEvent } from '../../helpers/event-fixture';

export interface CallSpec {
  name: string;
  args: string;
}

/** Builds one run's log; `at(ms)` advances the clock before the next event. */
export class RunLog {
  readonly events: RunEventRecord[] = [];
  private t: number;
  private seq = 0;
  private run: Run;
  private stepN = 0;
  private callN = 0;
  private round = 0;
  private steps = new Map<string, RunStep>();
  private static nextId = 1;

  constructor(readonly runId = 'run_1', readonly threadId = 'thread_1', t0 = 1_700_000_000_000) {
    this.t = t0;
    this.run = {
      id: runId, object: 'thread.run', created_at: Math.floor(t0 / 1000), thread_id: threadId, assistant_id: 'asst_1',
      status: 'queued', required_action: null, last_error: null, expires_at: Math.floor(t0 / 1000) + 600, started_at: null,
      cancelled_at: null, failed_at: null, completed_at: null, incomplete_details: null, model: 'mock', instructions: '',
      tools: [], metadata: null, usage: null, temperature: 1, top_p: 1, max_prompt_tokens: null, max_completion_tokens: null,
      truncation_strategy: { type: 'auto', last_messages: null }, response_format: 'auto', tool_choice: 'auto', parallel_tool_calls: true,
    };
  }

  at(ms: number): this {
    this.t += ms;
    return this;
  }

  get now(): number {
    return this.t;
  }

  emit(type: RunEventType, data: unknown): this {
    this.seq++;
    this.events.push(fixtureEvent({ id: RunLog.nextId++, run_id: this.runId, thread_id: this.threadId, seq: this.seq, ts: this.t }, type, structuredClone(data)));
    return this;
  }

  status(status: RunStatus, patch: Partial<Run> = {}, eventName: string = status): this {
    Object.assign(this.run, { status }, patch);
    return this.emit(`thread.run.${eventName}` as RunEventType, this.run);
  }

  /** created → queued → in_progress */
  start(): this {
    this.status('queued', {}, 'created').at(1).status('queued').at(2);
    return this.status('in_progress', { started_at: Math.floor(this.t / 1000) });
  }

  modelRequest(): this {
    this.round++;
    return this.emit('model.request', { round: this.round, backend: 'mock', request: { model: 'mock', instructions: '', messages: [], tools: [] } });
  }

  modelResponse(patch: Record<string, unknown> = {}): this {
    return this.emit('model.response', {
      round: this.round, backend: 'mock', text: '', tool_calls: [], finish_reason: 'stop',
      usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 }, duration_ms: 5, error: null, ...patch,
    });
  }

  private stepSnapshot(type: RunStep['type'], details: RunStep['step_details']): RunStep {
    this.stepN++;
    return {
      id: `step_${this.stepN}`, object: 'thread.run.step', created_at: Math.floor(this.t / 1000), run_id: this.runId, assistant_id: 'asst_1',
      thread_id: this.threadId, type, status: 'in_progress', step_details: details, last_error: null, expired_at: null,
      expires_at: this.run.expires_at, cancelled_at: null, failed_at: null, completed_at: null, metadata: null, usage: null,
    };
  }

  stepEvent(stepId: string, status: RunStep['status'], patch: Partial<RunStep> = {}): this {
    const step = this.steps.get(stepId)!;
    Object.assign(step, { status }, patch);
    return this.emit(`thread.run.step.${status}` as RunEventType, step);
  }

  /** A tool_calls step whose arguments stream in three fragments each; returns its ids via `last`. */
  toolStep(calls: CallSpec[]): { stepId: string; callIds: string[] } {
    this.modelRequest().at(3);
    const step = this.stepSnapshot('tool_calls', { type: 'tool_calls', tool_calls: [] });
    this.steps.set(step.id, step);
    this.emit('thread.run.step.created', step).at(1).emit('thread.run.step.in_progress', step);
    const callIds: string[] = [];
    calls.forEach((c, index) => {
      const id = `call_${++this.callN}`;
      callIds.push(id);
      this.at(4).emit('thread.run.step.delta', { id: step.id, object: 'thread.run.step.delta', delta: { step_details: { type: 'tool_calls', tool_calls: [{ index, id, type: 'function', function: { name: c.name, arguments: '', output: null } }] } } });
      const third = Math.ceil(c.args.length / 3);
      for (let i = 0; i < c.args.length; i += third) {
        this.at(5).emit('thread.run.step.delta', { id: step.id, object: 'thread.run.step.delta', delta: { step_details: { type: 'tool_calls', tool_calls: [{ index, type: 'function', function: { arguments: c.args.slice(i, i + third) } }] } } });
      }
      (step.step_details as { tool_calls: unknown[] }).tool_calls.push({ id, type: 'function', function: { name: c.name, arguments: c.args, output: null } });
    });
    this.at(2).modelResponse({ finish_reason: 'tool_calls', tool_calls: calls.map((c, i) => ({ id: callIds[i], name: c.name, arguments: c.args })) });
    return { stepId: step.id, callIds };
  }

  requiresAction(stepId: string): this {
    const step = this.steps.get(stepId)!;
    const calls = (step.step_details as { tool_calls: Array<{ id: string; function: { name: string; arguments: string } }> }).tool_calls;
    return this.at(1).status('requires_action', {
      required_action: { type: 'submit_tool_outputs', submit_tool_outputs: { tool_calls: calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.function.name, arguments: c.function.arguments } })) } },
    });
  }

  execute(stepId: string, callId: string, name: string, mode: HandlerMode, output: string | null, ms: number, error: string | null = null): this {
    this.at(1).emit('tool.execution.started', { step_id: stepId, call_id: callId, function: name, mode, arguments: '{}' });
    return this.at(ms).emit('tool.execution.finished', { step_id: stepId, call_id: callId, function: name, mode, output, error, duration_ms: ms });
  }

  /** Submit → step.completed (outputs filled) → queued → in_progress. */
  submit(stepId: string, outputs: Array<{ tool_call_id: string; output: string }>, source: 'api' | 'ui' | 'auto'): this {
    this.at(1).emit('tool.outputs.submitted', { step_id: stepId, tool_outputs: outputs, source });
    const step = this.steps.get(stepId)!;
    for (const tc of (step.step_details as { tool_calls: Array<{ id: string; function: { output: string | null } }> }).tool_calls) {
      tc.function.output = outputs.find((o) => o.tool_call_id === tc.id)?.output ?? null;
    }
    this.at(1).stepEvent(stepId, 'completed', { completed_at: Math.floor(this.t / 1000), usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } });
    this.at(1).status('queued', { required_action: null }).at(2);
    return this.status('in_progress');
  }

  /** A message_creation step streaming `text` word by word; `end` decides how it finishes. */
  messageStep(text: string, end: 'completed' | 'failed' | 'open' = 'completed'): string {
    this.modelRequest().at(3);
    const msgId = `msg_${this.stepN + 1}`;
    const step = this.stepSnapshot('message_creation', { type: 'message_creation', message_creation: { message_id: msgId } });
    this.steps.set(step.id, step);
    const msg = { id: msgId, object: 'thread.message', created_at: 0, thread_id: this.threadId, role: 'assistant', content: [] as unknown[], assistant_id: 'asst_1', run_id: this.runId, attachments: [], metadata: {}, status: 'in_progress', completed_at: null, incomplete_at: null, incomplete_details: null };
    this.emit('thread.run.step.created', step).at(1).emit('thread.run.step.in_progress', step);
    this.emit('thread.message.created', msg).emit('thread.message.in_progress', msg);
    const words = text.split(/(?<= )/);
    for (const w of words) this.at(3).emit('thread.message.delta', { id: msgId, object: 'thread.message.delta', delta: { content: [{ index: 0, type: 'text', text: { value: w } }] } });
    if (end === 'open') return step.id;
    if (end === 'failed') {
      this.at(2).modelResponse({ finish_reason: 'error', error: { code: 'server_error', message: 'mock failure' } });
      this.emit('thread.message.incomplete', { ...msg, status: 'incomplete', content: [{ type: 'text', text: { value: text, annotations: [] } }], incomplete_details: { reason: 'run_failed' } });
      this.stepEvent(step.id, 'failed', { last_error: { code: 'server_error', message: 'mock failure' } });
      return step.id;
    }
    this.at(2).modelResponse({ text });
    this.emit('thread.message.completed', { ...msg, status: 'completed', content: [{ type: 'text', text: { value: text, annotations: [] } }] });
    this.at(1).stepEvent(step.id, 'completed', { usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } });
    return step.id;
  }
}

/** run.created … message … run.completed */
export function plainReplyRun(): RunLog {
  const log = new RunLog('run_plain');
  log.start().at(2);
  log.messageStep('Echo: hello there');
  log.at(1).status('completed', { expires_at: null, usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } });
  return log;
}

/**
 * Three rounds: a manual call answered after 90 s in the UI, then two parallel calls answered by
 * automatic mocks, then the final message.
 */
export function multiRoundRun(): RunLog {
  const log = new RunLog('run_multi');
  log.start().at(2);
  const r1 = log.toolStep([{ name: 'get_weather', args: '{"city":"Paris"}' }]);
  log.requiresAction(r1.stepId).at(90_000);
  log.submit(r1.stepId, [{ tool_call_id: r1.callIds[0], output: '{"temp":21}' }], 'ui').at(2);
  const r2 = log.toolStep([
    { name: 'get_weather', args: '{"city":"Berlin"}' },
    { name: 'get_time', args: '{"tz":"CET"}' },
  ]);
  log.requiresAction(r2.stepId);
  log.execute(r2.stepId, r2.callIds[0], 'get_weather', 'mock', '{"temp":17}', 20);
  log.execute(r2.stepId, r2.callIds[1], 'get_time', 'live', '12:00', 40);
  log.submit(r2.stepId, [{ tool_call_id: r2.callIds[0], output: '{"temp":17}' }, { tool_call_id: r2.callIds[1], output: '12:00' }], 'auto').at(2);
  log.messageStep('get_weather: {"temp":17} get_time: 12:00');
  log.at(1).status('completed', { expires_at: null });
  return log;
}

/** A run cancelled while it waits for an output. */
export function cancelledRun(): RunLog {
  const log = new RunLog('run_cancel');
  log.start().at(2);
  const r = log.toolStep([{ name: 'lookup', args: '{"q":"x"}' }]);
  log.requiresAction(r.stepId).at(5_000);
  log.status('cancelling').at(3);
  log.stepEvent(r.stepId, 'cancelled').at(1);
  log.status('cancelled', { expires_at: null });
  return log;
}

/** A run whose outputs never came: expired 10 minutes after creation. */
export function expiredRun(): RunLog {
  const log = new RunLog('run_expired');
  log.start().at(2);
  const r = log.toolStep([{ name: 'lookup', args: '{"q":"x"}' }]);
  log.requiresAction(r.stepId).at(599_000);
  log.stepEvent(r.stepId, 'expired').at(1);
  log.status('expired', { expires_at: null });
  return log;
}

/** A model failure while streaming the reply. */
export function failedRun(): RunLog {
  const log = new RunLog('run_failed');
  log.start().at(2);
  log.messageStep('partial answ', 'failed');
  log.at(1).status('failed', { expires_at: null, last_error: { code: 'server_error', message: 'mock failure' } });
  return log;
}

/** Arguments that are not valid JSON: the run waits, the developer answers by hand. */
export function invalidArgsRun(): RunLog {
  const log = new RunLog('run_invalid');
  log.start().at(2);
  const r = log.toolStep([{ name: 'lookup', args: '{"q": oops' }]);
  log.at(1).emit('tool.arguments.invalid', { step_id: r.stepId, call_id: r.callIds[0], function: 'lookup', arguments: '{"q": oops', errors: ['arguments are not valid JSON'] });
  log.requiresAction(r.stepId).at(4_000);
  log.submit(r.stepId, [{ tool_call_id: r.callIds[0], output: 'error: bad input' }], 'api').at(2);
  log.messageStep('lookup: error: bad input');
  log.at(1).status('completed', { expires_at: null });
  return log;
}
