/**
 * RunLensApi: the one typed contract between the UI and the services. Electron IPC
 * (preload) and HTTP+SSE (browser mode) both carry exactly these calls and the events
 * of `RunLensEvents`. Channel names are derived from it (`assistants.list`, …).
 */
import type { ForkEdit, ReexecuteSummary, RunDiff, RunOrigin, SearchHit, SessionExportResult, SessionImportOptions, SessionImportProgress, SessionImportResult } from './sessions';
import type {
  Assistant,
  AssistantTool,
  Message,
  Metadata,
  ResponseFormat,
  Run,
  RunStatus,
  RunStep,
  Thread,
  ToolChoice,
  TruncationStrategy,
} from './objects';
import type { EntityChange, HandlerMode, RunEventRecord } from './events';
import type { PackedEventsPage } from './event-pack';
import type { LiveHandlerKind, LiveToolConfig } from './workspace-config';
import type { ScriptedRule, ScriptedRuleSet } from './scripted';
import type { ModelPrice, ProbeResult, ProviderInfo, ProviderInput, ProviderPreset, ProviderTestResult } from './providers';

export interface AssistantInput {
  name?: string | null;
  description?: string | null;
  model: string;
  instructions?: string | null;
  tools?: AssistantTool[];
  metadata?: Metadata | null;
  temperature?: number | null;
  top_p?: number | null;
  response_format?: ResponseFormat | null;
}

/** Every saved edit of an assistant is kept; runs record the version they used. */
export interface AssistantVersion {
  assistant_id: string;
  version: number;
  created_at: number;
  snapshot: Assistant;
  /** The scripted model's rules kept with this version (model `scripted`); null when it had none. */
  scripted_rules: ScriptedRuleSet | null;
}

/** What is saved with an assistant version besides the assistant itself. */
export interface AssistantSaveOptions {
  /** The rules of the `scripted` model, kept with the new version (checked first: bad rules change nothing). */
  scripted_rules?: ScriptedRule[];
}

export interface ThreadSummary {
  thread: Thread;
  /** metadata.title, else the first user message, shortened. */
  title: string;
  message_count: number;
  last_activity_at: number;
  last_run: { id: string; status: RunStatus; assistant_id: string } | null;
  /** Tokens of every run of the thread, and their cost at the price table (0 for unpriced models). */
  usage?: { total_tokens: number; cost_usd: number };
}

export interface MessageInput {
  role: 'user' | 'assistant';
  content: string;
  metadata?: Metadata | null;
}

/** Every run override of the Assistants API (§2, POST /threads/{tid}/runs). */
export interface RunCreateInput {
  assistant_id: string;
  model?: string | null;
  instructions?: string | null;
  additional_instructions?: string | null;
  additional_messages?: MessageInput[] | null;
  tools?: AssistantTool[] | null;
  metadata?: Metadata | null;
  temperature?: number | null;
  top_p?: number | null;
  max_prompt_tokens?: number | null;
  max_completion_tokens?: number | null;
  truncation_strategy?: TruncationStrategy | null;
  tool_choice?: ToolChoice | null;
  parallel_tool_calls?: boolean | null;
  response_format?: ResponseFormat | null;
}

/** One page of a run's event log (`runs.eventsPage`), packed: see `event-pack.ts`. */
export type RunEventsPage = PackedEventsPage;

export interface ToolOutput {
  tool_call_id: string;
  output: string;
}

/** A run plus what only RunLens knows about it. */
export interface RunDetails {
  run: Run;
  assistant_version: number | null;
  steps: RunStep[];
  /** For requires_action: each pending call with its schema check. */
  pending_calls: PendingCall[];
  /** Calls the tenant guard blocked in this run (never executed). */
  blocked_calls?: number;
}

export interface PendingCall {
  call_id: string;
  step_id: string;
  function: string;
  arguments: string;
  /** null when the arguments are valid JSON that satisfy the function's schema. */
  validation_errors: string[] | null;
  /** Who answers it: a person, a mock, or a live handler kind. */
  handler?: 'manual' | 'mock' | LiveHandlerKind;
  /** True when a live handler waits for a person to approve, edit or deny the call. */
  approval?: boolean;
  /** The arguments a live execution would use (pinned values filled in); null when the guard would block. */
  effective_arguments?: string | null;
  /** Set when the tenant guard would block these arguments. */
  blocked_reason?: string | null;
}

