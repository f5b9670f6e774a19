/**
 * Threads domain: the summaries list (newest first, server-side search), and per thread
 * its stored messages and runs. Live run state lives in the runs store; selectors merge.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RunLensBridge, ThreadSummary } from '../../../electron/contract/api';
import type { Message, Run, Thread } from '../../../electron/contract/objects';
import { errorMessage } from './errors';

export interface ThreadsState {
  summaries: ThreadSummary[];
  search: string;
  loaded: boolean;
  error: string | null;
  messages: Record<string, Message[]>;
  runs: Record<string, Run[]>;
  load(search?: string): Promise<void>;
  create(title?: string): Promise<Thread>;
  rename(id: string, title: string): Promise<void>;
  duplicate(id: string): Promise<Thread>;
  remove(id: string): Promise<void>;
  loadMessages(id: string): Promise<void>;
  loadRuns(id: string): Promise<Run[]>;
  /** Folds a run snapshot from a push into the thread's runs and its summary. */
  noteRun(run: Run): boolean;
}

export type ThreadsStore = StoreApi<ThreadsState>;

/** One threads store bound to a bridge. */
export function createThreadsStore(bridge: RunLensBridge): ThreadsStore {
  const api = bridge.api;
  let loadToken = 0;
  return createStore<ThreadsState>((set, get) => ({
    summaries: [],
    search: '',
    loaded: false,
    error: null,
    messages: {},
    runs: {},
    async load(search = get().search) {
      const token = ++loadToken;
      set({ search });
      try {
        const summaries = await api.threads.list(search ? { search } : undefined);
        // A slower, older search must not overwrite a newer one.
        if (token === loadToken) set({ summaries, loaded: true, error: null });
      } catch (e) {
        if (token === loadToken) set({ loaded: true, error: errorMessage(e) });
      }
    },
    async create(title) {
      const t = await api.threads.create(title ? { title } : undefined);
      await get().load('');
      return t;
    },
    async rename(id, title) {
      await api.threads.rename(id, title);
      await get().load();
    },
    async duplicate(id) {
      const t = await api.threads.duplicate(id);
      await get().load();
      return t;
    },
    async remove(id) {
      await api.threads.delete(id);
      const { [id]: _m, ...messages } = get().messages;
      const { [id]: _r, ...runs } = get().runs;
      set({ summaries: get().summaries.filter((s) => s.thread.id !== id), messages, runs });
    },
    async loadMessages(id) {
      const list = await api.messages.list(id);
      set({ messages: { ...get().messages, [id]: list } });
    },
    async loadRuns(id) {
      const list = await api.runs.list(id);
      set({ runs: { ...get().runs, [id]: list } });
      return list;
    },
    noteRun(run) {
      const prevRuns = get().runs[run.thread_id];
      const runs = prevRuns
        ? { ...get().runs, [run.thread_id]: prevRuns.some((r) => r.id === run.id) ? prevRuns.map((r) => (r.id === run.id ? run : r)) : [run, ...prevRuns] }
        : get().runs;
      let known = false;
      const summaries = get().summaries.map((s) => {
        if (s.thread.id !== run.thread_id) return s;
        known = true;
        return { ...s, last_run: { id: run.id, status: run.status, assistant_id: run.assistant_id } };
      });
      set({ runs, summaries });
      return known;
    },
  }));
}
