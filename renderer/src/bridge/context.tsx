import { createContext, useContext, type ReactNode } from 'react';
import type { RunLensBridge } from '../../../electron/contract/api';

const BridgeContext = createContext<RunLensBridge | null>(null);

/** Makes one bridge (IPC or HTTP; in tests, the real services in-process) available to the whole UI. */
export function BridgeProvider({ bridge, children }: { bridge: RunLensBridge; children: ReactNode }) {
  return <BridgeContext.Provider value={bridge}>{children}</BridgeContext.Provider>;
}

/** The bridge of the nearest provider; throws outside one so a missing provider is loud. */
export function useBridge(): RunLensBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge() needs a <BridgeProvider>');
  return bridge;
}
