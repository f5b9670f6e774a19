/**
 * The bridge methods for the live world: the workspace config (import, export, secrets),
 * importing Connery actions and MCP tools as function tools with their handlers, checking a
 * live handler before it is stored, and a person's approval of a pending call.
 */
import type { CallExecution, ConneryImportInput, ImportableTool, ImportSummary, RunLensApi, WorkspaceConfigInfo } from '../contract/api';
import type { Assistant, AssistantTool, FunctionDefinition } from '../contract/objects';
import type { LiveToolConfig, WorkspaceConfig } from '../contract/workspace-config';
import { WorkspaceConfigError } from './config/config-types';
import type { WorkspaceConfigStore } from './config/config-store';
import { childPath } from './config/validate-config';
import { formatWorkspaceConfig, parseWorkspaceConfigText, resolveReferences, validateWorkspaceConfig } from './config/workspace-config';
import { ApiError } from './runtime/api-error';
import type { AssistantsRuntime } from './runtime/runtime';
import type { SecretStore } from './services-types';
import type { HandlerStore } from './tools/handlers';
import { ConneryError, fetchConneryActions } from './tools/live/connery';
import { CallRefused, type LiveTools } from './tools/live/live-tools';
import { functionNameOf } from './tools/live/mcp';
import { collectPages } from './collect-pages';

export interface LiveServiceDeps {
  runtime: AssistantsRuntime;
  handlers: HandlerStore;
  live: LiveTools;
  configStore: WorkspaceConfigStore;
  secrets: () => SecretStore | null;
  env: NodeJS.ProcessEnv;
  /** The file given with --config / RUNLENS_CONFIG, when there is one. */
  configFile: string | null;
  /**
   * Run, in order, each time a config is applied: at start and after an import in the app, so
   * every part that reads the config (the provider registry, …) takes the new one at once.
   * Each returns its problems (one line each), shown with the config.
   */
  onConfigApplied?: ConfigAppliedHook[];
}

/** One part that takes a newly applied workspace config; resolves with its problems (empty when none). */
export type ConfigAppliedHook = (raw: WorkspaceConfig) => Promise<string[]>;

function configError(error: unknown): never {
  if (error instanceof WorkspaceConfigError) throw new ApiError(400, error.message, 'invalid_request_error', error.path);
  throw error;
}

/** A value that is one reference and nothing else. */
const WHOLE_REFERENCE = /^\$\{(env|secret):[A-Za-z0-9_.-]+\}$/;
const SENSITIVE = /authorization|cookie|token|secret|key|password/i;
const ONLY_REFERENCE = /^(\S+ )?\$\{(env|secret):[^}]+\}$/;

/**
 * Refuses a live handler that would store a secret in clear: a sensitive header or an api_key
 * must be a `${secret:NAME}` / `${env:NAME}` reference (optionally after a scheme like `Bearer`).
 */
export function checkNoLiteralSecrets(live: LiveToolConfig, path = '$.live'): void {
  const refuse = (where: string): never => {
    throw new ApiError(400, `${where}: store the secret with workspace.setSecret and write \${secret:NAME} here instead of the value`, 'invalid_request_error', where);
  };
  if ('headers' in live && live.headers) {
    for (const [k, v] of Object.entries(live.headers)) if (SENSITIVE.test(k) && !ONLY_REFERENCE.test(v)) refuse(childPath(childPath(path, 'headers'), k));
  }
  if ('api_key' in live && live.api_key !== undefined && !ONLY_REFERENCE.test(live.api_key)) refuse(childPath(path, 'api_key'));
}

/** Validates a live handler as the config file would (same JSON paths, relative to `$.live`). */
export function validateLiveInput(live: LiveToolConfig, functionName: string, workspace: WorkspaceConfig): LiveToolConfig {
  try {
    const checked = validateWorkspaceConfig({ mcp_servers: workspace.mcp_servers, tools: { [functionName]: live } }).tools[functionName];
    if (!('handler' in checked)) throw new WorkspaceConfigError('$.live', 'must name a handler');
    checkNoLiteralSecrets(checked);
    return checked;
  } catch (error) {
    if (error instanceof WorkspaceConfigError) {
      const path = error.path.replace(`$.tools.${functionName}`, '$.live').replace(`$.tools[${JSON.stringify(functionName)}]`, '$.live');
      throw new ApiError(400, `${path}: ${error.problem}`, 'invalid_request_error', path);
    }
    throw error;
  }
}

