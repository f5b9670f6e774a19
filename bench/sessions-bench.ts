/**
 * Sessions benchmarks (issue 11). `import_events_per_s`: a session file of 1,000,000 events
 * (quick: 100,000) imported into an empty database — validation, reference checks, one
 * transaction, search indexing by trigger — against a baseline of the same rows inserted raw
 * (batched, no checks, no index) in the same run. `search_p50_ms`: median latency of
 * full-text searches over that imported database, against a LIKE scan baseline.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../electron/services/db/database';
import { importSession } from '../electron/services/sessions/import-session';
import { searchSessions } from '../electron/services/sessions/search';
import { SESSION_FORMAT, SESSION_FORMAT_VERSION, sessionSchemaSql } from '../electron/services/sessions/session-format';

const EVENTS_PER_RUN = 200;
const WORDS = ['Paris', 'Oslo', 'Kyiv', 'Lima', 'Tokyo', 'Cairo', 'Quito', 'Rome', 'Delhi', 'Accra', 'sunny', 'snow', 'rain', 'fog', 'wind', 'hail'];

/** Writes a session file with `events` events: runs of 200 events, one in ten searchable. */
export function writeSession(file: string, events: number): void {
  const db = new Database(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec(sessionSchemaSql('main'));
  const runs = Math.ceil(events / EVENTS_PER_RUN);
  db.transaction(() => {
    db.prepare('INSERT INTO manifest VALUES (?, ?)').run('format', SESSION_FORMAT);
    db.prepare('INSERT INTO manifest VALUES (?, ?)').run('format_version', String(SESSION_FORMAT_VERSION));
    db.prepare('INSERT INTO manifest VALUES (?, ?)').run('creator', 'bench');
    db.prepare('INSERT INTO manifest VALUES (?, ?)').run('created_at', String(Date.now()));
    db.prepare('INSERT INTO assistants VALUES (?, 0, 1, ?)').run('asst_bench', JSON.stringify({ id: 'asst_bench', object: 'assistant', model: 'mock', tools: [] }));
    const thread = db.prepare('INSERT INTO threads VALUES (?, 0, 0, ?)');
    const message = db.prepare('INSERT INTO messages VALUES (?, ?, ?, 0, ?, ?)');
    const run = db.prepare("INSERT INTO runs VALUES (?, ?, 'completed', 0, 1, ?)");
    const event = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)');
    let ord = 0;
    for (let r = 0; r < runs; r++) {
      const threadId = `thread_${r}`;
      const runId = `run_${r}`;
      const word = (k: number) => WORDS[(r * 7 + k) % WORDS.length];
      thread.run(threadId, JSON.stringify({ id: threadId, object: 'thread', metadata: {} }));
      const text = `What is the weather in ${word(0)} and ${word(1)} on day ${r}?`;
      message.run(`msg_u${r}`, threadId, null, text, JSON.stringify({ id: `msg_u${r}`, role: 'user', content: [{ type: 'text', text: { value: text, annotations: [] } }] }));
      run.run(runId, threadId, JSON.stringify({ id: runId, object: 'thread.run', thread_id: threadId, assistant_id: 'asst_bench', status: 'completed', model: 'mock' }));
      for (let seq = 1; seq <= EVENTS_PER_RUN && ord < events; seq++) {
        ord++;
        if (seq % 10 === 0) {
          const data = { step_id: `step_${r}_${seq}`, tool_outputs: [{ tool_call_id: `call_${r}_${seq}`, output: `{"city":"${word(seq)}","sky":"${word(seq + 3)}","t":${seq}}` }], source: 'auto' };
          event.run(ord, runId, threadId, seq, ord, 'tool.outputs.submitted', JSON.stringify(data));
        } else {
          event.run(ord, runId, threadId, seq, ord, 'thread.message.delta', `{"id":"msg_${r}","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"word${seq} "}}]}}`);
        }
      }
    }
  })();
  db.close();
}

/** The same event rows inserted raw in batches into a plain table: the floor for any import. */
function rawBaseline(file: string, dir: string): number {
  const src = new Database(file, { readonly: true });
  const dst = new Database(path.join(dir, 'raw.db'));
  dst.pragma('journal_mode = WAL');
  dst.pragma('synchronous = NORMAL');
  dst.exec('CREATE TABLE events (id INTEGER PRIMARY KEY, run_id TEXT, thread_id TEXT, seq INTEGER, ts INTEGER, type TEXT, data TEXT)');
  const insert = dst.prepare('INSERT INTO events (run_id, thread_id, seq, ts, type, data) VALUES (?, ?, ?, ?, ?, ?)');
  const rows = src.prepare('SELECT run_id, thread_id, seq, ts, type, data FROM events ORDER BY ord').raw().all() as unknown[][];
  const started = performance.now();
  dst.transaction(() => {
    for (const row of rows) insert.run(...row);
  })();
  const seconds = (performance.now() - started) / 1000;
  src.close();
  dst.close();
  return rows.length / seconds;
}

function p50(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function run({ quick }: { quick: boolean }): Promise<Record<string, number>> {
  const events = quick ? 100_000 : 1_000_000;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'runlens-sessions-bench-'));
  try {
    const file = path.join(dir, 'big.runlens');
    writeSession(file, events);
    const baseline = rawBaseline(file, dir);

    const db = openDatabase(path.join(dir, 'target.db'));
    const started = performance.now();
    const report = importSession(db, file);
    const importSeconds = (performance.now() - started) / 1000;
    if (report.added.events !== events) throw new Error(`imported ${report.added.events} of ${events} events`);
    const importRate = events / importSeconds;

    const queries = [...WORDS, ...WORDS.map((w) => `${w} sky`), 'weather day', 'run_42', 'call_7_50'];
    for (const q of queries.slice(0, 5)) searchSessions(db, q, 50); // warm the page cache
    const ftsTimes: number[] = [];
    for (const q of queries) {
      const t = performance.now();
      const hits = searchSessions(db, q, 50);
      ftsTimes.push(performance.now() - t);
      if (hits.length === 0) throw new Error(`no hits for '${q}'`);
    }
    const likeTimes: number[] = [];
    const like = db.prepare('SELECT id FROM events WHERE data LIKE ? ORDER BY id DESC LIMIT 50');
    for (const q of WORDS.slice(0, 5)) {
      const t = performance.now();
      like.all(`%${q}%`);
      likeTimes.push(performance.now() - t);
    }
    db.close();

    const searchP50 = p50(ftsTimes);
    const rows: Array<[string, string]> = [
      ['events in the session file', `${events.toLocaleString('en')}${quick ? ' (quick mode: the full run uses 1,000,000)' : ''}`],
      ['import (validate + one transaction + index)', `${Math.round(importRate).toLocaleString('en')} events/s (${importSeconds.toFixed(2)} s)`],
      ['baseline: raw batched insert, no checks/index', `${Math.round(baseline).toLocaleString('en')} events/s`],
      ['import ÷ baseline', (importRate / baseline).toFixed(2)],
      ['search p50 (FTS5, 50 hits, ' + queries.length + ' queries)', `${searchP50.toFixed(2)} ms`],
      ['baseline: LIKE scan p50 over events', `${p50(likeTimes).toFixed(2)} ms`],
      ['targets', 'import ≥ 100,000 events/s; search p50 ≤ 50 ms'],
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
    return { import_events_per_s: Math.round(importRate), search_p50_ms: Number(searchP50.toFixed(2)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
