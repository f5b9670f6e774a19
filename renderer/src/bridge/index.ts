/**
 * Picks the transport for the UI: the preload bridge inside the Electron window, HTTP + SSE
 * in browser mode. Both carry the same RunLensApi calls and RunLensEvents pushes.
 */
import type { RunLensBridge } from '../../../electron/contract/api';
import { createHttpBridge } from './http-bridge';

export { BridgeError } from './bridge-error';
export { createHttpBridge } from './http-bridge';

/** The bridge this page should use; call once at startup. */
export function createBridge(): RunLensBridge {
  return window.runlens ?? createHttpBridge();
}
