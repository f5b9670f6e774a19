/**
 * Drives runs: each active run owns an AbortController and is moved through the state
 * machine by legs (queued → in_progress → a model round → requires_action or an end).
 * Every change is written to SQLite and appended to the event log in the order of
 * assistants-api.md §4, so the `/v1` streams, the UI and replay all read the same story.
 */
import type { FunctionToolCall, ToolCall, Message, MessageIncompleteReason, Run, RunErrorCode, RunStatus, RunStep, Usage } from '../../contract/objects';
import type { MessageEventType, RunEventPayloads, RunEventType, RunStatusEventType, RunStepEventType, RunResumedData, ToolCallDelta, ToolOutputsSubmittedData } from '../../contract/events';
import type { EventLog } from '../events/event-log';
import { countTokens, ModelError, requestText, type ModelBackend, type ModelChunk, type ModelRequest } from '../models/model';
import { executeMock, type HandlerStore } from '../tools/handlers';
import type { LiveTools } from '../tools/live/live-tools';
import { validateArguments } from '../tools/argument-validator';
import { makeAssistantMessage, makeStep } from './object-factory';
import { assertTransition } from './state-machine';
import { logger } from '../log/logger';

const log = logger.child({ area: 'engine' });
import { buildModelRequest } from './model-request';
import type { Store } from './store';
import type { BuiltinTools } from '../builtin/builtin-tools';
import { executeBuiltinCalls, firstBuiltinDelta } from '../builtin/engine-hook';

/** Model rounds a run may spend on built-in tools before it fails (a model that never stops searching). */
const MAX_BUILTIN_ROUNDS = 16;

/** Why a run's controller was aborted. */
export class RunAbort extends Error {
  constructor(readonly kind: 'cancel' | 'expire' | 'shutdown') {
    super(`run aborted: ${kind}`);
    this.name = 'RunAbort';
  }
}

interface ActiveRun {
  run: Run;
  controller: AbortController;
  /** True while a leg is executing (between queued pickup and its end). */
  running: boolean;
  step: RunStep | null;
  message: Message | null;
  round: number;
  roundUsage: Usage | null;
  total: Usage;
  expiryTimer: NodeJS.Timeout | null;
  /** Outputs live handlers produced before requires_action, merged into the next submit. */
  prepared: Map<string, string> | null;
  /** Set when the run was taken out of the engine (its batch was dropped): it records nothing more. */
  detached?: boolean;
}

/** What an earlier process (or a dropped batch) left of an active run, read back from SQLite. */
export interface RestoredRun {
  run: Run;
  /** The step left in_progress, if any. */
  step: RunStep | null;
  /** The assistant message left in_progress, if any. */
  message: Message | null;
  /** Model rounds already issued. */
  round: number;
  /** Usage of the round awaiting tool outputs (requires_action). */
  roundUsage: Usage | null;
  /** Usage of the completed steps. */
  total: Usage;
  /** Outputs of a waiting round's calls answered before requires_action (live, blocked, invalid), rebuilt from the log. */
  held?: Map<string, string> | null;
}

/** How a restored run was resolved. */
export type RestoreOutcome = 'waiting' | 'resumed' | 'expired' | 'cancelled' | 'failed';

export interface EngineDeps {
  store: Store;
  log: EventLog;
  models: ModelBackend[];
  handlers: HandlerStore;
  now: () => number;
  /** file_search and code_interpreter, executed by RunLens itself (issue 13). */
  builtins?: BuiltinTools;
  /** Live handlers (webhook, connery, mcp, command); without it every non-mock call waits for a person. */
  live?: LiveTools;
}

const ZERO: Usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };

function addUsage(a: Usage, b: Usage): Usage {
  return {
    prompt_tokens: a.prompt_tokens + b.prompt_tokens,
    completion_tokens: a.completion_tokens + b.completion_tokens,
    total_tokens: a.total_tokens + b.total_tokens,
  };
}

export class RunEngine {
  private readonly active = new Map<string, ActiveRun>();
  private closed = false;

  constructor(private readonly deps: EngineDeps) {}

  private sec(): number {
    return Math.floor(this.deps.now() / 1000);
  }

