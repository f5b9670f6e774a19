/**
 * The preload: exposes `window.runlens`, exactly the RunLensBridge contract (named methods and
 * `on`), and nothing else — no ipcRenderer, no channel names, no Node. The first `on()` tells
 * main the page listens, so pushes queued during load arrive then.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { RunLensBridge, RunLensEventName, RunLensEvents } from '../contract/api';
import type { SessionImportOptions } from '../contract/sessions';
import { apiFromCall } from '../contract/api-from-call';
import { PushListeners } from '../../renderer/src/bridge/push-listeners';
import { OPEN_SESSION_DIALOG_CHANNEL, PUSH_CHANNEL, READY_CHANNEL, SAVE_SESSION_DIALOG_CHANNEL, channelFor, type IpcResult } from './channels';

const listeners = new PushListeners();
let readySent = false;

ipcRenderer.on(PUSH_CHANNEL, (_event, name: RunLensEventName, payload: RunLensEvents[RunLensEventName]) => {
  listeners.emit(name, payload);
});

/** Invokes a channel; resolves with its result or throws the message main reports. */
async function invoke(channel: string, ...args: unknown[]): Promise<unknown> {
  const outcome = (await ipcRenderer.invoke(channel, ...args)) as IpcResult;
  if (outcome.ok) return outcome.result;
  // Only the message survives the context bridge; it is the one the user reads.
  throw new Error(outcome.error.message);
}

const api = apiFromCall((name, args) => invoke(channelFor(name), ...args));

/** A name for the save dialog to suggest: `runlens-2026-12-02T10-50-00-000Z.runlens`. */
function suggestedName(): string {
  return `runlens-${new Date().toISOString().replace(/[:.]/g, '-')}.runlens`;
}

const bridge = {
  api,
  /** Session files through the native dialogs; import and export then go by path. */
  sessionFiles: {
    kind: 'dialog',
    async exportFile(threadIds: string[]) {
      const file = (await invoke(SAVE_SESSION_DIALOG_CHANNEL, suggestedName())) as string | null;
      return file ? api.sessions.export({ thread_ids: threadIds, file }) : null;
    },
    async chooseImportPath() {
      return (await invoke(OPEN_SESSION_DIALOG_CHANNEL)) as string | null;
    },
    async importFile(file: File, options?: SessionImportOptions) {
      // A file dropped from the desktop has a path; one made in the page does not.
      const filePath = webUtils.getPathForFile(file);
      if (!filePath) throw new Error(`${file.name} has no path on this computer: use "Import session file…" instead.`);
      return api.sessions.import(filePath, options);
    },
  },
  on<K extends RunLensEventName>(name: K, listener: (payload: RunLensEvents[K]) => void): () => void {
    const off = listeners.on(name, listener);
    if (!readySent) {
      readySent = true;
      ipcRenderer.send(READY_CHANNEL);
    }
    return off;
  },
} satisfies RunLensBridge;

contextBridge.exposeInMainWorld('runlens', bridge);
