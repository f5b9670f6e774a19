/**
 * The shell's "server unreachable" banner follows the transport's connection state through the
 * one subscription module (the real reconnecting bridge is tested on a real server in
 * test/bridge/http-bridge-reconnect.test.ts); here the state comes from a stand-in for the network.
 */
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../electron/contract/api';
import { ConnectionBanner } from '../../../renderer/src/app/ConnectionBanner';
import { renderWithStores } from '../render-app';

describe('connection banner', () => {
  afterEach(cleanup);

  it('says at once that the server is unreachable, in a live region, and goes when it is back', () => {
    const { h } = renderWithStores(<ConnectionBanner />);
    let report: (state: ConnectionState) => void = () => undefined;
    h.detach();
    h.bridge.onConnection = (listener) => {
      report = listener;
      listener('up');
      return () => undefined;
    };
    h.attach();
    expect(screen.queryByTestId('connection-banner')).toBeNull();
    act(() => report('down'));
    expect(screen.getByTestId('connection-banner').textContent).toBe('RunLens server unreachable — reconnecting…');
    expect(screen.getByTestId('connection-live').getAttribute('aria-live')).toBe('assertive');
    act(() => report('up'));
    expect(screen.queryByTestId('connection-banner')).toBeNull();
  });
});
