/**
 * The local Assistants runtime: the objects of assistants-api.md §1 in SQLite, the rules of
 * §3 with their exact wording, and runs driven by the RunEngine. Synchronous by design
 * (better-sqlite3): every call has fully taken effect when it returns.
 */
import type { BuiltinTools } from '../builtin/builtin-tools';
import type { Assistant, DeletedObject, ListPage, Message, Run, RunStep, Thread } from '../../contract/objects';
import type { EntityChange, RunCreator, RunEventPayloads, RunEventRecord, RunEventType } from '../../contract/events';
import type { EventLog } from '../events/event-log';
import type { ModelBackend } from '../models/model';
import type { HandlerStore } from '../tools/handlers';
import type { LiveTools } from '../tools/live/live-tools';
import { conflict, notFound } from './api-error';
import { newId } from './ids';
import { makeAssistant, makeRun, makeThread, makeUserMessage } from './object-factory';
import { RunEngine } from './run-engine';
import { failDroppedRuns, recoverActiveRuns, type Recovered } from './recovery';
import { isTerminal } from './state-machine';
import type { Store } from './store';
import type {
  AssistantCreateParams,
  AssistantUpdateParams,
  EventFilter,
  ListQuery,
  MessageCreateParams,
  RunCreateParams,
  RuntimeApi,
  StreamStart,
  SubmitToolOutputsParams,
  ThreadAndRunParams,
  ThreadCreateParams,
} from './runtime-types';

export interface RuntimeOptions {
  store: Store;
  log: EventLog;
  handlers: HandlerStore;
  models: ModelBackend[];
  now: () => number;
  /** Live function handlers (webhook, connery, mcp, command). */
  live?: LiveTools;
  /** Seconds from creation until an active run expires (600, as the real API). */
  runExpirySeconds: number;
  /** Files, vector stores, file_search and code_interpreter (optional: tests may leave them out). */
  builtins?: BuiltinTools;
}

export class AssistantsRuntime implements RuntimeApi {
  readonly engine: RunEngine;
  private readonly store: Store;
  private readonly log: EventLog;
  private readonly entityListeners = new Set<(change: EntityChange) => void>();
  private readonly dropListeners: Array<(failed: Recovered[], error: Error) => void> = [];

  constructor(private readonly options: RuntimeOptions) {
    this.store = options.store;
    this.log = options.log;
    this.engine = new RunEngine({ store: options.store, log: options.log, models: options.models, handlers: options.handlers, now: options.now, builtins: options.builtins, live: options.live });
    // A batch given up after its retries: the runs it touched fail with a server_error.
    this.log.onDrop(({ runIds, error }) => {
      const failed = failDroppedRuns(this.store, this.engine, runIds, error);
      for (const l of this.dropListeners) l(failed, error);
    });
  }

  private sec(): number {
    return Math.floor(this.options.now() / 1000);
  }

  /** Appends a RunLens event to a run's log from outside the engine (e.g. an Inbox approval's execution). */
  recordEvent<K extends RunEventType>(run: Pick<Run, 'id' | 'thread_id'>, type: K, data: RunEventPayloads[K]): void {
    this.log.append(run.id, run.thread_id, type, data);
  }

  /** Tells every face that a stored object changed (also used for handlers and settings). */
  emit(change: EntityChange): void {
    for (const l of this.entityListeners) {
      try {
        l(change);
      } catch (error) {
        console.error('entity listener failed', error);
      }
    }
  }

  /** Told which runs were failed because their batch could not be saved (for the log). */
  onRunsDropped(listener: (failed: Recovered[], error: Error) => void): void {
    this.dropListeners.push(listener);
  }

  onEntityChange(listener: (change: EntityChange) => void): () => void {
    this.entityListeners.add(listener);
    return () => this.entityListeners.delete(listener);
  }

  // Assistants ----------------------------------------------------------------
  createAssistant(params: AssistantCreateParams): Assistant {
    const a = makeAssistant(params, this.sec());
    this.store.insertAssistant(a);
    this.emit({ kind: 'assistant', op: 'created', id: a.id });
    return a;
  }

  getAssistant(id: string): Assistant {
    const a = this.store.getAssistant(id);
    if (!a) throw notFound('assistant', id);
    return a;
  }

  listAssistants(query: ListQuery): ListPage<Assistant> {
    return this.store.page<Assistant>('assistants', { sql: '1=1', args: [] }, query);
  }

