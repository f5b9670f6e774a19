import { useMemo } from 'react';
import type { AppStores } from '../../stores';
import { useStores } from '../../stores';
import { errorMessage } from '../../stores/errors';
import { activeRun, threadRuns } from '../../stores/selectors';
import { runInputFromOptions } from '../../stores/ui-store';

/** The open thread's active run (the lock), from stored + live state. */
export function lockingRun(stores: AppStores, threadId: string) {
  return activeRun(threadRuns(threadId, stores.threads.getState().runs[threadId], stores.runs.getState().live));
}

/** Run commands shared by the composer, the status bar, the palette and the shortcuts. */
export function useRunActions() {
  const stores = useStores();
  return useMemo(() => {
    const notice = (text: string) => stores.ui.getState().set({ notice: { kind: 'error', text } });
    return {
      /** Adds the message (if any) and starts a run with the chosen assistant and the run options. */
      async send(text: string): Promise<boolean> {
        const { threadId, assistantId, options } = stores.ui.getState();
        if (!threadId) return notice('Open or create a thread first (Alt+N).'), false;
        if (!assistantId) return notice('Choose an assistant to run with (or create one in the sidebar).'), false;
        const lock = lockingRun(stores, threadId);
        if (lock) {
          stores.ui.getState().set({ notice: { kind: 'error', text: `This thread is locked by run ${lock.id} (${lock.status}). Cancel it first (Alt+X).`, lockRunId: lock.id } });
          return false;
        }
        try {
          const run = await stores.runs.getState().start(threadId, runInputFromOptions(assistantId, options), text);
          stores.ui.getState().set({ notice: null, runId: null });
          await stores.threads.getState().loadMessages(threadId);
          stores.threads.getState().noteRun(run);
          return true;
        } catch (e) {
          notice(`Could not start the run: ${errorMessage(e)}`);
          return false;
        }
      },
      async cancel(runId?: string) {
        const threadId = stores.ui.getState().threadId;
        const id = runId ?? (threadId ? lockingRun(stores, threadId)?.id : undefined);
        if (!id) return notice('No active run to cancel.');
        try {
          await stores.runs.getState().cancel(id);
        } catch (e) {
          notice(`Could not cancel: ${errorMessage(e)}`);
        }
      },
    };
  }, [stores]);
}
