/**
 * Live function execution: which handler answers a call (the assistant's own choice, else the
 * workspace config's entry for that function name, else a person), the tenant guard, schema
 * validation before anything runs, approval, and the `tool.execution.*` / `tool.call.blocked`
 * records. The run engine calls `prepare` for a round's calls while the run is in progress;
 * a person approving in the Inbox goes through `executeForPerson`.
 */
import type { CallExecution, FunctionHandler } from '../../../contract/api';
import type {
  RunEventPayloads,
  RunEventType,
  ToolArgumentsInvalidData,
  ToolCallBlockedData,
  ToolExecutionFinishedData,
  ToolExecutionStartedData,
} from '../../../contract/events';
import type { FunctionDefinition, Metadata, Run } from '../../../contract/objects';
import {
  emptyWorkspaceConfig,
  type LiveToolConfig,
  type McpServerConfig,
  type WorkspaceConfig,
} from '../../config/config-types';
import { childPath } from '../../config/validate-config';
import { resolveReferences } from '../../config/workspace-config';
import type { SecretStore } from '../../services-types';
import { validateArguments } from '../argument-validator';
import type { HandlerStore } from '../handlers';
import { runCommand } from './command';
import { fetchConneryActions, runConnery } from './connery';
import { DEFAULT_TIMEOUT_MS, type LiveCallContext, type LiveResult } from './live-types';
import { functionNameOf, McpManager } from './mcp';
import { applyPins } from './pin-guard';
import { runWebhook } from './webhook';

/** How one function of one assistant is answered right now. */
export type EffectiveHandler =
  | { kind: 'manual' | 'mock'; handler: FunctionHandler }
  | { kind: 'live'; handler: FunctionHandler; live: LiveToolConfig };

export interface ModelCall {
  id: string;
  name: string;
  arguments: string;
}

/** Records one event on a run (the engine's recorder, or the event log for Inbox approvals). */
export type RecordEvent = <K extends RunEventType>(type: K, data: RunEventPayloads[K]) => void;

export interface PreparedCalls {
  /** Outputs decided before requires_action: live results, guard blocks, schema errors. */
  outputs: Map<string, string>;
  /** Set when a call with `on_error: "fail_run"` failed: the run fails with this message. */
  failRun: string | null;
}

export interface LiveToolsDeps {
  handlers: HandlerStore;
  secrets: () => SecretStore | null;
  env?: NodeJS.ProcessEnv;
  now: () => number;
  threadMetadata: (threadId: string) => Metadata | null;
}

function functionOf(run: Run, name: string): FunctionDefinition | undefined {
  for (const t of run.tools) if (t.type === 'function' && t.function.name === name) return t.function;
  return undefined;
}

/** What the model gets for a call that did not produce an output. */
export function errorOutput(message: string): string {
  return JSON.stringify({ error: message });
}

/** An event that decides a call's output before requires_action (see `heldOutput`). */
export type HeldRecord =
  | { type: 'tool.call.blocked'; data: ToolCallBlockedData }
  | { type: 'tool.arguments.invalid'; data: ToolArgumentsInvalidData }
  | { type: 'tool.execution.finished'; data: ToolExecutionFinishedData };

/** The event types `heldOutput` reads. */
export const HELD_RECORD_TYPES = ['tool.call.blocked', 'tool.arguments.invalid', 'tool.execution.finished'] as const;

/**
 * The output the model gets for a call answered while the run was in progress (blocked, invalid,
 * or executed live), from the event that recorded it. `prepare` derives its outputs with this, and
 * startup recovery rebuilds them from the log with it, so a round that also waits for a person
 * keeps its live outputs across a restart.
 */
export function heldOutput(record: HeldRecord): string {
  switch (record.type) {
    case 'tool.call.blocked':
      return errorOutput(record.data.reason);
    case 'tool.arguments.invalid':
      return errorOutput(`invalid arguments: ${record.data.errors.join('; ')}`);
    case 'tool.execution.finished':
      return record.data.error === null ? (record.data.output ?? '') : errorOutput(record.data.error);
  }
}

