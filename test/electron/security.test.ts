import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./electron-mock'));
import { FakeWebContents, app, resetElectronMock, session, shell } from './electron-mock';
import { setupSecurity } from '../../electron/main/security';

const ENTRY = 'app://runlens/index.html';

function guarded(): FakeWebContents {
  const contents = new FakeWebContents(ENTRY);
  app.emit('web-contents-created', {}, contents);
  return contents;
}

function navigate(contents: FakeWebContents, eventName: 'will-navigate' | 'will-redirect', url: string): boolean {
  const event = { url, preventDefault: vi.fn() };
  contents.emit(eventName, event);
  return event.preventDefault.mock.calls.length > 0;
}

beforeEach(() => {
  resetElectronMock();
  setupSecurity(ENTRY);
});

describe('navigation', () => {
  it('blocks navigating away and hands web links to the system browser', () => {
    const contents = guarded();
    expect(navigate(contents, 'will-navigate', 'https://example.com/')).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.com/');
    expect(navigate(contents, 'will-redirect', 'http://127.0.0.1:9/evil')).toBe(true);
  });

  it('blocks file: and other schemes without opening them anywhere', () => {
    const contents = guarded();
    expect(navigate(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'javascript:alert(1)')).toBe(true);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('lets the app reload its own pages', () => {
    expect(navigate(guarded(), 'will-navigate', 'app://runlens/index.html')).toBe(false);
  });
});

describe('new windows and webviews', () => {
  it('denies every window.open and opens web links in the system browser instead', () => {
    const contents = guarded();
    expect(contents.windowOpenHandler!({ url: 'https://platform.openai.com/docs' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://platform.openai.com/docs');
    expect(contents.windowOpenHandler!({ url: 'app://runlens/index.html' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'smb://share/x' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('refuses to attach webviews', () => {
    const contents = guarded();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event);
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('permissions', () => {
  it('denies by default and allows only clipboard writes for our own page', () => {
    const { permissionRequestHandler, permissionCheckHandler } = session.defaultSession;
    const ours = new FakeWebContents(ENTRY);
    const foreign = new FakeWebContents('https://evil.example/');
    const answers: Array<[string, boolean]> = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'clipboard-sanitized-write']) {
      permissionRequestHandler!(ours, permission, (granted) => answers.push([permission, granted]));
    }
    expect(answers).toEqual([
      ['media', false],
      ['geolocation', false],
      ['notifications', false],
      ['openExternal', false],
      ['clipboard-read', false],
      ['clipboard-sanitized-write', true],
    ]);
    permissionRequestHandler!(foreign, 'clipboard-sanitized-write', (granted) => expect(granted).toBe(false));
    expect(permissionCheckHandler!(null, 'media', 'app://runlens')).toBe(false);
    expect(permissionCheckHandler!(null, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
  });
});
