/** Renders components with the stores of a fresh fake, like the app does. */
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { BridgeProvider } from '../../renderer/src/bridge/context';
import { StoresProvider } from '../../renderer/src/stores';
import { harness, type Harness } from './stores/helpers';

export function renderWithStores(ui: ReactNode, h: Harness = harness()) {
  const result = render(
    <BridgeProvider bridge={h.bridge}>
      <StoresProvider stores={h.stores}>{ui}</StoresProvider>
    </BridgeProvider>,
  );
  return { ...result, h };
}
