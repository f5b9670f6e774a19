/**
 * The live providers RunLens knows: entries saved in the app's settings (SQLite, keys in the
 * secret store), the workspace config's `providers` section, and a default `openai` provider
 * when OPENAI_API_KEY or OPENAI_BASE_URL is set. Config entries win over settings, settings
 * over the environment. Models of a provider are named `<provider>/<model>`.
 */
import type { ProviderInfo, ProviderInput, ProviderSource } from '../../../contract/providers';
import type { Db } from '../../db/database';
import { ApiError } from '../../runtime/api-error';
import type { SecretStore } from '../../services-types';

/** A provider as the backend needs it. */
export interface ProviderEntry {
  name: string;
  base_url: string;
  preset: string | null;
  source: ProviderSource;
  /** A key given literally by the config (already resolved from `${env:…}`/`${secret:…}`). */
  config_key?: string;
}

const NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/i;
const RESERVED = new Set(['mock', 'scripted']);

/** Checks a provider name and base URL; throws a 400 naming the field. */
export function checkProviderInput(name: string, baseUrl: string): string {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new ApiError(400, 'Invalid provider name: use letters, digits, "-" or "_" (at most 64).', 'invalid_request_error', 'name');
  }
  if (RESERVED.has(name.toLowerCase())) throw new ApiError(400, `'${name}' is the name of a built-in model; pick another provider name.`, 'invalid_request_error', 'name');
  let url: URL;
  try {
    url = new URL(String(baseUrl).trim());
  } catch {
    throw new ApiError(400, `Invalid base URL '${baseUrl}': expected http(s)://host[:port]/path.`, 'invalid_request_error', 'base_url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ApiError(400, `Invalid base URL '${baseUrl}': only http and https are supported.`, 'invalid_request_error', 'base_url');
  }
  return url.toString().replace(/\/+$/, '');
}

export class ProviderRegistry {
  private config = new Map<string, ProviderEntry>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly db: Db,
    private readonly secrets: () => SecretStore | null,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS llm_providers (
      name TEXT PRIMARY KEY, base_url TEXT NOT NULL, preset TEXT, updated_at INTEGER NOT NULL)`);
  }

  /** Installs the workspace config's providers (replacing earlier ones). */
  setConfigProviders(providers: Record<string, { base_url: string; api_key?: string }>): void {
    this.config = new Map(
      Object.entries(providers).map(([name, p]) => [name, { name, base_url: p.base_url.replace(/\/+$/, ''), preset: null, source: 'config' as const, config_key: p.api_key }]),
    );
    this.changed();
  }

  /** Called after any change, so model lists and clients are rebuilt. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  /** Every provider, one entry per name, config first. */
  entries(): ProviderEntry[] {
    const out = new Map<string, ProviderEntry>();
    const key = this.env.OPENAI_API_KEY;
    const base = this.env.OPENAI_BASE_URL;
    if (key || base) out.set('openai', { name: 'openai', base_url: (base || 'https://api.openai.com/v1').replace(/\/+$/, ''), preset: 'openai', source: 'env' });
    const rows = this.db.prepare('SELECT name, base_url, preset FROM llm_providers ORDER BY name').all() as Array<{ name: string; base_url: string; preset: string | null }>;
    for (const r of rows) out.set(r.name, { ...r, source: 'settings' });
    for (const [name, e] of this.config) out.set(name, e);
    return [...out.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): ProviderEntry | null {
    return this.entries().find((e) => e.name === name) ?? null;
  }

  /** The key sent to the provider: the config's, else the secret store's (which falls back to `<NAME>_API_KEY`). */
  async key(name: string): Promise<string | null> {
    const e = this.get(name);
    if (!e) return null;
    if (e.config_key) return e.config_key;
    try {
      return (await this.secrets()?.get(name)) ?? null;
    } catch {
      return null;
    }
  }

  async list(): Promise<ProviderInfo[]> {
    return Promise.all(
      this.entries().map(async (e) => ({
        name: e.name,
        base_url: e.base_url,
        preset: e.preset,
        source: e.source,
        has_key: Boolean(await this.key(e.name)),
        editable: e.source !== 'config',
      })),
    );
  }

  /** Adds or edits a settings entry; a key given is stored in the secret store ('' clears it). */
  async save(input: ProviderInput): Promise<ProviderInfo> {
    const baseUrl = checkProviderInput(input.name, input.base_url);
    if (this.config.has(input.name)) throw new ApiError(400, `Provider '${input.name}' comes from the workspace config; edit it there.`, 'invalid_request_error', 'name');
    if (input.api_key !== undefined && input.api_key !== '') {
      const secrets = this.secrets();
      if (!secrets) throw new ApiError(400, 'No secret store is available in this mode, so a key cannot be saved.', 'invalid_request_error', 'api_key');
      await secrets.set(input.name, input.api_key);
    } else if (input.api_key === '') await this.secrets()?.clear(input.name);
    this.db
      .prepare('INSERT INTO llm_providers (name, base_url, preset, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET base_url = excluded.base_url, preset = excluded.preset, updated_at = excluded.updated_at')
      .run(input.name, baseUrl, input.preset ?? null, Date.now());
    this.changed();
    const info = (await this.list()).find((p) => p.name === input.name);
    return info as ProviderInfo;
  }

  /** Removes a settings entry and its stored key. */
  async remove(name: string): Promise<void> {
    const e = this.get(name);
    if (!e) throw new ApiError(404, `No provider named '${name}'.`, 'invalid_request_error', 'name');
    if (e.source === 'config') throw new ApiError(400, `Provider '${name}' comes from the workspace config; remove it there.`, 'invalid_request_error', 'name');
    if (e.source === 'env') throw new ApiError(400, `Provider '${name}' comes from OPENAI_API_KEY / OPENAI_BASE_URL; unset them to remove it.`, 'invalid_request_error', 'name');
    this.db.prepare('DELETE FROM llm_providers WHERE name = ?').run(name);
    await this.secrets()?.clear(name);
    this.changed();
  }
}

/** `local/llama3.1` → `{ provider: 'local', model: 'llama3.1' }`; null when not of that form. */
export function splitModelName(model: string): { provider: string; model: string } | null {
  const at = model.indexOf('/');
  if (at <= 0 || at === model.length - 1) return null;
  return { provider: model.slice(0, at), model: model.slice(at + 1) };
}
