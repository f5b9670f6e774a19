/**
 * The in-memory fake of the whole bridge (`RunLensBridge`): assistants with versions,
 * threads, messages, runs driven by a tiny mock model, handlers, pushes. It serves the
 * component tests and the `?fake` browser dev mode, so the UI can be built and checked
 * without the real services. Errors use the runtime's wording.
 */
import type {
  AssistantInput,
  AssistantVersion,
  FunctionHandler,
  HandlerInput,
  PendingCall,
  RunLensApi,
  RunLensBridge,
  RunLensEventName,
  RunLensEvents,
  ThreadSummary,
} from '../../../electron/contract/api';
import type { Assistant, Message, Thread } from '../../../electron/contract/objects';
import { ACTIVE_RUN_STATUSES } from '../../../electron/contract/objects';
import type { EntityChange, RunEventRecord } from '../../../electron/contract/events';
import { checkArguments } from '../stores/json-schema';
import { FakeRunEngine, type FakeRunRecord } from './fake-run-engine';
import { makeAssistant, makeMessage, makeRun, makeThread, nowSec } from './fake-objects';

export interface FakeOptions {
  /** Pause between streamed fragments; 0 in tests keeps them fast but still asynchronous. */
  tickMs?: number;
}

/** The fake bridge plus hooks tests use to inspect or drive it. */
export interface FakeBridge extends RunLensBridge {
  /** Emits a push as if the services sent it (e.g. a run driven through `/v1`). */
  push<K extends RunLensEventName>(name: K, payload: RunLensEvents[K]): void;
  /** How many listeners are attached, to check that views unsubscribe. */
  listenerCount(): number;
}

type Listener = (payload: never) => void;

