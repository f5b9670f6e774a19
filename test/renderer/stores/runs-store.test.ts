import { describe, expect, it } from 'vitest';
import { createFakeBridge } from '../../../renderer/src/api/fake-api';
import { createRunsStore, MAX_LIVE_RUNS } from '../../../renderer/src/stores/runs-store';

describe('runs store', () => {
  it('keeps live state for a bounded number of runs, dropping the oldest finished ones', () => {
    const store = createRunsStore(createFakeBridge());
    const push = (i: number, status: string) =>
      store.getState().receive({ id: i, run_id: `run_${i}`, thread_id: 't', seq: 1, ts: 0, type: `thread.run.${status}` as 'thread.run.completed', data: { id: `run_${i}`, status } });
    push(0, 'in_progress'); // still running: never dropped
    for (let i = 1; i <= MAX_LIVE_RUNS + 5; i++) push(i, 'completed');
    const live = store.getState().live;
    expect(Object.keys(live).length).toBeLessThanOrEqual(MAX_LIVE_RUNS);
    expect(live.run_0).toBeDefined();
    expect(live.run_1).toBeUndefined();
    expect(live[`run_${MAX_LIVE_RUNS + 5}`]).toBeDefined();
  });
});
