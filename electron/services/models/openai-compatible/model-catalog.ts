/**
 * The model list every picker and `GET /v1/models` show: the built-in models,
 * then each provider's models from its `GET /models` (cached until refreshed or the provider
 * changes), each with its stored probe result. An unreachable provider lists no models and
 * says why, instead of failing the whole list.
 */
import type { ModelInfo } from '../../../contract/api';
import type { ProbeResult } from '../../../contract/providers';
import type { Db } from '../../db/database';
import { clientFor } from './provider-backend';
import type { ProviderRegistry } from './provider-registry';

const BUILTIN: ModelInfo[] = [
  { id: 'mock', provider: 'builtin', description: 'Deterministic offline model: calls functions named in the message, else echoes it.' },
  { id: 'scripted', provider: 'builtin', description: "Offline model that follows the assistant's scripted rules (assistant editor → Scripted rules)." },
];

/** Stored probe results, one per model name. */
export class ProbeStore {
  constructor(private readonly db: Db) {
    db.exec('CREATE TABLE IF NOT EXISTS model_probes (model TEXT PRIMARY KEY, data TEXT NOT NULL)');
  }

  get(model: string): ProbeResult | null {
    const row = this.db.prepare('SELECT data FROM model_probes WHERE model = ?').get(model) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as ProbeResult) : null;
  }

  all(): Map<string, ProbeResult> {
    const rows = this.db.prepare('SELECT model, data FROM model_probes').all() as Array<{ model: string; data: string }>;
    return new Map(rows.map((r) => [r.model, JSON.parse(r.data) as ProbeResult]));
  }

  put(result: ProbeResult): void {
    this.db.prepare('INSERT INTO model_probes (model, data) VALUES (?, ?) ON CONFLICT(model) DO UPDATE SET data = excluded.data').run(result.model, JSON.stringify(result));
  }
}

interface CacheEntry {
  models: string[];
  error: string | null;
}

export class ModelCatalog {
  private readonly cache = new Map<string, Promise<CacheEntry>>();

  constructor(
    private readonly registry: ProviderRegistry,
    readonly probes: ProbeStore,
  ) {
    registry.onChange(() => this.cache.clear());
  }

  /** A provider's model ids from its `/models`, cached. */
  async providerModels(name: string, refresh = false): Promise<CacheEntry> {
    if (refresh) this.cache.delete(name);
    let entry = this.cache.get(name);
    if (!entry) {
      entry = this.fetchModels(name);
      this.cache.set(name, entry);
    }
    return entry;
  }

  private async fetchModels(name: string): Promise<CacheEntry> {
    const p = this.registry.get(name);
    if (!p) return { models: [], error: `No provider named '${name}'.` };
    try {
      const client = clientFor(p.base_url, await this.registry.key(name), 10_000);
      const ids: string[] = [];
      for await (const m of client.models.list()) ids.push(m.id);
      return { models: ids.sort(), error: null };
    } catch (error) {
      this.cache.delete(name);
      return { models: [], error: `Provider '${name}' did not list its models: ${(error as Error).message}` };
    }
  }

  /** Built-in models first, then every provider's, each with its probe. */
  async list(refresh = false): Promise<ModelInfo[]> {
    const probes = this.probes.all();
    const providers = this.registry.entries();
    const lists = await Promise.all(providers.map((p) => this.providerModels(p.name, refresh)));
    const out: ModelInfo[] = BUILTIN.map((m) => ({ ...m, probe: null }));
    providers.forEach((p, i) => {
      const { models, error } = lists[i];
      if (error) out.push({ id: `${p.name}/`, provider: p.name, description: error, probe: null, unavailable: true });
      for (const m of models) {
        const id = `${p.name}/${m}`;
        out.push({ id, provider: p.name, description: `${m} on ${p.base_url}`, probe: probes.get(id) ?? null });
      }
    });
    return out;
  }
}
