/**
 * The ONE place that listens to the bridge's pushes and feeds them into the stores:
 * run events into the run event cache (which refetches after gaps and feeds the runs store
 * and the timeline), run snapshots into the thread list, requires_action into the inbox,
 * entity changes into list refreshes.
 * Returns the function that detaches every listener.
 */
import type { RunLensBridge } from '../../../electron/contract/api';
import { isRunStatusEvent } from '../../../electron/contract/event-guards';
import { isActiveRunStatus, isTerminalRunStatus } from '../../../electron/contract/run-lifecycle';
import type { AppStores } from './index';

/** Coalesces bursts of refresh requests into one call per key. */
function debouncer(ms: number) {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  return {
    run(key: string, fn: () => void) {
      if (timers.has(key)) return;
      timers.set(key, setTimeout(() => (timers.delete(key), fn()), ms));
    },
    stop() {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}

export function subscribeStores(bridge: RunLensBridge, stores: AppStores, debounceMs = 60): () => void {
  const later = debouncer(debounceMs);
  const offEvents = bridge.on('run.event', (event) => {
    stores.events.receive(event);
    const threadId = event.thread_id;
    const openThread = stores.ui.getState().threadId;
    if (event.type === 'thread.created') later.run('threads', () => void stores.threads.getState().load());
    if (isRunStatusEvent(event)) {
      const run = event.data;
      const known = stores.threads.getState().noteRun(run);
      if (!known || event.type === 'thread.run.created' || isTerminalRunStatus(run.status)) {
        later.run('threads', () => void stores.threads.getState().load());
      }
      // A run driven from outside (the /v1 API) may have added messages we have not seen.
      if (event.type === 'thread.run.created' && threadId === openThread) later.run(`messages:${threadId}`, () => void stores.threads.getState().loadMessages(threadId));
      if (run.status === 'requires_action') {
        void stores.inbox
          .getState()
          .load(run.id)
          .then(() => {
            // An automatic handler may have answered while we fetched: drop what is stale.
            const now = stores.runs.getState().live[run.id]?.run?.status;
            if (now && now !== 'requires_action') return stores.inbox.getState().clear(run.id);
            // Bring the inbox forward when the open thread's run waits for us, unless the user is
            // watching the timeline (the Inbox tab's count says a call waits).
            const ui = stores.ui.getState();
            if ((stores.inbox.getState().runs[run.id]?.calls.length ?? 0) > 0 && ui.threadId === run.thread_id && ui.rightTab !== 'timeline') ui.set({ rightTab: 'inbox' });
          });
      }
      else stores.inbox.getState().clear(run.id);
    }
  });
  const offEntities = bridge.on('entity.changed', (change) => {
    // A provider key set or cleared changes which models exist; the assistants load brings them.
    if (change.kind === 'assistant' || change.kind === 'settings') later.run('assistants', () => void stores.assistants.getState().load());
    if (change.kind === 'settings' && stores.settings.getState().loaded) later.run('settings', () => void stores.settings.getState().load());
    if (change.kind === 'thread' || change.kind === 'message') later.run('threads', () => void stores.threads.getState().load());
    if (change.kind === 'message' && change.thread_id && stores.threads.getState().messages[change.thread_id]) {
      const tid = change.thread_id;
      later.run(`messages:${tid}`, () => void stores.threads.getState().loadMessages(tid));
    }
    if (change.kind === 'handler') {
      const assistantId = change.id.split('/')[0];
      if (stores.assistants.getState().handlers[assistantId]) later.run(`handlers:${assistantId}`, () => void stores.assistants.getState().loadHandlers(assistantId));
    }
  });
  // Failing storage: the shell shows a banner until commits succeed again (or, once given up, until dismissed).
  const offStorage = bridge.on('storage.status', (status) => {
    const shown = stores.ui.getState().storage;
    if (status.ok) {
      if (shown && !shown.given_up) stores.ui.getState().set({ storage: null });
    } else stores.ui.getState().set({ storage: status });
  });
  // Keep a usable assistant chosen for runs (e.g. the first one appeared through /v1, or the chosen one was deleted).
  const offAssistants = stores.assistants.subscribe((s) => {
    const ui = stores.ui.getState();
    if (ui.view === 'assistant' && ui.assistantId === null) return; // the "new assistant" editor is open
    if (s.list.length > 0 && !s.list.some((a) => a.id === ui.assistantId)) ui.set({ assistantId: s.list[0].id });
  });
  // Back from the background (or the network): catch up on runs that may have moved while pushes were missed.
  const catchUp = () => {
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
    for (const held of stores.events.all()) {
      if (!held.status || isActiveRunStatus(held.status)) void stores.events.sync(held.runId, held.threadId);
    }
  };
  // Browser mode: say at once when the server is unreachable; once back, the stream resumes after
  // the last event id it saw, runs that may have moved meanwhile are caught up on, and lists reload.
  const offConnection =
    bridge.onConnection?.((state) => {
      const was = stores.ui.getState().connection;
      if (state === 'connecting') return;
      stores.ui.getState().set({ connection: state });
      if (state === 'up' && was === 'down') {
        // Entity changes are not replayed (only run events are): reload the lists they feed.
        later.run('assistants', () => void stores.assistants.getState().load());
        later.run('threads', () => void stores.threads.getState().load());
        catchUp();
      }
    }) ?? (() => undefined);
  globalThis.document?.addEventListener('visibilitychange', catchUp);
  globalThis.addEventListener?.('online', catchUp);
  return () => {
    globalThis.document?.removeEventListener('visibilitychange', catchUp);
    globalThis.removeEventListener?.('online', catchUp);
    offAssistants();
    offEvents();
    offEntities();
    offStorage();
    offConnection();
    later.stop();
  };
}
