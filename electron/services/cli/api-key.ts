/**
 * The `/v1` key: given explicitly (`--api-key` / `RUNLENS_API_KEY`), or generated once and kept
 * in `<dataDir>/api-key` (mode 0600) so restarts and the desktop app reuse it. A generated key
 * can be replaced from the app's Settings; the server checks every request against the current one.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ApiKeyInfo } from '../../contract/api';
import { ApiError } from '../runtime/api-error';
import { maskKey } from '../http/security';

/** Where the generated key lives. */
export function apiKeyPath(dataDir: string): string {
  return path.join(dataDir, 'api-key');
}

const newKey = (): string => `sk-runlens-${randomBytes(24).toString('hex')}`;

/** Returns the stored key, creating it (0600, exclusive create) on first use. */
export function loadOrCreateApiKey(dataDir: string): string {
  const file = apiKeyPath(dataDir);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = newKey();
  const exists = fs.existsSync(file);
  try {
    fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: exists ? 'w' : 'wx' });
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file, 'utf8').trim();
    throw error;
  }
  fs.chmodSync(file, 0o600);
  return key;
}

/**
 * The key `/v1` accepts right now, shared by the HTTP server (which asks on every request) and the
 * Settings screen (which shows it masked, reveals it on request, and regenerates a generated one).
 */
export class V1Key {
  private key: string | null;

  /** `given`: the `--api-key` / `RUNLENS_API_KEY` value, else null for the data directory's generated key (read on first use). */
  constructor(
    private readonly dataDir: string,
    private readonly given: string | null = null,
  ) {
    this.key = given;
  }

  current(): string {
    this.key ??= loadOrCreateApiKey(this.dataDir);
    return this.key;
  }

  info(): ApiKeyInfo {
    const generated = this.given === null;
    return { masked: maskKey(this.current()), source: generated ? 'generated' : 'given', file: generated ? apiKeyPath(this.dataDir) : null, regenerable: generated };
  }

  /** Replaces a generated key (the file is swapped whole, 0600); clients holding the old one get 401 from now on. */
  regenerate(): ApiKeyInfo {
    if (this.given !== null) {
      throw new ApiError(400, 'The /v1 key was given with --api-key or RUNLENS_API_KEY; change it there and restart RunLens.', 'invalid_request_error', null, 'api_key_given');
    }
    const key = newKey();
    const file = apiKeyPath(this.dataDir);
    const temp = `${file}.${process.pid}.tmp`;
    fs.mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(temp, `${key}\n`, { mode: 0o600 });
    fs.renameSync(temp, file);
    this.key = key;
    return this.info();
  }
}
