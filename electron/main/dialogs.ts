/**
 * The native file dialogs for session files, asked for by the renderer over IPC (only from our
 * own window's top frame, like every call; the channels are registered in ipc.ts): "Import session file…" opens one `.runlens` file,
 * "Export…" asks where to save. Each resolves with the chosen path, or null when cancelled;
 * the import and export then run through the contract's `sessions` calls by path.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, type OpenDialogOptions, type SaveDialogOptions, type WebContents } from 'electron';

const FILTERS = [
  { name: 'RunLens session files', extensions: ['runlens'] },
  { name: 'All files', extensions: ['*'] },
];

/** A plain file name for the save dialog's suggestion (no directories), ending in `.runlens`. */
export function suggestedSessionName(value: unknown): string {
  const raw = typeof value === 'string' ? path.basename(value.replace(/\\/g, '/')) : '';
  const clean = raw.replace(/[^\w.\- ()]+/g, '_').replace(/^\.+/, '').slice(0, 120) || 'runlens-session';
  return clean.endsWith('.runlens') ? clean : `${clean}.runlens`;
}

/** The open dialog over `sender`'s window: the chosen path, or null when cancelled. */
export async function openSessionDialog(sender: WebContents): Promise<string | null> {
  const options: OpenDialogOptions = { title: 'Import session file', filters: FILTERS, properties: ['openFile'] };
  const owner = BrowserWindow.fromWebContents(sender);
  const result = await (owner ? dialog.showOpenDialog(owner, options) : dialog.showOpenDialog(options));
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
}

/** The save dialog over `sender`'s window, suggesting `suggested` in Documents: the path, or null. */
export async function saveSessionDialog(sender: WebContents, suggested: unknown): Promise<string | null> {
  const options: SaveDialogOptions = {
    title: 'Export session file',
    defaultPath: path.join(app.getPath('documents'), suggestedSessionName(suggested)),
    filters: FILTERS,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const owner = BrowserWindow.fromWebContents(sender);
  const result = await (owner ? dialog.showSaveDialog(owner, options) : dialog.showSaveDialog(options));
  if (result.canceled || !result.filePath) return null;
  // Typed without an extension: the file still gets one, so it can be found and picked again.
  return path.extname(result.filePath) ? result.filePath : `${result.filePath}.runlens`;
}
