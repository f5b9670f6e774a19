import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./electron-mock'));
import { resetElectronMock, safeStorageState } from './electron-mock';
import { SafeStorageSecretStore } from '../../electron/main/safe-storage-secrets';

let dir: string;
beforeEach(() => {
  resetElectronMock();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-safe-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('SafeStorageSecretStore', () => {
  it('keeps only the encrypted key on disk, readable by the user alone', async () => {
    const store = new SafeStorageSecretStore(dir, {});
    await store.set('openai', 'sk-live-abc');
    const file = path.join(dir, 'secrets.safe.json');
    expect(fs.readFileSync(file, 'utf8')).not.toContain('sk-live-abc');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(await new SafeStorageSecretStore(dir, {}).get('openai')).toBe('sk-live-abc');
  });

  it('refuses to store a key when the OS keychain is missing, and keeps the file untouched', async () => {
    safeStorageState.backend = 'basic_text';
    const store = new SafeStorageSecretStore(dir, { OPENAI_API_KEY: 'sk-env' });
    await expect(store.set('openai', 'sk-live')).rejects.toThrow('No OS keychain');
    expect(fs.existsSync(path.join(dir, 'secrets.safe.json'))).toBe(false);
    expect(await store.get('openai')).toBe('sk-env');
  });
});
