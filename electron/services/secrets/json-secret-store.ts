/**
 * Provider keys in one JSON file readable only by the user (0600, written atomically), each
 * value passed through a codec: identity for the headless file store, OS-keychain encryption
 * (safeStorage) in the desktop app. A key in the environment (OPENAI_API_KEY, …) counts as set
 * and is used when no stored key exists; clearing only forgets the stored one.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../runtime/api-error';
import type { SecretStore } from '../services-types';

/** Turns a key into what is written to the file and back. */
export interface SecretCodec {
  encode(plain: string): string;
  decode(stored: string): string;
}

export const PLAIN_CODEC: SecretCodec = { encode: (s) => s, decode: (s) => s };

const PROVIDER = /^[a-z0-9][a-z0-9_-]{0,63}$/i;
const MAX_KEY_LENGTH = 4096;

/** `openai` → `OPENAI_API_KEY`, `my-llm` → `MY_LLM_API_KEY`. */
export function envVarFor(provider: string): string {
  return `${provider.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_API_KEY`;
}

function checkProvider(provider: string): void {
  if (typeof provider !== 'string' || !PROVIDER.test(provider)) {
    throw new ApiError(400, 'Invalid provider: use letters, digits, "-" or "_" (at most 64).', 'invalid_request_error', 'provider');
  }
}

function checkKey(key: string): void {
  if (typeof key !== 'string' || key.trim() === '') throw new ApiError(400, 'The key is empty.', 'invalid_request_error', 'key');
  if (key.length > MAX_KEY_LENGTH || /[\r\n\0]/.test(key)) {
    throw new ApiError(400, `The key must be one line of at most ${MAX_KEY_LENGTH} characters.`, 'invalid_request_error', 'key');
  }
}

export class JsonSecretStore implements SecretStore {
  constructor(
    private readonly file: string,
    private readonly codec: SecretCodec = PLAIN_CODEC,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  async has(provider: string): Promise<boolean> {
    checkProvider(provider);
    return provider in this.read() || Boolean(this.env[envVarFor(provider)]);
  }

  async get(provider: string): Promise<string | null> {
    checkProvider(provider);
    const stored = this.read()[provider];
    if (stored !== undefined) return this.codec.decode(stored);
    return this.env[envVarFor(provider)] || null;
  }

  async set(provider: string, key: string): Promise<void> {
    checkProvider(provider);
    checkKey(key);
    const all = this.read();
    all[provider] = this.codec.encode(key.trim());
    this.write(all);
  }

  async clear(provider: string): Promise<void> {
    checkProvider(provider);
    const all = this.read();
    if (!(provider in all)) return;
    delete all[provider];
    this.write(all);
  }

  private read(): Record<string, string> {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    const parsed = JSON.parse(text) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }

  private write(all: Record<string, string>): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${crypto.randomBytes(6).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(all, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
    fs.renameSync(tmp, this.file);
    fs.chmodSync(this.file, 0o600);
  }
}
