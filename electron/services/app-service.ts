/**
 * The bridge contract (RunLensApi) implemented over the runtime: what the Electron IPC
 * handlers and the browser bridge both call. Everything the UI can do goes through here.
 */
import type { AppInfo, AssistantInput, AssistantVersion, RunDetails, RunLensApi, ServerStatus, ThreadSummary } from '../contract/api';
import type { Assistant, Message, Run } from '../contract/objects';
import { ApiError } from './runtime/api-error';
import type { AssistantsRuntime } from './runtime/runtime';
import { messageText, type Store } from './runtime/store';
import { validateArguments } from './tools/argument-validator';
import { executeMock, type HandlerStore } from './tools/handlers';
import { eventBody, eventsPage } from './events/events-page';
import type { SecretStore, ServerControl } from './services-types';
import type { createLiveApi } from './live-service';
import type { LiveTools } from './tools/live/live-tools';
import type { V1Key } from './cli/api-key';
import type { ScriptedRule, ScriptedRuleSet } from '../contract/scripted';
import type { ScriptedRuleStore } from './models/scripted-rules';
import { collectPages } from './collect-pages';

export interface AppServiceDeps {
  runtime: AssistantsRuntime;
  store: Store;
  handlers: HandlerStore;
  info: () => AppInfo;
  secrets: () => SecretStore | null;
  server: () => ServerControl | null;
  /** The `/v1` key (shown masked, revealed on request, regenerated). */
  v1Key: V1Key;
  /** Scripted rule sets; an assistant's own set is kept with its versions. */
  scripted: ScriptedRuleStore;
  live: LiveTools;
  liveApi: ReturnType<typeof createLiveApi>;
  /** Live providers, probes and prices (models/providers/prices groups). */
  modelsApi: Pick<RunLensApi, 'models' | 'providers' | 'prices' | 'scripted'>;
  /** Dollars for a run's usage on its model (the price table). */
  costOf?: (model: string, usage: Run['usage']) => number;
  /** Session files, search, re-run, fork and diff (sessions/sessions-api.ts). */
  sessions: RunLensApi['sessions'];
}

const ALL = { limit: 100, order: 'asc' as const };

