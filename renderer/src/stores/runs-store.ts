/**
 * Runs domain: the live view of every run this window has seen (built by `applyRunEvent`
 * from what the run event cache delivers — the store keeps no log of its own), plus the
 * commands that start, cancel and answer runs.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RunCreateInput, RunLensBridge, ToolOutput } from '../../../electron/contract/api';
import type { Run } from '../../../electron/contract/objects';
import { isTerminalRunStatus } from '../../../electron/contract/run-lifecycle';
import { applyRunEvents, emptyLiveRun, type LiveRun } from './run-reducer';
import { eventsAfter, type RunEventCache } from './run-event-cache';

export interface RunsState {
  live: Record<string, LiveRun>;
  /** The assistant version each run used (from `runs.get`), once known. */
  versions: Record<string, number | null>;
  /** Fetches the run's recorded assistant version once. */
  loadVersion(runId: string): Promise<void>;
  /** Brings the run's events up to date (through the cache) and returns its live view. */
  sync(runId: string, threadId: string): Promise<LiveRun>;
  /** Adds the user's message (when given) and starts a run on the thread. */
  start(threadId: string, input: RunCreateInput, message?: string): Promise<Run>;
  cancel(runId: string): Promise<Run>;
  submit(runId: string, outputs: ToolOutput[]): Promise<Run>;
}

export type RunsStore = StoreApi<RunsState>;

/** How many runs the window keeps live state for; the oldest finished ones go first (the chat falls back to stored messages). */
export const MAX_LIVE_RUNS = 400;

function pruned(live: Record<string, LiveRun>): Record<string, LiveRun> {
  const ids = Object.keys(live);
  if (ids.length < MAX_LIVE_RUNS) return live;
  const out = { ...live };
  let excess = ids.length - MAX_LIVE_RUNS + 1;
  for (const id of ids) {
    if (excess === 0) break;
    const status = live[id].run?.status;
    if (status && isTerminalRunStatus(status)) {
      delete out[id];
      excess--;
    }
  }
  return out;
}

/** One runs store bound to a bridge, folding what `cache` delivers. */
export function createRunsStore(bridge: RunLensBridge, cache: RunEventCache): RunsStore {
  const api = bridge.api;
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
    async sync(runId, threadId) {
      await cache.sync(runId, threadId);
      return get().live[runId] ?? emptyLiveRun(runId, threadId);
    },
    async start(threadId, input, message) {
      if (message && message.trim()) await api.messages.create(threadId, { role: 'user', content: message });
      const run = await api.runs.create(threadId, input);
      // Don't rely on the push stream alone for a run we just started: if its first events
      // went out before the stream was connected (a cold start), fetch them.
      void cache.sync(run.id, threadId);
      return run;
    },
    cancel: (runId) => api.runs.cancel(runId),
    submit: (runId, outputs) => api.runs.submitToolOutputs(runId, outputs),
  }));
  // O(new events): fold only what the cache just appended; a view dropped by `pruned` (or
  // never built) starts from what the cache holds.
  cache.onAppend((held, added) => {
    const live = store.getState().live;
    const known = live[held.runId];
    const prev = known ?? emptyLiveRun(held.runId, held.threadId);
    const fresh = added[0].seq === prev.lastSeq + 1 ? added : eventsAfter(held, prev.lastSeq);
    const next = applyRunEvents(prev, fresh);
    if (next !== prev) store.setState({ live: { ...(known ? live : pruned(live)), [held.runId]: next } });
    if (!known) void store.getState().loadVersion(held.runId);
  });
  return store;
}
