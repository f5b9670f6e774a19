/**
 * Browser mode across a server restart, on a real `serve` process: the HTTP bridge says the
 * server is unreachable the moment its stream drops, reconnects by itself when a new server
 * runs on the same port and data directory (the login survives), and its event stream resumes
 * after the last event id it saw — the run events recorded while it was away arrive, in order,
 * once each.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../electron/contract/api';
import type { RunEventRecord } from '../../electron/contract/events';
import { createHttpBridge } from '../../renderer/src/bridge';
import { startServe, tempDir, type ServeProcess } from '../v1/serve-process';

const servers: ServeProcess[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
});

async function until(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('HTTP bridge across a server restart', () => {
  it('reports the server unreachable at once, reconnects by itself, and resumes the stream after the last event id', async () => {
    const dataDir = tempDir();
    const first = await startServe({ dataDir });
    servers.push(first);
    const port = new URL(first.url).port;
    const login = await fetch(first.uiUrl, { redirect: 'manual' });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const bridge = createHttpBridge({ baseUrl: first.url, headers: { cookie, origin: first.url } });
    try {
      const states: ConnectionState[] = [];
      bridge.onConnection((s) => states.push(s));
      const events: RunEventRecord[] = [];
      bridge.on('run.event', (e) => events.push(e));
      await bridge.whenConnected();
      expect(states.at(-1)).toBe('up');

      const assistant = await bridge.api.assistants.create({ model: 'mock' });
      const thread = await bridge.api.threads.create({});
      await bridge.api.messages.create(thread.id, { role: 'user', content: 'before the restart' });
      const before = await bridge.api.runs.create(thread.id, { assistant_id: assistant.id });
      await until(() => events.some((e) => e.run_id === before.id && e.type === 'thread.run.completed'), 'the first run to complete');

      await first.stop();
      servers.splice(servers.indexOf(first), 1);
      await until(() => states.at(-1) === 'down', 'the bridge to notice the server is gone');
      await expect(bridge.api.threads.list()).rejects.toMatchObject({ type: 'connection_error' });

      const second = await startServe({ dataDir, portFlag: false, args: ['--port', port] });
      servers.push(second);
      // A run driven from outside while the bridge may still be away.
      const client = second.client();
      const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id }, { pollIntervalMs: 50 });
      expect(run.status).toBe('completed');

      await until(() => states.at(-1) === 'up', 'the bridge to reconnect', 45_000);
      await until(() => events.some((e) => e.run_id === run.id && e.type === 'thread.run.completed'), "the second run's events");
      const ids = events.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length); // resumed after the last id: nothing twice
      const seqs = events.filter((e) => e.run_id === run.id).map((e) => e.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1)); // and nothing missing
      // The login survived the restart: calls work again.
      expect((await bridge.api.threads.get(thread.id)).id).toBe(thread.id);
    } finally {
      bridge.close();
    }
  }, 120_000);
});
