/**
 * The workspace config's `providers` section → the provider registry. References
 * (`${env:…}`, `${secret:…}`) are resolved here, at use, so the raw config that is stored and
 * exported keeps them as written; a missing reference leaves that provider keyless rather than
 * stopping the app, and the error names the JSON path.
 */
import { resolveWorkspaceConfig, type ReferenceSources, type WorkspaceConfig } from '../../config/workspace-config';
import type { ProviderRegistry } from './provider-registry';

/** Installs the config's providers; returns the problems met (one line each), empty when none. */
export async function applyConfigProviders(registry: ProviderRegistry, raw: WorkspaceConfig, sources: ReferenceSources = {}): Promise<string[]> {
  const problems: string[] = [];
  const providers: Record<string, { base_url: string; api_key?: string }> = {};
  for (const [name, p] of Object.entries(raw.providers ?? {})) {
    try {
      const resolved = await resolveWorkspaceConfig({ providers: { [name]: p }, mcp_servers: {}, tools: {} }, sources);
      providers[name] = resolved.providers[name];
    } catch (error) {
      problems.push((error as Error).message);
      providers[name] = { base_url: p.base_url };
    }
  }
  registry.setConfigProviders(providers);
  return problems;
}
