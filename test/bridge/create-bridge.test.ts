import { afterEach, describe, expect, it } from 'vitest';
import type { RunLensBridge } from '../../electron/contract/api';
import { apiFromCall } from '../../electron/contract/api-from-call';
import { createBridge } from '../../renderer/src/bridge';

const globals = globalThis as unknown as { window?: { runlens?: RunLensBridge } };

afterEach(() => {
  delete globals.window;
});

describe('createBridge', () => {
  it('uses the preload bridge inside the Electron window', () => {
    const preload: RunLensBridge = { api: apiFromCall(async () => null), on: () => () => undefined };
    globals.window = { runlens: preload };
    expect(createBridge()).toBe(preload);
  });

  it('falls back to HTTP + SSE in a plain browser page', async () => {
    globals.window = {};
    const bridge = createBridge();
    expect(bridge).not.toBe(undefined);
    // Same-origin relative URLs: outside a page there is no origin, so the call fails to connect.
    await expect(bridge.api.models.list()).rejects.toMatchObject({ name: 'BridgeError', status: 0 });
  });
});
