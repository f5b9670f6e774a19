import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalServerControl } from '../../electron/main/server-control';
import { openServices } from '../../electron/services/services';
import type { Services } from '../../electron/services/services-types';

let dir: string;
let services: Services;
let control: LocalServerControl;
const started: string[] = [];

function open(apiKey: string | null) {
  services = openServices({ dbPath: path.join(dir, 'runlens.db'), dataDir: dir, mode: 'electron', apiKey });
  control = makeControl();
  services.setServerControl(control);
}

function makeControl(port?: number) {
  return new LocalServerControl({ services, dataDir: dir, port, onStarted: ({ loginUrl }) => started.push(loginUrl) });
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-server-'));
  open('desk-key');
  started.length = 0;
});

afterEach(async () => {
  await control.shutdown();
  await services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the local server switch', () => {
  it('starts /v1 on loopback from settings, and the app reports where it answers', async () => {
    const status = await services.api.settings.setServerEnabled(true);
    expect(status).toMatchObject({ enabled: true, url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    const response = await fetch(`${status.url}/v1/assistants`, { headers: { authorization: 'Bearer desk-key', 'openai-beta': 'assistants=v2' } });
    expect(response.status).toBe(200);
    expect((await services.api.app.info()).api_base_url).toBe(`${status.url}/v1`);
    expect(started[0]).toMatch(/\/login\?token=[0-9a-f]{48}$/);
  });

  it('stops it again, and /v1 is gone', async () => {
    const { url } = await services.api.settings.setServerEnabled(true);
    const status = await services.api.settings.setServerEnabled(false);
    expect(status).toEqual({ enabled: false, url: null, port: null });
    await expect(fetch(`${url}/v1/assistants`)).rejects.toThrow();
    expect((await services.api.app.info()).api_base_url).toBeNull();
  });

  it('remembers the choice and the port for the next start', async () => {
    const { port } = await control.setEnabled(true);
    await control.shutdown();
    const next = makeControl();
    expect(next.wasEnabled()).toBe(true);
    const again = await next.setEnabled(true);
    await next.shutdown();
    expect(again.port).toBe(port);
  });
});

describe('the /v1 key in Settings', () => {
  const list = (url: string, key: string) => fetch(`${url}/v1/assistants`, { headers: { authorization: `Bearer ${key}`, 'openai-beta': 'assistants=v2' } }).then((r) => r.status);
  const reopen = async (apiKey: string | null) => {
    await control.shutdown();
    await services.close();
    open(apiKey);
  };

  it('shows the generated key masked, reveals it only when asked, and regenerating refuses the old key at once', async () => {
    await reopen(null);
    const { url } = await services.api.settings.setServerEnabled(true);
    const info = await services.api.settings.apiKey();
    const key = await services.api.settings.revealApiKey();
    expect(key).toMatch(/^sk-runlens-[0-9a-f]{48}$/);
    expect(fs.readFileSync(path.join(dir, 'api-key'), 'utf8').trim()).toBe(key);
    expect(info).toEqual({ masked: `sk-${'*'.repeat(20)}${key.slice(-4)}`, source: 'generated', file: path.join(dir, 'api-key'), regenerable: true });
    expect(JSON.stringify(info)).not.toContain(key.slice(3, -4));
    expect(await list(url!, key)).toBe(200);

    const pushed: string[] = [];
    const off = services.subscribe((name, payload) => pushed.push(JSON.stringify([name, payload])));
    const next = await services.api.settings.regenerateApiKey();
    off();
    const fresh = await services.api.settings.revealApiKey();
    expect(fresh).not.toBe(key);
    expect(next.masked.slice(-4)).toBe(fresh.slice(-4));
    expect(await list(url!, key)).toBe(401);
    expect(await list(url!, fresh)).toBe(200);
    expect(pushed.join('\n')).not.toContain(fresh);
    expect(fs.statSync(path.join(dir, 'api-key')).mode & 0o777).toBe(0o600);

    // The new key outlives a restart.
    await reopen(null);
    expect(await services.api.settings.revealApiKey()).toBe(fresh);
  });

  it('a key given with --api-key / RUNLENS_API_KEY is shown but cannot be regenerated from the app', async () => {
    expect(await services.api.settings.apiKey()).toEqual({ masked: '********', source: 'given', file: null, regenerable: false });
    await expect(services.api.settings.regenerateApiKey()).rejects.toThrow(/given with --api-key or RUNLENS_API_KEY/);
    expect(await services.api.settings.revealApiKey()).toBe('desk-key');
    expect(fs.existsSync(path.join(dir, 'api-key'))).toBe(false);
  });
});