  /** The active run id of a thread, if any. */
  activeRunOfThread(threadId: string): string | null {
    for (const a of this.active.values()) if (a.run.thread_id === threadId) return a.run.id;
    return null;
  }

  isTracked(runId: string): boolean {
    return this.active.has(runId);
  }

  /** Starts tracking a freshly created (queued) run and schedules its first leg. */
  admit(run: Run): void {
    const a: ActiveRun = {
      run,
      controller: new AbortController(),
      running: false,
      step: null,
      message: null,
      round: 0,
      roundUsage: null,
      total: ZERO,
      expiryTimer: null,
      prepared: null,
    };
    this.active.set(run.id, a);
    this.armExpiry(a);
    this.scheduleLeg(a);
  }

  // Recording ---------------------------------------------------------------
  private event<K extends RunEventType>(a: ActiveRun, type: K, data: RunEventPayloads[K]): void {
    if (a.detached) return;
    this.deps.log.append(a.run.id, a.run.thread_id, type, data);
  }

  private setRun(a: ActiveRun, status: RunStatus, patch: Partial<Run>, type: RunStatusEventType): void {
    if (a.detached) return;
    assertTransition(a.run.status, status);
    a.run = { ...a.run, ...patch, status };
    this.deps.store.updateRun(a.run);
    this.event(a, type, a.run);
  }

  private setStep(a: ActiveRun, step: RunStep, type: RunStepEventType | null): void {
    if (a.detached) return;
    a.step = step;
    this.deps.store.upsertStep(step);
    if (type) this.event(a, type, step);
  }

  private setMessage(a: ActiveRun, message: Message, type: MessageEventType | null, insert = false): void {
    if (a.detached) return;
    a.message = message;
    if (insert) this.deps.store.insertMessage(message);
    else this.deps.store.updateMessage(message);
    if (type) this.event(a, type, message);
  }

  // Legs --------------------------------------------------------------------
  private scheduleLeg(a: ActiveRun): void {
    setImmediate(() => {
      // in_progress only for a run resumed after a restart (its interrupted round is re-issued).
      if (this.closed || a.detached || (a.run.status !== 'queued' && a.run.status !== 'in_progress')) return;
      void this.leg(a);
    });
  }

  private async leg(a: ActiveRun): Promise<void> {
    const signal = a.controller.signal;
    a.running = true;
    try {
      if (a.run.status === 'queued') this.setRun(a, 'in_progress', { started_at: a.run.started_at ?? this.sec() }, 'thread.run.in_progress');
      await this.modelTurn(a, signal);
    } catch (error) {
      this.onLegError(a, error);
    } finally {
      a.running = false;
    }
  }

  /** One model round of an in-progress run (a leg, or the next round after live tool outputs). */
  private async modelTurn(a: ActiveRun, signal: AbortSignal): Promise<void> {
    const request = buildModelRequest(this.deps.store, a.run, this.deps.builtins?.definitions(a.run));
    const promptTokens = countTokens(requestText(request));
    if (a.run.max_prompt_tokens !== null && promptTokens > a.run.max_prompt_tokens) {
      this.finishIncomplete(a, 'max_prompt_tokens', { prompt_tokens: promptTokens, completion_tokens: 0, total_tokens: promptTokens });
      return;
    }
    const backend = this.deps.models.find((m) => m.handles(a.run.model, { run_id: a.run.id, round: a.round + 1 }));
    if (!backend) throw new ModelError('invalid_prompt', `The model '${a.run.model}' is not available. Use 'mock' or configure a provider.`);
    await this.round(a, backend, request, promptTokens, signal);
  }

