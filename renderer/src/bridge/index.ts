/**
 * PLACEHOLDER owned by the shell/bridge work (issue 4): picks the transport — the preload
 * bridge inside Electron, HTTP + SSE in browser mode.
 */
import type { RunLensBridge } from '../../../electron/contract/api';

export function createBridge(): RunLensBridge {
  throw new Error('createBridge: the bridge transports are landing (issue 4)');
}
