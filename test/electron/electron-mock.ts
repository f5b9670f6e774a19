/**
 * A hand-written stand-in for the `electron` module: just enough of app, BrowserWindow,
 * ipcMain/ipcRenderer, contextBridge, shell, session, protocol, Menu and safeStorage for the
 * main-process glue and the preload to run in Node, with everything they do recorded.
 * Use: `vi.mock('electron', () => import('./electron-mock'))`, and `resetElectronMock()` per test.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Handler = (...args: unknown[]) => unknown;

export class FakeWebFrame {
  constructor(
    public url: string,
    public parent: FakeWebFrame | null = null,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: Array<[string, ...unknown[]]> = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  destroyed = false;
  mainFrame: FakeWebFrame;

  constructor(url = 'app://runlens/index.html') {
    super();
    this.mainFrame = new FakeWebFrame(url);
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push([channel, ...args]);
  }
  isDestroyed() {
    return this.destroyed;
  }
  getURL() {
    return this.mainFrame.url;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }) {
    this.windowOpenHandler = handler;
  }
}

const windows: FakeBrowserWindow[] = [];

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  /** How much of the app was set up when this window was made (the window comes last). */
  readonly createdAfter: { ipcHandlers: number; menus: number; protocols: number };
  constructor(readonly options: Record<string, unknown>) {
    super();
    this.createdAfter = { ipcHandlers: ipcMainHandlers.size, menus: Menu.setApplicationMenu.mock.calls.length, protocols: protocol.handle.mock.calls.length };
    windows.push(this);
  }
  async loadURL(url: string) {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
  }
  show() {}
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  static getAllWindows() {
    return [...windows];
  }
  static fromWebContents(contents: FakeWebContents) {
    return windows.find((w) => w.webContents === contents) ?? null;
  }
}

export const ipcMainHandlers = new Map<string, Handler>();
export const ipcMainListeners = new Map<string, Handler[]>();
export const ipcMain = {
  handle(channel: string, handler: Handler) {
    // Like Electron: a second handler for one channel is an error.
    if (ipcMainHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcMainHandlers.set(channel, handler);
  },
  on(channel: string, listener: Handler) {
    ipcMainListeners.set(channel, [...(ipcMainListeners.get(channel) ?? []), listener]);
  },
};

export const ipcRendererSent: Array<[string, ...unknown[]]> = [];
export const ipcRendererListeners = new Map<string, Handler[]>();
export const ipcRenderer = {
  invoke: vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => ({ ok: true, result: null })),
  send(channel: string, ...args: unknown[]) {
    ipcRendererSent.push([channel, ...args]);
  },
  on(channel: string, listener: Handler) {
    ipcRendererListeners.set(channel, [...(ipcRendererListeners.get(channel) ?? []), listener]);
  },
};

export const exposedInMainWorld = new Map<string, unknown>();
export const contextBridge = {
  exposeInMainWorld: vi.fn((key: string, api: unknown) => {
    exposedInMainWorld.set(key, api);
  }),
};

export const shell = { openExternal: vi.fn(async (_url: string) => undefined), openPath: vi.fn(async (_path: string) => '') };

export const app = Object.assign(new EventEmitter(), {
  setName: vi.fn(),
  setPath: vi.fn(),
  requestSingleInstanceLock: vi.fn(() => true),
  whenReady: vi.fn(async () => undefined),
  quit: vi.fn(),
  exit: vi.fn(),
  getPath: vi.fn((name: string) => `/home/user/${name === 'documents' ? 'Documents' : name}`),
});

/** Native dialogs: tests set what the user picks (`mockResolvedValueOnce`). */
export const dialog = {
  showOpenDialog: vi.fn(async (..._args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> => ({ canceled: true, filePaths: [] })),
  showSaveDialog: vi.fn(async (..._args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> => ({ canceled: true })),
};

/** The path on disk of a File the page got from a drop or a file input (tests give files a `path`). */
export const webUtils = { getPathForFile: vi.fn((file: { path?: string }) => file.path ?? '') };

export interface FakeSession {
  permissionRequestHandler: ((contents: FakeWebContents, permission: string, callback: (granted: boolean) => void) => void) | null;
  permissionCheckHandler: ((contents: FakeWebContents | null, permission: string, origin: string) => boolean) | null;
  devicePermissionHandler: (() => boolean) | null;
}
const defaultSession = {
  permissionRequestHandler: null,
  permissionCheckHandler: null,
  devicePermissionHandler: null,
  setPermissionRequestHandler(h: FakeSession['permissionRequestHandler']) {
    this.permissionRequestHandler = h;
  },
  setPermissionCheckHandler(h: FakeSession['permissionCheckHandler']) {
    this.permissionCheckHandler = h;
  },
  setDevicePermissionHandler(h: FakeSession['devicePermissionHandler']) {
    this.devicePermissionHandler = h;
  },
  webRequest: { onHeadersReceived: vi.fn() },
} as FakeSession & Record<string, unknown>;
export const session = { defaultSession };

export const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
export const Menu = { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() };

export const safeStorageState = { available: true, backend: 'gnome_libsecret' };
export const safeStorage = {
  isEncryptionAvailable: () => safeStorageState.available,
  getSelectedStorageBackend: () => safeStorageState.backend,
  encryptString: (plain: string) => Buffer.from(`enc:${[...plain].reverse().join('')}`),
  decryptString: (buffer: Buffer) => [...buffer.toString().slice(4)].reverse().join(''),
};

export { FakeBrowserWindow as BrowserWindow };

/** Forgets everything recorded, so each test starts from a fresh "electron". */
export function resetElectronMock(): void {
  windows.length = 0;
  ipcMainHandlers.clear();
  ipcMainListeners.clear();
  ipcRendererSent.length = 0;
  ipcRendererListeners.clear();
  exposedInMainWorld.clear();
  app.removeAllListeners();
  safeStorageState.available = true;
  safeStorageState.backend = 'gnome_libsecret';
  defaultSession.permissionRequestHandler = null;
  defaultSession.permissionCheckHandler = null;
  vi.clearAllMocks();
}

export default { app, BrowserWindow: FakeBrowserWindow, ipcMain, ipcRenderer, contextBridge, shell, session, protocol, Menu, safeStorage, dialog, webUtils };
