/**
 * Entry point: picks the bridge (the real transports from `createBridge()`, or the
 * in-memory fake with `?fake` or when no transport is available in development),
 * builds the stores, boots them and renders the playground.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { RunLensBridge } from '../../electron/contract/api';
import { createBridge } from './bridge';
import { BridgeProvider } from './bridge/context';
import { createFakeBridge } from './api/fake-api';
import { seedFake } from './api/fake-seed';
import { createAppStores, StoresProvider } from './stores';
import { bootApp } from './app/boot';
import { App } from './app/App';
import { applyTheme } from './app/theme';
import './styles/tokens.css';
import './styles/base.css';
import './styles/app.css';
import './styles/live.css';

function pickBridge(): { bridge: RunLensBridge; fake: boolean } {
  const params = new URLSearchParams(location.search);
  if (params.has('fake')) return { bridge: createFakeBridge({ tickMs: 25 }), fake: true };
  try {
    return { bridge: createBridge(), fake: false };
  } catch (e) {
    if (!import.meta.env.DEV) throw e;
    console.warn('No bridge transport; using the in-memory fake.', e);
    return { bridge: createFakeBridge({ tickMs: 25 }), fake: true };
  }
}

async function start() {
  const { bridge, fake } = pickBridge();
  const params = new URLSearchParams(location.search);
  if (fake && params.has('seed')) await seedFake(bridge, params.get('seed') ?? '');
  // The fake holds nothing across reloads, so it must not reopen stale selections.
  const stores = createAppStores(bridge, fake ? undefined : globalThis.localStorage);
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
