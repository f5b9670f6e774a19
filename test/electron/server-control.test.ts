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

function makeControl(port?: number) {
  return new LocalServerControl({ services, dataDir: dir, apiKey: 'desk-key', port, onStarted: ({ loginUrl }) => started.push(loginUrl) });
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-server-'));
  services = openServices({ dbPath: path.join(dir, 'runlens.db'), dataDir: dir, mode: 'electron' });
  control = makeControl();
  services.setServerControl(control);
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