  private async round(a: ActiveRun, backend: ModelBackend, request: ModelRequest, promptTokens: number, signal: AbortSignal): Promise<void> {
    const round = ++a.round;
    const http = backend.describe ? await backend.describe(request) : null;
    this.event(a, 'model.request', { round, backend: backend.name, request, ...(http ? { http } : {}) });
    const started = this.deps.now();
    let firstAt: number | null = null;
    let text = '';
    const calls: Array<{ id: string; name: string; arguments: string }> = [];
    let finish: Extract<ModelChunk, { type: 'finish' }> | null = null;
    let truncated = false;
    const annotations: Array<Record<string, unknown>> = [];
    try {
      for await (const chunk of backend.generate(request, signal, { run_id: a.run.id, round })) {
        signal.throwIfAborted();
        if (chunk.type === 'retry' || chunk.type === 'note') {
          this.event(a, chunk.type === 'retry' ? 'model.retry' : 'model.note', chunk.type === 'retry' ? { round, ...chunk } : { round, ...chunk.data });
          continue;
        }
        firstAt ??= this.deps.now();
        if (chunk.type === 'text') {
          if (!a.message) this.openMessage(a);
          const first = text.length === 0;
          text += chunk.delta;
          this.messageDelta(a, chunk.delta, first);
          if (a.run.max_completion_tokens !== null && countTokens(text) > a.run.max_completion_tokens) {
            truncated = true;
            break;
          }
        } else if (chunk.type === 'annotation') {
          if (!a.message) continue;
          annotations.push(chunk.annotation);
          this.annotationDelta(a, chunk.annotation, annotations.length - 1);
        } else if (chunk.type === 'tool_call') {
          if (a.message) this.closeMessage(a, text, null, annotations);
          if (!a.step || a.step.type !== 'tool_calls') this.openToolStep(a);
          this.toolCallDelta(a, calls, chunk);
        } else {
          finish = chunk;
        }
      }
    } catch (error) {
      const e = error instanceof ModelError ? { code: error.code, message: error.message } : null;
      this.event(a, 'model.response', {
        round, backend: backend.name, text, tool_calls: calls, finish_reason: 'error',
        usage: null, ...timing(started, firstAt, this.deps.now(), 0), error: e ?? { code: 'aborted', message: String((error as Error).message) },
      });
      throw error;
    }
    signal.throwIfAborted();
    const completion = finish?.usage?.completion_tokens ?? countTokens(text + calls.map((c) => c.name + c.arguments).join(''));
    const prompt = finish?.usage?.prompt_tokens ?? promptTokens;
    const usage: Usage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
    const reason = truncated || finish?.reason === 'length' ? 'length' : finish?.reason === 'content_filter' ? 'content_filter' : calls.length > 0 ? 'tool_calls' : 'stop';
    this.event(a, 'model.response', {
      round, backend: backend.name, text, tool_calls: calls, finish_reason: reason, usage, ...timing(started, firstAt, this.deps.now(), completion), error: null,
    });
    if (reason === 'length') return this.finishIncomplete(a, 'max_completion_tokens', usage, text);
    if (reason === 'content_filter') return this.finishIncomplete(a, 'content_filter', usage, text);
    if (calls.length > 0) {
      const hook = this.deps.builtins;
      const builtin = hook ? calls.filter((c) => hook.handles(a.run, c.name)) : [];
      if (hook && builtin.length > 0) return this.builtinRound(a, hook, backend, calls, builtin, usage, signal);
      return this.requireAction(a, calls, usage, signal);
    }
    if (!a.message) this.openMessage(a);
    this.closeMessage(a, text, usage, annotations);
    a.total = addUsage(a.total, usage);
    this.setRun(a, 'completed', { completed_at: this.sec(), expires_at: null, usage: a.total }, 'thread.run.completed');
    this.settle(a);
  }

