/**
 * A long run's log reaches the renderer in pages (`runs.eventsPage` over the real services):
 * readers fold each page as it lands, the pages join without gap or duplicate, and bad page
 * arguments are refused with a clear error.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { stubOf, unpackEvents } from '../../../electron/contract/event-pack';
import { RunEventCache } from '../../../renderer/src/stores/run-event-cache';
import { openTestServices, waitForStatus, type TestServices } from '../../helpers/services';

let s: TestServices | null = null;
afterEach(async () => {
  await s?.dispose();
  s = null;
});

async function longRun(words: number) {
  s = openTestServices();
  const a = await s.api.assistants.create({ model: 'mock', name: 'Echo' });
  const t = await s.api.threads.create();
  await s.api.messages.create(t.id, { role: 'user', content: Array.from({ length: words }, (_, i) => `w${i}`).join(' ') });
  const run = await s.api.runs.create(t.id, { assistant_id: a.id });
  await waitForStatus(s, run, ['completed'], 30_000);
  return { run, thread: t, all: await s.api.runs.events(run.id) };
}

describe('runs.eventsPage', () => {
  it('serves the log in bounded pages that join into the whole log', async () => {
    const { run, all } = await longRun(3000);
    // the model request and response (each holds the 3,000 words) travel as stubs
    const sent = all.map(stubOf);
    expect(sent.filter((e) => e.elided).map((e) => e.type)).toEqual(['model.request', 'model.response']);
    const first = await s!.api.runs.eventsPage(run.id, 0, 1000);
    expect(unpackEvents(first)).toEqual(sent.slice(0, 1000));
    expect(first).toMatchObject({ last_seq: all.length, has_more: true });
    const rest = await s!.api.runs.eventsPage(run.id, 1000);
    expect(unpackEvents(rest)).toEqual(sent.slice(1000));
    expect(rest.has_more).toBe(false);
    // and come whole on demand
    for (const stub of sent.filter((e) => e.elided)) expect(await s!.api.runs.eventBody(run.id, stub.seq)).toEqual(all[stub.seq - 1]);
    await expect(s!.api.runs.eventBody(run.id, all.length + 1)).rejects.toThrow(/has no event/);
    await expect(s!.api.runs.eventsPage(run.id, -1)).rejects.toThrow(/afterSeq must be a whole number/);
    await expect(s!.api.runs.eventsPage(run.id, 0, 50_000)).rejects.toThrow(/limit must be a whole number from 1 to 20000/);
  });

  it('the cache hands a long log to readers page by page, in order, without gaps', async () => {
    const { run, thread, all } = await longRun(6000);
    const cache = new RunEventCache(s!.api);
    const batches: number[][] = [];
    cache.onRun(run.id, (_held, added) => batches.push([added[0].seq, added[added.length - 1].seq]));
    const held = await cache.sync(run.id, thread.id);
    expect([...held.events].map((e) => e.seq)).toEqual(all.map((e) => e.seq));
    expect(batches.length).toBeGreaterThan(1);
    expect(batches[0]).toEqual([1, 2000]);
    for (let i = 1; i < batches.length; i++) expect(batches[i][0]).toBe(batches[i - 1][1] + 1);
  });
});
