/**
 * Opens the services on one SQLite file: the store, the event log, the runtime and its
 * scheduler, and the bridge API over them. Every face (Electron main, `npm run serve`,
 * tests) starts here. Startup first resolves runs a crash left active.
 */
import path from 'node:path';
import type { AppInfo, RunLensEventName, RunLensEvents } from '../contract/api';
import { acknowledgeAfterCommit, waitWhileBusy } from './ack-after-commit';
import { readOnlyApi, reviewRefusal } from './sessions/review';
import { createAppService } from './app-service';
import { createLiveApi, type ConfigAppliedHook } from './live-service';
import { BuiltinTools } from './builtin/builtin-tools';
import { builtinOptionsFromEnv } from './builtin/env-options';
import { createFilesBridge } from './builtin/files-bridge';
import { openDatabase, type Db } from './db/database';
import { DbLock } from './db/db-lock';
import { IdleCheckpointer } from './db/idle-checkpointer';
import { EventLog } from './events/event-log';
import { logger } from './log/logger';
import { MockModel } from './models/mock-model';
import { createLiveModelsApi, type LiveModels } from './models/live-models-service';
import { applyConfigProviders } from './models/openai-compatible/config-providers';
import { ModelCatalog, ProbeStore } from './models/openai-compatible/model-catalog';
import { ProviderBackend } from './models/openai-compatible/provider-backend';
import { ProviderRegistry } from './models/openai-compatible/provider-registry';
import { PriceTable } from './models/pricing';
import { ScriptedModel } from './models/scripted-model';
import { ScriptedRuleStore } from './models/scripted-rules';
import type { ModelBackend } from './models/model';
import { ReplayModel } from './models/replay-model';
import { AssistantsRuntime } from './runtime/runtime';
import { Store } from './runtime/store';
import type { ServerControl, Services, ServicesOptions } from './services-types';
import { Reexecutor } from './sessions/reexecute';
import { SessionService } from './sessions/session-service';
import { createSessionsApi } from './sessions/sessions-api';
import type { SessionImportProgress } from '../contract/sessions';
import { HandlerStore } from './tools/handlers';
import { WorkspaceConfigStore } from './config/config-store';
import { V1Key } from './cli/api-key';
import { LiveTools } from './tools/live/live-tools';
import { stubOf } from '../contract/event-pack';

export const APP_VERSION = '0.1.0';

type Push = <K extends RunLensEventName>(name: K, payload: RunLensEvents[K]) => void;

export interface OpenedServices extends Services {
  runtime: AssistantsRuntime;
  live: LiveTools;
  /** Resolves once the workspace config is applied (imports read and put on the assistants they name, MCP servers known). */
  workspaceReady: Promise<unknown>;
  /** Live providers (settings, config, environment), their backend, model list and prices. */
  liveModels: LiveModels;
  /** The event log (group commit, storage status) and the database, for tools and tests. */
  log: EventLog;
  db: Db;
  /** Session files, search, re-run, fork and diff on this database. */
  sessions: SessionService;
}

