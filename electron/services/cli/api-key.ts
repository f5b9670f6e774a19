/**
 * The headless server's `/v1` key: given explicitly, or generated once and kept in
 * `<dataDir>/api-key` (mode 0600) so restarts and the desktop app reuse it.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Where the generated key lives. */
export function apiKeyPath(dataDir: string): string {
  return path.join(dataDir, 'api-key');
}

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
  const key = `sk-runlens-${randomBytes(24).toString('hex')}`;
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
