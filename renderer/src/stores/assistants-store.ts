/**
 * Assistants domain: the list, models, per-assistant handlers and versions. Every write
 * goes through the bridge and then refreshes from it, so the UI shows what was stored.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AssistantInput, AssistantSaveOptions, AssistantVersion, FunctionHandler, HandlerInput, ModelInfo, RunLensBridge } from '../../../electron/contract/api';
import type { Assistant } from '../../../electron/contract/objects';
import { errorMessage } from './errors';

export interface AssistantsState {
  list: Assistant[];
  loaded: boolean;
  error: string | null;
  models: ModelInfo[];
  handlers: Record<string, FunctionHandler[]>;
  versions: Record<string, AssistantVersion[]>;
  load(): Promise<void>;
  create(input: AssistantInput): Promise<Assistant>;
  /** Saves a new version; `options.scripted_rules` are kept with it. */
  update(id: string, patch: Partial<AssistantInput>, options?: AssistantSaveOptions): Promise<Assistant>;
  duplicate(id: string): Promise<Assistant>;
  remove(id: string): Promise<void>;
  loadVersions(id: string): Promise<void>;
  restore(id: string, version: number): Promise<Assistant>;
  loadHandlers(id: string): Promise<void>;
  setHandler(id: string, fn: string, input: HandlerInput): Promise<FunctionHandler>;
}

export type AssistantsStore = StoreApi<AssistantsState>;

/** One assistants store bound to a bridge. */
export function createAssistantsStore(bridge: RunLensBridge): AssistantsStore {
  const api = bridge.api;
  return createStore<AssistantsState>((set, get) => ({
    list: [],
    loaded: false,
    error: null,
    models: [],
    handlers: {},
    versions: {},
    async load() {
      try {
        const [list, models] = await Promise.all([api.assistants.list(), api.models.list()]);
        set({ list, models, loaded: true, error: null });
      } catch (e) {
        set({ loaded: true, error: errorMessage(e) });
      }
    },
    async create(input) {
      const a = await api.assistants.create(input);
      set({ list: [a, ...get().list.filter((x) => x.id !== a.id)] });
      return a;
    },
    async update(id, patch, options) {
      const a = options ? await api.assistants.update(id, patch, options) : await api.assistants.update(id, patch);
      set({ list: get().list.map((x) => (x.id === id ? a : x)) });
      void get().loadVersions(id);
      return a;
    },
    async duplicate(id) {
      const a = await api.assistants.duplicate(id);
      await get().load();
      return a;
    },
    async remove(id) {
      await api.assistants.delete(id);
      set({ list: get().list.filter((x) => x.id !== id) });
    },
    async loadVersions(id) {
      const versions = await api.assistants.versions(id);
      set({ versions: { ...get().versions, [id]: versions } });
    },
    async restore(id, version) {
      const a = await api.assistants.restoreVersion(id, version);
      set({ list: get().list.map((x) => (x.id === id ? a : x)) });
      await get().loadVersions(id);
      return a;
    },
    async loadHandlers(id) {
      const handlers = await api.handlers.list(id);
      set({ handlers: { ...get().handlers, [id]: handlers } });
    },
    async setHandler(id, fn, input) {
      const h = await api.handlers.set(id, fn, input);
      const others = (get().handlers[id] ?? []).filter((x) => x.function_name !== fn);
      set({ handlers: { ...get().handlers, [id]: [...others, h] } });
      return h;
    },
  }));
}
