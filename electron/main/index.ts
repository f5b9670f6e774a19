/**
 * Electron main: a list of setup steps, the window last. Main is glue — the services (plain
 * Node, in-process) do the work; this file wires them to the window, the menu and the optional
 * local server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, session, shell } from 'electron';
import { defaultDataDir, defaultDbPath } from '../services/data-dir';
import { devRendererCsp } from '../services/http/bridge/csp';
import { DatabaseLockedError } from '../services/db/db-lock';
import { logToFile } from '../services/log/logger';
import { openServices } from '../services/services';
import type { Services } from '../services/services-types';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { appEntryUrl } from './app-url';
import { registerDialogs, registerIpc } from './ipc';
import { setupMenu } from './menu';
import { PushQueue } from './push-queue';
import { SafeStorageSecretStore } from './safe-storage-secrets';
import { setupSecurity } from './security';
import { LocalServerControl } from './server-control';
import { createMainWindow } from './window';

const entryUrl = appEntryUrl();
const preloadPath = path.join(import.meta.dirname, '../preload/index.cjs');
const rendererDir = path.join(import.meta.dirname, '../renderer');
const pushes = new PushQueue();
let mainWindow: BrowserWindow | null = null;

/** The data directory under the OS app-data folder (RUNLENS_DATA_DIR overrides), also Chromium's profile. */
function setupDataDir(): string {
  app.setName('RunLens');
  const dataDir = defaultDataDir();
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  app.setPath('userData', dataDir);
  return dataDir;
}

/** One RunLens per data directory: a second start focuses the first window and exits. */
function setupSingleInstance(): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  return true;
}

/** In dev the UI comes from the Vite server, which sends no CSP: add it to its responses. */
function setupDevCsp(): void {
  if (!entryUrl.startsWith('http')) return;
  const csp = devRendererCsp(new URL(entryUrl).origin);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
}

/** The services on the app's database, pushing every event to the window. */
function setupServices(dataDir: string): Services {
  const services = openServices({ dbPath: defaultDbPath(dataDir), dataDir, mode: 'electron', secrets: new SafeStorageSecretStore(dataDir), apiKey: process.env.RUNLENS_API_KEY || null });
  services.subscribe((name, payload) => pushes.push(name, payload));
  return services;
}

/** The local server behind settings.setServerEnabled; on at start if it was left on or RUNLENS_PORT is set. */
async function setupServer(services: Services, dataDir: string): Promise<LocalServerControl> {
  const fixedPort = process.env.RUNLENS_PORT !== undefined ? Number(process.env.RUNLENS_PORT) : undefined;
  const control = new LocalServerControl({
    services,
    dataDir,
    port: Number.isInteger(fixedPort) ? fixedPort : undefined,
    onStarted: ({ url, loginUrl }) => {
      console.log(`RunLens listening on ${url}`);
      console.log(`UI: ${loginUrl}`);
    },
  });
  services.setServerControl(control);
  if (fixedPort !== undefined || control.wasEnabled()) {
    await control.setEnabled(true).catch((error: unknown) => console.error(`RunLens: the local server did not start: ${error instanceof Error ? error.message : String(error)}`));
  }
  return control;
}

/** Closes the server and the database before the process ends. */
function setupShutdown(services: Services, server: LocalServerControl): void {
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    void server
      .shutdown()
      .catch(() => undefined)
      .then(() => services.close())
      .finally(() => app.exit(0));
  });
  app.on('window-all-closed', () => app.quit());
}

function createWindow(): void {
  mainWindow = createMainWindow(preloadPath, entryUrl);
  pushes.attach(mainWindow.webContents);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

async function main(): Promise<void> {
  const dataDir = setupDataDir();
  await logToFile(dataDir).catch((error: unknown) => console.error('RunLens: cannot write its log file:', error));
  if (!setupSingleInstance()) {
    app.quit();
    return;
  }
  registerAppScheme();
  await app.whenReady();
  setupSecurity(entryUrl);
  setupDevCsp();
  handleAppProtocol(rendererDir);
  const services = setupServices(dataDir);
  const server = await setupServer(services, dataDir);
  registerIpc({ api: services.api, pushes, entryUrl, ownContents: () => BrowserWindow.getAllWindows().map((w) => w.webContents) });
  registerDialogs({ entryUrl, ownContents: () => BrowserWindow.getAllWindows().map((w) => w.webContents) });
  setupMenu(dataDir);
  setupShutdown(services, server);
  createWindow();
}

/** Another RunLens (e.g. `npm run serve`) writes this database: say who, offer to open it instead. */
async function refuseSecondWriter(error: DatabaseLockedError): Promise<void> {
  console.error(`RunLens: ${error.message}`);
  const url = error.holder?.url ?? null;
  const { response } = await dialog.showMessageBox({
    type: 'warning',
    title: 'RunLens is already running',
    message: 'RunLens is already running on this database.',
    detail: error.message,
    buttons: url ? ['Open it in the browser', 'Quit'] : ['Quit'],
    defaultId: 0,
    cancelId: url ? 1 : 0,
  });
  if (url && response === 0) await shell.openExternal(url);
}

main().catch(async (error: unknown) => {
  if (error instanceof DatabaseLockedError) await refuseSecondWriter(error).catch(() => undefined);
  else console.error('RunLens failed to start:', error);
  app.exit(1);
});
