import { describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./electron-mock'));
import { RUNLENS_METHODS, type RunLensBridge } from '../../electron/contract/api';
import { PUSH_CHANNEL, READY_CHANNEL } from '../../electron/preload/channels';

/** A fresh preload and a fresh electron mock (the preload keeps state per page load). */
async function loadPreload() {
  vi.resetModules();
  await import('../../electron/preload/index');
  // The mocked module exactly as the preload saw it.
  const electron = (await import('electron')) as unknown as typeof import('./electron-mock');
  return { electron, bridge: electron.exposedInMainWorld.get('runlens') as RunLensBridge };
}

describe('the preload', () => {
  it('exposes one object, `runlens`, with exactly the contract: the methods by domain and `on`', async () => {
    const { electron, bridge } = await loadPreload();
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...electron.exposedInMainWorld.keys()]).toEqual(['runlens']);
    expect(Object.keys(bridge).sort()).toEqual(['api', 'on', 'sessionFiles']);
    const expected: Record<string, string[]> = {};
    for (const name of RUNLENS_METHODS) (expected[name.split('.')[0]] ??= []).push(name.split('.')[1]);
    const actual = Object.fromEntries(Object.entries(bridge.api).map(([domain, methods]) => [domain, Object.keys(methods as object)]));
    expect(actual).toEqual(expected);
    for (const methods of Object.values(bridge.api)) for (const fn of Object.values(methods as object)) expect(typeof fn).toBe('function');
  });

  it('sends a call on its own channel with its arguments and resolves with the result', async () => {
    const { electron, bridge } = await loadPreload();
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, result: { id: 'thread_1', object: 'thread' } });
    await expect(bridge.api.threads.get('thread_1')).resolves.toEqual({ id: 'thread_1', object: 'thread' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('runlens:threads.get', 'thread_1');
  });

  it('rejects with the error message main reports', async () => {
    const { electron, bridge } = await loadPreload();
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error: { message: "No thread found with id 'x'.", status: 404, type: 'invalid_request_error', param: null, code: null } });
    await expect(bridge.api.threads.get('x')).rejects.toThrow("No thread found with id 'x'.");
  });

  it('tells main it is ready once, on the first listener, and delivers pushes by name', async () => {
    const { electron, bridge } = await loadPreload();
    expect(electron.ipcRendererSent).toEqual([]);
    const changes: unknown[] = [];
    const off = bridge.on('entity.changed', (c) => changes.push(c));
    bridge.on('run.event', () => undefined);
    expect(electron.ipcRendererSent).toEqual([[READY_CHANNEL]]);
    const deliver = (name: string, payload: unknown) => electron.ipcRendererListeners.get(PUSH_CHANNEL)!.forEach((l) => l({}, name, payload));
    deliver('entity.changed', { kind: 'assistant', op: 'updated', id: 'asst_1' });
    off();
    deliver('entity.changed', { kind: 'assistant', op: 'deleted', id: 'asst_1' });
    expect(changes).toEqual([{ kind: 'assistant', op: 'updated', id: 'asst_1' }]);
  });
});