export interface MockHandlerConfig {
  /** static: `output`; template: `output` with {{name}} / {{arguments}} placeholders; sequence: outputs in turn (the last repeats); error: fails with `error`. */
  kind: 'static' | 'template' | 'sequence' | 'error';
  output?: string;
  sequence?: string[];
  error?: string;
  latency_ms?: number;
}

export interface FunctionHandler {
  assistant_id: string;
  function_name: string;
  mode: HandlerMode;
  /** When true (mock/live), outputs are submitted as soon as the run reaches requires_action. */
  auto: boolean;
  mock: MockHandlerConfig;
  /** The live handler (references like `${secret:NAME}` kept, never secret values). */
  live?: LiveToolConfig | null;
  /** Where the handler comes from: set for this assistant, the workspace config file, or the default. */
  source?: 'assistant' | 'workspace' | 'default';
  updated_at: number;
}

export interface HandlerInput {
  mode: HandlerMode;
  auto?: boolean;
  mock?: MockHandlerConfig;
  live?: LiveToolConfig | null;
}

/** What a live execution started by a person (Inbox approve) returned. */
export interface CallExecution {
  output: string | null;
  error: string | null;
}

/** The workspace config as the app holds it (references only; secrets stay in the secret store). */
export interface WorkspaceConfigInfo {
  /** The raw file text (pretty JSON), `{}` when none is set. */
  text: string;
  /** Where it was loaded from: `--config`/RUNLENS_CONFIG, imported in the app, or nothing yet. */
  source: 'file' | 'app' | 'none';
  file: string | null;
  /** A reference that cannot be resolved right now (e.g. an unset env var), with its JSON path. */
  problem: string | null;
}

/** One importable tool (a Connery action or an MCP tool) and what importing it would do. */
export interface ImportableTool {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
  /** `new`: not on the assistant; `changed`: there with another schema/description; `same`. */
  status: 'new' | 'changed' | 'same';
}

export interface ImportSummary {
  added: string[];
  updated: string[];
  unchanged: string[];
  /** One line per changed function saying what changed. */
  changes: string[];
}

export interface ConneryImportInput {
  runner_url: string;
  /** A `${secret:NAME}` / `${env:NAME}` reference, or a key typed now (stored in the secret store). */
  api_key?: string;
  envelope?: 'flat' | 'input';
  /** Which actions to import (all when omitted). */
  action_ids?: string[];
  approval?: 'auto' | 'ask';
}

export interface ModelInfo {
  id: string;
  provider: 'builtin' | string;
  description: string;
  /** The capability probe's stored result for this model, if it was probed. */
  probe?: ProbeResult | null;
  /** True for a placeholder row of a provider whose model list could not be read (description says why). */
  unavailable?: boolean;
}

export interface AppInfo {
  version: string;
  /** Which face the UI runs in. */
  mode: 'electron' | 'browser';
  data_dir: string;
  /** Where the `/v1` API answers, when the server is on. */
  api_base_url: string | null;
  /** Review mode: the session file shown read-only (`serve --review FILE`); absent otherwise. */
  review?: { file: string } | null;
}

export interface ServerStatus {
  enabled: boolean;
  url: string | null;
  port: number | null;
}

/** The `/v1` key as the Settings screen shows it: masked; the clear key only comes from `settings.revealApiKey`. */
export interface ApiKeyInfo {
  /** First 3 and last 4 characters, the rest as stars. */
  masked: string;
  /** `generated`: kept in the data directory (`file`) and regenerable; `given`: --api-key / RUNLENS_API_KEY. */
  source: 'generated' | 'given';
  file: string | null;
  regenerable: boolean;
}

/** Where uploaded files are attached: an assistant's or a thread's tool_resources. */
export interface FileTarget {
  kind: 'assistant' | 'thread';
  id: string;
}

/** One uploaded file as the UI lists it, with its indexing status when it is searchable. */
export interface AttachedFile {
  file_id: string;
  filename: string;
  bytes: number;
  /** Attached for file_search (in the target's vector store) and/or code_interpreter. */
  tools: Array<'file_search' | 'code_interpreter'>;
  /** Indexing of the vector store file: in_progress → completed, or failed with `error`. */
  status: 'in_progress' | 'completed' | 'failed' | 'cancelled' | null;
  error: string | null;
}

/** The files of an assistant or thread, the vector store behind file_search, and what the sandbox offers. */
export interface AttachedFiles {
  vector_store: { id: string; name: string; status: string; file_counts: { in_progress: number; completed: number; failed: number; total: number } } | null;
  files: AttachedFile[];
  sandbox: { runtime: string; packages: string; files: string };
}