  updateAssistant(id: string, params: AssistantUpdateParams): Assistant {
    const current = this.getAssistant(id);
    const next: Assistant = { ...current };
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
    }
    this.store.updateAssistant(next, this.sec());
    this.emit({ kind: 'assistant', op: 'updated', id });
    return next;
  }

  deleteAssistant(id: string): DeletedObject<'assistant.deleted'> {
    this.getAssistant(id);
    this.store.deleteAssistant(id);
    this.emit({ kind: 'assistant', op: 'deleted', id });
    return { id, object: 'assistant.deleted', deleted: true };
  }

  // Threads -------------------------------------------------------------------
  createThread(params: ThreadCreateParams): Thread {
    const now = this.sec();
    const thread = makeThread(params, now);
    // Deferred writes: committed together with the next events, in one transaction.
    this.store.insertThread(thread, this.options.now());
    for (const m of params.messages ?? []) this.store.insertMessage(makeUserMessage(thread.id, m, now));
    this.emit({ kind: 'thread', op: 'created', id: thread.id });
    return thread;
  }

  getThread(id: string): Thread {
    const t = this.store.getThread(id);
    if (!t) throw notFound('thread', id);
    return t;
  }

  updateThread(id: string, params: { metadata?: Thread['metadata']; tool_resources?: Thread['tool_resources'] }): Thread {
    const t = { ...this.getThread(id) };
    if (params.metadata !== undefined) t.metadata = params.metadata ?? {};
    if (params.tool_resources !== undefined) t.tool_resources = params.tool_resources ?? {};
    this.store.updateThread(t, this.options.now());
    this.emit({ kind: 'thread', op: 'updated', id });
    return t;
  }

  deleteThread(id: string): DeletedObject<'thread.deleted'> {
    this.getThread(id);
    const active = this.engine.activeRunOfThread(id);
    if (active) this.engine.cancel(active);
    this.log.flush();
    for (const runId of this.store.deleteThread(id)) this.log.forget(runId);
    this.emit({ kind: 'thread', op: 'deleted', id });
    return { id, object: 'thread.deleted', deleted: true };
  }

  // Messages ------------------------------------------------------------------
  private assertUnlocked(threadId: string, kind: 'message' | 'run'): void {
    const active = this.engine.activeRunOfThread(threadId);
    if (!active) return;
    if (kind === 'message') throw conflict(`Can't add messages to ${threadId} while a run ${active} is active.`);
    throw conflict(`Thread ${threadId} already has an active run ${active}.`);
  }

  createMessage(threadId: string, params: MessageCreateParams): Message {
    this.getThread(threadId);
    this.assertUnlocked(threadId, 'message');
    const m = makeUserMessage(threadId, params, this.sec());
    this.store.insertMessage(m);
    this.store.touchThread(threadId, this.options.now());
    this.emit({ kind: 'message', op: 'created', id: m.id, thread_id: threadId });
    return m;
  }

  getMessage(threadId: string, messageId: string): Message {
    this.getThread(threadId);
    const m = this.store.getMessage(messageId);
    if (!m || m.thread_id !== threadId) throw notFound('message', messageId);
    return m;
  }

  listMessages(threadId: string, query: ListQuery & { run_id?: string }): ListPage<Message> {
    this.getThread(threadId);
    const filter = query.run_id ? { sql: 'thread_id = ? AND run_id = ?', args: [threadId, query.run_id] } : { sql: 'thread_id = ?', args: [threadId] };
    return this.store.page<Message>('messages', filter, query);
  }

  updateMessage(threadId: string, messageId: string, params: { metadata?: Message['metadata'] }): Message {
    const m = { ...this.getMessage(threadId, messageId) };
    if (params.metadata !== undefined) m.metadata = params.metadata ?? {};
    this.store.updateMessage(m);
    this.emit({ kind: 'message', op: 'updated', id: messageId, thread_id: threadId });
    return m;
  }

  deleteMessage(threadId: string, messageId: string): DeletedObject<'thread.message.deleted'> {
    this.getMessage(threadId, messageId);
    this.store.deleteMessage(messageId);
    this.emit({ kind: 'message', op: 'deleted', id: messageId, thread_id: threadId });
    return { id: messageId, object: 'thread.message.deleted', deleted: true };
  }

  // Runs ----------------------------------------------------------------------
  private startRun(thread: Thread, params: RunCreateParams, createdBy: RunCreator | undefined, before?: (runId: string) => void): StreamStart {
    const assistant = this.getAssistant(params.assistant_id);
    const now = this.sec();
    const runId = newId('run');
    this.log.beginRun(runId);
    const run = makeRun(runId, thread.id, assistant, params, now, this.options.runExpirySeconds);
    for (const m of params.additional_messages ?? []) this.store.insertMessage(makeUserMessage(thread.id, m, now));
    this.store.insertRun(run, this.store.assistantVersion(assistant.id));
    this.store.touchThread(thread.id, this.options.now());
    before?.(runId);
    this.log.append(runId, thread.id, 'thread.run.created', createdBy ? { ...run, created_by: createdBy } : run);
    this.log.append(runId, thread.id, 'thread.run.queued', run);
    this.engine.admit(run);
    return { run, afterSeq: 0 };
  }

  createRun(threadId: string, params: RunCreateParams, createdBy?: RunCreator): StreamStart {
    const thread = this.getThread(threadId);
    this.getAssistant(params.assistant_id);
    this.assertUnlocked(threadId, 'run');
    return this.startRun(thread, params, createdBy);
  }

  createThreadAndRun(params: ThreadAndRunParams, createdBy?: RunCreator): StreamStart & { thread: Thread } {
    this.getAssistant(params.assistant_id);
    const { thread: threadParams, ...runParams } = params;
    const thread = this.createThread(threadParams ?? {});
    const start = this.startRun(thread, runParams, createdBy, (runId) => this.log.append(runId, thread.id, 'thread.created', thread));
    return { ...start, thread };
  }

  /** The freshest state of a run: the engine's live snapshot, else the stored row. Expires overdue runs. */
  private loadRun(runId: string): Run | null {
    const live = this.engine.snapshot(runId);
    if (live && live.expires_at !== null && this.options.now() >= live.expires_at * 1000) this.engine.expire(runId);
    return this.engine.snapshot(runId) ?? this.store.getRun(runId);
  }

  getRun(threadId: string, runId: string): Run {
    this.getThread(threadId);
    const run = this.loadRun(runId);
    if (!run || run.thread_id !== threadId) throw notFound('run', runId);
    return run;
  }

  /** A run by id alone (the app knows runs without their thread). */
  getRunById(runId: string): Run {
    const run = this.loadRun(runId);
    if (!run) throw notFound('run', runId);
    return run;
  }

  listRuns(threadId: string, query: ListQuery): ListPage<Run> {
    this.getThread(threadId);
    const page = this.store.page<Run>('runs', { sql: 'thread_id = ?', args: [threadId] }, query);
    return { ...page, data: page.data.map((r) => this.engine.snapshot(r.id) ?? r) };
  }

  updateRun(threadId: string, runId: string, params: { metadata?: Run['metadata'] }): Run {
    const run = this.getRun(threadId, runId);
    const next = { ...run, metadata: params.metadata === undefined ? run.metadata : (params.metadata ?? {}) };
    this.store.updateRun(next);
    return next;
  }

  cancelRun(threadId: string, runId: string): Run {
    const run = this.getRun(threadId, runId);
    if (isTerminal(run.status) || !this.engine.isTracked(runId)) throw conflict(`Cannot cancel run with status '${run.status}'.`);
    return this.engine.cancel(runId);
  }

  submitToolOutputs(threadId: string, runId: string, params: SubmitToolOutputsParams): StreamStart {
    const run = this.getRun(threadId, runId);
    if (run.status !== 'requires_action' || !run.required_action) throw conflict(`Runs in status "${run.status}" do not accept tool outputs.`);
    const expected = run.required_action.submit_tool_outputs.tool_calls.map((c) => c.id);
    const got = params.tool_outputs.map((o) => o.tool_call_id);
    const gotSet = new Set(got);
    if (expected.some((id) => !gotSet.has(id)) || got.some((id) => !expected.includes(id)) || gotSet.size !== got.length) {
      const list = (ids: string[]) => `[${ids.map((id) => `'${id}'`).join(', ')}]`;
      throw conflict(`Expected tool outputs for call_ids ${list(expected)}, got ${list(got)}`);
    }
    const afterSeq = this.engine.submit(runId, params.tool_outputs, params.source ?? 'api');
    return { run: this.getRunById(runId), afterSeq };
  }

  // Steps ---------------------------------------------------------------------
  getStep(threadId: string, runId: string, stepId: string): RunStep {
    this.getRun(threadId, runId);
    const step = this.store.getStep(stepId);
    if (!step || step.run_id !== runId) throw notFound('step', stepId);
    return step;
  }

  listSteps(threadId: string, runId: string, query: ListQuery & { include?: string[] }): ListPage<RunStep> {
    this.getRun(threadId, runId);
    return this.store.page<RunStep>('run_steps', { sql: 'run_id = ?', args: [runId] }, query);
  }

  // Events --------------------------------------------------------------------
  readRunEvents(runId: string, afterSeq = 0, limit?: number): RunEventRecord[] {
    return this.log.readRun(runId, afterSeq, limit);
  }

  /** The seq of the run's newest committed event (0 for none). */
  lastEventSeq(runId: string): number {
    this.log.flush();
    return this.log.lastSeq(runId);
  }

  subscribe(filter: EventFilter, listener: (event: RunEventRecord) => void, from?: { afterSeq?: number; afterId?: number }): () => void {
    return this.log.subscribe(filter, listener, from);
  }

  // Startup recovery ----------------------------------------------------------
  /**
   * Takes over runs an earlier process left active (see RunEngine.restore): requires_action
   * runs keep waiting, queued and in_progress ones resume where the backend can re-issue the
   * round, the rest end through the transition table. Returns what became of each.
   */
  recover(): Recovered[] {
    const recovered = recoverActiveRuns(this.store, this.engine);
    this.log.flush();
    return recovered;
  }

  close(): void {
    this.engine.shutdown();
    this.log.close();
  }
}
