/**
 * The built-in tools RunLens executes itself (file_search and code_interpreter), behind one
 * small surface the run engine calls: which calls are built-in for a run, the function
 * definitions a model sees for them (so live models can call them like any function), and
 * `execute`, which runs one call and returns the step's tool-call object plus the text the
 * model reads back. Uploaded files and vector stores live here too.
 */
import type { FunctionDefinition, Run, ToolCall } from '../../contract/objects';
import type { Db } from '../db/database';
import type { Store } from '../runtime/store';
import { CodeSandbox, DEFAULT_SANDBOX_LIMITS, type SandboxLimits } from './code-interpreter';
import { runCodeInterpreter } from './code-interpreter-call';
import { DEFAULT_FILE_LIMITS, FileStore, type FileLimits } from './file-store';
import { fileSearchOutput, runFileSearch } from './file-search';
import { VectorStores } from './vector-stores';

export type BuiltinName = 'file_search' | 'code_interpreter';

/** Function definitions of the built-in tools, as a model (mock or live) is offered them. */
export const BUILTIN_DEFINITIONS: Record<BuiltinName, FunctionDefinition> = {
  file_search: {
    name: 'file_search',
    description: "Search the assistant's and thread's uploaded files. Returns ranked passages with file ids to cite.",
    parameters: { type: 'object', properties: { query: { type: 'string', description: 'What to look for.' } }, required: ['query'] },
  },
  code_interpreter: {
    name: 'code_interpreter',
    description: 'Run Python 3 (standard library only, no network). Attached files are in /mnt/data; files written there are returned.',
    parameters: { type: 'object', properties: { code: { type: 'string', description: 'Python source to run.' } }, required: ['code'] },
  },
};

/** One call as the engine hands it over. */
export interface BuiltinCallInput {
  id: string;
  name: string;
  arguments: string;
}

/** What an execution produced. */
export interface BuiltinResult {
  toolCall: ToolCall;
  /** What the model reads back as the tool's output. */
  output: string;
  error: string | null;
}

export interface BuiltinOptions {
  fileLimits?: Partial<FileLimits>;
  sandboxLimits?: Partial<SandboxLimits>;
}

/** Files, vector stores and the two built-in tools. */
export class BuiltinTools {
  readonly files: FileStore;
  readonly vectorStores: VectorStores;
  readonly sandbox: CodeSandbox;

  constructor(
    db: Db,
    dataDir: string,
    private readonly store: Store,
    now: () => number,
    options: BuiltinOptions = {},
  ) {
    this.files = new FileStore(db, dataDir, now, { ...DEFAULT_FILE_LIMITS, ...options.fileLimits });
    this.vectorStores = new VectorStores(db, this.files, now);
    this.sandbox = new CodeSandbox({ ...DEFAULT_SANDBOX_LIMITS, ...options.sandboxLimits });
  }

  /** The built-in tools a run has enabled. */
  enabled(run: Pick<Run, 'tools'>): BuiltinName[] {
    const names: BuiltinName[] = [];
    for (const t of run.tools) if ((t.type === 'file_search' || t.type === 'code_interpreter') && !names.includes(t.type)) names.push(t.type);
    return names;
  }

  /** True when `name` is a built-in tool of this run (a function of the same name wins). */
  handles(run: Pick<Run, 'tools'>, name: string): boolean {
    if (run.tools.some((t) => t.type === 'function' && t.function.name === name)) return false;
    return (this.enabled(run) as string[]).includes(name);
  }

  /** Definitions to offer the model for this run's built-in tools. */
  definitions(run: Pick<Run, 'tools'>): FunctionDefinition[] {
    return this.enabled(run)
      .filter((n) => this.handles(run, n))
      .map((n) => BUILTIN_DEFINITIONS[n]);
  }

  /** Runs one call; problems become the call's error, never an exception. */
  async execute(run: Run, call: BuiltinCallInput, signal: AbortSignal): Promise<BuiltinResult> {
    let args: Record<string, unknown> = {};
    let argError: string | null = null;
    try {
      const parsed: unknown = JSON.parse(call.arguments || '{}');
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) args = parsed as Record<string, unknown>;
      else argError = 'The arguments must be a JSON object.';
    } catch (error) {
      argError = `The arguments are not valid JSON: ${(error as Error).message}`;
    }
    if (call.name === 'file_search') {
      const query = typeof args.query === 'string' ? args.query : '';
      const details = await runFileSearch({ store: this.store, files: this.files, vectorStores: this.vectorStores }, run, query);
      const error = argError ?? (query.trim() ? null : "file_search needs a non-empty 'query'.");
      return { toolCall: { id: call.id, type: 'file_search', file_search: { ...details } }, output: error ? JSON.stringify({ error }) : fileSearchOutput(details), error };
    }
    const code = typeof args.code === 'string' ? args.code : '';
    if (argError || !code.trim()) {
      const error = argError ?? "code_interpreter needs non-empty 'code'.";
      return { toolCall: { id: call.id, type: 'code_interpreter', code_interpreter: { input: code, outputs: [{ type: 'logs', logs: error }] } }, output: JSON.stringify({ error }), error };
    }
    return runCodeInterpreter({ store: this.store, files: this.files, sandbox: this.sandbox }, run, call.id, code, signal);
  }

  close(): void {
    this.sandbox.close();
    this.vectorStores.close();
  }
}
