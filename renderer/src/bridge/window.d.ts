import type { RunLensBridge } from '../../../electron/contract/api';

declare global {
  interface Window {
    /** The preload bridge; present only inside the Electron window. */
    runlens?: RunLensBridge;
  }
}