export class LiveTools {
  private raw: WorkspaceConfig = emptyWorkspaceConfig();
  /** Functions of `"import"` entries (Connery actions, MCP tools): function name → handler. */
  private imported = new Map<string, LiveToolConfig>();
  /** Import entry name → the function definitions it brought in. */
  private importedFunctions = new Map<string, FunctionDefinition[]>();
  readonly importProblems: string[] = [];
  readonly mcp: McpManager;

  constructor(private readonly deps: LiveToolsDeps) {
    this.mcp = new McpManager((name) => this.mcpServer(name));
  }

  private sources() {
    return { env: this.deps.env ?? process.env, secrets: this.deps.secrets() };
  }

  /** The workspace config in use (raw: references intact). */
  workspace(): WorkspaceConfig {
    return this.raw;
  }

  /** Replaces the workspace config; MCP servers reconnect on next use, imports are re-read. */
  async setWorkspace(raw: WorkspaceConfig): Promise<void> {
    this.raw = raw;
    await this.mcp.reset();
    await this.refreshImports();
  }

  /**
   * Reads every import entry: a Connery runner's actions, an MCP server's tools (or the listed
   * ones). Each becomes a handler under its function name; the first import of a name answers
   * it. Problems are kept (one line each, with the entry's JSON path), not thrown.
   */
  async refreshImports(): Promise<void> {
    const next = new Map<string, LiveToolConfig>();
    const functions = new Map<string, FunctionDefinition[]>();
    const owner = new Map<string, string>();
    this.importProblems.length = 0;
    for (const [name, entry] of Object.entries(this.raw.tools)) {
      if (!('import' in entry)) continue;
      const path = childPath('$.tools', name);
      const found: Array<{ fn: FunctionDefinition; live: LiveToolConfig }> = [];
      try {
        if (entry.import === 'connery') {
          const { import: _i, assistants: _a, ...rest } = entry;
          const resolved = await resolveReferences(entry, path, this.sources());
          for (const action of await fetchConneryActions(resolved.runner_url, resolved.api_key)) {
            found.push({ fn: { name: action.name, description: action.description, parameters: action.parameters }, live: { ...rest, handler: 'connery', action_id: action.name } });
          }
        } else {
          const { import: _i, assistants: _a, tools: wanted, ...rest } = entry;
          const offered = await this.mcp.listTools(entry.server);
          wanted?.forEach((tool, i) => {
            if (!offered.some((t) => t.name === tool)) this.importProblems.push(`${childPath(childPath(path, 'tools'), i)}: the MCP server '${entry.server}' has no tool '${tool}'`);
          });
          for (const t of offered) {
            if (wanted && !wanted.includes(t.name)) continue;
            found.push({ fn: { name: functionNameOf(t.name), description: t.description, parameters: t.parameters }, live: { ...rest, handler: 'mcp', tool: t.name } });
          }
        }
      } catch (error) {
        this.importProblems.push(`${path}: ${(error as Error).message}`);
        continue;
      }
      const mine: FunctionDefinition[] = [];
      for (const { fn, live } of found) {
        const first = owner.get(fn.name);
        if (first !== undefined) {
          this.importProblems.push(`${path}: '${fn.name}' is also imported by ${first}, which answers it`);
          continue;
        }
        owner.set(fn.name, path);
        next.set(fn.name, live);
        mine.push(fn);
      }
      functions.set(name, mine);
    }
    this.imported = next;
    this.importedFunctions = functions;
  }

  /** The function definitions an import entry brought in when it was last read (null when it could not be read). */
  importedDefinitions(entryName: string): FunctionDefinition[] | null {
    return this.importedFunctions.get(entryName) ?? null;
  }

