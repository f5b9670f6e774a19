/**
 * The IPC face of the services: exactly one `ipcMain.handle` per contract method (channels
 * derived from RUNLENS_METHODS), each refusing messages that do not come from the top frame of
 * our own window showing our own page. The only module besides the preload that touches IPC.
 */
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { RUNLENS_METHODS, type RunLensApi } from '../contract/api';
import { dispatchCall, type CallOutcome } from '../services/http/bridge/dispatch';
import { OPEN_SESSION_DIALOG_CHANNEL, READY_CHANNEL, SAVE_SESSION_DIALOG_CHANNEL, channelFor } from '../preload/channels';
import { openSessionDialog, saveSessionDialog } from './dialogs';
import { isAppUrl } from './app-url';
import type { PushQueue } from './push-queue';

/** What a refused message gets back. */
export const FOREIGN_SENDER_OUTCOME: CallOutcome = {
  ok: false,
  error: { message: 'Refused: this message did not come from the RunLens window.', status: 403, type: 'permission_error', param: null, code: 'foreign_sender' },
};

export interface IpcOptions {
  api: RunLensApi;
  pushes: PushQueue;
  /** The web contents of our own windows. */
  ownContents(): readonly WebContents[];
  entryUrl: string;
}

/** True only for the top frame of one of our windows, showing a page of our app. */
export function isTrustedSender(event: IpcMainEvent | IpcMainInvokeEvent, options: Pick<IpcOptions, 'ownContents' | 'entryUrl'>): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  if (!options.ownContents().includes(event.sender)) return false;
  return isAppUrl(frame.url, options.entryUrl);
}

/** Registers the handlers and the ready signal. */
export function registerIpc(options: IpcOptions): void {
  for (const name of RUNLENS_METHODS) {
    ipcMain.handle(channelFor(name), async (event, ...args: unknown[]): Promise<CallOutcome> => {
      if (!isTrustedSender(event, options)) {
        console.warn(`RunLens: refused ${name} from ${event.senderFrame?.url ?? 'an unknown frame'}`);
        return FOREIGN_SENDER_OUTCOME;
      }
      return dispatchCall(options.api, name, args);
    });
  }
  ipcMain.on(READY_CHANNEL, (event) => {
    if (isTrustedSender(event, options)) options.pushes.markReady(event.sender);
  });
}

/** Registers the session file dialogs (open and save), for our own window only. */
export function registerDialogs(options: Pick<IpcOptions, 'ownContents' | 'entryUrl'>): void {
  ipcMain.handle(OPEN_SESSION_DIALOG_CHANNEL, async (event): Promise<CallOutcome> => {
    if (!isTrustedSender(event, options)) return FOREIGN_SENDER_OUTCOME;
    return { ok: true, result: await openSessionDialog(event.sender) };
  });
  ipcMain.handle(SAVE_SESSION_DIALOG_CHANNEL, async (event, suggested: unknown): Promise<CallOutcome> => {
    if (!isTrustedSender(event, options)) return FOREIGN_SENDER_OUTCOME;
    return { ok: true, result: await saveSessionDialog(event.sender, suggested) };
  });
}
