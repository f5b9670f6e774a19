/**
 * Import inside the running app on a large generated session file: progress is pushed while
 * it runs (the event loop turns between chunks), in order, ending at 100% with the report;
 * other calls wait until the import is done; a live run's events written meanwhile are kept;
 * a refused file, and a failure in the middle of the copy, leave the database unchanged.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSession } from '../../bench/sessions-bench';
import type { SessionImportProgress } from '../../electron/contract/sessions';
import { openTestServices, tempDir, waitForStatus, type TestServices } from '../helpers/services';
import { rowCounts } from './fixtures';

const EVENTS = 60_000;
let dir: string;
let big: string;

beforeAll(() => {
  dir = tempDir('runlens-import-progress-');
  big = path.join(dir, 'big.runlens');
  writeSession(big, EVENTS);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Services with a thread and a run of their own, and every import push collected. */
async function target(): Promise<{ s: TestServices; pushes: SessionImportProgress[]; assistantId: string }> {
  const s = openTestServices();
  const pushes: SessionImportProgress[] = [];
  s.subscribe((name, payload) => {
    if (name === 'sessions.import.progress') pushes.push(payload as SessionImportProgress);
  });
  const a = await s.api.assistants.create({ model: 'mock', name: 'Mine' });
  const thread = await s.api.threads.create({});
  await s.api.messages.create(thread.id, { role: 'user', content: 'my own thread' });
  const run = await s.api.runs.create(thread.id, { assistant_id: a.id });
  await waitForStatus(s, run, ['completed']);
  return { s, pushes, assistantId: a.id };
}

describe('import progress in the app', () => {
  it('pushes checking, copying N of M, committing and done at 100%, in order, while other calls wait', async () => {
    const { s, pushes } = await target();
    try {
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 1);
      const started = s.api.sessions.import(big, { progress_id: 'p1', display_name: 'big.runlens' });
      // Asked after the import started: answered only once it is done (the app is busy).
      let listedAt = -1;
      const listed = s.api.threads.list({ limit: 1 }).then(() => (listedAt = pushes.length));
      const result = await started;
      await listed;
      clearInterval(ticker);

      expect(result.lines[0]).toMatch(/^Added 300 threads, 300 runs, 60000 events/);
      expect(pushes.every((p) => p.id === 'p1' && p.name === 'big.runlens')).toBe(true);
      const phases = pushes.map((p) => p.phase).filter((p, i, all) => i === 0 || all[i - 1] !== p);
      expect(phases).toEqual(['checking', 'copying', 'committing', 'done']);
      const percents = pushes.map((p) => p.percent);
      expect(percents).toEqual([...percents].sort((x, y) => x - y));
      expect(percents.at(-1)).toBe(100);
      expect(percents.filter((p) => p === 100)).toHaveLength(1);
      const copied = pushes.filter((p) => p.phase === 'copying' && p.done > 0);
      expect(copied.length).toBeGreaterThanOrEqual(3);
      expect(copied.map((p) => p.done)).toEqual([...copied.map((p) => p.done)].sort((x, y) => x - y));
      expect(copied.at(-1)).toMatchObject({ done: EVENTS, total: EVENTS, message: 'Copying and indexing events: 60,000 of 60,000' });
      expect(pushes.at(-1)?.lines?.[0]).toBe(result.lines[0]);
      // The event loop turned during the import (so the pushes went out as it ran) ...
      expect(ticks).toBeGreaterThan(3);
      // ... and the other call was answered after the last push.
      expect(listedAt).toBe(pushes.length);
    } finally {
      await s.dispose();
    }
  });

  it('two imports at once run one after the other: the second finds everything present', async () => {
    const { s } = await target();
    try {
      await s.committed();
      const before = rowCounts(s.dbPath);
      const [first, second] = await Promise.all([s.api.sessions.import(big), s.api.sessions.import(big)]);
      expect(first.lines[0]).toMatch(/^Added 300 threads, 300 runs, 60000 events/);
      expect(second.lines).toEqual(['Added nothing.', expect.stringMatching(/^Skipped \(already present\) 300 threads, 300 runs, 60000 events/)]);
      expect(rowCounts(s.dbPath)).toMatchObject({ threads: before.threads + 300, runs: before.runs + 300, events: before.events + 60_000 });
    } finally {
      await s.dispose();
    }
  });

  it('a refused file pushes failed with the reason and changes nothing', async () => {
    const { s, pushes } = await target();
    try {
      const truncated = path.join(dir, 'truncated.runlens');
      const bytes = fs.readFileSync(big);
      fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
      await s.close();
      const before = rowCounts(s.dbPath);
      const again = openTestServices({ dbPath: s.dbPath }, s.dir);
      const seen: SessionImportProgress[] = [];
      again.subscribe((name, payload) => {
        if (name === 'sessions.import.progress') seen.push(payload as SessionImportProgress);
      });
      await expect(again.api.sessions.import(truncated, { display_name: 'half.runlens' })).rejects.toThrow(/^half\.runlens is truncated/);
      expect(seen.at(-1)).toMatchObject({ phase: 'failed', lines: [expect.stringMatching(/^half\.runlens is truncated/)] });
      await again.close();
      expect(rowCounts(s.dbPath)).toEqual(before);
      expect(pushes).toHaveLength(0);
    } finally {
      await s.dispose();
    }
  });

  it('a failure in the middle of the copy rolls everything back, and a live run meanwhile keeps its events', async () => {
    const { s, pushes, assistantId } = await target();
    try {
      const before = rowCounts(s.dbPath);
      // A real SQLite error half-way through the events (as a full disk would raise).
      s.db.exec(`CREATE TEMP TRIGGER fail_half BEFORE INSERT ON main.events WHEN NEW.run_id = 'run_200'
                 BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END`);
      // A run that is still going while the import runs: its events wait for the import, then commit.
      const thread = await s.api.threads.create({});
      await s.api.messages.create(thread.id, { role: 'user', content: 'slow one [mock:delay=300]' });
      const run = await s.api.runs.create(thread.id, { assistant_id: assistantId });
      const events = s.db.prepare('SELECT count(*) AS n FROM events WHERE run_id = ?');
      const importing = s.api.sessions.import(big);
      const eventsAtStart = (events.get(run.id) as { n: number }).n;
      await expect(importing).rejects.toThrow(/simulated write failure/);
      // The run had more to record when the import started (it was not over before).
      expect(eventsAtStart).toBeLessThan(4);
      s.db.exec('DROP TRIGGER temp.fail_half');
      expect(pushes.some((p) => p.phase === 'copying' && p.done >= 40_000)).toBe(true);
      expect(pushes.at(-1)).toMatchObject({ phase: 'failed' });
      await waitForStatus(s, run, ['completed']);
      await s.committed();
      const after = rowCounts(s.dbPath);
      // Nothing of the import is left; the live run's thread, message, run, steps and events are.
      expect(after.threads).toBe(before.threads + 1);
      expect(after.runs).toBe(before.runs + 1);
      const db = new Database(s.dbPath, { readonly: true });
      const imported = db.prepare("SELECT count(*) AS n FROM threads WHERE id IN ('thread_0', 'thread_150', 'thread_299')").get() as { n: number };
      const runEvents = db.prepare('SELECT count(*) AS n, max(seq) AS m FROM events WHERE run_id = ?').get(run.id) as { n: number; m: number };
      db.close();
      expect(imported.n).toBe(0);
      expect(runEvents.n).toBe(runEvents.m);
      expect(runEvents.n).toBeGreaterThan(3);
      expect(after.events).toBe(before.events + runEvents.n);
    } finally {
      await s.dispose();
    }
  });
});
