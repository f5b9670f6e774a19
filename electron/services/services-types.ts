/**
 * What a face (Electron main, the headless server, tests) gets when it opens the services.
 * Everything here is plain Node; nothing imports electron.
 */
import type { RunLensApi, RunLensEventName, RunLensEvents, ServerStatus } from '../contract/api';
import type { RuntimeApi } from './runtime/runtime-types';
import type { WorkspaceConfig } from '../contract/workspace-config';
import type { BuiltinOptions, BuiltinTools } from './builtin/builtin-tools';
import type { V1Key } from './cli/api-key';

/** Where provider keys live: safeStorage in Electron, a 0600 file or the environment headless. */
export interface SecretStore {
  has(provider: string): Promise<boolean>;
  get(provider: string): Promise<string | null>;
  set(provider: string, key: string): Promise<void>;
  clear(provider: string): Promise<void>;
}

/** Turns the local HTTP server (UI + bridge + /v1) on and off while the app runs. */
export interface ServerControl {
  status(): ServerStatus;
  setEnabled(enabled: boolean): Promise<ServerStatus>;
}

export interface ServicesOptions {
  /** The SQLite file. */
  dbPath: string;
  /** The data directory (keys, settings). */
  dataDir: string;
  /** Seconds from creation until an active run expires (600 by default, as the real API). */
  runExpirySeconds?: number;
  /** Clock in milliseconds; tests pass a fake one. */
  now?: () => number;
  mode?: 'electron' | 'browser';
  /** Who holds the database lock, as a second process is told: `app`, `serve` (default from mode), or a tool's name. */
  kind?: string;
  secrets?: SecretStore;
  server?: ServerControl;
  /** The `/v1` key given with --api-key / RUNLENS_API_KEY; without it, the data directory's generated key. */
  apiKey?: string | null;
  /** The workspace config from `--config` / RUNLENS_CONFIG (raw, validated); else the one the app stored. */
  workspaceConfig?: WorkspaceConfig;
  workspaceConfigFile?: string;
  /** Where `${env:NAME}` and OPENAI_API_KEY / OPENAI_BASE_URL are read (process.env by default). */
  env?: NodeJS.ProcessEnv;
  /**
   * Review mode: the database is a temporary copy of this session file, shown read-only. Calls
   * that would change anything are refused (403), `/v1` answers only reads, and runs the file
   * caught active are shown as recorded (no recovery, no expiry).
   */
  review?: { file: string };
  /** Upload and sandbox limits (default: built-in defaults, or RUNLENS_* environment variables). */
  builtin?: BuiltinOptions;
}

export interface Services {
  runtime: RuntimeApi;
  /** Files, vector stores and the built-in tools; absent in fakes that do not serve them. */
  builtins?: BuiltinTools;
  /** The bridge contract implemented over the runtime, for IPC and the browser bridge. */
  api: RunLensApi;
  /**
   * Resolves once every write made so far is committed (rejects with a 500 StorageError when
   * the batch holding them is given up). Faces answer a call only after it: acknowledge after commit.
   */
  committed(): Promise<void>;
  /** Resolves once no session import holds the database (the server holds `/v1` requests until then). */
  whenIdle?(): Promise<void>;
  /** Review mode's refusal for anything but reads (the server refuses `/v1` writes with it); null otherwise. */
  readOnly?: string | null;
  /** The `/v1` key: the HTTP server checks requests against `current()`; Settings shows and regenerates it. */
  v1Key: V1Key;
  /** Attach the server control after the HTTP server exists (the server needs the services first). */
  setServerControl(control: ServerControl): void;
  setApiBaseUrl(url: string | null): void;
  /**
   * Every push for the faces: committed run events ('run.event') and entity changes
   * ('entity.changed'), in commit order. Returns the unsubscribe function.
   */
  subscribe(listener: <K extends RunLensEventName>(name: K, payload: RunLensEvents[K]) => void): () => void;
  /** Stops the scheduler, flushes pending events, closes the database. */
  close(): Promise<void>;
}
