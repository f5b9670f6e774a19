/**
 * The preload: exposes `window.runlens`, exactly the RunLensBridge contract (named methods and
 * `on`), and nothing else — no ipcRenderer, no channel names, no Node. The first `on()` tells
 * main the page listens, so pushes queued during load arrive then.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { RunLensBridge, RunLensEventName, RunLensEvents } from '../contract/api';
import { apiFromCall } from '../contract/api-from-call';
import { PushListeners } from '../../renderer/src/bridge/push-listeners';
import { PUSH_CHANNEL, READY_CHANNEL, channelFor, type IpcResult } from './channels';

const listeners = new PushListeners();
let readySent = false;

ipcRenderer.on(PUSH_CHANNEL, (_event, name: RunLensEventName, payload: RunLensEvents[RunLensEventName]) => {
  listeners.emit(name, payload);
});

const bridge = {
  api: apiFromCall(async (name, args) => {
    const outcome = (await ipcRenderer.invoke(channelFor(name), ...args)) as IpcResult;
    if (outcome.ok) return outcome.result;
    // Only the message survives the context bridge; it is the one the user reads.
    throw new Error(outcome.error.message);
  }),
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
