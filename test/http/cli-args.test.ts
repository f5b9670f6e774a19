/** `npm run serve` options, environment fallbacks and the generated key file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiKeyPath, loadOrCreateApiKey } from '../../electron/services/cli/api-key';
import { DEFAULT_PORT, parseServeArgs } from '../../electron/services/cli/args';

describe('parseServeArgs', () => {
  it('reads flags, then the environment, then defaults', () => {
    const env = { RUNLENS_DATA_DIR: '/tmp/rl-data' };
    expect(parseServeArgs([], env)).toMatchObject({ port: DEFAULT_PORT, host: '127.0.0.1', dataDir: '/tmp/rl-data', dbPath: '/tmp/rl-data/runlens.db', apiKey: null, runExpirySeconds: null });
    const fromEnv = parseServeArgs([], { ...env, RUNLENS_PORT: '0', RUNLENS_DB: '/tmp/x.db', RUNLENS_API_KEY: 'k', RUNLENS_RUN_EXPIRY_SECONDS: '3' });
    expect(fromEnv).toMatchObject({ port: 0, dbPath: '/tmp/x.db', apiKey: 'k', runExpirySeconds: 3 });
    const flags = parseServeArgs(['--port', '1234', '--host=::1', '--db', '/tmp/y.db', '--api-key', 'f', '--data-dir', '/tmp/d', '--run-expiry-seconds', '5'], { RUNLENS_PORT: '9' });
    expect(flags).toEqual({ port: 1234, host: '::1', dbPath: '/tmp/y.db', apiKey: 'f', dataDir: '/tmp/d', runExpirySeconds: 5, configFile: null, reviewFile: null });
    expect(parseServeArgs(['--config', '/tmp/w.json'], { RUNLENS_CONFIG: '/tmp/env.json' }).configFile).toBe('/tmp/w.json');
    expect(parseServeArgs([], { RUNLENS_CONFIG: '/tmp/env.json' }).configFile).toBe('/tmp/env.json');
    expect(parseServeArgs(['--review', '/tmp/week.runlens'], {}).reviewFile).toBe('/tmp/week.runlens');
    expect(() => parseServeArgs(['--review', '/tmp/week.runlens', '--db', '/tmp/x.db'], {})).toThrow('--review opens a session file on its own: leave out --db');
  });
  it('rejects unknown options and bad numbers', () => {
    expect(() => parseServeArgs(['--nope', '1'], {})).toThrow(/Unknown option/);
    expect(() => parseServeArgs(['--port'], {})).toThrow(/needs a value/);
    expect(() => parseServeArgs(['--port', '70000'], {})).toThrow(/between 0 and 65535/);
    expect(() => parseServeArgs(['--run-expiry-seconds', '0'], {})).toThrow(/between 1/);
  });
});

describe('api key file', () => {
  it('is generated once with mode 0600 and reused', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rl-key-')), 'nested');
    const key = loadOrCreateApiKey(dir);
    expect(key).toMatch(/^sk-runlens-[0-9a-f]{48}$/);
    expect(fs.statSync(apiKeyPath(dir)).mode & 0o777).toBe(0o600);
    expect(loadOrCreateApiKey(dir)).toBe(key);
    fs.writeFileSync(apiKeyPath(dir), '\n');
    const replaced = loadOrCreateApiKey(dir);
    expect(replaced).not.toBe(key);
    expect(replaced).toMatch(/^sk-runlens-/);
  });
});
