import { afterEach, describe, expect, it } from 'vitest';
import { fixtureEvent } from '../../helpers/event-fixture';
import { servicesBridge, type ServicesBridge } from '../../helpers/services-bridge';
import { RunEventCache } from '../../../renderer/src/stores/run-event-cache';
import { createRunsStore, MAX_LIVE_RUNS } from '../../../renderer/src/stores/runs-store';

let bridge: ServicesBridge | undefined;
afterEach(async () => {
  await bridge?.services.dispose();
  bridge = undefined;
});

describe('runs store', () => {
  it('keeps live state for a bounded number of runs, dropping the oldest finished ones', () => {
    bridge = servicesBridge();
    const cache = new RunEventCache(bridge.api);
    const store = createRunsStore(bridge, cache);
    const push = (i: number, status: string) =>
      cache.receive(fixtureEvent({ id: i, run_id: `run_${i}`, thread_id: 't', seq: 1, ts: 0 }, `thread.run.${status}` as 'thread.run.completed', { id: `run_${i}`, status }));
    push(0, 'in_progress'); // still running: never dropped
    for (let i = 1; i <= MAX_LIVE_RUNS + 5; i++) push(i, 'completed');
    const live = store.getState().live;
    expect(Object.keys(live).length).toBeLessThanOrEqual(MAX_LIVE_RUNS);
    expect(live.run_0).toBeDefined();
    expect(live.run_1).toBeUndefined();
    expect(live[`run_${MAX_LIVE_RUNS + 5}`]).toBeDefined();
  });
});

describe('a run started before the push stream delivers', () => {
  it('still shows its progress: start() fetches the run events it may have missed', async () => {
    bridge = servicesBridge();
    // Nothing subscribes to pushes here, as if the stream were not connected yet.
    const runs = createRunsStore(bridge, new RunEventCache(bridge.api));
    const assistant = await bridge.api.assistants.create({ model: 'mock', name: 'A' });
    const thread = await bridge.api.threads.create();
    const run = await runs.getState().start(thread.id, { assistant_id: assistant.id }, 'hello');
    for (let i = 0; i < 400 && !runs.getState().live[run.id]?.run; i++) await new Promise((r) => setTimeout(r, 5));
    expect(runs.getState().live[run.id]?.run?.id).toBe(run.id);
    expect(runs.getState().live[run.id]?.lastSeq).toBeGreaterThan(0);
  });
});
