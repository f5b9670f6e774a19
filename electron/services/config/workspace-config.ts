/**
 * Loading the workspace config: parse → validate (JSON paths in every refusal) → resolve
 * `${env:NAME}` and `${secret:NAME}`. The resolved values live only in memory; `raw` keeps
 * the references as written, which is what the app stores and exports.
 */
import fs from 'node:fs';
import {
  WorkspaceConfigError,
  type LoadedWorkspaceConfig,
  type ReferenceSources,
  type WorkspaceConfig,
} from './config-types';
import { checkUrl, childPath, REFERENCE, validateWorkspaceConfig } from './validate-config';

export * from './config-types';
export { validateWorkspaceConfig } from './validate-config';

/** Keys whose values are URLs, checked again once references are substituted. */
const URL_KEYS = new Set(['url', 'base_url', 'runner_url']);

async function resolveString(value: string, path: string, sources: ReferenceSources): Promise<string> {
  const refs = [...value.matchAll(REFERENCE)];
  if (refs.length === 0) return value;
  const values = new Map<string, string>();
  for (const [whole, kind, name] of refs) {
    if (values.has(whole)) continue;
    if (kind === 'env') {
      const v = (sources.env ?? process.env)[name];
      if (v === undefined || v === '') throw new WorkspaceConfigError(path, `environment variable ${name} is not set (referenced as ${whole})`);
      values.set(whole, v);
    } else {
      if (!sources.secrets) throw new WorkspaceConfigError(path, `${whole} needs the app's secret store, which is not available here`);
      let v: string | null;
      try {
        v = await sources.secrets.get(name);
      } catch (error) {
        throw new WorkspaceConfigError(path, `${whole}: ${(error as Error).message}`);
      }
      if (v === null || v === '') throw new WorkspaceConfigError(path, `no secret named '${name}' is stored (referenced as ${whole}); add it in Settings`);
      values.set(whole, v);
    }
  }
  return value.replace(REFERENCE, (whole) => values.get(whole) as string);
}

async function resolveValue(value: unknown, path: string, key: string | null, sources: ReferenceSources): Promise<unknown> {
  if (typeof value === 'string') {
    const out = await resolveString(value, path, sources);
    if (key !== null && URL_KEYS.has(key) && out !== value) checkUrl(out, path);
    return out;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) out.push(await resolveValue(value[i], childPath(path, i), null, sources));
    return out;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await resolveValue(v, childPath(path, k), k, sources);
    return out;
  }
  return value;
}

/** Substitutes every reference of a validated config; throws WorkspaceConfigError on a missing one. */
export async function resolveWorkspaceConfig(raw: WorkspaceConfig, sources: ReferenceSources = {}): Promise<WorkspaceConfig> {
  return (await resolveValue(raw, '$', null, sources)) as WorkspaceConfig;
}

/** Parses JSON text; a syntax error is reported at `$` with the parser's position. */
export function parseWorkspaceConfigText(text: string): WorkspaceConfig {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new WorkspaceConfigError('$', `the file is not valid JSON: ${(error as Error).message}`);
  }
  return validateWorkspaceConfig(value);
}

/**
 * Validates and resolves a config given as JSON text or an already parsed value. The result's
 * sections are resolved; `raw` is the validated file with references intact.
 */
export async function parseWorkspaceConfig(json: string | unknown, sources: ReferenceSources = {}): Promise<LoadedWorkspaceConfig> {
  const raw = typeof json === 'string' ? parseWorkspaceConfigText(json) : validateWorkspaceConfig(json);
  const resolved = await resolveWorkspaceConfig(raw, sources);
  return { ...resolved, raw };
}

/** Reads, validates and resolves a config file. An unreadable file is reported with its path. */
export async function loadWorkspaceConfig(file: string, sources: ReferenceSources = {}): Promise<LoadedWorkspaceConfig> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new WorkspaceConfigError('$', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseWorkspaceConfig(text, sources);
}

/** The raw config as a file's text (references intact, never secret values). */
export function formatWorkspaceConfig(raw: WorkspaceConfig): string {
  const out: Record<string, unknown> = {};
  for (const key of ['providers', 'mcp_servers', 'tools'] as const) if (Object.keys(raw[key]).length > 0) out[key] = raw[key];
  return `${JSON.stringify(out, null, 2)}\n`;
}
