/**
 * `npm run serve` options from flags and the environment (flags win):
 * --port / RUNLENS_PORT, --host / RUNLENS_HOST, --db / RUNLENS_DB, --api-key / RUNLENS_API_KEY,
 * --data-dir / RUNLENS_DATA_DIR, --run-expiry-seconds / RUNLENS_RUN_EXPIRY_SECONDS,
 * --config / RUNLENS_CONFIG (the workspace config file), --review FILE (a session file, read-only).
 */
import path from 'node:path';
import { defaultDataDir, defaultDbPath } from '../data-dir';

/** Resolved serve options. `apiKey` null means: use the generated key of the data directory. */
export interface ServeArgs {
  port: number;
  host: string;
  dataDir: string;
  dbPath: string;
  apiKey: string | null;
  runExpirySeconds: number | null;
  /** The workspace config file (--config / RUNLENS_CONFIG), absolute, or null. */
  configFile: string | null;
  /** --review FILE: open this session file read-only (in a temporary database) instead of a database. */
  reviewFile: string | null;
}

/** The port used when neither --port nor RUNLENS_PORT is given. */
export const DEFAULT_PORT = 8421;

const FLAGS = ['port', 'host', 'db', 'api-key', 'data-dir', 'run-expiry-seconds', 'config', 'review'] as const;
type Flag = (typeof FLAGS)[number];

/** A usage problem, reported to the user without a stack trace. */
export class UsageError extends Error {}

function readFlags(argv: string[]): Partial<Record<Flag, string>> {
  const out: Partial<Record<Flag, string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new UsageError(`Unexpected argument: ${arg}`);
    const eq = arg.indexOf('=');
    const name = (eq >= 0 ? arg.slice(2, eq) : arg.slice(2)) as Flag;
    if (!FLAGS.includes(name)) throw new UsageError(`Unknown option: --${name}`);
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined) throw new UsageError(`Option --${name} needs a value`);
    out[name] = value;
  }
  return out;
}

function toInt(name: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`${name} must be a whole number, got '${value}'`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** Parses argv (without node and script) and env into serve options. */
export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServeArgs {
  const flags = readFlags(argv);
  const pick = (flag: Flag, envName: string): string | undefined => flags[flag] ?? (env[envName] || undefined);
  const portText = pick('port', 'RUNLENS_PORT');
  const port = portText === undefined ? DEFAULT_PORT : toInt('--port', portText, 0, 65535);
  const host = pick('host', 'RUNLENS_HOST') ?? '127.0.0.1';
  const dirText = pick('data-dir', 'RUNLENS_DATA_DIR');
  const dataDir = dirText ? path.resolve(dirText) : defaultDataDir(env);
  const dbText = pick('db', 'RUNLENS_DB');
  const dbPath = dbText ? path.resolve(dbText) : defaultDbPath(dataDir);
  const expiryText = pick('run-expiry-seconds', 'RUNLENS_RUN_EXPIRY_SECONDS');
  const runExpirySeconds = expiryText === undefined ? null : toInt('--run-expiry-seconds', expiryText, 1, 86_400 * 365);
  const apiKey = pick('api-key', 'RUNLENS_API_KEY') ?? null;
  const configText = pick('config', 'RUNLENS_CONFIG');
  const configFile = configText ? path.resolve(configText) : null;
  const reviewFile = flags.review ? path.resolve(flags.review) : null;
  if (reviewFile && flags.db) throw new UsageError('--review opens a session file on its own: leave out --db');
  return { port, host, dataDir, dbPath, apiKey, runExpirySeconds, configFile, reviewFile };
}
