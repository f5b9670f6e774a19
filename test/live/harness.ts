/**
 * Live-handler test harness: the real services on a temp SQLite file with a workspace config,
 * the real HTTP server on a loopback port, and the official `openai` SDK pointed at `/v1`.
 */
import OpenAI from 'openai';
import type { RunEventRecord } from '../../electron/contract/events';
import type { WorkspaceConfig } from '../../electron/contract/workspace-config';
import { validateWorkspaceConfig } from '../../electron/services/config/workspace-config';
import { createHttpServer, type HttpServer } from '../../electron/services/http/server';
import { FileSecretStore } from '../../electron/services/secrets/file-secret-store';
import { openTestServices, tempDir, type TestServices } from '../helpers/services';

export interface LiveHarness {
  s: TestServices;
  server: HttpServer;
  client: OpenAI;
  secrets: FileSecretStore;
  /** The run's RunLens events of one type, data only. */
  events<T = Record<string, unknown>>(runId: string, type: string): T[];
  all(runId: string): RunEventRecord[];
  close(): Promise<void>;
}

export async function startLive(config: unknown, env: Record<string, string> = {}, options: { secrets?: Record<string, string> } = {}): Promise<LiveHarness> {
  const raw: WorkspaceConfig = validateWorkspaceConfig(config);
  const dir = tempDir();
  const secrets = new FileSecretStore(dir, {});
  for (const [name, value] of Object.entries(options.secrets ?? {})) await secrets.set(name, value);
  const s = openTestServices({ workspaceConfig: raw, secrets, env: { PATH: process.env.PATH ?? '', ...env } }, dir);
  await s.workspaceReady;
  const server = await createHttpServer({ services: s, apiKey: 'live-key', loginToken: 'tok' });
  const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'live-key', maxRetries: 0 });
  return {
    s,
    server,
    client,
    secrets,
    events: <T>(runId: string, type: string) => s.runtime.readRunEvents(runId).filter((e) => e.type === type).map((e) => e.data as T),
    all: (runId) => s.runtime.readRunEvents(runId),
    async close() {
      await server.close();
      await s.dispose();
    },
  };
}

/** A function tool for an assistant. */
export function fn(name: string, properties: Record<string, unknown>, required: string[] = []) {
  return { type: 'function' as const, function: { name, description: `${name} (test)`, parameters: { type: 'object', properties, required } } };
}
