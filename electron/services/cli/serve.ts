/**
 * `npm run serve -- [--port N] [--host H] [--db FILE] [--api-key KEY] [--data-dir DIR]
 * [--run-expiry-seconds N] [--config FILE] [--review FILE]`: the headless RunLens (UI, bridge and `/v1`
 * on one port). `--review FILE` opens a session file read-only in a temporary database (removed at exit).
 * Prints `RunLens listening on http://127.0.0.1:PORT`, then `UI: …/login?token=…`.
 * SIGTERM/SIGINT close the server and flush the database; every committed change is
 * already in SQLite (WAL), so even SIGKILL loses nothing committed.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ServerStatus } from '../../contract/api';
import { loadOrCreateSessionSecret } from '../http/bridge/session-auth';
import { createHttpServer } from '../http/server';
import { openServices } from '../services';
import { FileSecretStore } from '../secrets/file-secret-store';
import { apiKeyPath } from './api-key';
import { closeLogs, logToFile, logToStderr } from '../log/logger';
import { parseServeArgs, UsageError } from './args';
import { loadWorkspaceConfig, WorkspaceConfigError } from '../config/workspace-config';
import { isAddressInUse, portInUseMessage } from './port-holder';
import { prepareReview } from '../sessions/review';
import { formatImportReport } from '../sessions/report';
import { SessionFileError } from '../sessions/session-format';

async function main(): Promise<void> {
  const parsed = parseServeArgs(process.argv.slice(2));
  // Review mode: the session file, checked and copied into a temporary database of its own.
  const review = parsed.reviewFile ? prepareReview(parsed.reviewFile) : null;
  const args = review ? { ...parsed, dataDir: review.dataDir, dbPath: review.dbPath } : parsed;
  fs.mkdirSync(args.dataDir, { recursive: true, mode: 0o700 });
  fs.mkdirSync(path.dirname(args.dbPath), { recursive: true });
  logToStderr();
  await logToFile(args.dataDir);
  const secrets = new FileSecretStore(args.dataDir);
  // A bad config file stops the start with the JSON path of the problem (references checked too).
  const workspace = args.configFile ? await loadWorkspaceConfig(args.configFile, { env: process.env, secrets }) : null;
  const services = await openServices({
    dbPath: args.dbPath,
    dataDir: args.dataDir,
    mode: 'browser',
    secrets,
    apiKey: args.apiKey,
    ...(workspace && args.configFile ? { workspaceConfig: workspace.raw, workspaceConfigFile: args.configFile } : {}),
    ...(args.runExpirySeconds !== null ? { runExpirySeconds: args.runExpirySeconds } : {}),
    ...(parsed.reviewFile ? { review: { file: parsed.reviewFile } } : {}),
  });
  const loginToken = randomBytes(24).toString('hex');
  let server: Awaited<ReturnType<typeof createHttpServer>>;
  try {
    // The generated key exists from the start, so the path printed below holds it.
    services.v1Key.current();
    server = await createHttpServer({ services, host: args.host, port: args.port, apiKey: () => services.v1Key.current(), loginToken, sessionSecret: loadOrCreateSessionSecret(args.dataDir) });
  } catch (error) {
    await services.close();
    review?.remove();
    if (isAddressInUse(error)) throw new Error(portInUseMessage(args.host, args.port), { cause: error });
    throw error;
  }
  const status: ServerStatus = { enabled: true, url: server.url, port: server.port };
  services.setServerControl({
    status: () => status,
    // Headless: the server is the process; it cannot be switched off from inside.
    setEnabled: async () => status,
  });
  services.setApiBaseUrl(`${server.url}/v1`);

  console.log(`RunLens listening on ${server.url}`);
  console.log(`UI: ${server.url}/login?token=${loginToken}`);
  console.log(`API: ${server.url}/v1 (key: ${args.apiKey ? 'from --api-key/RUNLENS_API_KEY' : apiKeyPath(args.dataDir)})`);
  console.log(review ? `Database: ${args.dbPath} (a temporary copy, removed at exit)` : `Database: ${args.dbPath}`);
  if (review) console.log(`Review (read-only): ${parsed.reviewFile} — ${formatImportReport(review.report).join(' ')}`);
  if (args.configFile) {
    await services.workspaceReady;
    const tools = Object.keys(workspace?.raw.tools ?? {}).length;
    console.log(`Workspace config: ${args.configFile} (${tools} tool entr${tools === 1 ? 'y' : 'ies'})`);
    const { problem } = await services.api.workspace.config();
    for (const line of problem?.split('\n') ?? []) console.log(`Workspace config problem: ${line}`);
  }

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    console.log(`RunLens: ${signal}, shutting down`);
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    server
      .close()
      .catch(() => undefined)
      .then(() => services.close())
      .then(() => review?.remove())
      .then(() => closeLogs())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`runlens serve: ${error.message}`);
  else if (error instanceof SessionFileError) console.error(`runlens serve: ${error.message}`);
  else if (error instanceof WorkspaceConfigError) console.error(`runlens serve: workspace config ${error.message}`);
  else console.error(`runlens serve: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