  /**
   * Executes a round's built-in calls. Without function calls the step completes and the model
   * gets another round with the results; with them the run waits for their outputs as usual.
   */
  private async builtinRound(
    a: ActiveRun,
    hook: BuiltinTools,
    backend: ModelBackend,
    calls: Array<{ id: string; name: string; arguments: string }>,
    builtin: Array<{ id: string; name: string; arguments: string }>,
    usage: Usage,
    signal: AbortSignal,
  ): Promise<void> {
    const step = a.step as RunStep;
    const host = {
      run: a.run,
      stepId: step.id,
      signal,
      event: <K extends RunEventType>(type: K, data: RunEventPayloads[K]) => this.event(a, type, data),
      now: this.deps.now,
    };
    const done = await executeBuiltinCalls(hook, host, builtin.map((c) => ({ ...c, index: calls.indexOf(c) })));
    signal.throwIfAborted();
    const functions = calls.filter((c) => !done.has(c.id));
    if (functions.length > 0) return this.requireAction(a, functions, usage, signal, calls, done);
    a.total = addUsage(a.total, usage);
    const toolCalls = calls.map((c) => done.get(c.id) as ToolCall);
    this.setStep(a, { ...step, status: 'completed', completed_at: this.sec(), usage, step_details: { type: 'tool_calls', tool_calls: toolCalls } }, 'thread.run.step.completed');
    a.step = null;
    if (a.round >= MAX_BUILTIN_ROUNDS) throw new ModelError('server_error', `The model called built-in tools in ${MAX_BUILTIN_ROUNDS} rounds without answering; RunLens stopped the run.`);
    const request = buildModelRequest(this.deps.store, a.run, hook.definitions(a.run));
    await this.round(a, backend, request, countTokens(requestText(request)), signal);
  }

  private annotationDelta(a: ActiveRun, annotation: Record<string, unknown>, index: number): void {
    this.event(a, 'thread.message.delta', {
      id: a.message?.id ?? '',
      object: 'thread.message.delta',
      delta: { content: [{ index: 0, type: 'text', text: { annotations: [{ index, ...annotation }] } }] },
    });
  }

  private openMessage(a: ActiveRun): void {
    const now = this.sec();
    const message = makeAssistantMessage(a.run, now);
    const step = makeStep(a.run, { type: 'message_creation', message_creation: { message_id: message.id } }, now);
    this.setStep(a, step, 'thread.run.step.created');
    this.event(a, 'thread.run.step.in_progress', step);
    this.setMessage(a, message, 'thread.message.created', true);
    this.event(a, 'thread.message.in_progress', message);
  }

  private messageDelta(a: ActiveRun, delta: string, first: boolean): void {
    const text = first ? { value: delta, annotations: [] } : { value: delta };
    this.event(a, 'thread.message.delta', {
      id: a.message?.id ?? '',
      object: 'thread.message.delta',
      delta: { content: [{ index: 0, type: 'text', text }] },
    });
  }

  /** Completes the open message and its message_creation step. */
  private closeMessage(a: ActiveRun, text: string, usage: Usage | null, annotations: unknown[] = []): void {
    const now = this.sec();
    if (a.message) {
      this.setMessage(a, { ...a.message, status: 'completed', completed_at: now, content: [{ type: 'text', text: { value: text, annotations } }] }, 'thread.message.completed');
      a.message = null;
    }
    if (a.step) {
      this.setStep(a, { ...a.step, status: 'completed', completed_at: now, usage: usage ?? { ...ZERO } }, 'thread.run.step.completed');
      a.step = null;
    }
  }

  private openToolStep(a: ActiveRun): void {
    const step = makeStep(a.run, { type: 'tool_calls', tool_calls: [] }, this.sec());
    this.setStep(a, step, 'thread.run.step.created');
    this.event(a, 'thread.run.step.in_progress', step);
  }

  private toolCallDelta(a: ActiveRun, calls: Array<{ id: string; name: string; arguments: string }>, chunk: Extract<ModelChunk, { type: 'tool_call' }>): void {
    let entry: ToolCallDelta;
    const hook = this.deps.builtins;
    if (chunk.id !== undefined && !calls[chunk.index] && hook?.handles(a.run, chunk.name ?? '')) {
      calls[chunk.index] = { id: chunk.id, name: chunk.name ?? '', arguments: chunk.arguments };
      entry = firstBuiltinDelta(chunk.index, chunk.id, chunk.name ?? '');
    } else if (chunk.id === undefined && calls[chunk.index] && hook?.handles(a.run, calls[chunk.index].name)) {
      // A built-in call's arguments are shown once it ran (as its input), not as fragments.
      calls[chunk.index].arguments += chunk.arguments;
      return;
    } else if (chunk.id !== undefined && !calls[chunk.index]) {
      calls[chunk.index] = { id: chunk.id, name: chunk.name ?? '', arguments: chunk.arguments };
      entry = { index: chunk.index, id: chunk.id, type: 'function', function: { name: chunk.name ?? '', arguments: chunk.arguments, output: null } };
    } else {
      calls[chunk.index].arguments += chunk.arguments;
      entry = { index: chunk.index, type: 'function', function: { arguments: chunk.arguments } };
    }
    this.event(a, 'thread.run.step.delta', {
      id: a.step?.id ?? '',
      object: 'thread.run.step.delta',
      delta: { step_details: { type: 'tool_calls', tool_calls: [entry] } },
    });
  }

