/**
 * A long run's log travels and is held packed (`runs.eventsPage`, the run event cache, the
 * timeline model) — over the real services:
 * - what a user waits for and what the page keeps: a long reply costs a few bytes per event
 *   beyond its text on the wire, and the renderer keeps far less than the events as objects;
 * - nothing is lost: unpacking gives back exactly the recorded events (text fragments,
 *   tool-call argument fragments, snapshots), in the cache and in the timeline model.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { CALL_ARGS, MESSAGE_TEXT, packEvents, unpackEvents, type PackedEventsPage } from '../../../electron/contract/event-pack';
import type { RunEventRecord } from '../../../electron/contract/events';
import { EventLog } from '../../../renderer/src/stores/event-log';
import { RunEventCache } from '../../../renderer/src/stores/run-event-cache';
import { RunEventsStore } from '../../../renderer/src/features/timeline/store/run-events-store';
import { openTestServices, waitForStatus, type TestServices } from '../../helpers/services';
import { weatherTool } from './helpers';

let s: TestServices | null = null;
afterEach(async () => {
  await s?.dispose();
  s = null;
});

/** A run whose reply echoes `words` words, one `thread.message.delta` per word. */
async function echoRun(words: number) {
  s ??= openTestServices();
  const a = await s.api.assistants.create({ model: 'mock', name: 'Echo' });
  const t = await s.api.threads.create();
  await s.api.messages.create(t.id, { role: 'user', content: Array.from({ length: words }, (_, i) => `w${i % 1000}`).join(' ') });
  const run = await s.api.runs.create(t.id, { assistant_id: a.id });
  await waitForStatus(s, run, ['completed'], 60_000);
  return { run, thread: t };
}

/** Every page of the run's log, as the app asks for them. */
async function allPages(runId: string, limit = 10_000): Promise<PackedEventsPage[]> {
  const pages: PackedEventsPage[] = [];
  for (let after = 0; ; ) {
    const page = await s!.api.runs.eventsPage(runId, after, limit);
    pages.push(page);
    after = page.first_seq + page.ref.length - 1;
    if (!page.has_more) return pages;
  }
}

describe('packed event pages', () => {
  it('a long reply travels at a few bytes per event beyond its text (it was ~310 bytes of JSON per event)', async () => {
    const { run } = await echoRun(6000);
    const all = await s!.api.runs.events(run.id);
    const reply = (await s!.api.messages.list(run.thread_id)).find((m) => m.role === 'assistant')!;
    const replyText = reply.content.map((c) => (c.type === 'text' ? c.text.value : '')).join('');
    // one page holds the whole run (what goes over the wire, as JSON)
    const page = await s!.api.runs.eventsPage(run.id, 0, 20_000);
    expect(page.has_more).toBe(false);
    const bytes = JSON.stringify(page).length;
    // The text itself travels twice: as fragments and in the completed message. The model
    // request (the echoed user message) and response hold it too but travel as stubs (the
    // inspector fetches them). The rest is envelope.
    const perEvent = (bytes - 2 * replyText.length) / all.length;
    expect(all.length).toBeGreaterThan(6000);
    expect(perEvent).toBeLessThan(12);
  });

  it('gives back exactly the recorded events: text fragments, argument fragments and snapshots', async () => {
    const { run: echo } = await echoRun(500);
    const a = await s!.api.assistants.create({ model: 'mock', name: 'W', tools: [weatherTool] });
    const t = await s!.api.threads.create();
    await s!.api.messages.create(t.id, { role: 'user', content: 'get_weather city=Oslo' });
    const tools = await s!.api.runs.create(t.id, { assistant_id: a.id });
    await waitForStatus(s!, tools, ['requires_action']);
    const call = (await s!.api.runs.get(tools.id)).run.required_action!.submit_tool_outputs.tool_calls[0];
    await s!.api.runs.submitToolOutputs(tools.id, [{ tool_call_id: call.id, output: '{"temp":-3,"sky":"snow"}' }]);
    await waitForStatus(s!, tools, ['completed']);

    for (const run of [echo, tools]) {
      const recorded = await s!.api.runs.events(run.id);
      const pages = await allPages(run.id, 97);
      expect(pages.flatMap(unpackEvents)).toEqual(recorded);
      // it did pack: fragments are numbers plus text, not whole events
      const kinds = pages.flatMap((p) => p.ref.map((r) => (r === 0 ? 0 : p.refs[r - 1][0])));
      expect(kinds.filter((k) => k === MESSAGE_TEXT).length).toBeGreaterThan(run === echo ? 400 : 0);
      if (run === tools) expect(kinds.filter((k) => k === CALL_ARGS).length).toBeGreaterThan(1);
      // the packed log the renderer holds, and a view over it, read back the same events
      const log = new EventLog();
      for (const ev of recorded) log.push(ev);
      expect([...log]).toEqual(recorded);
      const k = Math.min(40, recorded.length - 1);
      const view = new EventLog(log);
      for (const ev of recorded.slice(0, k)) view.push(ev);
      expect(view.slice()).toEqual(recorded.slice(0, k));
      // a view that is handed something else copies what it saw and goes on alone
      const other = { ...recorded[k], id: recorded[k].id + 1_000_000 } as RunEventRecord;
      view.push(other);
      expect(view.slice()).toEqual([...recorded.slice(0, k), other]);
    }
    expect(() => packEvents(echo.id, echo.thread_id, [], 0, false)).not.toThrow();
    // numbers that do not fit 4-byte offsets (a fractional time, an id far ahead, an earlier seq) read back as pushed
    const recorded = await s!.api.runs.events(echo.id);
    const odd = recorded.slice(0, 30).map((ev, i) => ({ ...ev, ts: i === 10 ? ev.ts + 0.5 : ev.ts, id: i >= 20 ? ev.id + 2 ** 40 : ev.id, seq: i === 25 ? 0 : ev.seq }) as RunEventRecord);
    const log = new EventLog();
    for (const ev of odd) log.push(ev);
    expect([...log]).toEqual(odd);
  });

  it('the cache and the timeline keep a 20,000-event run in far less than its events as objects', async () => {
    const { run, thread } = await echoRun(20_000);
    const total = (await s!.api.runs.events(run.id)).length;
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const heap = () => {
      gc();
      gc();
      // typed arrays live outside the JS heap: count them too
      const h = v8.getHeapStatistics();
      return h.used_heap_size + h.external_memory;
    };
    // what the cache and the timeline keep: the heap with them minus the heap once they are dropped
    const open = async () => {
      const cache = new RunEventCache(s!.api);
      const timeline = new RunEventsStore(cache, run.id, thread.id);
      timeline.start();
      await cache.sync(run.id, thread.id);
      await new Promise((r) => setTimeout(r, 50));
      expect(timeline.model.events.length).toBe(total);
      expect(timeline.model.steps.at(-1)?.text).toMatch(/^Echo: w0 w1 w2 .* w999$/);
      const withThem = heap();
      timeline.stop();
      return withThem;
    };
    const withThem = await open();
    const kept = withThem - heap();
    // as objects (the old cache and model) it was ~600 bytes per event
    expect(kept / total).toBeLessThan(150);
  });
});
