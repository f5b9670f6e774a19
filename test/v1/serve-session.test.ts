/** Browser mode across restarts: a logged-in browser stays logged in; sessions end after their idle time. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { SESSION_IDLE_MS, SessionAuth } from '../../electron/services/http/bridge/session-auth';
import { startServe, tempDir } from './serve-process';

async function appInfo(url: string, cookie: string): Promise<number> {
  const res = await fetch(`${url}/api/call/app.info`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', origin: url }, body: '[]' });
  return res.status;
}

describe('browser sessions', () => {
  it('a browser logged in before a restart is still logged in after it', async () => {
    const dataDir = tempDir();
    const first = await startServe({ dataDir });
    const port = new URL(first.url).port;
    const login = await fetch(first.uiUrl, { redirect: 'manual' });
    expect(login.status).toBe(302);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    expect(cookie).toMatch(/^runlens_session_\d+=/);
    expect(await appInfo(first.url, cookie)).toBe(200);
    await first.stop();

    const second = await startServe({ dataDir, portFlag: false, args: ['--port', port] });
    try {
      expect(await appInfo(second.url, cookie)).toBe(200);
      expect(await appInfo(second.url, `${cookie.split('=')[0]}=forged.value.x`)).toBe(401);
    } finally {
      await second.stop();
    }
  });

  it('a session ends after the documented idle time, and each request keeps it alive', () => {
    let now = 1_000_000;
    const auth = new SessionAuth('tok', { secret: Buffer.alloc(32, 7), now: () => now });
    const headers: Record<string, string> = {};
    const reply = { header: (k: string, v: string) => ((headers[k] = v), reply) } as unknown as FastifyReply;
    const request = (cookie?: string) => ({ headers: { cookie }, raw: { socket: { localPort: 9 } } }) as unknown as FastifyRequest;
    expect(auth.login(request(), reply, 'tok')).toBe(true);
    const cookie = () => headers['set-cookie'].split(';')[0];
    const first = cookie();
    now += SESSION_IDLE_MS - 1000;
    expect(auth.isAuthenticated(request(first), reply)).toBe(true); // renews
    const renewed = cookie();
    expect(renewed).not.toBe(first);
    now += SESSION_IDLE_MS - 1000;
    expect(auth.isAuthenticated(request(first))).toBe(false);
    expect(auth.isAuthenticated(request(renewed))).toBe(true);
    now += 2000;
    expect(auth.isAuthenticated(request(renewed))).toBe(false);
  });
});
