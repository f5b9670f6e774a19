import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./electron-mock'));
import { FakeWebContents, FakeWebFrame, ipcMainHandlers, ipcMainListeners, resetElectronMock } from './electron-mock';
import { RUNLENS_METHODS } from '../../electron/contract/api';
import { apiFromCall } from '../../electron/contract/api-from-call';
import { FOREIGN_SENDER_OUTCOME, registerIpc } from '../../electron/main/ipc';
import { PushQueue } from '../../electron/main/push-queue';
import { PUSH_CHANNEL, READY_CHANNEL, channelFor } from '../../electron/preload/channels';

const ENTRY = 'app://runlens/index.html';
let own: FakeWebContents;
let pushes: PushQueue;
let calls: Array<{ name: string; args: unknown[] }>;

function setup() {
  own = new FakeWebContents(ENTRY);
  pushes = new PushQueue();
  pushes.attach(own as never);
  calls = [];
  const api = apiFromCall(async (name, args) => {
    calls.push({ name, args });
    return { echoed: args };
  });
  registerIpc({ api, pushes, entryUrl: ENTRY, ownContents: () => [own as never] });
}

function invoke(channel: string, sender: FakeWebContents, frame: FakeWebFrame | null, ...args: unknown[]) {
  return ipcMainHandlers.get(channel)!({ sender, senderFrame: frame }, ...args);
}

beforeEach(() => {
  resetElectronMock();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  setup();
});

describe('IPC handlers', () => {
  it('registers exactly one handler per contract method, on the derived channel', () => {
    expect([...ipcMainHandlers.keys()].sort()).toEqual(RUNLENS_METHODS.map((n) => `runlens:${n}`).sort());
    expect(ipcMainHandlers.size).toBe(RUNLENS_METHODS.length);
  });

  it('runs the method for our own window and returns its result', async () => {
    const outcome = await invoke(channelFor('threads.rename'), own, own.mainFrame, 'thread_1', 'Title');
    expect(outcome).toEqual({ ok: true, result: { echoed: ['thread_1', 'Title'] } });
    expect(calls).toEqual([{ name: 'threads.rename', args: ['thread_1', 'Title'] }]);
  });

  it('refuses a message from another web contents', async () => {
    const stranger = new FakeWebContents(ENTRY);
    expect(await invoke(channelFor('assistants.list'), stranger, stranger.mainFrame)).toEqual(FOREIGN_SENDER_OUTCOME);
    expect(calls).toEqual([]);
  });

  it('refuses a message from a subframe or a foreign page inside our window', async () => {
    const iframe = new FakeWebFrame(ENTRY, own.mainFrame);
    expect(await invoke(channelFor('assistants.list'), own, iframe)).toEqual(FOREIGN_SENDER_OUTCOME);
    own.mainFrame.url = 'https://evil.example/';
    expect(await invoke(channelFor('assistants.list'), own, own.mainFrame)).toEqual(FOREIGN_SENDER_OUTCOME);
    expect(await invoke(channelFor('assistants.list'), own, null)).toEqual(FOREIGN_SENDER_OUTCOME);
    expect(calls).toEqual([]);
  });
});

describe('pushes', () => {
  const ready = (sender: FakeWebContents, frame: FakeWebFrame) => ipcMainListeners.get(READY_CHANNEL)!.forEach((l) => l({ sender, senderFrame: frame }));
  const change = (id: string) => ({ kind: 'thread' as const, op: 'created' as const, id });

  it('queue until the page says it is ready, then arrive in order', () => {
    pushes.push('entity.changed', change('a'));
    pushes.push('entity.changed', change('b'));
    expect(own.sent).toEqual([]);
    ready(own, own.mainFrame);
    pushes.push('entity.changed', change('c'));
    expect(own.sent).toEqual([
      [PUSH_CHANNEL, 'entity.changed', change('a')],
      [PUSH_CHANNEL, 'entity.changed', change('b')],
      [PUSH_CHANNEL, 'entity.changed', change('c')],
    ]);
  });

  it('queue again while the page reloads', () => {
    ready(own, own.mainFrame);
    own.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    pushes.push('entity.changed', change('during-reload'));
    expect(own.sent).toEqual([]);
    ready(own, own.mainFrame);
    expect(own.sent).toEqual([[PUSH_CHANNEL, 'entity.changed', change('during-reload')]]);
  });

  it('ignore a ready signal from a foreign sender', () => {
    const stranger = new FakeWebContents(ENTRY);
    pushes.push('entity.changed', change('a'));
    ready(stranger, stranger.mainFrame);
    ready(own, new FakeWebFrame(ENTRY, own.mainFrame));
    expect(own.sent).toEqual([]);
    expect(pushes.queued(own as never)).toBe(1);
  });
});
