import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./electron-mock'));
import { FakeBrowserWindow, Menu, app, ipcMainHandlers, protocol, resetElectronMock } from './electron-mock';
import { RUNLENS_METHODS, type ServerStatus } from '../../electron/contract/api';
import type { CallOutcome } from '../../electron/services/http/bridge/dispatch';

let dataDir: string;
let window: FakeBrowserWindow;
// Vitest clears mock calls before each test, so what startup did is noted once here.
let startup: { userData: unknown[] | undefined; singleInstance: boolean; schemeRegistered: boolean; menus: number };
const env = { ...process.env };

beforeAll(async () => {
  resetElectronMock();
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-main-'));
  Object.assign(process.env, { RUNLENS_DATA_DIR: dataDir, RUNLENS_PORT: '0', RUNLENS_API_KEY: 'main-key' });
  await import('../../electron/main/index');
  await vi.waitFor(() => expect(FakeBrowserWindow.getAllWindows()).toHaveLength(1), { timeout: 10_000 });
  window = FakeBrowserWindow.getAllWindows()[0];
  startup = {
    userData: app.setPath.mock.calls.find(([name]) => name === 'userData'),
    singleInstance: app.requestSingleInstanceLock.mock.calls.length === 1,
    schemeRegistered: protocol.registerSchemesAsPrivileged.mock.calls.length === 1,
    menus: Menu.setApplicationMenu.mock.calls.length,
  };
});

afterAll(async () => {
  const event = { preventDefault: vi.fn() };
  app.emit('will-quit', event);
  await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(0));
  process.env = env;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const call = (name: string, ...args: unknown[]) =>
  ipcMainHandlers.get(`runlens:${name}`)!({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, ...args) as Promise<CallOutcome>;

describe('Electron main bootstrap', () => {
  it('keeps its data (and Chromium profile) in the data directory, one instance per directory', () => {
    expect(startup.userData).toEqual(['userData', dataDir]);
    expect(startup.singleInstance).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'runlens.db'))).toBe(true);
  });

  it('sets everything up before it creates the window, and loads the app page', () => {
    expect(startup.schemeRegistered).toBe(true);
    // One handler per contract method, plus the two session file dialogs.
    expect(window.createdAfter).toEqual({ ipcHandlers: RUNLENS_METHODS.length + 2, menus: 1, protocols: 1 });
    expect(window.loadedUrl).toBe('app://runlens/index.html');
    expect(startup.menus).toBe(1);
  });

  it('answers the window over IPC with the real services', async () => {
    const created = await call('assistants.create', { model: 'mock', name: 'From IPC' });
    expect(created).toMatchObject({ ok: true, result: { object: 'assistant', name: 'From IPC' } });
    expect(await call('app.info')).toMatchObject({ ok: true, result: { mode: 'electron', data_dir: dataDir } });
  });

  it('turns the local server on at start when RUNLENS_PORT is set, so /v1 answers while the app is open', async () => {
    const outcome = await call('settings.serverStatus');
    const status = (outcome as { ok: true; result: ServerStatus }).result;
    expect(status.enabled).toBe(true);
    const response = await fetch(`${status.url}/v1/assistants`, { headers: { authorization: 'Bearer main-key', 'openai-beta': 'assistants=v2' } });
    expect(((await response.json()) as { data: Array<{ name: string }> }).data.map((a) => a.name)).toContain('From IPC');
  });

  it('pushes changes to the window once the page is ready', async () => {
    const ready = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    const { ipcMainListeners } = await import('./electron-mock');
    ipcMainListeners.get('runlens:ready')!.forEach((l) => l(ready));
    await call('threads.create', { title: 'Pushed' });
    await vi.waitFor(() => expect(window.webContents.sent.some(([, name, payload]) => name === 'entity.changed' && (payload as { kind: string }).kind === 'thread')).toBe(true));
  });
});
