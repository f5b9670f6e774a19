/**
 * Settings domain: providers (keys never come back — only whether one is set), presets, the
 * price table and the local server switch. Writes go through the bridge and then reload, so
 * the screen shows what was stored. Model lists live in the assistants store (every picker).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiKeyInfo, AppInfo, RunLensBridge, ServerStatus } from '../../../../electron/contract/api';
import type { ModelPrice, ProbeResult, ProviderInfo, ProviderInput, ProviderPreset, ProviderTestResult } from '../../../../electron/contract/providers';
import type { ScriptedRuleSet } from '../../../../electron/contract/scripted';
import { errorMessage } from '../../stores/errors';

export interface SettingsState {
  providers: ProviderInfo[];
  presets: ProviderPreset[];
  prices: ModelPrice[];
  server: ServerStatus | null;
  info: AppInfo | null;
  /** The `/v1` key, masked (the clear key is never kept here: `revealApiKey` hands it to the caller). */
  apiKey: ApiKeyInfo | null;
  loaded: boolean;
  error: string | null;
  /** Per provider: the last test result. */
  tests: Record<string, ProviderTestResult | 'testing'>;
  /** Models being probed right now. */
  probing: Record<string, boolean>;
  load(): Promise<void>;
  save(input: ProviderInput): Promise<ProviderInfo>;
  remove(name: string): Promise<void>;
  test(name: string): Promise<ProviderTestResult>;
  probe(model: string): Promise<ProbeResult>;
  setPrice(price: ModelPrice): Promise<void>;
  setServerEnabled(enabled: boolean): Promise<void>;
  /** The `/v1` key in clear, fetched on this explicit request. */
  revealApiKey(): Promise<string>;
  regenerateApiKey(): Promise<void>;
  /** Scripted rule sets by name (an assistant id, or a free name), newest version; null when none. */
  rules: Record<string, ScriptedRuleSet | null>;
  loadRules(name: string): Promise<void>;
  /** Re-reads every provider's `/models` on the services' side. */
  refreshModels(): Promise<void>;
}

export type SettingsStore = StoreApi<SettingsState>;

/** One settings store bound to a bridge. */
export function createSettingsStore(bridge: RunLensBridge): SettingsStore {
  const api = bridge.api;
  let inFlight: Promise<void> | null = null;
  return createStore<SettingsState>((set, get) => ({
    providers: [],
    presets: [],
    prices: [],
    server: null,
    info: null,
    apiKey: null,
    loaded: false,
    error: null,
    tests: {},
    probing: {},
    load() {
      // Many views ask at once (every run's cost): one request set in flight at a time.
      inFlight ??= (async () => {
        try {
          const [providers, presets, prices, server, info, apiKey] = await Promise.all([
            api.providers.list(),
            api.providers.presets(),
            api.prices.list(),
            api.settings.serverStatus(),
            api.app.info(),
            api.settings.apiKey(),
          ]);
          set({ providers, presets, prices, server, info, apiKey, loaded: true, error: null });
          // Rule sets shown somewhere may have changed too (a version saved or restored in another window).
          for (const name of Object.keys(get().rules)) void get().loadRules(name).catch(() => undefined);
        } catch (e) {
          set({ loaded: true, error: errorMessage(e) });
        } finally {
          inFlight = null;
        }
      })();
      return inFlight;
    },
    async save(input) {
      const info = await api.providers.save(input);
      await get().load();
      return info;
    },
    async remove(name) {
      await api.providers.remove(name);
      await get().load();
    },
    async test(name) {
      set({ tests: { ...get().tests, [name]: 'testing' } });
      const result = await api.providers.test(name).catch((e: unknown) => ({ ok: false, message: errorMessage(e), models: [] }));
      set({ tests: { ...get().tests, [name]: result } });
      return result;
    },
    async probe(model) {
      set({ probing: { ...get().probing, [model]: true } });
      try {
        return await api.models.probe(model);
      } finally {
        set({ probing: { ...get().probing, [model]: false } });
      }
    },
    async setPrice(price) {
      set({ prices: await api.prices.set(price) });
    },
    rules: {},
    async loadRules(name) {
      const set0 = await api.scripted.get(name);
      set({ rules: { ...get().rules, [name]: set0 } });
    },
    async refreshModels() {
      await api.models.list({ refresh: true });
    },
    async setServerEnabled(enabled) {
      set({ server: await api.settings.setServerEnabled(enabled) });
    },
    revealApiKey: () => api.settings.revealApiKey(),
    async regenerateApiKey() {
      set({ apiKey: await api.settings.regenerateApiKey() });
    },
  }));
}
