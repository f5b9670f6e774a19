/**
 * A failing disk: commits that fail keep their batch and are retried; a batch that keeps
 * failing is given up without leaving a gap in any run's seq, the calls waiting on it get a
 * clear server_error, the runs it touched fail saying why, and the process carries on.
 * The failure is SQLite's own SQLITE_FULL (the database may not grow: `max_page_count`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { StorageStatus } from '../../../electron/services/events/event-log';
import { openTestServices, waitForStatus, type TestServices } from '../../helpers/services';

let s: TestServices | null = null;
afterEach(async () => {
  await s?.dispose();
  s = null;
});

function seqsGapFree(svc: TestServices, runId: string): void {
  const events = svc.runtime.readRunEvents(runId);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
}

/** Lets the database grow no further than it is now (SQLite answers SQLITE_FULL), or frees it again. */
function diskFull(svc: TestServices, full: boolean): void {
  const pages = svc.db.pragma('page_count', { simple: true }) as number;
  svc.db.pragma(`max_page_count = ${full ? pages : 1_000_000_000}`);
}

describe('failing storage', () => {
  it('a commit that fails a few times is retried with its whole batch: the call is answered once saved, nothing lost', async () => {
    s = openTestServices();
    const statuses: StorageStatus[] = [];
    s.log.onStatus((st) => statuses.push(st));
    const assistant = await s.api.assistants.create({ model: 'mock' });
    let failures = 2;
    s.log.beforeCommit = () => {
      if (failures-- > 0) throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
    };
    const thread = await s.api.threads.create({ title: 'kept' });
    await s.api.messages.create(thread.id, { role: 'user', content: 'hello' });
    const run = await s.api.runs.create(thread.id, { assistant_id: assistant.id });
    await waitForStatus(s, run, ['completed']);
    expect(statuses.map((st) => st.ok)).toEqual([false, false, true]);
    expect(statuses[0].message).toContain('disk I/O error');
    expect((await s.api.threads.get(thread.id)).metadata).toEqual({ title: 'kept' });
    expect(s.log.status().ok).toBe(true);
    seqsGapFree(s, run.id);
  });

  it('a disk that stays full: the batch is given up without seq gaps, callers get a clear server_error, the run fails saying why once space is back', async () => {
    s = openTestServices();
    const assistant = await s.api.assistants.create({ model: 'mock' });
    const thread = await s.api.threads.create({});
    // Long enough that its model request needs new pages in the file.
    await s.api.messages.create(thread.id, { role: 'user', content: `[mock:delay=300] ${'many words to stream '.repeat(400)}` });
    const run = await s.api.runs.create(thread.id, { assistant_id: assistant.id });
    const before = s.runtime.readRunEvents(run.id).length;
    const statuses: StorageStatus[] = [];
    s.log.onStatus((st) => statuses.push(st));
    diskFull(s, true);
    // A call made while the disk is full is refused once its batch is given up, and changes nothing.
    const big = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, 'x'.repeat(500)]));
    const refused = (await s.api.threads.create({ title: 'never saved', metadata: big }).catch((e: unknown) => e)) as Error & { status: number; type: string };
    expect(refused).toMatchObject({ status: 500, type: 'server_error' });
    expect(refused.message).toMatch(/could not save the change to its database \(database or disk is full\); nothing of it was kept/);
    expect((await s.api.threads.list()).map((t) => t.title)).not.toContain('never saved');
    expect(statuses.some((st) => !st.ok && /affected runs were failed/.test(st.message ?? ''))).toBe(true);

    diskFull(s, false);
    const failed = await waitForStatus(s, run, ['failed'], 20_000);
    expect(failed.last_error).toEqual({ code: 'server_error', message: expect.stringContaining('could not save this run to its database (database or disk is full)') });
    seqsGapFree(s, run.id);
    expect(s.runtime.readRunEvents(run.id).length).toBeGreaterThan(before);
    // The process carries on: the thread takes new messages, new runs complete.
    await s.api.messages.create(thread.id, { role: 'user', content: 'again' });
    const next = await s.api.runs.create(thread.id, { assistant_id: assistant.id });
    await waitForStatus(s, next, ['completed']);
    expect(s.log.status().ok).toBe(true);
  });
});