export function openServices(options: ServicesOptions): OpenedServices {
  const now = options.now ?? Date.now;
  // One writer per database: refuse at once, naming the holder, before touching the file.
  const lock = options.dbPath === ':memory:' ? null : DbLock.acquire(options.dbPath, options.kind ?? (options.mode === 'electron' ? 'app' : 'serve'));
  let db: Db;
  try {
    db = openDatabase(options.dbPath);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const store = new Store(db);
  const log = new EventLog(db, now);
  store.attach(log);
  log.attachWriter(store);
  const checkpointer = new IdleCheckpointer(db);
  log.onCommit(() => checkpointer.noteWrite());
  const handlers = new HandlerStore(db, now);
  const configStore = new WorkspaceConfigStore(db);
  const env = options.env ?? process.env;
  const live = new LiveTools({
    handlers,
    secrets: () => options.secrets ?? null,
    env,
    now,
    threadMetadata: (threadId) => store.getThread(threadId)?.metadata ?? null,
  });
  // A --config file wins over the config the app stored; either is applied before any run starts.
  const workspace = options.workspaceConfig ?? configStore.load();
  const workspaceReady = workspace ? live.setWorkspace(workspace).catch((error: unknown) => console.error('RunLens: workspace config', error)) : Promise.resolve();
  const registry = new ProviderRegistry(db, () => options.secrets ?? null, env);
  const backend = new ProviderBackend(registry);
  const scripted = new ScriptedRuleStore(db, now);
  const liveModels: LiveModels = { registry, backend, catalog: new ModelCatalog(registry, new ProbeStore(db)), prices: new PriceTable(db), scripted };
  // What takes the workspace config besides the live tools, at start and after every import in
  // the app: providers named in it join the registry (config wins over settings).
  const onConfigApplied: ConfigAppliedHook[] = [(raw) => applyConfigProviders(registry, raw, { env, secrets: options.secrets ?? null })];
  if (workspace) {
    for (const hook of onConfigApplied) void hook(workspace).catch((error: unknown) => console.error('RunLens: workspace config', error));
  }
  // Live backends; the replay backend answers first, only for re-runs it was given a recording for.
  const models: ModelBackend[] = [new MockModel(), new ScriptedModel(scripted), backend];
  const replay = new ReplayModel(() => models);
  const builtins = new BuiltinTools(db, options.dataDir, store, now, options.builtin ?? builtinOptionsFromEnv(process.env));
  const runtime = new AssistantsRuntime({
    store,
    log,
    handlers,
    live,
    models: [replay, ...models],
    now,
    builtins,
    runExpirySeconds: options.runExpirySeconds ?? 600,
  });
  const slog = logger.child({ area: 'storage', db: options.dbPath });
  log.onCommitFailure((error, attempts) => slog.error({ err: error, attempts }, 'commit failed; the batch is kept and retried'));
  runtime.onRunsDropped((failed, error) => slog.error({ err: error, runs: failed }, 'batch given up after its retries; the runs it touched were failed'));
  // Review mode shows runs as the file recorded them: nothing is resumed, failed or expired.
  if (!options.review) for (const r of runtime.recover()) logger.info({ area: 'recovery', ...r }, `run ${r.run_id} recovered from ${r.from}: ${r.outcome}`);
  const reexecutor = new Reexecutor({ runtime, store, handlers, replay, now });
  const sessions = new SessionService({
    store,
    log,
    emit: (change) => runtime.emit(change),
    creator: `runlens ${APP_VERSION}`,
    reexecutor,
    filesDir: path.join(options.dataDir, 'files'),
  });

  let server: ServerControl | null = options.server ?? null;
  const v1Key = new V1Key(options.dataDir, options.apiKey ?? null);
  let apiBaseUrl: string | null = null;
  const info = (): AppInfo => ({
    version: APP_VERSION,
    mode: options.mode ?? 'browser',
    data_dir: options.dataDir,
    api_base_url: apiBaseUrl,
    review: options.review ? { file: options.review.file } : null,
  });
  const importListeners = new Set<(progress: SessionImportProgress) => void>();
  const liveApi = createLiveApi({ runtime, handlers, live, configStore, secrets: () => options.secrets ?? null, env, configFile: options.workspaceConfigFile ?? null, onConfigApplied });
  // Imports that name assistants put their functions on them once the live tools have read them.
  const importsApplied = workspace
    ? workspaceReady.then(() => liveApi.applyImports(workspace)).catch((error: unknown) => console.error('RunLens: workspace config imports', error))
    : Promise.resolve();
  const committed = (): Promise<void> => log.committed();
  const modelsApi = createLiveModelsApi(liveModels, (id) => runtime.emit({ kind: 'settings', op: 'updated', id }));
  const inner = createAppService({
    runtime,
    store,
    handlers,
    info,
    secrets: () => options.secrets ?? null,
    server: () => server,
    v1Key,
    scripted,
    sessions: createSessionsApi(sessions, options.dataDir, now, (progress) => {
      for (const listener of importListeners) listener(progress);
    }),
    live,
    liveApi,
    modelsApi,
    costOf: (model, usage) => liveModels.prices.cost(model, usage),
  });
  inner.files = createFilesBridge(builtins, runtime);
  // While an import runs, every other call waits for it (the import's own call goes straight in).
  const gated = waitWhileBusy(acknowledgeAfterCommit(inner, committed), sessions.gate, ['sessions.import']);
  const readOnly = options.review ? reviewRefusal(options.review.file) : null;
  const api = readOnly ? readOnlyApi(gated, readOnly) : gated;

  let closed = false;
  return {
    runtime,
    liveModels,
    log,
    db,
    builtins,
    sessions,
    api,
    live,
    workspaceReady: importsApplied,
    committed,
    whenIdle: () => sessions.gate.whenIdle(),
    readOnly,
    v1Key,
    setServerControl(control) {
      server = control;
    },
    setApiBaseUrl(url) {
      apiBaseUrl = url;
      lock?.setUrl(url ? url.replace(/\/v1$/, '') : null);
    },
    subscribe(listener: Push) {
      // large inspector-only payloads go out as stubs (`runs.eventBody` has them whole)
      const offRuns = runtime.subscribe({}, (event) => listener('run.event', stubOf(event)));
      const offEntities = runtime.onEntityChange((change) => listener('entity.changed', change));
      const offStorage = log.onStatus((status) => listener('storage.status', status));
      const onImport = (progress: SessionImportProgress): void => listener('sessions.import.progress', progress);
      importListeners.add(onImport);
      // A face that connects while commits are failing learns it at once.
      const now = log.status();
      if (!now.ok) listener('storage.status', now);
      return () => {
        offRuns();
        offEntities();
        offStorage();
        importListeners.delete(onImport);
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      builtins.close();
      runtime.close();
      await live.close();
      checkpointer.close();
      db.close();
      lock?.release();
    },
  };
}
