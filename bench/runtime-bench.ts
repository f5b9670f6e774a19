/**
 * Runtime benchmarks (issue 2): complete in-process function-calling runs per second with
 * persistence on, and the event log's append rate under concurrent streaming against a raw
 * better-sqlite3 batched insert of the same rows, measured in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../electron/services/db/database';
import { EventLog } from '../electron/services/events/event-log';
import { openServices } from '../electron/services/services';
import type { Run } from '../electron/contract/objects';
import type { MessageDeltaEvent } from '../electron/contract/events';

function tmp(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'runlens-bench-'));
}

let tick: Promise<void> | null = null;
/** One shared wait for the next turn of the event loop, as chunks arriving from sockets would. */
function nextTurn(): Promise<void> {
  tick ??= new Promise<void>((resolve) =>
    setImmediate(() => {
      tick = null;
      resolve();
    }),
  );
  return tick;
}

/** A message.delta payload like the runtime appends while streaming text. */
function deltaPayload(stream: number, i: number): MessageDeltaEvent {
  return { id: `msg_${stream.toString().padStart(24, '0')}`, object: 'thread.message.delta', delta: { content: [{ index: 0, type: 'text', text: { value: `word${i} ` } }] } };
}

async function eventAppends(streams: number, perStream: number, chunk: number): Promise<{ seconds: number; events: number }> {
  const dir = tmp();
  const db = openDatabase(path.join(dir, 'bench.db'));
  const log = new EventLog(db);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: streams }, async (_, s) => {
      const runId = `run_${s.toString().padStart(24, '0')}`;
      for (let i = 0; i < perStream; i++) {
        log.append(runId, 'thread_bench', 'thread.message.delta', deltaPayload(s, i));
        if (i % chunk === chunk - 1) await nextTurn();
      }
    }),
  );
  log.flush();
  const seconds = (performance.now() - started) / 1000;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { seconds, events: streams * perStream };
}

/** The baseline: the same rows through one prepared INSERT, in transactions of `batch` rows. */
function rawInserts(streams: number, perStream: number, batch: number): { seconds: number; events: number } {
  const dir = tmp();
  const db = openDatabase(path.join(dir, 'raw.db'));
  const insert = db.prepare('INSERT INTO events (id, run_id, thread_id, seq, ts, type, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const rows: Array<[number, string, number, string]> = [];
  let id = 0;
  // Same interleaving as the streams produce.
  for (let i = 0; i < perStream; i++) for (let s = 0; s < streams; s++) rows.push([++id, `run_${s.toString().padStart(24, '0')}`, i + 1, '']);
  const started = performance.now();
  const tx = db.transaction((slice: typeof rows) => {
    for (const [rowId, runId, seq] of slice) {
      const s = Number(runId.slice(4));
      insert.run(rowId, runId, 'thread_bench', seq, Date.now(), 'thread.message.delta', JSON.stringify(deltaPayload(s, seq - 1)));
    }
  });
  for (let i = 0; i < rows.length; i += batch) tx(rows.slice(i, i + batch));
  const seconds = (performance.now() - started) / 1000;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { seconds, events: rows.length };
}

async function functionCallingRuns(total: number, concurrency: number): Promise<{ seconds: number; runs: number; p50: number }> {
  const dir = tmp();
  const services = openServices({ dbPath: path.join(dir, 'runs.db'), dataDir: dir });
  const rt = services.runtime;
  const tool = { type: 'function' as const, function: { name: 'lookup', parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } } };
  const assistant = rt.createAssistant({ model: 'mock', tools: [tool] });
  await services.api.handlers.set(assistant.id, 'lookup', { mode: 'mock', auto: true, mock: { kind: 'template', output: '{"found":"{{id}}"}' } });
  const latencies: number[] = [];
  const finished = (run: Run) =>
    new Promise<void>((resolve) => {
      const off = rt.subscribe({ run_id: run.id }, (e) => {
        if (e.type === 'thread.run.completed' || e.type === 'thread.run.failed') {
          off();
          resolve();
        }
      });
    });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        const { run } = rt.createThreadAndRun({ assistant_id: assistant.id, thread: { messages: [{ role: 'user', content: `lookup id=item-${i}` }] } });
        await finished(run);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await services.close();
  rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  return { seconds, runs: total, p50: latencies[Math.floor(latencies.length / 2)] };
}

export async function run({ quick }: { quick: boolean }): Promise<Record<string, number>> {
  const streams = 50;
  const perStream = quick ? 400 : 2000;
  // Warm up both paths once so the comparison is not about JIT or page cache.
  await eventAppends(streams, 50, 5);
  rawInserts(streams, 50, 1000);
  const appended = await eventAppends(streams, perStream, 5);
  const raw = rawInserts(streams, perStream, 1000);
  const appendRate = appended.events / appended.seconds;
  const rawRate = raw.events / raw.seconds;
  const ratio = appendRate / rawRate;

  const flows = await functionCallingRuns(quick ? 200 : 2000, 16);
  const runsPerSecond = flows.runs / flows.seconds;

  console.table([
    { measure: `event-log appends (${streams} concurrent streams)`, events: appended.events, seconds: +appended.seconds.toFixed(3), 'events/s': Math.round(appendRate) },
    { measure: 'raw better-sqlite3 batched insert (baseline)', events: raw.events, seconds: +raw.seconds.toFixed(3), 'events/s': Math.round(rawRate) },
  ]);
  console.log(`event_append_ratio = ${ratio.toFixed(2)} (target ≥ 0.70)`);
  console.table([
    { measure: 'function-calling runs, in-process, SQLite on (c=16)', runs: flows.runs, seconds: +flows.seconds.toFixed(3), 'runs/s': Math.round(runsPerSecond), 'p50 ms': +flows.p50.toFixed(2) },
  ]);
  return {
    event_append_ratio: +ratio.toFixed(3),
    event_appends_per_s: Math.round(appendRate),
    raw_inserts_per_s: Math.round(rawRate),
    runtime_runs_per_s: Math.round(runsPerSecond),
  };
}