  private async requireAction(
    a: ActiveRun,
    fnCalls: Array<{ id: string; name: string; arguments: string }>,
    usage: Usage,
    signal: AbortSignal,
    all: Array<{ id: string; name: string; arguments: string }> = fnCalls,
    builtinDone: Map<string, ToolCall> = new Map(),
  ): Promise<void> {
    const step = a.step as RunStep;
    const toolCalls: ToolCall[] = all.map(
      (c) => builtinDone.get(c.id) ?? ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments, output: null } } satisfies FunctionToolCall),
    );
    this.setStep(a, { ...step, step_details: { type: 'tool_calls', tool_calls: toolCalls } }, null);
    a.roundUsage = usage;
    // Live handlers answer while the run is in progress; only calls for a person reach requires_action.
    const prepared = this.deps.live ? await this.deps.live.prepare({ run: a.run, stepId: step.id, calls: fnCalls, signal, record: (t, d) => !this.closed && this.event(a, t, d) }) : null;
    signal.throwIfAborted();
    if (prepared?.failRun) return this.fail(a, 'server_error', prepared.failRun);
    const calls = prepared ? fnCalls.filter((c) => !prepared.outputs.has(c.id)) : fnCalls;
    a.prepared = prepared && prepared.outputs.size > 0 ? prepared.outputs : null;
    if (calls.length === 0) {
      this.completeToolStep(a, [], 'auto');
      return this.modelTurn(a, signal);
    }
    const invalid = new Set<string>();
    for (const c of calls) {
      const fn = functionOf(a.run, c.name);
      const errors = validateArguments(fn, c.arguments);
      if (errors) {
        invalid.add(c.id);
        this.event(a, 'tool.arguments.invalid', { step_id: step.id, call_id: c.id, function: c.name, arguments: c.arguments, errors });
      }
    }
    this.setRun(
      a,
      'requires_action',
      {
        required_action: {
          type: 'submit_tool_outputs',
          submit_tool_outputs: { tool_calls: calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) },
        },
      },
      'thread.run.requires_action',
    );
    void this.autoAnswer(a, step.id, calls, invalid);
  }

  /** Automatic mock handlers answer as soon as the run reaches requires_action. */
  private async autoAnswer(a: ActiveRun, stepId: string, calls: Array<{ id: string; name: string; arguments: string }>, invalid: Set<string>): Promise<void> {
    const auto = calls
      .map((call) => ({ call, handler: this.deps.handlers.get(a.run.assistant_id, call.name) }))
      .filter(({ call, handler }) => !invalid.has(call.id) && handler.auto && handler.mode === 'mock');
    if (auto.length === 0) return;
    const outputs: Array<{ tool_call_id: string; output: string }> = [];
    await Promise.all(
      auto.map(async ({ call: c, handler }) => {
        const started = this.deps.now();
        this.event(a, 'tool.execution.started', { step_id: stepId, call_id: c.id, function: c.name, mode: 'mock', arguments: c.arguments });
        try {
          const result = await executeMock(handler.mock, c.name, c.arguments, () => this.deps.handlers.nextSequenceIndex(a.run.assistant_id, c.name), a.controller.signal);
          this.event(a, 'tool.execution.finished', { step_id: stepId, call_id: c.id, function: c.name, mode: 'mock', ...result, duration_ms: this.deps.now() - started });
          if (result.output !== null) outputs.push({ tool_call_id: c.id, output: result.output });
        } catch (error) {
          if (a.controller.signal.aborted) return;
          log.warn({ run_id: a.run.id, function: c.name, err: error }, 'tool handler error');
          this.event(a, 'tool.execution.finished', { step_id: stepId, call_id: c.id, function: c.name, mode: 'mock', output: null, error: String((error as Error).message), duration_ms: this.deps.now() - started });
        }
      }),
    );
    if (outputs.length !== calls.length || a.run.status !== 'requires_action' || this.closed) return;
    const ordered = calls.map((c) => outputs.find((o) => o.tool_call_id === c.id) as { tool_call_id: string; output: string });
    this.submit(a.run.id, ordered, 'auto');
  }

  /** Accepts outputs for a run in requires_action (checked by the caller). Returns the seq before the first event. */
  submit(runId: string, outputs: Array<{ tool_call_id: string; output: string }>, source: ToolOutputsSubmittedData['source']): number {
    const a = this.active.get(runId);
    if (!a || !a.step) throw new Error(`run ${runId} is not waiting for outputs`);
    const afterSeq = this.deps.log.lastSeq(runId);
    this.completeToolStep(a, outputs, source);
    this.setRun(a, 'queued', { required_action: null }, 'thread.run.queued');
    this.scheduleLeg(a);
    return afterSeq;
  }

  /** Fills the tool step with every output (live ones prepared earlier included) and completes it. */
  private completeToolStep(a: ActiveRun, submitted: Array<{ tool_call_id: string; output: string }>, source: ToolOutputsSubmittedData['source']): void {
    const step = a.step as RunStep;
    const outputs = [...[...(a.prepared ?? [])].map(([tool_call_id, output]) => ({ tool_call_id, output })), ...submitted];
    a.prepared = null;
    this.event(a, 'tool.outputs.submitted', { step_id: step.id, tool_outputs: outputs, source } satisfies ToolOutputsSubmittedData);
    const byId = new Map(outputs.map((o) => [o.tool_call_id, o.output]));
    const details = step.step_details.type === 'tool_calls' ? step.step_details.tool_calls : [];
    const filled = details.map((c) => (c.type === 'function' ? { ...c, function: { ...c.function, output: byId.get(c.id) ?? null } } : c));
    const usage = a.roundUsage ?? { ...ZERO };
    a.total = addUsage(a.total, usage);
    this.setStep(a, { ...step, status: 'completed', completed_at: this.sec(), usage, step_details: { type: 'tool_calls', tool_calls: filled } }, 'thread.run.step.completed');
    a.step = null;
    a.roundUsage = null;
  }

  /** The open step of an active run (the tool step while it waits for outputs). */
  currentStepId(runId: string): string | null {
    return this.active.get(runId)?.step?.id ?? null;
  }

  /** The abort signal of an active run (Inbox approvals execute under it), or null. */
  signalOf(runId: string): AbortSignal | null {
    return this.active.get(runId)?.controller.signal ?? null;
  }

  // Endings -----------------------------------------------------------------
  private finishIncomplete(a: ActiveRun, reason: 'max_completion_tokens' | 'max_prompt_tokens' | 'content_filter', usage: Usage, text?: string): void {
    const now = this.sec();
    if (a.message) {
      this.setMessage(
        a,
        { ...a.message, status: 'incomplete', incomplete_at: now, incomplete_details: { reason: reason === 'content_filter' ? 'content_filter' : 'max_tokens' }, content: [{ type: 'text', text: { value: text ?? '', annotations: [] } }] },
        'thread.message.incomplete',
      );
      a.message = null;
    }
    if (a.step) {
      this.setStep(a, { ...a.step, status: 'completed', completed_at: now, usage }, 'thread.run.step.completed');
      a.step = null;
    }
    a.total = addUsage(a.total, usage);
    this.setRun(a, 'incomplete', { incomplete_details: { reason }, expires_at: null, usage: a.total }, 'thread.run.incomplete');
    this.settle(a);
  }

  private onLegError(a: ActiveRun, error: unknown): void {
    const reason = a.controller.signal.aborted ? (a.controller.signal.reason as unknown) : null;
    if (reason instanceof RunAbort) {
      if (reason.kind === 'cancel') this.finishCancelled(a);
      else if (reason.kind === 'expire') this.finishExpired(a);
      return;
    }
    if (error instanceof ModelError) {
      log.warn({ run_id: a.run.id, model: a.run.model, code: error.code, err: error }, 'model provider error');
      return this.fail(a, error.code, error.message);
    }
    log.error({ run_id: a.run.id, err: error }, 'run engine error');
    this.fail(a, 'server_error', 'The run failed because of an internal error in RunLens.');
  }

  /** Closes the open message (incomplete, with its reason) and the open step, as a run ends early. */
  private closeOpen(a: ActiveRun, now: number, reason: MessageIncompleteReason, step: Partial<RunStep>, stepEvent: RunStepEventType): void {
    if (a.message) {
      this.setMessage(a, { ...a.message, status: 'incomplete', incomplete_at: now, incomplete_details: { reason } }, 'thread.message.incomplete');
      a.message = null;
    }
    if (a.step) {
      this.setStep(a, { ...a.step, ...step }, stepEvent);
      a.step = null;
    }
  }

  /** Ends a run as failed, closing its open step and message. */
  fail(a: ActiveRun, code: RunErrorCode, message: string): void {
    const now = this.sec();
    const stepCode = code === 'rate_limit_exceeded' ? 'rate_limit_exceeded' : 'server_error';
    this.closeOpen(a, now, 'run_failed', { status: 'failed', failed_at: now, last_error: { code: stepCode, message } }, 'thread.run.step.failed');
    this.setRun(a, 'failed', { failed_at: now, last_error: { code, message }, expires_at: null, required_action: null, usage: a.total }, 'thread.run.failed');
    this.settle(a);
  }

  private finishCancelled(a: ActiveRun): void {
    if (a.run.status !== 'cancelling') return;
    const now = this.sec();
    this.closeOpen(a, now, 'run_cancelled', { status: 'cancelled', cancelled_at: now }, 'thread.run.step.cancelled');
    this.setRun(a, 'cancelled', { cancelled_at: now, expires_at: null, required_action: null, usage: a.total }, 'thread.run.cancelled');
    this.settle(a);
  }

  private finishExpired(a: ActiveRun): void {
    const now = this.sec();
    this.closeOpen(a, now, 'run_expired', { status: 'expired', expired_at: now }, 'thread.run.step.expired');
    this.setRun(a, 'expired', { expires_at: null, required_action: null, usage: a.total }, 'thread.run.expired');
    this.settle(a);
  }

  private settle(a: ActiveRun): void {
    if (a.expiryTimer) clearTimeout(a.expiryTimer);
    this.active.delete(a.run.id);
  }

  /** Moves an active run to cancelling; it becomes cancelled once its leg stops. */
  cancel(runId: string): Run {
    const a = this.active.get(runId);
    if (!a) throw new Error(`run ${runId} is not active`);
    if (a.run.status === 'cancelling') return a.run;
    this.setRun(a, 'cancelling', {}, 'thread.run.cancelling');
    if (a.running) a.controller.abort(new RunAbort('cancel'));
    else {
      a.controller.abort(new RunAbort('cancel'));
      setImmediate(() => this.finishCancelled(a));
    }
    return a.run;
  }

  private armExpiry(a: ActiveRun): void {
    if (a.run.expires_at === null) return;
    const delay = Math.max(0, a.run.expires_at * 1000 - this.deps.now());
    a.expiryTimer = setTimeout(() => this.expire(a.run.id), delay);
    a.expiryTimer.unref?.();
  }

  /** Expires a run whose expires_at has passed (from its timer, or a read that noticed). */
  expire(runId: string): void {
    const a = this.active.get(runId);
    if (!a || a.run.expires_at === null || this.deps.now() < a.run.expires_at * 1000) {
      if (a && a.run.expires_at !== null && !this.closed) this.armExpiry(a);
      return;
    }
    if (a.running) a.controller.abort(new RunAbort('expire'));
    else {
      a.controller.abort(new RunAbort('expire'));
      this.finishExpired(a);
    }
  }

  /** The live snapshot of an active run, fresher than the stored row during a leg. */
  snapshot(runId: string): Run | null {
    return this.active.get(runId)?.run ?? null;
  }

  /**
   * Takes over a run an earlier process left active (startup recovery), or one whose batch was
   * dropped (`failWith`). Every change goes through the transition table like any other:
   * past expiry → expired; cancelling → cancelled; requires_action keeps waiting (expiry timer
   * re-armed, automatic handlers asked again); queued and in_progress resume with a
   * `run.resumed` event — the interrupted step closed, a new round issued — when the backend
   * can re-issue a round, else fail saying why.
   */
  restore(r: RestoredRun, failWith?: string): RestoreOutcome {
    const { held, ...rest } = r;
    const a: ActiveRun = { ...rest, controller: new AbortController(), running: false, expiryTimer: null, prepared: held ?? null };
    this.active.set(a.run.id, a);
    if (failWith) {
      this.fail(a, 'server_error', failWith);
      return 'failed';
    }
    if (a.run.expires_at !== null && this.deps.now() >= a.run.expires_at * 1000) {
      this.finishExpired(a);
      return 'expired';
    }
    if (a.run.status === 'cancelling') {
      this.finishCancelled(a);
      return 'cancelled';
    }
    if (a.run.status === 'requires_action') {
      const required = a.run.required_action?.submit_tool_outputs.tool_calls ?? [];
      if (!a.step || required.length === 0) {
        this.fail(a, 'server_error', 'The run was interrupted while waiting for tool outputs, and its pending tool calls could not be read back.');
        return 'failed';
      }
      this.armExpiry(a);
      const calls = required.map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments }));
      const invalid = new Set(calls.filter((c) => validateArguments(functionOf(a.run, c.name), c.arguments) !== null).map((c) => c.id));
      void this.autoAnswer(a, a.step.id, calls, invalid);
      return 'waiting';
    }
    const backend = this.deps.models.find((m) => m.handles(a.run.model));
    if (a.run.status === 'in_progress' && !backend?.reissuable) {
      const why = backend
        ? `its model backend '${backend.name}' cannot re-issue an interrupted round faithfully`
        : `the model '${a.run.model}' is not available`;
      this.fail(a, 'server_error', `The run was interrupted when RunLens stopped and cannot be resumed: ${why}.`);
      return 'failed';
    }
    const now = this.sec();
    this.event(a, 'run.resumed', { from_status: a.run.status as RunResumedData['from_status'], round: a.round + 1, interrupted_step_id: a.step?.id ?? null });
    const stepError = { code: 'server_error' as const, message: 'Interrupted: RunLens stopped during this step; the round was issued again.' };
    this.closeOpen(a, now, 'run_failed', { status: 'failed', failed_at: now, last_error: stepError }, 'thread.run.step.failed');
    this.armExpiry(a);
    this.scheduleLeg(a);
    return 'resumed';
  }

  /** Takes a run out of the engine without recording anything (its uncommitted batch was dropped). */
  detach(runId: string): void {
    const a = this.active.get(runId);
    if (!a) return;
    a.detached = true;
    if (a.expiryTimer) clearTimeout(a.expiryTimer);
    a.controller.abort(new RunAbort('shutdown'));
    this.active.delete(runId);
  }

  /** Stops every leg without ending runs; startup recovery resolves them next time. */
  shutdown(): void {
    this.closed = true;
    for (const a of this.active.values()) {
      if (a.expiryTimer) clearTimeout(a.expiryTimer);
      a.controller.abort(new RunAbort('shutdown'));
    }
    this.active.clear();
  }
}

/** Round timing for `model.response`: total, time to first output, completion tokens per second after it. */
function timing(started: number, firstAt: number | null, end: number, completionTokens: number) {
  const ttft = firstAt === null ? null : firstAt - started;
  const streamMs = firstAt === null ? 0 : end - firstAt;
  return { duration_ms: end - started, ttft_ms: ttft, tokens_per_s: streamMs > 0 ? Math.round((completionTokens * 1000) / streamMs) : null };
}

function functionOf(run: Run, name: string) {
  for (const t of run.tools) if (t.type === 'function' && t.function.name === name) return t.function;
  return undefined;
}
