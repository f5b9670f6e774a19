import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./electron-mock'));
import { appProtocolResponse } from '../../electron/main/app-protocol';
import { fakeRendererDir } from '../bridge/bridge-server';

let dir: string;
beforeAll(() => {
  dir = fakeRendererDir();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the app:// scheme', () => {
  it('serves the UI document with the CSP', async () => {
    const response = await appProtocolResponse('app://runlens/index.html', dir);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await response.text()).toContain('RunLens UI');
  });

  it('serves assets with their type and page paths as the UI', async () => {
    expect((await appProtocolResponse('app://runlens/assets/index-abc.js', dir)).headers.get('content-type')).toContain('javascript');
    expect(await (await appProtocolResponse('app://runlens/threads/t1', dir)).text()).toContain('RunLens UI');
  });

  it('serves nothing outside the build or for another host', async () => {
    const secret = path.join(os.tmpdir(), `runlens-secret-${process.pid}.txt`);
    fs.writeFileSync(secret, 'secret');
    try {
      expect((await appProtocolResponse(`app://runlens/%2e%2e/${path.basename(secret)}`, dir)).status).toBe(404);
      expect((await appProtocolResponse('app://other/index.html', dir)).status).toBe(404);
      expect((await appProtocolResponse('app://runlens/missing.js', dir)).status).toBe(404);
    } finally {
      fs.rmSync(secret);
    }
  });
});
