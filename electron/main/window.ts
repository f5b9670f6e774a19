/**
 * The one RunLens window. Its web preferences are the secure ones (a test pins them):
 * isolated context, sandboxed renderer, no Node, no webviews; the preload is the only bridge.
 */
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';

/** The window options; exported so a test can check every security-relevant flag. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'RunLens',
    show: false,
    backgroundColor: '#14161a',
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}

/** Creates the window, shows it once painted, and loads the UI. */
export function createMainWindow(preloadPath: string, entryUrl: string): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(entryUrl);
  return window;
}
