/**
 * The run lifecycle of the in-memory fake: queued → in_progress → (streamed reply |
 * streamed tool calls → requires_action → outputs → next round) → terminal, appending the
 * same events the runtime appends (coord/EVENTS.md). Cancel is honoured between events.
 */
import type { Assistant, FunctionToolCall, Message, Run, RunStep } from '../../../electron/contract/objects';
import type { RunEventRecord, RunEventType } from '../../../electron/contract/events';
import type { FunctionHandler, ToolOutput } from '../../../electron/contract/api';
import { fragments, planMockReply } from './fake-mock-model';
import { makeMessage, makeStep, nowSec } from './fake-objects';

export interface FakeRunRecord {
  run: Run;
  steps: RunStep[];
  events: RunEventRecord[];
  version: number | null;
  /** Set by cancel; the engine stops at its next await. */
  cancelRequested: boolean;
}

/** What the engine needs from the fake's store. */
export interface EngineHost {
  tickMs: number;
  nextEventId(): number;
  publish(event: RunEventRecord): void;
  threadMessages(threadId: string): Message[];
  addMessage(message: Message): void;
  assistant(id: string): Assistant | undefined;
  handler(assistantId: string, fn: string): FunctionHandler;
  mockOutput(handler: FunctionHandler, args: string): { output: string | null; error: string | null };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class FakeRunEngine {
  constructor(private readonly host: EngineHost) {}

  emit(rec: FakeRunRecord, type: RunEventType, data: unknown): void {
    const event = {
      id: this.host.nextEventId(),
      run_id: rec.run.id,
      thread_id: rec.run.thread_id,
      seq: rec.events.length + 1,
      ts: Date.now(),
      type,
      data: structuredClone(data),
    } as RunEventRecord;
    rec.events.push(event);
    this.host.publish(event);
  }

  private setStatus(rec: FakeRunRecord, status: Run['status'], patch: Partial<Run> = {}): void {
    const terminal = ['completed', 'failed', 'cancelled', 'expired', 'incomplete'].includes(status);
    rec.run = { ...rec.run, ...patch, status, ...(terminal ? { expires_at: null } : {}) };
    this.emit(rec, `thread.run.${status}` as RunEventType, rec.run);
  }

  private async tick(rec: FakeRunRecord, ms = this.host.tickMs): Promise<boolean> {
    await sleep(ms);
    return !rec.cancelRequested;
  }

  /** Starts a freshly created run (already holds its `run.created` + `run.queued`). */
  async start(rec: FakeRunRecord, toolOutputs: Array<{ name: string; output: string }> | null = null): Promise<void> {
    if (!(await this.tick(rec))) return this.finishCancel(rec);
    this.setStatus(rec, 'in_progress', { started_at: rec.run.started_at ?? nowSec() });
    const userText = [...this.host.threadMessages(rec.run.thread_id)].reverse().find((m) => m.role === 'user');
    const text = userText?.content.map((c) => (c.type === 'text' ? c.text.value : '')).join('') ?? '';
    const plan = planMockReply({ userText: text, tools: rec.run.tools, toolChoice: rec.run.tool_choice, parallel: rec.run.parallel_tool_calls, toolOutputs });
    if (plan.delayMs > 0 && !toolOutputs) {
      const until = Date.now() + plan.delayMs;
      while (Date.now() < until) if (!(await this.tick(rec, 20))) return this.finishCancel(rec);
    }
    if (plan.kind === 'fail') return this.setStatus(rec, 'failed', { failed_at: nowSec(), last_error: { code: plan.code, message: plan.message } });
    if (plan.kind === 'text') return this.reply(rec, plan.text);
    return this.callTools(rec, plan.calls);
  }

  private async reply(rec: FakeRunRecord, text: string): Promise<void> {
    const message = makeMessage(rec.run.thread_id, 'assistant', '', { assistant_id: rec.run.assistant_id, run_id: rec.run.id, status: 'in_progress', completed_at: null });
    const step = makeStep(rec.run, { type: 'message_creation', message_creation: { message_id: message.id } });
    rec.steps.push(step);
    this.emit(rec, 'thread.run.step.created', step);
    this.emit(rec, 'thread.run.step.in_progress', step);
    this.host.addMessage(message);
    this.emit(rec, 'thread.message.created', message);
    this.emit(rec, 'thread.message.in_progress', message);
    let value = '';
    for (const [i, frag] of fragments(text).entries()) {
      if (!(await this.tick(rec))) {
        Object.assign(message, { status: 'incomplete', incomplete_at: nowSec(), incomplete_details: { reason: 'run_cancelled' }, content: [{ type: 'text', text: { value, annotations: [] } }] });
        this.emit(rec, 'thread.message.incomplete', message);
        return this.finishCancel(rec);
      }
      value += frag;
      this.emit(rec, 'thread.message.delta', { id: message.id, object: 'thread.message.delta', delta: { content: [{ index: 0, type: 'text', text: i === 0 ? { value: frag, annotations: [] } : { value: frag } }] } });
    }
    Object.assign(message, { status: 'completed', completed_at: nowSec(), content: [{ type: 'text', text: { value, annotations: [] } }] });
    this.emit(rec, 'thread.message.completed', message);
    const tokens = Math.ceil(text.length / 4);
    Object.assign(step, { status: 'completed', completed_at: nowSec(), usage: { prompt_tokens: 10, completion_tokens: tokens, total_tokens: 10 + tokens } });
    this.emit(rec, 'thread.run.step.completed', step);
    this.setStatus(rec, 'completed', { completed_at: nowSec(), usage: { prompt_tokens: 10, completion_tokens: tokens, total_tokens: 10 + tokens } });
  }

  private async callTools(rec: FakeRunRecord, calls: Array<{ name: string; arguments: string }>): Promise<void> {
    const step = makeStep(rec.run, { type: 'tool_calls', tool_calls: [] });
    rec.steps.push(step);
    this.emit(rec, 'thread.run.step.created', step);
    this.emit(rec, 'thread.run.step.in_progress', step);
    const done: FunctionToolCall[] = [];
    for (const [index, call] of calls.entries()) {
      const id = `call_${step.id.slice(5)}${index}`;
      this.emit(rec, 'thread.run.step.delta', { id: step.id, object: 'thread.run.step.delta', delta: { step_details: { type: 'tool_calls', tool_calls: [{ index, id, type: 'function', function: { name: call.name, arguments: '', output: null } }] } } });
      for (const frag of call.arguments.match(/.{1,6}/gs) ?? []) {
        if (!(await this.tick(rec))) return this.finishCancel(rec);
        this.emit(rec, 'thread.run.step.delta', { id: step.id, object: 'thread.run.step.delta', delta: { step_details: { type: 'tool_calls', tool_calls: [{ index, type: 'function', function: { arguments: frag } }] } } });
      }
      done.push({ id, type: 'function', function: { name: call.name, arguments: call.arguments, output: null } });
    }
    step.step_details = { type: 'tool_calls', tool_calls: done };
    this.setStatus(rec, 'requires_action', {
      required_action: { type: 'submit_tool_outputs', submit_tool_outputs: { tool_calls: done.map((c) => ({ id: c.id, type: 'function', function: { name: c.function.name, arguments: c.function.arguments } })) } },
    });
    await this.autoAnswer(rec, step, done);
  }

  private async autoAnswer(rec: FakeRunRecord, step: RunStep, calls: FunctionToolCall[]): Promise<void> {
    const handlers = calls.map((c) => this.host.handler(rec.run.assistant_id, c.function.name));
    if (!handlers.every((h) => h.auto && h.mode === 'mock')) return;
    const outputs: ToolOutput[] = [];
    for (const [i, c] of calls.entries()) {
      this.emit(rec, 'tool.execution.started', { step_id: step.id, call_id: c.id, function: c.function.name, mode: 'mock', arguments: c.function.arguments });
      const res = this.host.mockOutput(handlers[i], c.function.arguments);
      const output = res.output ?? JSON.stringify({ error: res.error });
      this.emit(rec, 'tool.execution.finished', { step_id: step.id, call_id: c.id, function: c.function.name, mode: 'mock', output: res.output, error: res.error, duration_ms: 0 });
      outputs.push({ tool_call_id: c.id, output });
    }
    await this.submit(rec, outputs, 'auto');
  }

  /** Accepts outputs for every pending call and resumes the run. Throws the API's wording on misuse. */
  async submit(rec: FakeRunRecord, outputs: ToolOutput[], source: 'api' | 'ui' | 'auto'): Promise<void> {
    if (rec.run.status !== 'requires_action') throw new Error(`Runs in status "${rec.run.status}" do not accept tool outputs.`);
    const expected = rec.run.required_action?.submit_tool_outputs.tool_calls ?? [];
    const got = outputs.map((o) => o.tool_call_id);
    if (expected.some((c) => !got.includes(c.id))) {
      throw new Error(`Expected tool outputs for call_ids [${expected.map((c) => `'${c.id}'`).join(', ')}], got [${got.map((g) => `'${g}'`).join(', ')}]`);
    }
    const step = rec.steps[rec.steps.length - 1];
    this.emit(rec, 'tool.outputs.submitted', { step_id: step.id, tool_outputs: outputs, source });
    if (step.step_details.type === 'tool_calls') {
      step.step_details.tool_calls = step.step_details.tool_calls.map((c) =>
        c.type === 'function' ? { ...c, function: { ...c.function, output: outputs.find((o) => o.tool_call_id === c.id)?.output ?? null } } : c,
      );
    }
    Object.assign(step, { status: 'completed', completed_at: nowSec() });
    this.emit(rec, 'thread.run.step.completed', step);
    const named = expected.map((c) => ({ name: c.function.name, output: outputs.find((o) => o.tool_call_id === c.id)?.output ?? '' }));
    this.setStatus(rec, 'queued', { required_action: null });
    void this.start(rec, named);
  }

  /** Cancel: `cancelling` now; `cancelled` once the engine notices (or at once when it is waiting for outputs). */
  cancel(rec: FakeRunRecord): void {
    const wasWaiting = rec.run.status === 'requires_action';
    rec.cancelRequested = true;
    this.setStatus(rec, 'cancelling');
    if (wasWaiting) this.finishCancel(rec);
  }

  private finishCancel(rec: FakeRunRecord): void {
    if (rec.run.status === 'cancelled') return;
    if (rec.run.status !== 'cancelling') this.setStatus(rec, 'cancelling');
    for (const step of rec.steps.filter((s) => s.status === 'in_progress')) {
      Object.assign(step, { status: 'cancelled', cancelled_at: nowSec() });
      this.emit(rec, 'thread.run.step.cancelled', step);
    }
    this.setStatus(rec, 'cancelled', { cancelled_at: nowSec(), required_action: null });
  }
}
