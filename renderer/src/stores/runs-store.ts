/**
 * Runs domain: the live view of every run this window has seen (built by `applyRunEvent`
 * from pushes), plus the commands that start, cancel and answer runs. When a push arrives
 * after a hole in `seq` (or for a run the window never saw), the store refetches the
 * missed events with `runs.events(runId, lastSeq)` and applies them in order.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RunCreateInput, RunLensBridge, ToolOutput } from '../../../electron/contract/api';
import type { Run } from '../../../electron/contract/objects';
import type { RunEventRecord } from '../../../electron/contract/events';
import { applyRunEvent, applyRunEvents, emptyLiveRun, type LiveRun } from './run-reducer';

export interface RunsState {
  live: Record<string, LiveRun>;
  /** The assistant version each run used (from `runs.get`), once known. */
  versions: Record<string, number | null>;
  /** Fetches the run's recorded assistant version once. */
  loadVersion(runId: string): Promise<void>;
  /** Folds one push; schedules a refetch when it revealed a gap. */
  receive(event: RunEventRecord): void;
  /** Fetches (again) every event after what we hold and applies them. */
  sync(runId: string, threadId: string): Promise<LiveRun>;
  /** Adds the user's message (when given) and starts a run on the thread. */
  start(threadId: string, input: RunCreateInput, message?: string): Promise<Run>;
  cancel(runId: string): Promise<Run>;
  submit(runId: string, outputs: ToolOutput[]): Promise<Run>;
}

export type RunsStore = StoreApi<RunsState>;

/** How many runs the window keeps live state for; the oldest finished ones go first (the chat falls back to stored messages). */
export const MAX_LIVE_RUNS = 400;
const FINISHED = new Set(['completed', 'failed', 'cancelled', 'expired', 'incomplete']);

function pruned(live: Record<string, LiveRun>): Record<string, LiveRun> {
  const ids = Object.keys(live);
  if (ids.length < MAX_LIVE_RUNS) return live;
  const out = { ...live };
  let excess = ids.length - MAX_LIVE_RUNS + 1;
  for (const id of ids) {
    if (excess === 0) break;
    if (FINISHED.has(live[id].run?.status ?? '')) {
      delete out[id];
      excess--;
    }
  }
  return out;
}

/** One runs store bound to a bridge. */
export function createRunsStore(bridge: RunLensBridge): RunsStore {
  const api = bridge.api;
  const syncing = new Map<string, Promise<LiveRun>>();
  const store = createStore<RunsState>((set, get) => ({
    live: {},
    versions: {},
    async loadVersion(runId) {
      if (runId in get().versions) return;
      set({ versions: { ...get().versions, [runId]: null } });
      try {
        const details = await api.runs.get(runId);
        set({ versions: { ...get().versions, [runId]: details.assistant_version } });
      } catch {
        // Unknown is fine: the badge just stays hidden.
      }
    },
    receive(event) {
      const known = get().live[event.run_id];
      const prev = known ?? emptyLiveRun(event.run_id, event.thread_id);
      const next = applyRunEvent(prev, event);
      if (next !== prev) set({ live: { ...(known ? get().live : pruned(get().live)), [event.run_id]: next } });
      if (next.gap) void get().sync(event.run_id, event.thread_id);
      if (event.type === 'thread.run.created') void get().loadVersion(event.run_id);
    },
    sync(runId, threadId) {
      const running = syncing.get(runId);
      if (running) return running;
      const job = (async () => {
        try {
          // Loop: more events may land while we fetch; stop once there is no gap left.
          for (let round = 0; ; round++) {
            const have = get().live[runId] ?? emptyLiveRun(runId, threadId);
            const events = await api.runs.events(runId, have.lastSeq);
            const current = get().live[runId] ?? emptyLiveRun(runId, threadId);
            const next = applyRunEvents({ ...current, gap: false }, events);
            set({ live: { ...get().live, [runId]: next } });
            void get().loadVersion(runId);
            const latest = get().live[runId];
            if (!latest.gap || round >= 5) return latest;
          }
        } finally {
          syncing.delete(runId);
        }
      })();
      syncing.set(runId, job);
      return job;
    },
    async start(threadId, input, message) {
      if (message && message.trim()) await api.messages.create(threadId, { role: 'user', content: message });
      const run = await api.runs.create(threadId, input);
      // Don't rely on the push stream alone for a run we just started: if its first events
      // went out before the stream was connected (a cold start), fetch them.
      void get().sync(run.id, threadId);
      return run;
    },
    cancel: (runId) => api.runs.cancel(runId),
    submit: (runId, outputs) => api.runs.submitToolOutputs(runId, outputs),
  }));
  return store;
}
