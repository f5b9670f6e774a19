import { afterEach, describe, expect, it, vi } from 'vitest';
import { RunEventsStore } from '../../../renderer/src/features/timeline/store/run-events-store';
import { messageText } from '../../../renderer/src/stores/selectors';
import { harness, until, type Harness } from './helpers';

let h: Harness;
afterEach(() => h?.stop());

/** A run of the real engine that completed while every push was held; returns its id and event count. */
async function completedWhileHeld(text: string) {
  h = harness();
  const api = h.bridge.services.api;
  const a = await api.assistants.create({ model: 'mock', name: 'A' });
  const t = await api.threads.create();
  h.bridge.hold();
  await api.messages.create(t.id, { role: 'user', content: text });
  const run = await api.runs.create(t.id, { assistant_id: a.id });
  await until(async () => (await api.runs.get(run.id)).run.status === 'completed', 'completed');
  const total = (await api.runs.events(run.id)).length;
  await until(() => h.bridge.held().filter((p) => p.name === 'run.event').length === total, 'all pushes held');
  return { run, thread: t, total };
}

/** How many held pushes there are up to and including the `n`-th held run event. */
function throughRunEvent(n: number): number {
  let seen = 0;
  const held = h.bridge.held();
  for (let i = 0; i < held.length; i++) if (held[i].name === 'run.event' && ++seen === n) return i + 1;
  throw new Error(`fewer than ${n} run events held`);
}

describe('the run event cache', () => {
  it('fills a hole in the pushes with one refetch after its last seq, for the chat and the timeline alike', async () => {
    const { run, thread, total } = await completedWhileHeld('one two three four five six');
    const fetches = vi.spyOn(h.bridge.api.runs, 'eventsPage');
    h.bridge.release(throughRunEvent(3));
    h.bridge.drop(throughRunEvent(2)); // lost: the next push reveals the hole
    h.bridge.resume();
    const live = await until(() => h.stores.runs.getState().live[run.id]?.run?.status === 'completed' && h.stores.runs.getState().live[run.id], 'chat caught up');
    expect(Object.values(live.messages).map(messageText)).toEqual(['Echo: one two three four five six']);
    expect(live.lastSeq).toBe(total);
    expect(fetches.mock.calls.map((c) => c.slice(0, 2))).toEqual([[run.id, 3]]);

    // The timeline reads the same held events: it only asks for what may have come after them.
    const timeline = new RunEventsStore(h.stores.events, run.id, thread.id);
    timeline.start();
    expect([...timeline.model.events].map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    await until(() => !timeline.loading, 'timeline loaded');
    expect(fetches.mock.calls.slice(1).map((c) => c.slice(0, 2))).toEqual([[run.id, total]]);
    expect(timeline.model.status).toBe('completed');
    timeline.stop();
  });

  it('delivers each event once, in seq order, to a late reader and to live followers', async () => {
    const { run, thread, total } = await completedWhileHeld('alpha beta');
    const seen: number[] = [];
    h.stores.events.onRun(run.id, (_held, added) => seen.push(...added.map((e) => e.seq)));
    // pushes arrive shuffled, with duplicates
    const pushes = h.bridge.drop(Infinity).filter((p) => p.name === 'run.event');
    for (const i of [1, 0, 0, 3, 2, ...Array.from({ length: total - 4 }, (_, k) => k + 4), 2]) {
      const p = pushes[i];
      if (p?.name === 'run.event') h.stores.events.receive(p.payload);
    }
    await until(() => h.stores.events.get(run.id)?.afterSeq === total, 'all held');
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(h.stores.events.get(run.id)?.threadId).toBe(thread.id);
  });
});
