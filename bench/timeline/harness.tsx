/**
 * A page that mounts the real timeline panels on an in-memory bridge, for the benchmark and
 * for looking at the views in a real Chromium. URL: ?gen=10000 (synthetic run),
 * ?scenario=multi|cancel|expired|failed|invalid|plain, &thread=1 for the thread view,
 * &theme=dark|light. `window.__TL_EVENTS__` (set before load) overrides the events.
 */
import { createRoot } from 'react-dom/client';
import type { RunLensBridge, RunLensEvents } from '../../electron/contract/api';
import type { RunEventRecord } from '../../electron/contract/events';
import { BridgeProvider } from '../../renderer/src/bridge/context';
import { createAppStores, StoresProvider } from '../../renderer/src/stores';
import { subscribeStores } from '../../renderer/src/stores/subscriptions';
import { RunTimelinePanel, ThreadTimelinePanel } from '../../renderer/src/features/timeline';
import { cancelledRun, expiredRun, failedRun, invalidArgsRun, multiRoundRun, plainReplyRun } from '../../test/renderer/timeline/event-fixtures';
import { generateRun } from './generate';

declare global {
  interface Window {
    __TL_EVENTS__?: RunEventRecord[];
    __TL_PUSH__?: (ev: RunEventRecord) => void;
  }
}

const params = new URLSearchParams(location.search);
const theme = params.get('theme');
if (theme) document.documentElement.dataset.theme = theme;

const SCENARIOS: Record<string, () => { events: RunEventRecord[] }> = {
  multi: multiRoundRun, cancel: cancelledRun, expired: expiredRun, failed: failedRun, invalid: invalidArgsRun, plain: plainReplyRun,
};

let events: RunEventRecord[];
if (window.__TL_EVENTS__) events = window.__TL_EVENTS__;
else if (params.get('gen')) events = generateRun(Number(params.get('gen')));
else if (params.get('scenario') === 'all') events = Object.values(SCENARIOS).flatMap((f, i) => f().events.map((e) => ({ ...e, thread_id: 'thread_1', ts: e.ts + i * 700_000 })));
else events = SCENARIOS[params.get('scenario') ?? 'multi']().events;
performance.mark('events-ready');

const byRun = new Map<string, RunEventRecord[]>();
for (const ev of events) {
  const list = byRun.get(ev.run_id) ?? [];
  list.push(ev);
  byRun.set(ev.run_id, list);
}
const listeners = new Set<(ev: RunEventRecord) => void>();
window.__TL_PUSH__ = (ev) => {
  byRun.get(ev.run_id)?.push(ev);
  for (const l of listeners) l(ev);
};

const bridge = {
  api: {
    runs: {
      events: async (runId: string, after = 0) => (byRun.get(runId) ?? []).filter((e) => e.seq > after),
      list: async () => [...byRun.keys()].map((id, i) => ({ id, created_at: i })).reverse(),
    },
  },
  on: (<K extends keyof RunLensEvents>(name: K, fn: (p: RunLensEvents[K]) => void) => {
    if (name !== 'run.event') return () => undefined;
    const l = fn as (ev: RunEventRecord) => void;
    listeners.add(l);
    return () => listeners.delete(l);
  }),
} as unknown as RunLensBridge;

const first = events[0];
const stores = createAppStores(bridge, undefined);
subscribeStores(bridge, stores);
createRoot(document.getElementById('root')!).render(
  <BridgeProvider bridge={bridge}>
    <StoresProvider stores={stores}>
      {params.get('thread') ? <ThreadTimelinePanel threadId={first.thread_id} /> : <RunTimelinePanel threadId={first.thread_id} runId={first.run_id} />}
    </StoresProvider>
  </BridgeProvider>,
);
