import { useMemo } from 'react';
import { errorMessage } from '../../stores/errors';
import { useStores } from '../../stores';
import type { AppStores } from '../../stores';

/** Opens a thread: loads its messages and runs, then catches up on the newest runs' events. */
export async function openThread(stores: AppStores, id: string, at?: { runId: string | null; stepId: string | null }): Promise<void> {
  stores.ui.getState().set({ threadId: id, view: 'thread', runId: at?.runId ?? null, stepId: at?.stepId ?? null });
  try {
    // In parallel: the timeline needs the runs list, and must not wait for the messages.
    const [, runs] = await Promise.all([stores.threads.getState().loadMessages(id), stores.threads.getState().loadRuns(id)]);
    await Promise.all(runs.slice(0, 12).map((r) => stores.runs.getState().sync(r.id, id)));
    const pending = runs.find((r) => r.status === 'requires_action');
    if (pending) await stores.inbox.getState().load(pending.id);
  } catch (e) {
    stores.ui.getState().set({ notice: { kind: 'error', text: `Could not open the thread: ${errorMessage(e)}` } });
  }
}

/** Thread commands shared by the list, the header, the palette and the shortcuts. */
export function useThreadActions() {
  const stores = useStores();
  return useMemo(() => {
    const fail = (what: string) => (e: unknown) => stores.ui.getState().set({ notice: { kind: 'error', text: `${what}: ${errorMessage(e)}` } });
    return {
      open: (id: string) => void openThread(stores, id),
      async create() {
        try {
          const t = await stores.threads.getState().create();
          await openThread(stores, t.id);
          (document.querySelector('[data-composer]') as HTMLElement | null)?.focus();
        } catch (e) {
          fail('Could not create a thread')(e);
        }
      },
      rename: (id: string, title: string) => stores.threads.getState().rename(id, title).catch(fail('Could not rename')),
      async duplicate(id: string) {
        try {
          const t = await stores.threads.getState().duplicate(id);
          await openThread(stores, t.id);
        } catch (e) {
          fail('Could not duplicate')(e);
        }
      },
      async remove(id: string) {
        try {
          await stores.threads.getState().remove(id);
          if (stores.ui.getState().threadId === id) stores.ui.getState().set({ threadId: null });
        } catch (e) {
          fail('Could not delete')(e);
        }
      },
    };
  }, [stores]);
}