function titleOf(threadMetadata: Record<string, string> | null, firstUser: Message | undefined): string {
  if (threadMetadata?.title) return threadMetadata.title;
  const text = firstUser ? messageText(firstUser).replace(/\s+/g, ' ').trim() : '';
  if (!text) return 'Untitled thread';
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

const sameRules = (a: ScriptedRule[] | undefined, b: ScriptedRule[] | undefined): boolean => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

function functionNames(a: Assistant): string[] {
  return a.tools.flatMap((t) => (t.type === 'function' ? [t.function.name] : []));
}

export function createAppService(deps: AppServiceDeps): RunLensApi {
  const { runtime, store, handlers, live, liveApi, scripted } = deps;
  const db = store.db;

  /**
   * Saves a new assistant version. Scripted rules given, when they differ from the ones in use,
   * are saved with it (checked first, so bad rules change nothing), in one transaction.
   */
  const saveVersion = (id: string, input: Partial<AssistantInput>, rules?: ScriptedRule[]): Assistant => {
    runtime.getAssistant(id);
    const checked = rules === undefined ? undefined : scripted.check(id, rules);
    const changed = checked !== undefined && !sameRules(scripted.latest(id)?.rules, checked);
    const saved = db.transaction(() => {
      const a = runtime.updateAssistant(id, input);
      if (changed) scripted.save(id, checked, store.assistantVersion(id));
      return a;
    })();
    if (changed) runtime.emit({ kind: 'settings', op: 'updated', id: `scripted/${id}` });
    return saved;
  };

  const summary = (threadId: string): ThreadSummary => {
    const thread = runtime.getThread(threadId);
    const messages = store.threadMessages(threadId);
    const runs = store.threadRuns(threadId);
    const last = runs[0] ? (runtime.engine.snapshot(runs[0].id) ?? runs[0]) : null;
    store.sync();
    const row = db.prepare('SELECT updated_at FROM threads WHERE id = ?').get(threadId) as { updated_at: number };
    return {
      thread,
      title: titleOf(thread.metadata, messages.find((m) => m.role === 'user')),
      message_count: messages.length,
      last_activity_at: Math.floor(row.updated_at / 1000),
      last_run: last ? { id: last.id, status: last.status, assistant_id: last.assistant_id } : null,
      usage: {
        total_tokens: runs.reduce((n, r) => n + (r.usage?.total_tokens ?? 0), 0),
        cost_usd: runs.reduce((n, r) => n + (deps.costOf?.(r.model, r.usage) ?? 0), 0),
      },
    };
  };

  const runDetails = (runId: string): RunDetails => {
    const run: Run = runtime.getRunById(runId);
    const steps = store.runSteps(runId);
    const pending =
      run.status === 'requires_action' && run.required_action
        ? run.required_action.submit_tool_outputs.tool_calls.map((c) => {
            const fn = run.tools.find((t) => t.type === 'function' && t.function.name === c.function.name);
            const step = steps.find((s) => s.status === 'in_progress' && s.type === 'tool_calls');
            const how = live.describePending(run, { id: c.id, name: c.function.name, arguments: c.function.arguments });
            return {
              call_id: c.id,
              step_id: step?.id ?? '',
              function: c.function.name,
              arguments: c.function.arguments,
              validation_errors: validateArguments(fn?.type === 'function' ? fn.function : undefined, how.effective_arguments ?? c.function.arguments),
              ...how,
            };
          })
        : [];
    store.sync();
    const blocked = (db.prepare("SELECT COUNT(*) AS n FROM events WHERE run_id = ? AND type = 'tool.call.blocked'").get(runId) as { n: number }).n;
    return { run, assistant_version: store.runAssistantVersion(runId), steps, pending_calls: pending, blocked_calls: blocked };
  };

  const serverStatus = (): ServerStatus => deps.server()?.status() ?? { enabled: false, url: null, port: null };

  return {
    sessions: deps.sessions,
    app: {
      info: async () => deps.info(),
    },
    assistants: {
      list: async () => collectPages((after) => runtime.listAssistants({ limit: 100, order: 'desc', after })),
      get: async (id) => runtime.getAssistant(id),
      create: async (input: AssistantInput) => runtime.createAssistant(input),
      update: async (id, input, options) => saveVersion(id, input, options?.scripted_rules),
      duplicate: async (id) => {
        const a = runtime.getAssistant(id);
        const { id: _id, object: _o, created_at: _c, ...rest } = a;
        const copy = runtime.createAssistant({ ...rest, name: `${a.name ?? 'Untitled assistant'} (copy)` });
        // The copy starts with the rules in use, kept with its first version.
        const rules = scripted.latest(id)?.rules;
        if (rules?.length) scripted.save(copy.id, rules, 1);
        return copy;
      },
      delete: async (id) => {
        runtime.deleteAssistant(id);
      },
      versions: async (id): Promise<AssistantVersion[]> => {
        runtime.getAssistant(id);
        return store.listAssistantVersions(id).map((v) => ({ assistant_id: id, ...v, scripted_rules: scripted.atAssistantVersion(id, v.version) }));
      },
      restoreVersion: async (id, version) => {
        const v = store.listAssistantVersions(id).find((x) => x.version === version);
        if (!v) throw new ApiError(404, `No version ${version} found for assistant '${id}'.`);
        const { id: _id, object: _o, created_at: _c, ...rest } = v.snapshot;
        // The rules kept with that version come back too (none then: none now).
        const kept = scripted.atAssistantVersion(id, version)?.rules ?? [];
        return saveVersion(id, rest, sameRules(kept, scripted.latest(id)?.rules) ? undefined : kept);
      },
    },
    threads: {
      list: async (query) => {
        const limit = Math.min(Math.max(query?.limit ?? 500, 1), 5000);
        const search = query?.search?.trim();
        store.sync();
        const rows = search
          ? (db
              .prepare(
                `SELECT t.id FROM threads t WHERE t.data LIKE ? ESCAPE '\\' OR EXISTS (
                   SELECT 1 FROM messages m WHERE m.thread_id = t.id AND m.text LIKE ? ESCAPE '\\')
                 ORDER BY t.rowid DESC LIMIT ?`,
              )
              .all(...Array(2).fill(`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`), limit) as Array<{ id: string }>)
          : (db.prepare('SELECT id FROM threads ORDER BY rowid DESC LIMIT ?').all(limit) as Array<{ id: string }>);
        return rows.map((r) => summary(r.id));
      },
      get: async (id) => runtime.getThread(id),
      create: async (input) => {
        const metadata = { ...(input?.metadata ?? {}) };
        if (input?.title) metadata.title = input.title;
        return runtime.createThread({ metadata });
      },
      rename: async (id, title) => {
        const t = runtime.getThread(id);
        const trimmed = title.trim();
        if (!trimmed) throw new ApiError(400, 'A thread title cannot be empty.', 'invalid_request_error', 'title');
        if (trimmed.length > 512) throw new ApiError(400, 'A thread title can have at most 512 characters.', 'invalid_request_error', 'title');
        return runtime.updateThread(id, { metadata: { ...(t.metadata ?? {}), title: trimmed } });
      },
      setMetadata: async (id, metadata) => {
        const t = runtime.getThread(id);
        if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata)) throw new ApiError(400, 'Metadata must be an object of strings.', 'invalid_request_error', 'metadata');
        const next: Record<string, string> = {};
        for (const [k, v] of Object.entries(metadata)) {
          if (typeof v !== 'string') throw new ApiError(400, `metadata.${k} must be a string.`, 'invalid_request_error', `metadata.${k}`);
          if (k.length > 64 || v.length > 512) throw new ApiError(400, `metadata.${k}: keys have at most 64 characters and values at most 512.`, 'invalid_request_error', `metadata.${k}`);
          if (v !== '') next[k] = v;
        }
        if (t.metadata?.title && next.title === undefined) next.title = t.metadata.title;
        if (Object.keys(next).length > 16) throw new ApiError(400, 'A thread can have at most 16 metadata pairs.', 'invalid_request_error', 'metadata');
        return runtime.updateThread(id, { metadata: next });
      },
      duplicate: async (id) => {
        const t = runtime.getThread(id);
        const messages = store.threadMessages(id).filter((m) => m.status !== 'in_progress');
        const metadata = { ...(t.metadata ?? {}), title: `${summary(id).title} (copy)`.slice(0, 512) };
        return runtime.createThread({
          metadata,
          messages: messages.map((m) => ({ role: m.role, content: messageText(m), metadata: m.metadata })),
        });
      },
      delete: async (id) => {
        runtime.deleteThread(id);
      },
    },
    messages: {
      list: async (threadId) => collectPages((after) => runtime.listMessages(threadId, { ...ALL, after })),
      create: async (threadId, input) => runtime.createMessage(threadId, input),
    },
    runs: {
      create: async (threadId, input) => runtime.createRun(threadId, input, 'ui').run,
      get: async (runId) => runDetails(runId),
      list: async (threadId) => collectPages((after) => runtime.listRuns(threadId, { limit: 100, order: 'desc', after })),
      cancel: async (runId) => {
        const run = runtime.getRunById(runId);
        return runtime.cancelRun(run.thread_id, runId);
      },
      submitToolOutputs: async (runId, outputs) => {
        const run = runtime.getRunById(runId);
        return runtime.submitToolOutputs(run.thread_id, runId, { tool_outputs: outputs, source: 'ui' }).run;
      },
      events: async (runId, afterSeq) => {
        runtime.getRunById(runId);
        return runtime.readRunEvents(runId, afterSeq ?? 0);
      },
      executeCall: (runId, callId, args) => liveApi.executeCall(runId, callId, args),
      eventsPage: async (runId, afterSeq, limit) => eventsPage(runtime, runId, afterSeq, limit),
      eventBody: async (runId, seq) => eventBody(runtime, runId, seq),
    },
    handlers: {
      list: async (assistantId) => functionNames(runtime.getAssistant(assistantId)).map((name) => live.effective(assistantId, name).handler),
      set: async (assistantId, functionName, input) => {
        const a = runtime.getAssistant(assistantId);
        if (!functionNames(a).includes(functionName))
          throw new ApiError(404, `Assistant '${assistantId}' has no function named '${functionName}'.`, 'invalid_request_error', 'function_name');
        if (input.mode === 'live' && !input.live && !handlers.get(assistantId, functionName).live && !live.workspaceTool(functionName))
          throw new ApiError(400, `A live handler needs its settings (webhook URL, Connery action, MCP tool or command) for '${functionName}'.`, 'invalid_request_error', 'live');
        const checked = input.live ? { ...input, live: liveApi.validateLive(functionName, input.live) } : input;
        const handler = handlers.set(assistantId, functionName, checked);
        runtime.emit({ kind: 'handler', op: 'updated', id: `${assistantId}/${functionName}` });
        return handler;
      },
      preview: async (assistantId, functionName, args) => {
        runtime.getAssistant(assistantId);
        const handler = handlers.get(assistantId, functionName);
        return executeMock(handler.mock, functionName, args, () => 0);
      },
    },
    workspace: liveApi.workspace,
    ...deps.modelsApi,
    scripted: {
      ...deps.modelsApi.scripted,
      // An assistant's own rules are kept with its versions: saving them saves a new version.
      save: async (name, rules) => {
        if (!store.getAssistant(name)) return deps.modelsApi.scripted.save(name, rules);
        saveVersion(name, {}, rules);
        return scripted.latest(name) as ScriptedRuleSet;
      },
    },
    settings: {
      hasProviderKey: async (provider) => (await deps.secrets()?.has(provider)) ?? false,
      setProviderKey: async (provider, key) => {
        const secrets = deps.secrets();
        if (!secrets) throw new ApiError(400, 'No secret store is available in this mode.');
        if (!key.trim()) throw new ApiError(400, 'The key is empty.', 'invalid_request_error', 'key');
        await secrets.set(provider, key.trim());
        runtime.emit({ kind: 'settings', op: 'updated', id: `provider_key/${provider}` });
      },
      clearProviderKey: async (provider) => {
        await deps.secrets()?.clear(provider);
        runtime.emit({ kind: 'settings', op: 'updated', id: `provider_key/${provider}` });
      },
      serverStatus: async () => serverStatus(),
      setServerEnabled: async (enabled) => {
        const server = deps.server();
        if (!server) throw new ApiError(400, 'The local server cannot be switched in this mode.');
        return server.setEnabled(enabled);
      },
      apiKey: async () => deps.v1Key.info(),
      revealApiKey: async () => deps.v1Key.current(),
      regenerateApiKey: async () => {
        const info = deps.v1Key.regenerate();
        // Other faces re-read the masked key; the key itself is never pushed.
        runtime.emit({ kind: 'settings', op: 'updated', id: 'api_key' });
        return info;
      },
    },
  };
}