/** Files and built-in tools (issue 13). Optional: transports without a file store (the demo fake) leave it out. */
export interface FilesApi {
  /** Uploads a file (base64) and attaches it to the target for the given tools, enabling them there. */
  upload(target: FileTarget, input: { filename: string; content_base64: string; tools: Array<'file_search' | 'code_interpreter'> }): Promise<AttachedFile>;
  attached(target: FileTarget): Promise<AttachedFiles>;
  /** Removes the file from the target (its vector store and code_interpreter list); the file itself stays. */
  detach(target: FileTarget, fileId: string): Promise<AttachedFiles>;
  /** A file's bytes for display or download (images written by code_interpreter). */
  content(fileId: string): Promise<{ filename: string; mime: string; content_base64: string }>;
}

export interface RunLensApi {
  app: {
    info(): Promise<AppInfo>;
  };
  assistants: {
    list(): Promise<Assistant[]>;
    get(id: string): Promise<Assistant>;
    create(input: AssistantInput): Promise<Assistant>;
    /** Saves a new version; `options.scripted_rules` are kept with it. */
    update(id: string, input: Partial<AssistantInput>, options?: AssistantSaveOptions): Promise<Assistant>;
    duplicate(id: string): Promise<Assistant>;
    delete(id: string): Promise<void>;
    versions(id: string): Promise<AssistantVersion[]>;
    /** Saves version `version`'s assistant and scripted rules as a new version. */
    restoreVersion(id: string, version: number): Promise<Assistant>;
  };
  threads: {
    list(query?: { search?: string; limit?: number }): Promise<ThreadSummary[]>;
    get(id: string): Promise<Thread>;
    create(input?: { title?: string; metadata?: Metadata | null }): Promise<Thread>;
    rename(id: string, title: string): Promise<Thread>;
    /** Replaces the thread's metadata (title kept unless given); tenant values live here. */
    setMetadata(id: string, metadata: Metadata): Promise<Thread>;
    duplicate(id: string): Promise<Thread>;
    delete(id: string): Promise<void>;
  };
  messages: {
    /** Oldest first. */
    list(threadId: string): Promise<Message[]>;
    create(threadId: string, input: MessageInput): Promise<Message>;
  };
  runs: {
    create(threadId: string, input: RunCreateInput): Promise<Run>;
    get(runId: string): Promise<RunDetails>;
    /** Newest first. */
    list(threadId: string): Promise<Run[]>;
    cancel(runId: string): Promise<Run>;
    submitToolOutputs(runId: string, outputs: ToolOutput[]): Promise<Run>;
    /**
     * A person approves a pending call with a live handler: the (optionally edited) arguments
     * are re-validated and guarded, then executed; the output is returned, not submitted.
     */
    executeCall(runId: string, callId: string, args?: string): Promise<CallExecution>;
    /** The run's recorded events after `afterSeq` (0 for all), oldest first. */
    events(runId: string, afterSeq?: number): Promise<RunEventRecord[]>;
    /**
     * The same log in pages, so a 100,000-event run never travels as one reply: at most
     * `limit` events (default 5,000, capped at 20,000) after `afterSeq`, plus where the log ends.
     * Packed (`event-pack.ts`): a streamed fragment costs a few numbers plus its text.
     */
    eventsPage(runId: string, afterSeq?: number, limit?: number): Promise<RunEventsPage>;
    /**
     * One recorded event in full. Pages and pushes carry large inspector-only payloads
     * (`model.request` / `model.response` over 8 KB) as stubs marked `elided`; the inspector
     * asks for the whole event here when it shows one. 404 when the run has no such seq.
     */
    eventBody(runId: string, seq: number): Promise<RunEventRecord>;
  };
  handlers: {
    list(assistantId: string): Promise<FunctionHandler[]>;
    set(assistantId: string, functionName: string, input: HandlerInput): Promise<FunctionHandler>;
    /**
     * Runs the function's mock on the given arguments without touching any run. `warning` is
     * set when the output looks like JSON but is not (the Inbox flags it before sending).
     */
    preview(assistantId: string, functionName: string, args: string): Promise<{ output: string | null; error: string | null; warning?: string | null }>;
  };
  models: {
    /** `mock`, `scripted` and every provider's models; `refresh` re-reads each provider's `/models`. */
    list(query?: { refresh?: boolean }): Promise<ModelInfo[]>;
    /** Runs the capability probe against a `<provider>/<model>` and stores the result. */
    probe(model: string): Promise<ProbeResult>;
  };
  providers: {
    list(): Promise<ProviderInfo[]>;
    presets(): Promise<ProviderPreset[]>;
    save(input: ProviderInput): Promise<ProviderInfo>;
    remove(name: string): Promise<void>;
    /** Lists the provider's models to show that its address and key work. */
    test(name: string): Promise<ProviderTestResult>;
  };
  scripted: {
    /** The newest rules of a set (an assistant id for model `scripted`, or a name for `scripted/<name>`); null when none. */
    get(name: string): Promise<ScriptedRuleSet | null>;
    versions(name: string): Promise<ScriptedRuleSet[]>;
    /** Saves a new version after checking every rule. */
    save(name: string, rules: ScriptedRule[]): Promise<ScriptedRuleSet>;
  };
  prices: {
    /** The price table: defaults for OpenAI's models, overridden by edits. */
    list(): Promise<ModelPrice[]>;
    set(price: ModelPrice): Promise<ModelPrice[]>;
  };
  workspace: {
    config(): Promise<WorkspaceConfigInfo>;
    /** Validates (JSON path in the error), stores and applies a config file's text. */
    importConfig(text: string): Promise<WorkspaceConfigInfo>;
    /** The config as a file's text: references only, never secret values. */
    exportConfig(): Promise<string>;
    /** Stores a secret for `${secret:NAME}`; the value never comes back. */
    setSecret(name: string, value: string): Promise<void>;
    hasSecret(name: string): Promise<boolean>;
    /** Lists a Connery runner's actions against an assistant's functions (nothing is changed). */
    conneryActions(assistantId: string, input: ConneryImportInput): Promise<ImportableTool[]>;
    importConnery(assistantId: string, input: ConneryImportInput): Promise<ImportSummary>;
    /** Lists an MCP server's tools against an assistant's functions. */
    mcpTools(assistantId: string, server: string): Promise<ImportableTool[]>;
    importMcp(assistantId: string, server: string, tools?: string[]): Promise<ImportSummary>;
  };
  /** Absent where no file store is served (the in-memory demo API). */
  files?: FilesApi;
  settings: {
    /** True when a key is stored for the provider; the key itself never leaves the services. */
    hasProviderKey(provider: string): Promise<boolean>;
    setProviderKey(provider: string, key: string): Promise<void>;
    clearProviderKey(provider: string): Promise<void>;
    serverStatus(): Promise<ServerStatus>;
    setServerEnabled(enabled: boolean): Promise<ServerStatus>;
    /** The `/v1` key, masked. */
    apiKey(): Promise<ApiKeyInfo>;
    /** The `/v1` key in clear: only on this explicit request (never pushed). */
    revealApiKey(): Promise<string>;
    /** Replaces a generated `/v1` key; clients using the old one are refused from now on. */
    regenerateApiKey(): Promise<ApiKeyInfo>;
  };
  /** Session files, full-text search, re-run, fork and diff (issue 11). */
  sessions: {
    /** Writes the threads (all when none) to `file`, or to the data directory's exports folder. */
    export(input: { thread_ids?: string[]; file?: string }): Promise<SessionExportResult>;
    /**
     * Validates a session file on this machine, then adds it in one transaction, pushing
     * `sessions.import.progress` as it goes; other calls wait until it is done.
     */
    import(file: string, options?: SessionImportOptions): Promise<SessionImportResult>;
    search(query: string, limit?: number): Promise<SearchHit[]>;
    rerun(runId: string, options?: { mode?: 'replay' | 'live'; until_round?: number }): Promise<ReexecuteSummary>;
    fork(runId: string, stepId: string, edit: ForkEdit): Promise<ReexecuteSummary>;
    diff(runA: string, runB: string): Promise<RunDiff>;
    lineage(runId: string): Promise<{ origin: RunOrigin | null; children: RunOrigin[] }>;
  };
}

