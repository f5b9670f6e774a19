/**
 * IPC channel names, derived from the contract's method names. Only electron/main and
 * electron/preload use them; nothing else knows IPC exists.
 */
import type { RunLensMethodName } from '../contract/api';

/** The invoke channel of one contract method: `runlens:assistants.list`. */
export function channelFor(name: RunLensMethodName): `runlens:${RunLensMethodName}` {
  return `runlens:${name}`;
}

/** Main → renderer: every push, as `(name, payload)`. */
export const PUSH_CHANNEL = 'runlens:push';

/** Renderer → main: the renderer listens now; queued pushes may be delivered. */
export const READY_CHANNEL = 'runlens:ready';

/** What an invoke handler resolves with (IPC would drop an Error's fields, so errors travel as data). */
export type { CallOutcome as IpcResult } from '../services/http/bridge/dispatch';

/** Renderer → main: the native open dialog for a session file; resolves with a path or null. */
export const OPEN_SESSION_DIALOG_CHANNEL = 'runlens:dialog.openSession';

/** Renderer → main: the native save dialog for a session file (argument: the suggested name). */
export const SAVE_SESSION_DIALOG_CHANNEL = 'runlens:dialog.saveSession';
