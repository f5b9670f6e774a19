import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Run } from '../../../electron/contract/objects';
import { openDatabase } from '../../../electron/services/db/database';
import { EventLog } from '../../../electron/services/events/event-log';
import type { ModelBackend } from '../../../electron/services/models/model';
import { AssistantsRuntime } from '../../../electron/services/runtime/runtime';
import { Store } from '../../../electron/services/runtime/store';
import { openServices, type OpenedServices } from '../../../electron/services/services';
import { HandlerStore } from '../../../electron/services/tools/handlers';
import { openTestServices, tempDir, waitForStatus, type TestServices } from '../../helpers/services';

/** A runtime on `dbPath` with the given model backends (recovery not run). */
function runtimeOn(dbPath: string, models: ModelBackend[]): { runtime: AssistantsRuntime; close: () => void } {
  const db = openDatabase(dbPath);
  const store = new Store(db);
  const log = new EventLog(db);
  store.attach(log);
  log.attachWriter(store);
  const runtime = new AssistantsRuntime({ store, log, handlers: new HandlerStore(db, Date.now), models, now: Date.now, runExpirySeconds: 600 });
  return {
    runtime,
    close: () => {
      runtime.close();
      db.close();
    },
  };
}

/** Resolves once the run has `count` events of `type` (committed). */
function waitForEvent(svc: OpenedServices, runId: string, type: string, count: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const off = svc.runtime.subscribe(
      { run_id: runId },
      (e) => {
        if (e.type === type && ++seen === count) {
          queueMicrotask(() => off());
          resolve();
        }
      },
      { afterSeq: 0 },
    );
  });
}

const child = path.join(__dirname, 'fixtures', 'crash-child.ts');

interface Crashed {
  threads: string[];
  runs: string[];
  committed: number[];
}

/** Runs the child until it reports READY, then kills it with SIGKILL mid-run. */
function crashChild(dbPath: string, expirySeconds: number): Promise<Crashed> {
  return new Promise((resolve, reject) => {
    // Node itself with the tsx loader (not the tsx wrapper), so SIGKILL hits the process holding the database.
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dbPath, String(expirySeconds)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const committed: number[] = [];
    let buffer = '';
    let stderr = '';
    let ready: { threads: string[]; runs: string[] } | null = null;
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('COMMITTED ')) committed.push(Number(line.split(' ')[1]));
        if (line.startsWith('READY ') && !ready) {
          ready = JSON.parse(line.slice(6)) as { threads: string[]; runs: string[] };
          proc.kill('SIGKILL');
        }
      }
    });
    proc.on('exit', (_code, signal) => {
      if (ready && signal === 'SIGKILL') resolve({ ...ready, committed });
      else reject(new Error(`child ended without READY (signal ${signal}): ${stderr}`));
    });
  });
}

let s: TestServices | null = null;
afterEach(async () => {
  await s?.dispose();
  s = null;
});