/** Pushes from the services. Every face receives every event. */
/** The state of the storage as the faces show it (pushed as `storage.status` when it changes). */
export interface StorageStatus {
  ok: boolean;
  /** What went wrong, for the banner; null when ok. */
  message: string | null;
  /** Consecutive failed attempts of the current batch. */
  failed_attempts: number;
  /** The batch was given up after its retries (its runs were failed); commits may work again. */
  given_up: boolean;
}

export interface RunLensEvents {
  'run.event': RunEventRecord;
  'entity.changed': EntityChange;
  /** Commits started failing (retrying), were given up, or succeed again. */
  'storage.status': StorageStatus;
  /** A session import's progress (every face: the app is busy while one runs). */
  'sessions.import.progress': SessionImportProgress;
}

export type RunLensEventName = keyof RunLensEvents;

/** What the renderer holds: the calls plus one way to listen. */
export interface RunLensBridge {
  api: RunLensApi;
  on<K extends RunLensEventName>(name: K, listener: (payload: RunLensEvents[K]) => void): () => void;
  /**
   * Resolves once pushes are flowing (the browser's event stream is open). Transports that
   * queue pushes until the page is ready (Electron IPC) need not provide it.
   */
  whenConnected?(): Promise<void>;
  /**
   * Transports over a network (browser mode) report whether the server is reachable:
   * 'down' at once when the stream drops or a call cannot connect, 'up' when the stream is open
   * again. The listener gets the current state first. IPC has no such state.
   */
  onConnection?(listener: (state: ConnectionState) => void): () => void;
  /**
   * Session files the way each transport reaches the user's files: the desktop app's native
   * open and save dialogs, or the browser's file picker (an upload) and downloads. Absent in
   * transports without either (tests in-process): the app then offers import by path only.
   */
  sessionFiles?: SessionFileTransfer;
}

