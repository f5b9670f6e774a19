import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunEventRecord } from '../../../electron/contract/events';
import { openDatabase } from '../../../electron/services/db/database';
import { EventLog } from '../../../electron/services/events/event-log';
import { eventTypes, openTestServices, tempDir, waitForStatus, weatherTool, type TestServices } from '../../helpers/services';
import path from 'node:path';
import { fixturePayload } from '../../helpers/event-fixture';

let s: TestServices | null = null;
afterEach(async () => {
  await s?.dispose();
  s = null;
});

describe('event log', () => {
  it('keeps seq gap-free and ordered per run under 50 concurrent runs, and publishes only after commit', async () => {
    s = openTestServices();
    const rt = s.runtime;
    const assistant = rt.createAssistant({ model: 'mock', tools: [weatherTool] });
    const live: RunEventRecord[] = [];
    const reader = new Database(s.dbPath, { readonly: true });
    let committedWhenPublished = true;
    rt.subscribe({}, (e) => {
      live.push(e);
      const row = reader.prepare('SELECT seq FROM events WHERE id = ?').get(e.id);
      if (!row) committedWhenPublished = false;
    });
    const runs = Array.from({ length: 50 }, (_, i) => {
      const thread = rt.createThread({ messages: [{ role: 'user', content: `message ${i} with several words to stream ${'x '.repeat(i % 7)}` }] });
      return rt.createRun(thread.id, { assistant_id: assistant.id }).run;
    });
    await Promise.all(runs.map((r) => waitForStatus(s as TestServices, r, ['completed'])));
    reader.close();
    expect(committedWhenPublished).toBe(true);
    for (const run of runs) {
      const events = rt.readRunEvents(run.id);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(eventTypes(events)[0]).toBe('thread.run.created');
      expect(eventTypes(events).at(-1)).toBe('thread.run.completed');
      // the live stream saw the same events in the same order
      expect(live.filter((e) => e.run_id === run.id).map((e) => e.seq)).toEqual(events.map((e) => e.seq));
    }
    const ids = live.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    // runs really interleaved: events of different runs alternate somewhere in the global order
    const switches = live.filter((e, i) => i > 0 && e.run_id !== live[i - 1].run_id).length;
    expect(switches).toBeGreaterThan(50);
  });

  it('resumes a subscription after a given seq with no gap and no duplicate', async () => {
    s = openTestServices();
    const rt = s.runtime;
    const assistant = rt.createAssistant({ model: 'mock' });
    const thread = rt.createThread({ messages: [{ role: 'user', content: 'one two three four five' }] });
    const { run } = rt.createRun(thread.id, { assistant_id: assistant.id });
    await waitForStatus(s, run, ['in_progress', 'completed']);
    const seen: number[] = [];
    const done = new Promise<void>((resolve) =>
      rt.subscribe({ run_id: run.id }, (e) => {
        seen.push(e.seq);
        if (e.type === 'thread.run.completed') resolve();
      }, { afterSeq: 2 }),
    );
    await done;
    const all = rt.readRunEvents(run.id);
    expect(seen).toEqual(all.filter((e) => e.seq > 2).map((e) => e.seq));
    expect(rt.readRunEvents(run.id, all.length - 1).map((e) => e.seq)).toEqual([all.length]);
  });

  it('follows one thread only when asked', async () => {
    s = openTestServices();
    const rt = s.runtime;
    const assistant = rt.createAssistant({ model: 'mock' });
    const t1 = rt.createThread({ messages: [{ role: 'user', content: 'a' }] });
    const t2 = rt.createThread({ messages: [{ role: 'user', content: 'b' }] });
    const got: string[] = [];
    rt.subscribe({ thread_id: t1.id }, (e) => got.push(e.thread_id));
    const r1 = rt.createRun(t1.id, { assistant_id: assistant.id }).run;
    const r2 = rt.createRun(t2.id, { assistant_id: assistant.id }).run;
    await Promise.all([waitForStatus(s, r1, ['completed']), waitForStatus(s, r2, ['completed'])]);
    expect(got.length).toBeGreaterThan(5);
    expect(new Set(got)).toEqual(new Set([t1.id]));
  });

  it('survives reopening the database: objects, events and numbering continue', async () => {
    const dir = tempDir();
    s = openTestServices({}, dir);
    const assistant = s.runtime.createAssistant({ model: 'mock', name: 'Keeper' });
    const thread = s.runtime.createThread({ messages: [{ role: 'user', content: 'remember me' }] });
    const { run } = s.runtime.createRun(thread.id, { assistant_id: assistant.id });
    await waitForStatus(s, run, ['completed']);
    const before = s.runtime.readRunEvents(run.id);
    await s.close();

    s = openTestServices({}, dir);
    expect(s.runtime.getAssistant(assistant.id).name).toBe('Keeper');
    expect(s.runtime.getRun(thread.id, run.id).status).toBe('completed');
    expect(s.runtime.readRunEvents(run.id)).toEqual(before);
    const { run: run2 } = s.runtime.createRun(thread.id, { assistant_id: assistant.id });
    await waitForStatus(s, run2, ['completed']);
    expect(s.runtime.readRunEvents(run2.id)[0].id).toBeGreaterThan(before.at(-1)!.id);
    expect(s.runtime.listMessages(thread.id, {}).data).toHaveLength(3);
  });

  it('records applied migrations once and uses WAL', () => {
    const file = path.join(tempDir(), 'm.db');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const versions = db.prepare('SELECT version FROM schema_migrations').all();
    db.close();
    const again = openDatabase(file);
    expect(again.prepare('SELECT version FROM schema_migrations').all()).toEqual(versions);
    expect(versions.length).toBeGreaterThan(0);
    again.close();
  });

  it('a read flushes what was appended but not yet committed', () => {
    const db = openDatabase(':memory:');
    const log = new EventLog(db);
    log.append('run_1', 'thread_1', 'thread.run.created', fixturePayload('thread.run.created', { a: 1 }));
    log.append('run_1', 'thread_1', 'thread.run.queued', fixturePayload('thread.run.queued', { a: 2 }));
    expect(log.readRun('run_1').map((e) => [e.seq, e.type, e.data])).toEqual([
      [1, 'thread.run.created', { a: 1 }],
      [2, 'thread.run.queued', { a: 2 }],
    ]);
    db.close();
  });
});
