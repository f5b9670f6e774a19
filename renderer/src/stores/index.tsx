/**
 * The app's stores, created together for one bridge and handed to components through a
 * context, so components never see the bridge. `events` is the one cache of run events that
 * the runs store and the timeline both read.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { RunLensBridge } from '../../../electron/contract/api';
import { createAssistantsStore, type AssistantsState, type AssistantsStore } from './assistants-store';
import { createInboxStore, type InboxState, type InboxStore } from './inbox-store';
import { createRunsStore, type RunsState, type RunsStore } from './runs-store';
import { RunEventCache } from './run-event-cache';
import { createThreadsStore, type ThreadsState, type ThreadsStore } from './threads-store';
import { createUiStore, type UiState, type UiStore } from './ui-store';
import { createFilesStore, type FilesState, type FilesStore } from './files-store';
import { createSettingsStore, type SettingsStore } from '../features/settings/settings-store';

export interface AppStores {
  assistants: AssistantsStore;
  threads: ThreadsStore;
  runs: RunsStore;
  /** Every run's events as the window holds them (fed by the one subscription). */
  events: RunEventCache;
  inbox: InboxStore;
  ui: UiStore;
  files: FilesStore;
  settings: SettingsStore;
}

/** Builds every store for one bridge. `storage` is for persisted UI choices (null in tests for isolation). */
export function createAppStores(bridge: RunLensBridge, storage: Storage | undefined = globalThis.localStorage): AppStores {
  const events = new RunEventCache(bridge.api);
  return {
    assistants: createAssistantsStore(bridge),
    threads: createThreadsStore(bridge),
    runs: createRunsStore(bridge, events),
    events,
    inbox: createInboxStore(bridge, storage),
    ui: createUiStore(storage),
    files: createFilesStore(bridge),
    settings: createSettingsStore(bridge),
  };
}

const StoresContext = createContext<AppStores | null>(null);

/** Makes the stores available to the component tree. */
export function StoresProvider({ stores, children }: { stores: AppStores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

/** The stores of the nearest provider (for actions and `getState()` in handlers). */
export function useStores(): AppStores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores() needs a <StoresProvider>');
  return stores;
}

/** The stores when a provider exists (views also rendered standalone, such as the timeline, use this). */
export function useOptionalStores(): AppStores | null {
  return useContext(StoresContext);
}

export const useAssistants = <T,>(sel: (s: AssistantsState) => T): T => useStore(useStores().assistants, sel);
export const useThreads = <T,>(sel: (s: ThreadsState) => T): T => useStore(useStores().threads, sel);
export const useRuns = <T,>(sel: (s: RunsState) => T): T => useStore(useStores().runs, sel);
export const useInbox = <T,>(sel: (s: InboxState) => T): T => useStore(useStores().inbox, sel);
export const useFiles = <T,>(sel: (s: FilesState) => T): T => useStore(useStores().files, sel);
export const useUi = <T,>(sel: (s: UiState) => T): T => useStore(useStores().ui, sel);