describe('crash recovery', () => {
  it('after SIGKILL mid-run: the file is intact, committed events are kept, a waiting run still waits and accepts outputs, a generating run resumes', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'runlens.db');
    const crashed = await crashChild(dbPath, 600);

    const raw = new Database(dbPath);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = new Set((raw.prepare('SELECT id FROM events').all() as Array<{ id: number }>).map((r) => r.id));
    const before = JSON.parse((raw.prepare('SELECT data FROM runs WHERE id = ?').get(crashed.runs[0]) as { data: string }).data) as Run;
    raw.close();
    expect(crashed.committed.length).toBeGreaterThan(10);
    for (const id of crashed.committed) expect(stored.has(id)).toBe(true);

    s = openTestServices({ dbPath }, dir);
    const [waiting, slow, done] = crashed.runs.map((id) => s!.runtime.getRunById(id));
    expect(done.status).toBe('completed');

    // The run waiting for a person survived with its expiry and tool-call ids, and takes outputs.
    expect(waiting.status).toBe('requires_action');
    expect(waiting.expires_at).toBe(before.expires_at);
    expect(waiting.required_action).toEqual(before.required_action);
    const call = waiting.required_action!.submit_tool_outputs.tool_calls[0];
    s.runtime.submitToolOutputs(waiting.thread_id, waiting.id, { tool_outputs: [{ tool_call_id: call.id, output: '{"temp":12}' }] });
    const answered = await waitForStatus(s, waiting, ['completed']);
    expect(s.runtime.listMessages(answered.thread_id, { order: 'desc', limit: 1 }).data[0].content[0]).toMatchObject({ text: { value: 'get_weather: {"temp":12}' } });

    // The generating run resumed: a run.resumed event, then a new round.
    expect(slow.status).toBe('in_progress');
    await waitForEvent(s, slow.id, 'model.request', 2);
    const events = s.runtime.readRunEvents(slow.id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const resumed = events.find((e) => e.type === 'run.resumed');
    expect(resumed?.data).toEqual({ from_status: 'in_progress', round: 2, interrupted_step_id: null });
    s.runtime.cancelRun(slow.thread_id, slow.id);
    await waitForStatus(s, slow, ['cancelled']);
    for (const threadId of crashed.threads) {
      expect(() => s!.runtime.createMessage(threadId, { role: 'user', content: 'still usable' })).not.toThrow();
    }
  });

  it('a run interrupted mid-message is resumed: the partial message and its step are closed, the round is issued again', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'runlens.db');
    // A backend that streams one word and then hangs; the process stops mid-message (the run
    // stays in_progress in the file, as after a crash).
    const hanging: ModelBackend = {
      name: 'hanging',
      handles: () => true,
      generate: (_request, signal) =>
        (async function* () {
          yield { type: 'text' as const, delta: 'Partial' };
          await new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)));
        })(),
    };
    const first = runtimeOn(dbPath, [hanging]);
    const assistant = first.runtime.createAssistant({ model: 'mock' });
    const thread = first.runtime.createThread({ messages: [{ role: 'user', content: 'hello again' }] });
    const { run } = first.runtime.createRun(thread.id, { assistant_id: assistant.id });
    await new Promise<void>((resolve) => {
      first.runtime.subscribe({ run_id: run.id }, (e) => {
        if (e.type === 'thread.message.delta') resolve();
      });
    });
    first.close();

    s = openTestServices({ dbPath }, dir);
    const done = await waitForStatus(s, run, ['completed']);
    const events = s.runtime.readRunEvents(run.id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const types = events.map((e) => e.type);
    const at = types.indexOf('run.resumed');
    expect(types.slice(at, at + 3)).toEqual(['run.resumed', 'thread.message.incomplete', 'thread.run.step.failed']);
    expect(types.filter((t) => t === 'model.request')).toHaveLength(2);
    const steps = s.runtime.listSteps(thread.id, run.id, { order: 'asc' }).data;
    expect(steps.map((st) => st.status)).toEqual(['failed', 'completed']);
    expect(steps[0].last_error?.message).toContain('Interrupted');
    const messages = s.runtime.listMessages(thread.id, { order: 'asc' }).data.filter((m) => m.role === 'assistant');
    expect(messages.map((m) => m.status)).toEqual(['incomplete', 'completed']);
    expect(done.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('a run whose backend cannot re-issue a round fails at restart and says why', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'runlens.db');
    const first = openServices({ dbPath, dataDir: dir });
    const assistant = first.runtime.createAssistant({ model: 'mock' });
    const thread = first.runtime.createThread({ messages: [{ role: 'user', content: '[mock:delay=600000] slow' }] });
    const { run } = first.runtime.createRun(thread.id, { assistant_id: assistant.id });
    await waitForEvent(first, run.id, 'model.request', 1);
    await first.close();

    // The same file opened by a runtime whose only backend is a live-like one that cannot re-issue.
    const live: ModelBackend = { name: 'live', handles: () => true, generate: () => (async function* () {})() };
    const { runtime, close } = runtimeOn(dbPath, [live]);
    expect(runtime.recover()).toEqual([{ run_id: run.id, from: 'in_progress', outcome: 'failed' }]);
    const failed = runtime.getRunById(run.id);
    expect(failed.status).toBe('failed');
    expect(failed.last_error?.message).toMatch(/cannot be resumed: its model backend 'live' cannot re-issue/);
    expect(() => runtime.createMessage(thread.id, { role: 'user', content: 'unlocked' })).not.toThrow();
    close();
  });

  it('runs past their expiry when the app comes back are expired instead', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'runlens.db');
    const crashed = await crashChild(dbPath, 600);
    // The app comes back eleven minutes later: past the 600 s expiry.
    s = openTestServices({ dbPath, now: () => Date.now() + 11 * 60_000 }, dir);
    const waiting = s.runtime.getRunById(crashed.runs[0]);
    expect(waiting.status).toBe('expired');
    expect(s.runtime.listSteps(waiting.thread_id, waiting.id, {}).data[0].status).toBe('expired');
  });
});
