/**
 * The command handler: a local program run without a shell, the arguments JSON on stdin,
 * stdout is the output. Its environment is minimal (PATH, HOME, locale, temp dir and the
 * call's ids — never provider keys or other secrets of the app). It runs in its own process
 * group, so at timeout or cancel the program and every child it started are killed.
 */
import { spawn } from 'node:child_process';
import type { CommandToolConfig } from '../../config/config-types';
import { MAX_RESPONSE_BYTES } from './http-call';
import { clip, type LiveCallContext, type LiveResult } from './live-types';

const PASSED_ENV = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TMPDIR', 'TEMP', 'TMP', 'SYSTEMROOT', 'TZ'];

/** The environment a command sees. */
export function commandEnv(ctx: LiveCallContext, from: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const k of PASSED_ENV) if (from[k] !== undefined) env[k] = from[k];
  env.RUNLENS_FUNCTION = ctx.function;
  env.RUNLENS_CALL_ID = ctx.call_id;
  env.RUNLENS_RUN_ID = ctx.run_id;
  env.RUNLENS_THREAD_ID = ctx.thread_id;
  env.RUNLENS_ASSISTANT_ID = ctx.assistant_id;
  return env;
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    if (process.platform === 'win32') process.kill(pid, 'SIGKILL');
    else process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export function runCommand(raw: CommandToolConfig, resolved: CommandToolConfig, ctx: LiveCallContext): Promise<LiveResult> {
  const request: Record<string, unknown> = { command: raw.command, ...(raw.cwd ? { cwd: raw.cwd } : {}), stdin: clip(ctx.arguments) };
  ctx.onRequest?.(request);
  return new Promise((resolve) => {
    const started = Date.now();
    let settled = false;
    let stdout = Buffer.alloc(0);
    let stderr = '';
    const done = (result: Omit<LiveResult, 'request'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ctx.signal.removeEventListener('abort', onAbort);
      resolve({ request, ...result });
    };
    const [program, ...args] = resolved.command;
    const child = spawn(program, args, {
      cwd: resolved.cwd,
      env: commandEnv(ctx),
      shell: false,
      detached: process.platform !== 'win32',
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const response = (extra: Record<string, unknown> = {}) => ({ stdout: clip(stdout.toString('utf8')), stderr: clip(stderr, 8192), duration_ms: Date.now() - started, ...extra });
    const timer = setTimeout(() => {
      killGroup(child.pid);
      done({ output: null, error: `timed out after ${ctx.timeoutMs} ms; the command and its children were killed`, response: response({ killed: true }) });
    }, ctx.timeoutMs);
    const onAbort = (): void => {
      killGroup(child.pid);
      done({ output: null, error: 'cancelled: the run was cancelled; the command and its children were killed', response: response({ killed: true }) });
    };
    if (ctx.signal.aborted) onAbort();
    else ctx.signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'ENOENT' ? `program not found: ${program}` : error.message;
      done({ output: null, error: `the command could not start: ${why}`, response: null });
    });
    child.stdout.on('data', (chunk: Buffer) => {
      if (stdout.length + chunk.length > MAX_RESPONSE_BYTES) {
        killGroup(child.pid);
        done({ output: null, error: `output too large: more than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB on stdout; the command was killed`, response: response({ killed: true }) });
        return;
      }
      stdout = Buffer.concat([stdout, chunk]);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 64 * 1024) stderr += chunk.toString('utf8');
    });
    child.stdin.on('error', () => undefined); // a program that ignores stdin may close it early
    child.stdin.end(ctx.arguments);
    child.on('close', (code, signal) => {
      const out = stdout.toString('utf8');
      const res = response({ exit_code: code, signal });
      if (code !== 0) {
        const tail = stderr.trim().split('\n').slice(-3).join(' | ');
        done({ output: null, error: `the command exited with ${code === null ? `signal ${signal}` : `code ${code}`}${tail ? `: ${tail}` : ''}`, response: res });
      } else if (out.trim() === '') {
        done({ output: null, error: 'the command printed nothing on stdout (its output is what the model gets)', response: res });
      } else done({ output: out, error: null, response: res });
    });
  });
}
