/**
 * RunLensApi: the one typed contract between the UI and the services. Electron IPC
 * (preload) and HTTP+SSE (browser mode) both carry exactly these calls and the events
 * of `RunLensEvents`. Channel names are derived from it (`assistants.list`, …).
 */
import type { ForkEdit, ReexecuteSummary, RunDiff, RunOrigin, SearchHit, SessionExportResult, SessionImportResult } from './sessions';
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

/** One page of a run's event log (`runs.eventsPage`). */
export interface RunEventsPage {
  /** Events with seq > the asked `afterSeq`, oldest first, at most the asked `limit`. */
  events: RunEventRecord[];
  /** The seq of the run's newest event when the page was read: how far the log goes. */
  last_seq: number;
  /** True when events after this page exist (ask again after the page's last seq). */
  has_more: boolean;
}

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
}

export interface PendingCall {
  call_id: string;
  step_id: string;
  function: string;
  arguments: string;
  /** null when the arguments are valid JSON that satisfy the function's schema. */
  validation_errors: string[] | null;
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
  updated_at: number;
}

export interface HandlerInput {
  mode: HandlerMode;
  auto?: boolean;
  mock?: MockHandlerConfig;
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
}

export interface ServerStatus {
  enabled: boolean;
  url: string | null;
  port: number | null;
}

export interface RunLensApi {
  app: {
    info(): Promise<AppInfo>;
  };
  assistants: {
    list(): Promise<Assistant[]>;
    get(id: string): Promise<Assistant>;
    create(input: AssistantInput): Promise<Assistant>;
    update(id: string, input: Partial<AssistantInput>): Promise<Assistant>;
    duplicate(id: string): Promise<Assistant>;
    delete(id: string): Promise<void>;
    versions(id: string): Promise<AssistantVersion[]>;
    restoreVersion(id: string, version: number): Promise<Assistant>;
  };
  threads: {
    list(query?: { search?: string; limit?: number }): Promise<ThreadSummary[]>;
    get(id: string): Promise<Thread>;
    create(input?: { title?: string; metadata?: Metadata | null }): Promise<Thread>;
    rename(id: string, title: string): Promise<Thread>;
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
    /** The run's recorded events after `afterSeq` (0 for all), oldest first. */
    events(runId: string, afterSeq?: number): Promise<RunEventRecord[]>;
    /**
     * The same log in pages, so a 100,000-event run never travels as one reply: at most
     * `limit` events (default 5,000, capped at 20,000) after `afterSeq`, plus where the log ends.
     */
    eventsPage(runId: string, afterSeq?: number, limit?: number): Promise<RunEventsPage>;
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
  settings: {
    /** True when a key is stored for the provider; the key itself never leaves the services. */
    hasProviderKey(provider: string): Promise<boolean>;
    setProviderKey(provider: string, key: string): Promise<void>;
    clearProviderKey(provider: string): Promise<void>;
    serverStatus(): Promise<ServerStatus>;
    setServerEnabled(enabled: boolean): Promise<ServerStatus>;
  };
  /** Session files, full-text search, re-run, fork and diff (issue 11). */
  sessions: {
    /** Writes the threads (all when none) to `file`, or to the data directory's exports folder. */
    export(input: { thread_ids?: string[]; file?: string }): Promise<SessionExportResult>;
    /** Validates a session file on this machine, then adds it in one transaction. */
    import(file: string): Promise<SessionImportResult>;
    search(query: string, limit?: number): Promise<SearchHit[]>;
    rerun(runId: string, options?: { mode?: 'replay' | 'live'; until_round?: number }): Promise<ReexecuteSummary>;
    fork(runId: string, stepId: string, edit: ForkEdit): Promise<ReexecuteSummary>;
    diff(runA: string, runB: string): Promise<RunDiff>;
    lineage(runId: string): Promise<{ origin: RunOrigin | null; children: RunOrigin[] }>;
  };
}

/** Pushes from the services. Every face receives every event. */
export interface RunLensEvents {
  'run.event': RunEventRecord;
  'entity.changed': EntityChange;
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
}

/** The method names of the contract as `domain.method`, for channel names and handler tables. */
export type RunLensMethodName = {
  [D in keyof RunLensApi]: `${D & string}.${keyof RunLensApi[D] & string}`;
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
  'runs.eventsPage',
  'handlers.list',
  'handlers.set',
  'handlers.preview',
  'models.list',
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
