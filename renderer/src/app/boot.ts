/**
 * Startup: attach the one subscription, load the first data, reopen the last thread,
 * pick up runs that are waiting for outputs, wait for the push stream to be open, then
 * mark the document ready (`data-app-state="ready"`, which the e2e fixture waits for).
 */
import type { RunLensBridge } from '../../../electron/contract/api';
import type { AppStores } from '../stores';
import { subscribeStores } from '../stores/subscriptions';
import { openThread } from '../features/threads/use-thread-actions';
import { errorMessage } from '../stores/errors';

export async function bootApp(bridge: RunLensBridge, stores: AppStores): Promise<() => void> {
  const stop = subscribeStores(bridge, stores);
  try {
    await Promise.all([stores.assistants.getState().load(), stores.threads.getState().load('')]);
    const ui = stores.ui.getState();
    const assistants = stores.assistants.getState().list;
    if (!assistants.some((a) => a.id === ui.assistantId)) ui.set({ assistantId: assistants[0]?.id ?? null });
    const summaries = stores.threads.getState().summaries;
    if (ui.threadId && summaries.some((s) => s.thread.id === ui.threadId)) await openThread(stores, ui.threadId);
    else ui.set({ threadId: null });
    const waiting = summaries.filter((s) => s.last_run?.status === 'requires_action').slice(0, 20);
    await Promise.all(
      waiting.map(async (s) => {
        const runId = s.last_run?.id as string;
        await stores.runs.getState().sync(runId, s.thread.id);
        await stores.inbox.getState().load(runId);
      }),
    );
  } catch (e) {
    stores.ui.getState().set({ notice: { kind: 'error', text: `Could not load your data: ${errorMessage(e)}` } });
  }
  // Ready means live: wait (briefly) for the push stream, so nothing that happens next is missed.
  if (bridge.whenConnected) await Promise.race([bridge.whenConnected(), new Promise((resolve) => setTimeout(resolve, 5000))]);
  document.documentElement.dataset.appState = 'ready';
  return stop;
}