/** Moving session files between the user's disk and RunLens (see RunLensBridge.sessionFiles). */
export interface SessionFileTransfer {
  /** 'dialog' (Electron: native dialogs) or 'browser' (file picker, upload and download). */
  kind: 'dialog' | 'browser';
  /**
   * Exports the threads (all when none): Electron asks where with a save dialog (null when
   * cancelled); the browser downloads the file the server wrote (then deleted).
   */
  exportFile(threadIds: string[]): Promise<SessionExportResult | null>;
  /** Electron: the open dialog, resolving with the chosen path or null. Absent in the browser (it uses a file input). */
  chooseImportPath?(): Promise<string | null>;
  /** Imports a File picked or dropped by the user: uploaded to the server (browser) or by its path on disk (Electron). */
  importFile(file: File, options?: SessionImportOptions): Promise<SessionImportResult>;
}

/** Whether a networked transport reaches its server right now. */
export type ConnectionState = 'connecting' | 'up' | 'down';

/** The method names of the contract as `domain.method`, for channel names and handler tables. */
export type RunLensMethodName = {
  [D in keyof RunLensApi]-?: `${D & string}.${keyof NonNullable<RunLensApi[D]> & string}`;
}[keyof RunLensApi];

/** Every method name, listed once; a test checks it matches the interface. */
export const RUNLENS_METHODS = [
  'app.info',
  'assistants.list',
  'assistants.get',
  'assistants.create',
  'assistants.update',
  'assistants.duplicate',
  'assistants.delete',
  'assistants.versions',
  'assistants.restoreVersion',
  'threads.list',
  'threads.get',
  'threads.create',
  'threads.rename',
  'threads.setMetadata',
  'threads.duplicate',
  'threads.delete',
  'messages.list',
  'messages.create',
  'runs.create',
  'runs.get',
  'runs.list',
  'runs.cancel',
  'runs.submitToolOutputs',
  'runs.events',
  'runs.executeCall',
  'runs.eventsPage',
  'runs.eventBody',
  'handlers.list',
  'handlers.set',
  'handlers.preview',
  'models.list',
  'workspace.config',
  'workspace.importConfig',
  'workspace.exportConfig',
  'workspace.setSecret',
  'workspace.hasSecret',
  'workspace.conneryActions',
  'workspace.importConnery',
  'workspace.mcpTools',
  'workspace.importMcp',
  'files.upload',
  'files.attached',
  'files.detach',
  'files.content',
  'models.probe',
  'providers.list',
  'providers.presets',
  'providers.save',
  'providers.remove',
  'providers.test',
  'scripted.get',
  'scripted.versions',
  'scripted.save',
  'prices.list',
  'prices.set',
  'settings.hasProviderKey',
  'settings.setProviderKey',
  'settings.clearProviderKey',
  'settings.serverStatus',
  'settings.setServerEnabled',
  'settings.apiKey',
  'settings.revealApiKey',
  'settings.regenerateApiKey',
  'sessions.export',
  'sessions.import',
  'sessions.search',
  'sessions.rerun',
  'sessions.fork',
  'sessions.diff',
  'sessions.lineage',
] as const satisfies readonly RunLensMethodName[];

// Compile-time check that RUNLENS_METHODS names every method exactly.
type _AllListed = Exclude<RunLensMethodName, (typeof RUNLENS_METHODS)[number]> extends never ? true : never;
export const _allMethodsListed: _AllListed = true;
