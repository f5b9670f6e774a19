/**
 * Entry point: picks the bridge (the preload's IPC in Electron, HTTP + SSE to the real
 * server in browser mode, development included), builds the stores, boots them and renders
 * the playground.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBridge } from './bridge';
import { BridgeProvider } from './bridge/context';
import { createAppStores, StoresProvider } from './stores';
import { bootApp } from './app/boot';
import { App } from './app/App';
import { applyTheme } from './app/theme';
import './styles/tokens.css';
import './styles/base.css';
import './styles/app.css';

async function start() {
  const bridge = createBridge();
  const params = new URLSearchParams(location.search);
  const stores = createAppStores(bridge, globalThis.localStorage);
  const theme = params.get('theme');
  if (theme === 'light' || theme === 'dark') stores.ui.getState().set({ theme });
  applyTheme(stores.ui.getState().theme); // before the first paint, so there is no flash of the wrong theme
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <BridgeProvider bridge={bridge}>
        <StoresProvider stores={stores}>
          <App />
        </StoresProvider>
      </BridgeProvider>
    </StrictMode>,
  );
  await bootApp(bridge, stores);
}

void start();