function sameDefinition(a: FunctionDefinition, b: FunctionDefinition): boolean {
  return (a.description ?? '') === (b.description ?? '') && JSON.stringify(a.parameters ?? {}) === JSON.stringify(b.parameters ?? {});
}

/** One line saying what differs between the stored and the imported definition. */
function describeChange(name: string, before: FunctionDefinition, after: FunctionDefinition): string {
  const parts: string[] = [];
  if ((before.description ?? '') !== (after.description ?? '')) parts.push('description');
  const props = (f: FunctionDefinition) => Object.keys(((f.parameters ?? {}) as { properties?: object }).properties ?? {});
  const was = props(before);
  const now = props(after);
  const added = now.filter((p) => !was.includes(p));
  const removed = was.filter((p) => !now.includes(p));
  if (added.length) parts.push(`parameters added: ${added.join(', ')}`);
  if (removed.length) parts.push(`parameters removed: ${removed.join(', ')}`);
  if (!added.length && !removed.length && JSON.stringify(before.parameters ?? {}) !== JSON.stringify(after.parameters ?? {})) parts.push('parameter schema changed');
  return `${name}: ${parts.join('; ')}`;
}

export function createLiveApi(deps: LiveServiceDeps): Pick<RunLensApi, 'workspace'> & {
  executeCall(runId: string, callId: string, args?: string): Promise<CallExecution>;
  validateLive(functionName: string, live: LiveToolConfig): LiveToolConfig;
  /** Applies a config's imports to the assistants they name; resolves with the problems. */
  applyImports(raw: WorkspaceConfig): Promise<string[]>;
} {
  const { runtime, handlers, live } = deps;
  let source: WorkspaceConfigInfo['source'] = deps.configFile ? 'file' : deps.configStore.load() ? 'app' : 'none';
  const sources = () => ({ env: deps.env, secrets: deps.secrets() });
  /** What the onConfigApplied parts reported for the config imported last. */
  let appliedProblems: string[] = [];
  /** What putting the imports on their assistants reported, the last time it ran. */
  let targetProblems: string[] = [];

  const info = async (): Promise<WorkspaceConfigInfo> => {
    const raw = live.workspace();
    let problem: string | null = null;
    try {
      await resolveReferences(raw, '$', sources());
    } catch (error) {
      problem = (error as Error).message;
    }
    const more = [...live.importProblems, ...targetProblems, ...appliedProblems];
    if (!problem && more.length) problem = more.join('\n');
    return { text: formatWorkspaceConfig(raw), source, file: source === 'file' ? deps.configFile : null, problem };
  };

  /** A key typed in the import dialog is kept in the secret store; the handler stores its reference. */
  const keyReference = async (runnerUrl: string, apiKey: string | undefined): Promise<string | undefined> => {
    if (!apiKey?.trim()) return undefined;
    if (WHOLE_REFERENCE.test(apiKey)) return apiKey;
    const secrets = deps.secrets();
    if (!secrets) throw new ApiError(400, 'No secret store is available to keep the API key; use ${env:NAME}.', 'invalid_request_error', 'api_key');
    const name = `connery-${new URL(runnerUrl).host.replace(/[^A-Za-z0-9]/g, '-')}`.slice(0, 64);
    await secrets.set(name, apiKey.trim());
    return `\${secret:${name}}`;
  };

  const functionsOf = (assistantId: string): FunctionDefinition[] =>
    runtime.getAssistant(assistantId).tools.flatMap((t) => (t.type === 'function' ? [t.function] : []));

  const classify = (assistantId: string, items: Array<{ name: string; description: string; parameters: Record<string, unknown> }>): ImportableTool[] => {
    const existing = new Map(functionsOf(assistantId).map((f) => [f.name, f]));
    return items.map((item) => {
      const known = existing.get(item.name);
      return { ...item, status: !known ? 'new' : sameDefinition(known, item) ? 'same' : 'changed' };
    });
  };

  /** Adds or updates function tools, in one assistant version (none when nothing changed). */
  const addFunctions = (assistantId: string, fns: FunctionDefinition[]): ImportSummary => {
    const assistant = runtime.getAssistant(assistantId);
    const summary: ImportSummary = { added: [], updated: [], unchanged: [], changes: [] };
    const tools: AssistantTool[] = [...assistant.tools];
    for (const fn of fns) {
      const i = tools.findIndex((t) => t.type === 'function' && t.function.name === fn.name);
      if (i < 0) {
        tools.push({ type: 'function', function: fn });
        summary.added.push(fn.name);
      } else {
        const before = (tools[i] as { function: FunctionDefinition }).function;
        if (sameDefinition(before, fn)) summary.unchanged.push(fn.name);
        else {
          summary.changes.push(describeChange(fn.name, before, fn));
          tools[i] = { type: 'function', function: { ...before, description: fn.description, parameters: fn.parameters } };
          summary.updated.push(fn.name);
        }
      }
    }
    if (summary.added.length || summary.updated.length) runtime.updateAssistant(assistantId, { tools });
    return summary;
  };

  /** Adds or updates function tools and sets their live handlers, in one assistant version. */
  const importInto = (assistantId: string, items: Array<{ fn: FunctionDefinition; live: LiveToolConfig }>): ImportSummary => {
    const summary = addFunctions(
      assistantId,
      items.map((i) => i.fn),
    );
    for (const { fn, live: cfg } of items) {
      const current = handlers.get(assistantId, fn.name);
      if (current.mode === 'live' && JSON.stringify(current.live) === JSON.stringify(cfg)) continue;
      handlers.set(assistantId, fn.name, { mode: 'live', auto: true, live: cfg });
      runtime.emit({ kind: 'handler', op: 'updated', id: `${assistantId}/${fn.name}` });
    }
    return summary;
  };

  /** An assistant by id, else by its (unique) name; a string says why there is none. */
  const findAssistant = (ref: string): Assistant | string => {
    try {
      return runtime.getAssistant(ref);
    } catch {
      const named = collectPages((after) => runtime.listAssistants({ limit: 100, order: 'asc', after })).filter((a) => a.name === ref);
      if (named.length === 1) return named[0];
      return named.length === 0 ? `no assistant has the id or name '${ref}'` : `${named.length} assistants are named '${ref}'; use the id`;
    }
  };

  /**
   * Puts each import entry's functions on the assistants it names (`"assistants"`), as the
   * Import tools dialog does; their handlers stay the workspace's (an assistant's own wins).
   * Runs after the live tools have read the imports, at start and after an import in the app.
   */
  const applyImports = async (raw: WorkspaceConfig): Promise<string[]> => {
    const problems: string[] = [];
    for (const [name, entry] of Object.entries(raw.tools)) {
      if (!('import' in entry) || !entry.assistants) continue;
      const fns = live.importedDefinitions(name);
      if (!fns) continue; // the entry could not be read: live.importProblems says why
      const path = childPath(childPath('$.tools', name), 'assistants');
      entry.assistants.forEach((ref, i) => {
        const target = findAssistant(ref);
        if (typeof target === 'string') problems.push(`${childPath(path, i)}: ${target}`);
        else addFunctions(target.id, fns);
      });
    }
    targetProblems = problems;
    return problems;
  };

  const conneryActions = async (input: ConneryImportInput) => {
    try {
      validateWorkspaceConfig({ tools: { import: { import: 'connery', runner_url: input.runner_url } } });
    } catch (error) {
      configError(error);
    }
    let key = input.api_key?.trim() || undefined;
    if (key && WHOLE_REFERENCE.test(key)) key = await resolveReferences(key, '$.api_key', sources()).catch(configError);
    try {
      return await fetchConneryActions(input.runner_url, key);
    } catch (error) {
      if (error instanceof ConneryError) throw new ApiError(400, `Cannot read the Connery runner: ${error.message}`, 'invalid_request_error', 'runner_url');
      throw error;
    }
  };

  const mcpToolList = async (server: string) => {
    if (!live.workspace().mcp_servers[server]) throw new ApiError(404, `No MCP server named '${server}' is in the workspace config.`, 'invalid_request_error', 'server');
    try {
      return await live.mcp.listTools(server);
    } catch (error) {
      throw new ApiError(400, `Cannot list the tools of MCP server '${server}': ${(error as Error).message}`, 'invalid_request_error', 'server');
    }
  };

  return {
    validateLive: (functionName, cfg) => validateLiveInput(cfg, functionName, live.workspace()),
    applyImports,
    async executeCall(runId, callId, args) {
      const run = runtime.getRunById(runId);
      if (run.status !== 'requires_action' || !run.required_action) throw new ApiError(400, `Runs in status "${run.status}" have no call waiting for approval.`);
      const call = run.required_action.submit_tool_outputs.tool_calls.find((c) => c.id === callId);
      if (!call) throw new ApiError(404, `Run '${runId}' has no pending call '${callId}'.`, 'invalid_request_error', 'call_id');
      const signal = runtime.engine.signalOf(runId);
      if (!signal) throw new ApiError(400, 'The run is no longer active.');
      const step = runtime.engine.currentStepId(runId) ?? '';
      try {
        return await live.executeForPerson(run, step, { id: call.id, name: call.function.name, arguments: call.function.arguments }, args, signal, (type, data) =>
          runtime.recordEvent(run, type, data),
        );
      } catch (error) {
        if (error instanceof CallRefused) throw new ApiError(400, error.message, 'invalid_request_error', 'arguments');
        throw error;
      }
    },
    workspace: {
      config: info,
      async importConfig(text) {
        let raw: WorkspaceConfig;
        try {
          raw = parseWorkspaceConfigText(text);
          await resolveReferences(raw, '$', sources());
        } catch (error) {
          configError(error);
        }
        deps.configStore.save(raw);
        source = 'app';
        await live.setWorkspace(raw);
        await applyImports(raw);
        appliedProblems = [];
        for (const hook of deps.onConfigApplied ?? []) appliedProblems.push(...(await hook(raw)));
        runtime.emit({ kind: 'settings', op: 'updated', id: 'workspace_config' });
        return info();
      },
      exportConfig: async () => formatWorkspaceConfig(live.workspace()),
      async setSecret(name, value) {
        const secrets = deps.secrets();
        if (!secrets) throw new ApiError(400, 'No secret store is available in this mode.');
        await secrets.set(name, value);
        runtime.emit({ kind: 'settings', op: 'updated', id: `secret/${name}` });
      },
      hasSecret: async (name) => (await deps.secrets()?.has(name)) ?? false,
      conneryActions: async (assistantId, input) => classify(assistantId, await conneryActions(input)),
      async importConnery(assistantId, input) {
        runtime.getAssistant(assistantId);
        const actions = await conneryActions(input);
        const wanted = input.action_ids ? actions.filter((a) => input.action_ids?.includes(a.name)) : actions;
        if (input.action_ids && wanted.length !== input.action_ids.length) {
          const missing = input.action_ids.filter((id) => !actions.some((a) => a.name === id));
          throw new ApiError(400, `The runner has no action ${missing.join(', ')}.`, 'invalid_request_error', 'action_ids');
        }
        const apiKey = await keyReference(input.runner_url, input.api_key);
        return importInto(
          assistantId,
          wanted.map((a) => ({
            fn: { name: a.name, description: a.description, parameters: a.parameters },
            live: {
              handler: 'connery',
              runner_url: input.runner_url,
              action_id: a.name,
              ...(apiKey ? { api_key: apiKey } : {}),
              ...(input.envelope === 'input' ? { envelope: 'input' as const } : {}),
              ...(input.approval === 'ask' ? { approval: 'ask' as const } : {}),
            },
          })),
        );
      },
      mcpTools: async (assistantId, server) => {
        runtime.getAssistant(assistantId);
        const tools = await mcpToolList(server);
        return classify(
          assistantId,
          tools.map((t) => ({ ...t, name: functionNameOf(t.name) })),
        );
      },
      async importMcp(assistantId, server, names) {
        runtime.getAssistant(assistantId);
        const tools = await mcpToolList(server);
        const wanted = names ? tools.filter((t) => names.includes(t.name)) : tools;
        return importInto(
          assistantId,
          wanted.map((t) => {
            return { fn: { name: functionNameOf(t.name), description: t.description, parameters: t.parameters }, live: { handler: 'mcp', server, tool: t.name } };
          }),
        );
      },
    },
  };
}
