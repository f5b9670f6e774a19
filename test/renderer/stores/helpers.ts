/** Shared setup for store and component tests: real services on a temp database, the stores, and the one subscription. */
import { servicesBridge, type ServicesBridge } from '../../helpers/services-bridge';
import { createAppStores, type AppStores } from '../../../renderer/src/stores';
import { subscribeStores } from '../../../renderer/src/stores/subscriptions';
import type { AssistantTool } from '../../../electron/contract/objects';

export const weatherTool: AssistantTool = {
  type: 'function',
  function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};

export function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, v),
  };
}

export interface Harness {
  bridge: ServicesBridge;
  stores: AppStores;
  /** Detaches the stores' subscription (as a lost connection would); `attach` restores it. */
  detach(): void;
  attach(): void;
  /** Detaches and closes the services (deleting the temp database). */
  stop(): Promise<void>;
}

export function harness(storage: Storage = memoryStorage()): Harness {
  const bridge = servicesBridge();
  const stores = createAppStores(bridge, storage);
  let off: (() => void) | null = subscribeStores(bridge, stores, 0);
  let stopped: Promise<void> | null = null;
  const h: Harness = {
    bridge,
    stores,
    detach() {
      off?.();
      off = null;
    },
    attach() {
      off ??= subscribeStores(bridge, stores, 0);
    },
    stop() {
      h.detach();
      stopped ??= bridge.services.dispose();
      return stopped;
    },
  };
  return h;
}

/** Waits until `check` passes (runs stream asynchronously). */
export async function until<T>(check: () => T | undefined | null | false | Promise<T | undefined | null | false>, what = 'condition'): Promise<T> {
  for (let i = 0; i < 1000; i++) {
    const v = await check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
