import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSecretStore, secretsFilePath } from '../../../electron/services/secrets/file-secret-store';
import { JsonSecretStore } from '../../../electron/services/secrets/json-secret-store';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-secrets-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('FileSecretStore', () => {
  it('keeps a key in a file only the user can read, and survives a restart', async () => {
    await new FileSecretStore(dir, {}).set('openai', '  sk-test-123  ');
    const file = secretsFilePath(dir);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const reopened = new FileSecretStore(dir, {});
    expect(await reopened.has('openai')).toBe(true);
    expect(await reopened.get('openai')).toBe('sk-test-123');
  });

  it('forgets a cleared key and reports it unset', async () => {
    const store = new FileSecretStore(dir, {});
    await store.set('openai', 'sk-1');
    await store.clear('openai');
    expect(await store.has('openai')).toBe(false);
    expect(await store.get('openai')).toBeNull();
  });

  it('falls back to the environment, and a stored key wins over it', async () => {
    const store = new FileSecretStore(dir, { OPENAI_API_KEY: 'sk-from-env', MY_LLM_API_KEY: 'x' });
    expect(await store.get('openai')).toBe('sk-from-env');
    expect(await store.has('my-llm')).toBe(true);
    await store.set('openai', 'sk-stored');
    expect(await store.get('openai')).toBe('sk-stored');
  });

  it('refuses bad providers and keys with a clear error and writes nothing', async () => {
    const store = new FileSecretStore(dir, {});
    await expect(store.set('../etc', 'sk')).rejects.toThrow('Invalid provider');
    await expect(store.set('openai', '   ')).rejects.toThrow('The key is empty.');
    await expect(store.set('openai', 'a\nb')).rejects.toThrow('one line');
    expect(fs.existsSync(secretsFilePath(dir))).toBe(false);
  });
});

describe('JsonSecretStore with a codec', () => {
  it('writes only the encoded form to disk', async () => {
    const file = path.join(dir, 'enc.json');
    const codec = { encode: (s: string) => Buffer.from(s).toString('base64'), decode: (s: string) => Buffer.from(s, 'base64').toString() };
    const store = new JsonSecretStore(file, codec, {});
    await store.set('openai', 'sk-secret');
    expect(fs.readFileSync(file, 'utf8')).not.toContain('sk-secret');
    expect(await store.get('openai')).toBe('sk-secret');
  });
});
