import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./electron-mock'));
import { FakeBrowserWindow, resetElectronMock } from './electron-mock';
import { createMainWindow, mainWindowOptions } from '../../electron/main/window';

beforeEach(() => resetElectronMock());

describe('the main window', () => {
  it('uses the secure web preferences: isolated, sandboxed, no Node, no webviews', () => {
    const prefs = mainWindowOptions('/app/out/preload/index.cjs').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });

  it('is created with exactly those options and loads the app page', () => {
    createMainWindow('/p/index.cjs', 'app://runlens/index.html');
    const [window] = FakeBrowserWindow.getAllWindows();
    expect(window.options).toEqual(mainWindowOptions('/p/index.cjs'));
    expect(window.loadedUrl).toBe('app://runlens/index.html');
  });
});