  private async mcpServer(name: string): Promise<{ raw: McpServerConfig; resolved: McpServerConfig } | null> {
    const raw = this.raw.mcp_servers[name];
    if (!raw) return null;
    return { raw, resolved: await resolveReferences(raw, `$.mcp_servers.${name}`, this.sources()) };
  }

  /** The workspace's handler for a function name, if the config has one. */
  workspaceTool(functionName: string): LiveToolConfig | null {
    const entry = this.raw.tools[functionName];
    if (entry && 'handler' in entry) return entry;
    return this.imported.get(functionName) ?? null;
  }

  /** The assistant's own handler wins; otherwise the workspace config's; otherwise a person. */
  effective(assistantId: string, functionName: string): EffectiveHandler {
    const handler = this.deps.handlers.get(assistantId, functionName);
    if (handler.source === 'assistant' && (handler.mode === 'manual' || handler.mode === 'mock')) return { kind: handler.mode, handler };
    if (handler.source === 'assistant' && handler.live) return { kind: 'live', handler, live: handler.live };
    const ws = this.workspaceTool(functionName);
    if (ws) return { kind: 'live', handler: { ...handler, mode: 'live', auto: true, live: ws, source: 'workspace' }, live: ws };
    return { kind: 'manual', handler };
  }

  /** Runs a live handler with its references resolved; never throws. */
  async execute(live: LiveToolConfig, ctx: LiveCallContext): Promise<LiveResult> {
    let resolved: LiveToolConfig;
    try {
      resolved = await resolveReferences(live, `handler of ${ctx.function}`, this.sources());
    } catch (error) {
      return { output: null, error: `configuration problem: ${(error as Error).message}`, request: { handler: live.handler }, response: null };
    }
    switch (live.handler) {
      case 'webhook':
        return runWebhook(live, resolved as typeof live, ctx);
      case 'connery':
        return runConnery(live, resolved as typeof live, ctx);
      case 'command':
        return runCommand(live, resolved as typeof live, ctx);
      case 'mcp':
        return this.mcp.call(live, resolved as typeof live, ctx);
    }
  }

  /** Executes with `tool.execution.started` / `.finished` around it. */
  private async executeRecorded(
    live: LiveToolConfig,
    run: Run,
    stepId: string,
    call: ModelCall,
    args: string,
    signal: AbortSignal,
    record: RecordEvent,
    trigger: 'auto' | 'approval',
  ): Promise<{ result: LiveResult; finished: ToolExecutionFinishedData }> {
    const ctx: LiveCallContext = {
      function: call.name,
      arguments: args,
      call_id: call.id,
      run_id: run.id,
      thread_id: run.thread_id,
      assistant_id: run.assistant_id,
      signal,
      timeoutMs: live.timeout_ms ?? DEFAULT_TIMEOUT_MS,
    };
    let started: number | null = null;
    const base = { step_id: stepId, call_id: call.id, function: call.name, mode: 'live' as const, handler: live.handler };
    const start = (request: Record<string, unknown>): void => {
      if (started !== null) return;
      started = this.deps.now();
      record('tool.execution.started', { ...base, arguments: args, request, trigger } satisfies ToolExecutionStartedData);
    };
    ctx.onRequest = start;
    const result = await this.execute(live, ctx);
    start(result.request);
    const finished: ToolExecutionFinishedData = {
      ...base,
      output: result.output,
      error: result.error,
      duration_ms: this.deps.now() - (started ?? this.deps.now()),
      request: result.request,
      response: result.response,
    };
    record('tool.execution.finished', finished);
    return { result, finished };
  }

