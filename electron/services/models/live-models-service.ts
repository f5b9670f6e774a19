/**
 * The `models`, `providers` and `prices` groups of the bridge API: model lists with probe
 * badges, provider settings (keys go to the secret store and never come back), the probe, and
 * the price table. Kept apart from app-service so live-model code lives in one place.
 */
import type { RunLensApi } from '../../contract/api';
import type { ProbeResult } from '../../contract/providers';
import { ApiError } from '../runtime/api-error';
import type { ModelCatalog } from './openai-compatible/model-catalog';
import { PROVIDER_PRESETS } from './openai-compatible/presets';
import type { ProviderBackend } from './openai-compatible/provider-backend';
import { splitModelName, type ProviderRegistry } from './openai-compatible/provider-registry';
import type { PriceTable } from './pricing';
import { probeModel } from './probe';
import type { ScriptedRuleStore } from './scripted-rules';

export interface LiveModels {
  registry: ProviderRegistry;
  backend: ProviderBackend;
  catalog: ModelCatalog;
  prices: PriceTable;
  scripted: ScriptedRuleStore;
}

/** Probes a `<provider>/<model>` and stores the result (shared by the app and `runlens probe`). */
export async function runProbe(live: LiveModels, model: string, now: () => number = Date.now): Promise<ProbeResult> {
  const parts = splitModelName(model);
  if (!parts || !live.registry.get(parts.provider)) {
    throw new ApiError(404, `Cannot probe '${model}': name a model as <provider>/<model> of a configured provider.`, 'invalid_request_error', 'model');
  }
  const result = await probeModel(live.backend, model, { now });
  live.catalog.probes.put(result);
  return result;
}

/** The API groups over the live-model parts; `changed` tells every face to refresh. */
export function createLiveModelsApi(live: LiveModels, changed: (id: string) => void): Pick<RunLensApi, 'models' | 'providers' | 'prices' | 'scripted'> {
  return {
    models: {
      list: async (query) => live.catalog.list(query?.refresh ?? false),
      probe: async (model) => {
        const result = await runProbe(live, model);
        changed(`probe/${model}`);
        return result;
      },
    },
    providers: {
      list: async () => live.registry.list(),
      presets: async () => [...PROVIDER_PRESETS],
      save: async (input) => {
        const info = await live.registry.save(input);
        changed(`provider/${info.name}`);
        return info;
      },
      remove: async (name) => {
        await live.registry.remove(name);
        changed(`provider/${name}`);
      },
      test: async (name) => {
        if (!live.registry.get(name)) throw new ApiError(404, `No provider named '${name}'.`, 'invalid_request_error', 'name');
        const { models, error } = await live.catalog.providerModels(name, true);
        if (error) return { ok: false, message: error, models: [] };
        return { ok: true, message: `Provider '${name}' answered with ${models.length} model${models.length === 1 ? '' : 's'}.`, models };
      },
    },
    scripted: {
      get: async (name) => live.scripted.latest(name),
      versions: async (name) => live.scripted.versions(name),
      save: async (name, rules) => {
        const set = live.scripted.save(name, rules);
        changed(`scripted/${name}`);
        return set;
      },
    },
    prices: {
      list: async () => live.prices.list(),
      set: async (price) => {
        const list = live.prices.set(price);
        changed(`price/${price.model}`);
        return list;
      },
    },
  };
}
