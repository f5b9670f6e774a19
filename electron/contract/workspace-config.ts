/**
 * The workspace config file's shapes (DESIGN.md § "Workspace config"), shared by the services
 * (which load and execute them) and the UI (which edits them). The raw form keeps every
 * `${env:NAME}` / `${secret:NAME}` reference as written; only the services ever resolve them.
 */

/** `auto` (default) executes at once; `ask` holds each call for a person in the Inbox. */
export type ApprovalMode = 'auto' | 'ask';
/** `output` (default): the model gets `{"error": "..."}`; `fail_run`: the run fails. */
export type OnErrorMode = 'output' | 'fail_run';

/** Options every tool entry may carry. */
export interface ToolCommonConfig {
  approval?: ApprovalMode;
  timeout_ms?: number;
  on_error?: OnErrorMode;
  /** Argument name → `thread.metadata.KEY`: the tenant guard. */
  pin?: Record<string, string>;
}

export interface WebhookToolConfig extends ToolCommonConfig {
  handler: 'webhook';
  url: string;
  headers?: Record<string, string>;
}

export interface ConneryToolConfig extends ToolCommonConfig {
  handler: 'connery';
  runner_url: string;
  action_id: string;
  api_key?: string;
  /** `flat` (default): the body is the arguments; `input`: `{"input": args}` answered by `{"data":{"output":…}}`. */
  envelope?: 'flat' | 'input';
}

export interface McpToolConfig extends ToolCommonConfig {
  handler: 'mcp';
  /** A key of `mcp_servers`. */
  server: string;
  /** The tool's name on that server (default: the function name). */
  tool?: string;
}

export interface CommandToolConfig extends ToolCommonConfig {
  handler: 'command';
  /** Program and its arguments; run without a shell. */
  command: string[];
  cwd?: string;
}

/** A live handler for one function. */
export type LiveToolConfig = WebhookToolConfig | ConneryToolConfig | McpToolConfig | CommandToolConfig;
export type LiveHandlerKind = LiveToolConfig['handler'];
export const LIVE_HANDLER_KINDS: readonly LiveHandlerKind[] = ['webhook', 'connery', 'mcp', 'command'];

/**
 * Where an import's functions go: assistants named by id or by name. Each gets (or has updated)
 * a function tool per imported tool whenever the config is applied; without it the imported
 * handlers serve any assistant's function of that name.
 */
export interface ImportTargets {
  assistants?: string[];
}

/** `"import": "connery"`: every action of a runner becomes a function with a connery handler. */
export interface ConneryImportConfig extends ToolCommonConfig, ImportTargets {
  import: 'connery';
  runner_url: string;
  api_key?: string;
  envelope?: 'flat' | 'input';
}

/** `"import": "mcp"`: every tool of a declared MCP server (or the listed ones) becomes a function with an mcp handler. */
export interface McpImportConfig extends ToolCommonConfig, ImportTargets {
  import: 'mcp';
  /** A key of `mcp_servers`. */
  server: string;
  /** Only these of the server's tools (default: all). */
  tools?: string[];
}

export type ImportConfig = ConneryImportConfig | McpImportConfig;
export type ToolEntryConfig = LiveToolConfig | ImportConfig;

export type McpServerConfig =
  | { command: string[]; env?: Record<string, string>; cwd?: string }
  | { url: string; headers?: Record<string, string> };

export interface ProviderConfig {
  base_url: string;
  api_key?: string;
}

/** The whole file. Every section is optional and defaults to empty. */
export interface WorkspaceConfig {
  providers: Record<string, ProviderConfig>;
  mcp_servers: Record<string, McpServerConfig>;
  tools: Record<string, ToolEntryConfig>;
}

/** A problem in the file, with the JSON path where it is (`$.tools.get_weather.url`). */
export class WorkspaceConfigError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'WorkspaceConfigError';
  }
}

/** The loaded config: `resolved` has secrets substituted (memory only); `raw` keeps references (store/export). */
export interface LoadedWorkspaceConfig extends WorkspaceConfig {
  raw: WorkspaceConfig;
}

export function emptyWorkspaceConfig(): WorkspaceConfig {
  return { providers: {}, mcp_servers: {}, tools: {} };
}
