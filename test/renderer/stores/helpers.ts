/** Shared setup for store tests: a fresh fake, the stores, and the one subscription. */
import { createFakeBridge, type FakeBridge } from '../../../renderer/src/api/fake-api';
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
  bridge: FakeBridge;
  stores: AppStores;
  stop(): void;
}

export function harness(storage: Storage = memoryStorage()): Harness {
  const bridge = createFakeBridge();
  const stores = createAppStores(bridge, storage);
  const stop = subscribeStores(bridge, stores, 0);
  return { bridge, stores, stop };
}

/** Waits until `check` passes (the fake streams asynchronously). */
export async function until<T>(check: () => T | undefined | null | false, what = 'condition'): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const v = check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
