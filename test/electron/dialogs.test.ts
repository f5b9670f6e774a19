/**
 * Session files in the desktop app: the native open and save dialogs asked for over IPC (only
 * by our own window), and the preload's sessionFiles, which turns a choice into the contract's
 * import and export by path (a cancelled dialog changes nothing; a dropped file goes by its path).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./electron-mock'));
import { BrowserWindow, dialog, FakeWebContents, FakeWebFrame, ipcMainHandlers, resetElectronMock } from './electron-mock';
import type { RunLensBridge } from '../../electron/contract/api';
import { suggestedSessionName } from '../../electron/main/dialogs';
import { FOREIGN_SENDER_OUTCOME, registerDialogs } from '../../electron/main/ipc';
import { OPEN_SESSION_DIALOG_CHANNEL, SAVE_SESSION_DIALOG_CHANNEL } from '../../electron/preload/channels';

const ENTRY = 'app://runlens/index.html';

function invoke(channel: string, sender: FakeWebContents, frame: FakeWebFrame | null, ...args: unknown[]) {
  return ipcMainHandlers.get(channel)!({ sender, senderFrame: frame }, ...args);
}

beforeEach(() => {
  resetElectronMock();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

describe('main: the session file dialogs', () => {
  function setup() {
    const win = new BrowserWindow({});
    void win.loadURL(ENTRY);
    registerDialogs({ entryUrl: ENTRY, ownContents: () => [win.webContents as never] });
    return win;
  }

  it('opens one .runlens file, attached to our window, and answers its path', async () => {
    const win = setup();
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/user/Downloads/weather.runlens'] });
    expect(await invoke(OPEN_SESSION_DIALOG_CHANNEL, win.webContents, win.webContents.mainFrame)).toEqual({ ok: true, result: '/home/user/Downloads/weather.runlens' });
    const [owner, options] = dialog.showOpenDialog.mock.calls[0] as [unknown, { properties: string[]; filters: Array<{ extensions: string[] }> }];
    expect(owner).toBe(win);
    expect(options.properties).toEqual(['openFile']);
    expect(options.filters[0].extensions).toEqual(['runlens']);
  });

  it('answers null when the user cancels either dialog', async () => {
    const win = setup();
    expect(await invoke(OPEN_SESSION_DIALOG_CHANNEL, win.webContents, win.webContents.mainFrame)).toEqual({ ok: true, result: null });
    expect(await invoke(SAVE_SESSION_DIALOG_CHANNEL, win.webContents, win.webContents.mainFrame, 'x.runlens')).toEqual({ ok: true, result: null });
  });

  it('suggests a plain name in Documents and adds .runlens when the user typed none', async () => {
    const win = setup();
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/tmp/my export' });
    expect(await invoke(SAVE_SESSION_DIALOG_CHANNEL, win.webContents, win.webContents.mainFrame, '../../etc/passwd')).toEqual({ ok: true, result: '/tmp/my export.runlens' });
    const [, options] = dialog.showSaveDialog.mock.calls[0] as [unknown, { defaultPath: string }];
    expect(options.defaultPath).toBe('/home/user/Documents/passwd.runlens');
    expect(suggestedSessionName('runlens-2026.runlens')).toBe('runlens-2026.runlens');
    expect(suggestedSessionName(42)).toBe('runlens-session.runlens');
  });

  it('refuses a subframe or a foreign page, without showing a dialog', async () => {
    const win = setup();
    const iframe = new FakeWebFrame(ENTRY, win.webContents.mainFrame);
    expect(await invoke(OPEN_SESSION_DIALOG_CHANNEL, win.webContents, iframe)).toEqual(FOREIGN_SENDER_OUTCOME);
    const stranger = new FakeWebContents('https://evil.example/');
    expect(await invoke(SAVE_SESSION_DIALOG_CHANNEL, stranger, stranger.mainFrame, 'a')).toEqual(FOREIGN_SENDER_OUTCOME);
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
  });
});

describe('preload: sessionFiles', () => {
  async function loadPreload() {
    vi.resetModules();
    await import('../../electron/preload/index');
    const electron = (await import('electron')) as unknown as typeof import('./electron-mock');
    return { electron, bridge: electron.exposedInMainWorld.get('runlens') as RunLensBridge };
  }

  it('exports to the path chosen in the save dialog, and not at all when it is cancelled', async () => {
    const { electron, bridge } = await loadPreload();
    expect(bridge.sessionFiles?.kind).toBe('dialog');
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, result: null });
    await expect(bridge.sessionFiles!.exportFile(['thread_1'])).resolves.toBeNull();
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(1);
    expect(electron.ipcRenderer.invoke.mock.calls[0][0]).toBe(SAVE_SESSION_DIALOG_CHANNEL);
    expect(electron.ipcRenderer.invoke.mock.calls[0][1]).toMatch(/^runlens-.*\.runlens$/);

    electron.ipcRenderer.invoke
      .mockResolvedValueOnce({ ok: true, result: '/home/user/a.runlens' })
      .mockResolvedValueOnce({ ok: true, result: { file: '/home/user/a.runlens', counts: { threads: 1 } } });
    await expect(bridge.sessionFiles!.exportFile(['thread_1'])).resolves.toEqual({ file: '/home/user/a.runlens', counts: { threads: 1 } });
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('runlens:sessions.export', { thread_ids: ['thread_1'], file: '/home/user/a.runlens' });
  });

  it('opens the dialog for a path, and imports a dropped file by its path on disk', async () => {
    const { electron, bridge } = await loadPreload();
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, result: '/home/user/b.runlens' });
    await expect(bridge.sessionFiles!.chooseImportPath!()).resolves.toBe('/home/user/b.runlens');
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(OPEN_SESSION_DIALOG_CHANNEL);

    const report = { added: {}, skipped: {}, thread_ids: [], lines: ['Added nothing.'] };
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, result: report });
    const dropped = Object.assign(new File(['x'], 'c.runlens'), { path: '/home/user/c.runlens' });
    await expect(bridge.sessionFiles!.importFile(dropped, { progress_id: 'p' })).resolves.toEqual(report);
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('runlens:sessions.import', '/home/user/c.runlens', { progress_id: 'p' });

    await expect(bridge.sessionFiles!.importFile(new File(['x'], 'made.runlens'))).rejects.toThrow(/made\.runlens has no path on this computer/);
  });
});
