/** Renders components with the app's stores over real services, like the app does. */
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { onTestFinished } from 'vitest';
import { BridgeProvider } from '../../renderer/src/bridge/context';
import { StoresProvider } from '../../renderer/src/stores';
import { harness, type Harness } from './stores/helpers';

/** Without `h`, a fresh harness is made and stopped when the test ends. */
export function renderWithStores(ui: ReactNode, h?: Harness) {
  const used = h ?? harness();
  if (!h) onTestFinished(() => used.stop());
  const result = render(
    <BridgeProvider bridge={used.bridge}>
      <StoresProvider stores={used.stores}>{ui}</StoresProvider>
    </BridgeProvider>,
  );
  return { ...result, h: used };
}
