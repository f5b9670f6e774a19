/**
 * The code_interpreter sandbox: Python 3 (Pyodide, from its npm package alone) in a worker
 * thread with no network globals, no host file system and no JavaScript bridge. Each call
 * gets a time limit and a memory limit; breaking either (or a cancel) terminates the worker,
 * so the next call starts a fresh one. Only the Python standard library is available offline:
 * the npm package carries no wheels (numpy, pandas, matplotlib … are not included).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PYTHON_WORKER_SOURCE } from './python-worker-source';

/** What the UI states about the sandbox. */
export const SANDBOX_INFO = {
  runtime: 'Pyodide 314.0.8 (CPython 3.14, WebAssembly)',
  packages: 'The Python standard library only. numpy, pandas, matplotlib and other packages are not in the npm package and cannot be installed offline.',
  files: 'Files attached for code_interpreter appear in /mnt/data; files written there become outputs.',
} as const;

/** Limits per call. */
export interface SandboxLimits {
  timeoutMs: number;
  /** Growth of the process's resident memory during a call that stops it. */
  memoryMb: number;
  /** Largest written file kept as an output. */
  maxFileBytes: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = { timeoutMs: 30_000, memoryMb: 768, maxFileBytes: 16 * 1024 * 1024 };

/** The result of one call. `error` is the Python exception or the limit that stopped it. */
export interface SandboxResult {
  logs: string;
  error: string | null;
  /** `time_limit` / `memory_limit` / `cancelled` / `sandbox` when RunLens stopped or could not start it. */
  stopped: 'time_limit' | 'memory_limit' | 'cancelled' | 'sandbox' | null;
  files: Array<{ path: string; bytes: Buffer }>;
  duration_ms: number;
}

type WorkerMessage =
  | { type: 'ready'; version: string }
  | { type: 'boot_error'; message: string }
  | { type: 'result'; out: Array<[string, string]>; error: string | null; files: Array<{ path: string; bytes: Uint8Array }> };

interface Warm {
  worker: Worker;
  ready: Promise<void>;
}

/** One Python worker at a time, reused while healthy; calls are serialised. */
export class CodeSandbox {
  private warm: Warm | null = null;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(readonly limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS) {}

  private start(): Warm {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('pyodide/pyodide.mjs');
    const worker = new Worker(PYTHON_WORKER_SOURCE, {
      eval: true,
      env: {},
      workerData: { pyodideUrl: pathToFileURL(entry).href, indexPath: path.dirname(entry) + path.sep },
      resourceLimits: { maxOldGenerationSizeMb: 256 },
      stdout: true,
      stderr: true,
    });
    worker.unref();
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: WorkerMessage): void => {
        if (m.type === 'ready') {
          worker.off('message', onMessage);
          resolve();
        } else if (m.type === 'boot_error') reject(new Error(`The Python sandbox could not start: ${m.message}`));
      };
      worker.on('message', onMessage);
      worker.once('error', (e) => reject(new Error(`The Python sandbox could not start: ${e.message}`)));
      worker.once('exit', (code) => reject(new Error(`The Python sandbox exited while starting (code ${code}).`)));
    });
    ready.catch(() => undefined);
    const warm = { worker, ready };
    worker.once('exit', () => {
      if (this.warm === warm) this.warm = null;
    });
    return warm;
  }

  /** Starts the worker ahead of the first call. */
  prewarm(): void {
    if (!this.warm) this.warm = this.start();
  }

  /** Runs `code` with `files` in /mnt/data. Never throws for what the code does. */
  run(code: string, files: Array<{ name: string; bytes: Buffer }>, signal: AbortSignal): Promise<SandboxResult> {
    const next = this.chain.then(() => this.runNow(code, files, signal));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async runNow(code: string, files: Array<{ name: string; bytes: Buffer }>, signal: AbortSignal): Promise<SandboxResult> {
    const started = Date.now();
    const done = (r: Omit<SandboxResult, 'duration_ms'>): SandboxResult => ({ ...r, duration_ms: Date.now() - started });
    if (signal.aborted) return done({ logs: '', error: 'The call was cancelled.', stopped: 'cancelled', files: [] });
    if (!this.warm) this.warm = this.start();
    const warm = this.warm;
    try {
      await abortable(warm.ready, signal);
    } catch (error) {
      if (signal.aborted) return done({ logs: '', error: 'The call was cancelled.', stopped: 'cancelled', files: [] });
      this.kill(warm);
      return done({ logs: '', error: (error as Error).message, stopped: 'sandbox', files: [] });
    }
    const limits = this.limits;
    return new Promise<SandboxResult>((resolve) => {
      const callStarted = Date.now();
      const baseline = process.memoryUsage.rss();
      let settled = false;
      const finish = (r: Omit<SandboxResult, 'duration_ms'>): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearInterval(memory);
        signal.removeEventListener('abort', onAbort);
        warm.worker.off('message', onMessage);
        warm.worker.off('exit', onExit);
        resolve({ ...r, duration_ms: Date.now() - callStarted });
      };
      const stop = (stopped: 'time_limit' | 'memory_limit' | 'cancelled', error: string): void => {
        this.kill(warm);
        finish({ logs: '', error, stopped, files: [] });
      };
      const onMessage = (m: WorkerMessage): void => {
        if (m.type !== 'result') return;
        const logs = m.out.map(([, s]) => s).join('\n');
        finish({ logs, error: m.error, stopped: null, files: m.files.map((f) => ({ path: f.path, bytes: Buffer.from(f.bytes) })) });
      };
      const onExit = (code: number): void => {
        finish({ logs: '', error: `The Python sandbox stopped unexpectedly (exit code ${code}); it may have run out of memory.`, stopped: 'memory_limit', files: [] });
      };
      const onAbort = (): void => stop('cancelled', 'The call was cancelled.');
      const timer = setTimeout(() => stop('time_limit', `Execution stopped: the code ran longer than the ${limits.timeoutMs} ms time limit.`), limits.timeoutMs);
      const memory = setInterval(() => {
        if (process.memoryUsage.rss() - baseline > limits.memoryMb * 1024 * 1024) {
          stop('memory_limit', `Execution stopped: the code used more than the ${limits.memoryMb} MB memory limit.`);
        }
      }, 25);
      signal.addEventListener('abort', onAbort, { once: true });
      warm.worker.on('message', onMessage);
      warm.worker.once('exit', onExit);
      warm.worker.postMessage({ type: 'run', code, files: files.map((f) => ({ name: f.name, bytes: f.bytes })), maxFileBytes: limits.maxFileBytes });
    });
  }

  private kill(warm: Warm): void {
    if (this.warm === warm) this.warm = null;
    void warm.worker.terminate();
  }

  /** Stops the worker (shutdown). */
  close(): void {
    if (this.warm) this.kill(this.warm);
  }
}

function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
