/**
 * Test helper: starts `electron/services/cli/serve.ts` as a real child process (the same
 * entry `npm run serve` uses), waits for its "listening" and "UI" lines, and hands back
 * the URL, key and an SDK client pointed at `/v1`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  uiUrl: string;
  apiKey: string;
  dataDir: string;
  output: () => string;
  client: (options?: { maxRetries?: number }) => OpenAI;
  /** Sends a signal and resolves with the exit code/signal. */
  stop: (signal?: NodeJS.Signals) => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface ServeOptions {
  dataDir?: string;
  args?: string[];
  env?: Record<string, string>;
  /** Pass --api-key (default 'test-key'); null to let the server generate one. */
  apiKey?: string | null;
  /** Pass `--port 0` (default true); false leaves the port to RUNLENS_PORT or the default. */
  portFlag?: boolean;
  /** Pass the key as --api-key (default) or only remember it (it comes from the environment). */
  keyFlag?: boolean;
}

/** A fresh temp data directory. */
export function tempDir(prefix = 'runlens-v1-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Starts the server; rejects with its output if it does not come up in 20 s. */
export async function startServe(options: ServeOptions = {}): Promise<ServeProcess> {
  const dataDir = options.dataDir ?? tempDir();
  const keyArgs = options.apiKey === null || options.keyFlag === false ? [] : ['--api-key', options.apiKey ?? 'test-key'];
  // Node itself with the tsx loader (not the tsx wrapper), so signals such as SIGKILL hit the server.
  const args = ['--import', 'tsx', 'electron/services/cli/serve.ts', ...(options.portFlag === false ? [] : ['--port', '0']), '--data-dir', dataDir, ...keyArgs, ...(options.args ?? [])];
  const env = { ...process.env, RUNLENS_PORT: '', RUNLENS_DB: '', RUNLENS_API_KEY: '', RUNLENS_DATA_DIR: '', ...options.env };
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const { url, uiUrl } = await new Promise<{ url: string; uiUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${out}`));
    }, 20_000);
    const check = (): void => {
      const m = /RunLens listening on (http:\/\/\S+)\n[\s\S]*?UI: (\S+)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], uiUrl: m[2] });
      }
    };
    child.stdout?.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`server exited early:\n${out}`));
    });
  });
  const apiKeyFile = path.join(dataDir, 'api-key');
  if (options.apiKey === null && !fs.existsSync(apiKeyFile)) {
    child.kill('SIGKILL');
    throw new Error(`no generated api-key file in ${dataDir}`);
  }
  const apiKey = options.apiKey === null ? fs.readFileSync(path.join(dataDir, 'api-key'), 'utf8').trim() : (options.apiKey ?? 'test-key');
  return {
    child,
    url,
    uiUrl,
    apiKey,
    dataDir,
    output: () => out,
    client: (o = {}) => new OpenAI({ baseURL: `${url}/v1`, apiKey, maxRetries: o.maxRetries ?? 0 }),
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** A function tool definition for tests. */
export function fnTool(name: string, properties: Record<string, unknown> = {}, required: string[] = []) {
  return { type: 'function' as const, function: { name, parameters: { type: 'object', properties, required } } };
}

/** Raw fetch against the server with the key and beta header (overridable). */
export async function raw(
  server: Pick<ServeProcess, 'url' | 'apiKey'>,
  method: string,
  urlPath: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: unknown; text: string }> {
  const res = await fetch(`${server.url}${urlPath}`, {
    method,
    headers: {
      authorization: `Bearer ${server.apiKey}`,
      'openai-beta': 'assistants=v2',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, json, text };
}

/**
 * One complete two-leg flow through the SDK: a thread whose message names `get_weather`,
 * createAndPoll to requires_action, then submitToolOutputsAndPoll with `output`. Returns
 * both runs so callers assert on them.
 */
export async function weatherFlow(client: OpenAI, assistantId: string, city: string, output: string) {
  const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: `get_weather city=${city}` }] });
  const waiting = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId });
  const calls = waiting.required_action?.submit_tool_outputs.tool_calls ?? [];
  const done =
    waiting.status === 'requires_action'
      ? await client.beta.threads.runs.submitToolOutputsAndPoll(waiting.id, { thread_id: thread.id, tool_outputs: calls.map((c) => ({ tool_call_id: c.id, output })) })
      : waiting;
  return { thread, waiting, done };
}