  /**
   * The engine's hook for a round of calls, while the run is in progress: guarded, validated
   * automatic live calls execute now; calls for a person (manual, mock, approval) are left out.
   */
  async prepare(input: { run: Run; stepId: string; calls: ModelCall[]; signal: AbortSignal; record: RecordEvent }): Promise<PreparedCalls> {
    const { run, stepId, signal, record } = input;
    const outputs = new Map<string, string>();
    let failRun: string | null = null;
    let metadata: Metadata | null | undefined;
    await Promise.all(
      input.calls.map(async (call) => {
        const eff = this.effective(run.assistant_id, call.name);
        if (eff.kind !== 'live') return;
        metadata ??= this.deps.threadMetadata(run.thread_id);
        const pinned = applyPins(eff.live.pin, call.arguments, metadata);
        if (pinned.blocked) {
          const { blocked: _b, ...rest } = pinned;
          const data: ToolCallBlockedData = { step_id: stepId, call_id: call.id, function: call.name, arguments: call.arguments, ...rest };
          record('tool.call.blocked', data);
          outputs.set(call.id, heldOutput({ type: 'tool.call.blocked', data }));
          return;
        }
        if (eff.live.approval === 'ask') return;
        const errors = validateArguments(functionOf(run, call.name), pinned.arguments);
        if (errors) {
          const data: ToolArgumentsInvalidData = { step_id: stepId, call_id: call.id, function: call.name, arguments: pinned.arguments, errors };
          record('tool.arguments.invalid', data);
          outputs.set(call.id, heldOutput({ type: 'tool.arguments.invalid', data }));
          return;
        }
        const { result, finished } = await this.executeRecorded(eff.live, run, stepId, call, pinned.arguments, signal, record, 'auto');
        if (result.error !== null && eff.live.on_error === 'fail_run') failRun ??= `The function ${call.name} failed: ${result.error}`;
        else outputs.set(call.id, heldOutput({ type: 'tool.execution.finished', data: finished }));
      }),
    );
    return { outputs, failRun };
  }

  /** What the Inbox needs to know about a pending call. */
  describePending(run: Run, call: ModelCall): {
    handler: 'manual' | 'mock' | LiveToolConfig['handler'];
    approval: boolean;
    effective_arguments: string | null;
    blocked_reason: string | null;
  } {
    const eff = this.effective(run.assistant_id, call.name);
    if (eff.kind !== 'live') return { handler: eff.kind, approval: false, effective_arguments: call.arguments, blocked_reason: null };
    const pinned = applyPins(eff.live.pin, call.arguments, this.deps.threadMetadata(run.thread_id));
    return {
      handler: eff.live.handler,
      approval: eff.live.approval === 'ask',
      effective_arguments: pinned.blocked ? null : pinned.arguments,
      blocked_reason: pinned.blocked ? pinned.reason : null,
    };
  }

  /**
   * A person approves a pending call (optionally with edited arguments): guarded, validated,
   * executed and recorded. Throws `CallRefused` (nothing executed) when the arguments are
   * invalid or the guard blocks them.
   */
  async executeForPerson(run: Run, stepId: string, call: ModelCall, args: string | undefined, signal: AbortSignal, record: RecordEvent): Promise<CallExecution> {
    const eff = this.effective(run.assistant_id, call.name);
    if (eff.kind !== 'live') throw new CallRefused(`${call.name} has no live handler; answer it by hand or with its mock.`);
    const pinned = applyPins(eff.live.pin, args ?? call.arguments, this.deps.threadMetadata(run.thread_id));
    if (pinned.blocked) {
      const { blocked: _b, ...rest } = pinned;
      record('tool.call.blocked', { step_id: stepId, call_id: call.id, function: call.name, arguments: args ?? call.arguments, ...rest } satisfies ToolCallBlockedData);
      throw new CallRefused(pinned.reason);
    }
    const errors = validateArguments(functionOf(run, call.name), pinned.arguments);
    if (errors) throw new CallRefused(`The arguments do not match ${call.name}'s schema: ${errors.join('; ')}`);
    const { result } = await this.executeRecorded(eff.live, run, stepId, call, pinned.arguments, signal, record, 'approval');
    return { output: result.output, error: result.error };
  }

  async close(): Promise<void> {
    await this.mcp.close();
  }
}

/** A person's approval that cannot go ahead (nothing was executed). */
export class CallRefused extends Error {}