/** Builds a fresh, empty fake. Each call is independent, so tests never share state. */
export function createFakeBridge(options: FakeOptions = {}): FakeBridge {
  const assistants = new Map<string, Assistant>();
  const versions = new Map<string, AssistantVersion[]>();
  const threads = new Map<string, Thread>();
  const messages = new Map<string, Message[]>();
  const runs = new Map<string, FakeRunRecord>();
  const handlers = new Map<string, FunctionHandler>();
  const listeners = new Map<RunLensEventName, Set<Listener>>();
  let eventId = 0;

  const emit = <K extends RunLensEventName>(name: K, payload: RunLensEvents[K]) => {
    for (const l of listeners.get(name) ?? []) (l as (p: RunLensEvents[K]) => void)(payload);
  };
  const changed = (kind: EntityChange['kind'], op: EntityChange['op'], id: string, thread_id?: string) => emit('entity.changed', { kind, op, id, thread_id });
  const need = <T>(map: Map<string, T>, id: string, kind: string): T => {
    const v = map.get(id);
    if (!v) throw new Error(`No ${kind} found with id '${id}'.`);
    return v;
  };
  const handlerKey = (a: string, f: string) => `${a}\u0000${f}`;
  const getHandler = (assistantId: string, fn: string): FunctionHandler =>
    handlers.get(handlerKey(assistantId, fn)) ?? { assistant_id: assistantId, function_name: fn, mode: 'manual', auto: false, mock: { kind: 'static', output: '{"ok":true}' }, updated_at: 0 };
  const mockOutput = (h: FunctionHandler, args: string) => {
    const m = h.mock;
    if (m.kind === 'error') return { output: null, error: m.error ?? 'mock error' };
    if (m.kind === 'sequence') return { output: m.sequence?.[0] ?? '', error: null };
    if (m.kind === 'template') {
      let parsed: Record<string, unknown> = {};
      try {
        parsed = JSON.parse(args) as Record<string, unknown>;
      } catch {
        /* leave placeholders empty */
      }
      return { output: (m.output ?? '').replace(/\{\{(\w+)\}\}/g, (_, k: string) => (k === 'arguments' ? args : String(parsed[k] ?? ''))), error: null };
    }
    return { output: m.output ?? '', error: null };
  };
  const activeRun = (threadId: string) => [...runs.values()].find((r) => r.run.thread_id === threadId && ACTIVE_RUN_STATUSES.includes(r.run.status));

  const engine = new FakeRunEngine({
    tickMs: options.tickMs ?? 0,
    nextEventId: () => ++eventId,
    publish: (e: RunEventRecord) => emit('run.event', e),
    threadMessages: (id) => messages.get(id) ?? [],
    addMessage: (m) => messages.get(m.thread_id)?.push(m),
    assistant: (id) => assistants.get(id),
    handler: getHandler,
    mockOutput,
  });

  const saveVersion = (a: Assistant) => {
    const list = versions.get(a.id) ?? [];
    list.push({ assistant_id: a.id, version: list.length + 1, created_at: nowSec(), snapshot: structuredClone(a) });
    versions.set(a.id, list);
  };
  const summary = (t: Thread): ThreadSummary => {
    const msgs = messages.get(t.id) ?? [];
    const firstUser = msgs.find((m) => m.role === 'user');
    const firstText = firstUser?.content[0]?.type === 'text' ? firstUser.content[0].text.value : '';
    const threadRuns = [...runs.values()].filter((r) => r.run.thread_id === t.id);
    const last = threadRuns[threadRuns.length - 1]?.run;
    const lastActivity = Math.max(t.created_at, ...msgs.map((m) => m.created_at), ...threadRuns.map((r) => r.run.created_at));
    return {
      thread: t,
      title: t.metadata?.title || (firstText ? firstText.slice(0, 60) : 'Untitled thread'),
      message_count: msgs.length,
      last_activity_at: lastActivity,
      last_run: last ? { id: last.id, status: last.status, assistant_id: last.assistant_id } : null,
    };
  };

  const api: RunLensApi = {
    app: { info: async () => ({ version: '0.1.0-fake', mode: 'browser', data_dir: '(in memory)', api_base_url: null }) },
    assistants: {
      list: async () => [...assistants.values()].reverse(),
      get: async (id) => need(assistants, id, 'assistant'),
      create: async (input: AssistantInput) => {
        if (!input.model) throw new Error('Missing required parameter: model.');
        const a = makeAssistant(input);
        assistants.set(a.id, a);
        saveVersion(a);
        changed('assistant', 'created', a.id);
        return a;
      },
      update: async (id, input) => {
        const prev = need(assistants, id, 'assistant');
        const next = { ...prev, ...input } as Assistant;
        assistants.set(id, next);
        saveVersion(next);
        changed('assistant', 'updated', id);
        return next;
      },
      duplicate: async (id) => {
        const src = need(assistants, id, 'assistant');
        return api.assistants.create({ ...structuredClone(src), name: `${src.name ?? 'Assistant'} (copy)` });
      },
      delete: async (id) => {
        need(assistants, id, 'assistant');
        assistants.delete(id);
        changed('assistant', 'deleted', id);
      },
      versions: async (id) => [...(versions.get(id) ?? [])].reverse(),
      restoreVersion: async (id, version) => {
        const v = (versions.get(id) ?? []).find((x) => x.version === version);
        if (!v) throw new Error(`No version ${version} of assistant '${id}'.`);
        return api.assistants.update(id, structuredClone(v.snapshot));
      },
    },
    threads: {
      list: async (query) => {
        const q = query?.search?.trim().toLowerCase();
        let list = [...threads.values()].map(summary);
        if (q) {
          list = list.filter((s) => s.title.toLowerCase().includes(q) || (messages.get(s.thread.id) ?? []).some((m) => m.content.some((c) => c.type === 'text' && c.text.value.toLowerCase().includes(q))));
        }
        list.sort((a, b) => b.last_activity_at - a.last_activity_at || b.thread.id.localeCompare(a.thread.id));
        return list.slice(0, query?.limit ?? 500);
      },
      get: async (id) => need(threads, id, 'thread'),
      create: async (input) => {
        const t = makeThread({ ...(input?.metadata ?? {}), ...(input?.title ? { title: input.title } : {}) });
        threads.set(t.id, t);
        messages.set(t.id, []);
        changed('thread', 'created', t.id);
        return t;
      },
      rename: async (id, title) => {
        const t = need(threads, id, 'thread');
        const next = { ...t, metadata: { ...(t.metadata ?? {}), title } };
        threads.set(id, next);
        changed('thread', 'updated', id);
        return next;
      },
      duplicate: async (id) => {
        const t = need(threads, id, 'thread');
        const copy = await api.threads.create({ metadata: { ...(t.metadata ?? {}), ...(t.metadata?.title ? { title: `${t.metadata.title} (copy)` } : {}) } });
        messages.set(copy.id, (messages.get(id) ?? []).map((m) => makeMessage(copy.id, m.role, m.content[0]?.type === 'text' ? m.content[0].text.value : '')));
        return copy;
      },
      delete: async (id) => {
        need(threads, id, 'thread');
        threads.delete(id);
        messages.delete(id);
        changed('thread', 'deleted', id);
      },
    },
    messages: {
      list: async (threadId) => {
        need(threads, threadId, 'thread');
        return structuredClone(messages.get(threadId) ?? []);
      },
      create: async (threadId, input) => {
        need(threads, threadId, 'thread');
        const active = activeRun(threadId);
        if (active) throw new Error(`Can't add messages to ${threadId} while a run ${active.run.id} is active.`);
        const m = makeMessage(threadId, input.role, input.content, { metadata: input.metadata ?? {} });
        messages.get(threadId)?.push(m);
        changed('message', 'created', m.id, threadId);
        return m;
      },
    },
    runs: {
      create: async (threadId, input) => {
        need(threads, threadId, 'thread');
        const assistant = need(assistants, input.assistant_id, 'assistant');
        const active = activeRun(threadId);
        if (active) throw new Error(`Thread ${threadId} already has an active run ${active.run.id}.`);
        for (const m of input.additional_messages ?? []) messages.get(threadId)?.push(makeMessage(threadId, m.role, m.content));
        const rec: FakeRunRecord = { run: makeRun(threadId, assistant, input), steps: [], events: [], version: versions.get(assistant.id)?.length ?? null, cancelRequested: false };
        runs.set(rec.run.id, rec);
        engine.emit(rec, 'thread.run.created', rec.run);
        engine.emit(rec, 'thread.run.queued', rec.run);
        void engine.start(rec);
        return structuredClone(rec.run);
      },
      get: async (runId) => {
        const rec = need(runs, runId, 'run');
        const assistant = assistants.get(rec.run.assistant_id);
        const pending: PendingCall[] = (rec.run.required_action?.submit_tool_outputs.tool_calls ?? []).map((c) => {
          const fn = assistant?.tools.find((t) => t.type === 'function' && t.function.name === c.function.name);
          const schema = fn?.type === 'function' ? fn.function.parameters : undefined;
          const errors = checkArguments(c.function.arguments, schema).map((p) => p.message);
          return { call_id: c.id, step_id: rec.steps[rec.steps.length - 1]?.id ?? '', function: c.function.name, arguments: c.function.arguments, validation_errors: errors.length ? errors : null };
        });
        return structuredClone({ run: rec.run, assistant_version: rec.version, steps: rec.steps, pending_calls: pending });
      },
      list: async (threadId) => [...runs.values()].filter((r) => r.run.thread_id === threadId).map((r) => structuredClone(r.run)).reverse(),
      cancel: async (runId) => {
        const rec = need(runs, runId, 'run');
        if (!ACTIVE_RUN_STATUSES.includes(rec.run.status) || rec.run.status === 'cancelling') throw new Error(`Cannot cancel run with status '${rec.run.status}'.`);
        engine.cancel(rec);
        return structuredClone(rec.run);
      },
      submitToolOutputs: async (runId, outputs) => {
        const rec = need(runs, runId, 'run');
        await engine.submit(rec, outputs, 'ui');
        return structuredClone(rec.run);
      },
      events: async (runId, afterSeq = 0) => structuredClone(need(runs, runId, 'run').events.filter((e) => e.seq > afterSeq)),
    },
    handlers: {
      list: async (assistantId) => [...handlers.values()].filter((h) => h.assistant_id === assistantId),
      set: async (assistantId, fn, input: HandlerInput) => {
        const prev = getHandler(assistantId, fn);
        const h: FunctionHandler = { ...prev, mode: input.mode, auto: input.auto ?? prev.auto, mock: input.mock ?? prev.mock, updated_at: Date.now() };
        handlers.set(handlerKey(assistantId, fn), h);
        changed('handler', 'updated', `${assistantId}/${fn}`);
        return h;
      },
      preview: async (assistantId, fn, args) => mockOutput(getHandler(assistantId, fn), args),
    },
    models: {
      list: async () => [{ id: 'mock', provider: 'builtin', description: 'Built-in offline mock model' }],
      probe: async (model) => {
        throw new Error(`The fake API has no providers to probe '${model}'.`);
      },
    },
    // Live providers are not simulated: the fake has none and refuses to save one.
    providers: {
      list: async () => [],
      presets: async () => [],
      save: async () => {
        throw new Error('The fake API cannot store providers.');
      },
      remove: async () => undefined,
      test: async () => ({ ok: false, message: 'The fake API has no providers.', models: [] }),
    },
    prices: {
      list: async () => [],
      set: async () => [],
    },
    scripted: {
      get: async () => null,
      versions: async () => [],
      save: async () => {
        throw new Error('The fake API cannot store scripted rules.');
      },
    },
    settings: {
      hasProviderKey: async () => false,
      setProviderKey: async () => undefined,
      clearProviderKey: async () => undefined,
      serverStatus: async () => ({ enabled: false, url: null, port: null }),
      setServerEnabled: async (enabled) => ({ enabled, url: null, port: null }),
    },
  };

  return {
    api,
    on(name, listener) {
      const set = listeners.get(name) ?? new Set<Listener>();
      set.add(listener as Listener);
      listeners.set(name, set);
      return () => set.delete(listener as Listener);
    },
    push: emit,
    listenerCount: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
  };
}
