/** Starts a bare fastify app on a loopback port with only the bridge registered, for bridge tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { registerBridge } from '../../electron/services/http/bridge/register-bridge';
import type { FakeServices } from './fake-services';

export interface BridgeServer {
  url: string;
  port: number;
  rendererDir: string;
  close(): Promise<void>;
}

/** A renderer build with an index page and one hashed asset. */
export function fakeRendererDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-renderer-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/index-abc.js"></script></head><body><div id="root">RunLens UI</div></body></html>');
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc.js'), 'console.log("ui")');
  return dir;
}

export async function startBridgeServer(services: FakeServices, loginToken = 'one-time-token'): Promise<BridgeServer> {
  const app = Fastify();
  const rendererDir = fakeRendererDir();
  registerBridge(app, { services, loginToken, rendererDir });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    rendererDir,
    close: async () => {
      await app.close();
      fs.rmSync(rendererDir, { recursive: true, force: true });
    },
  };
}

/** Logs in with the token and returns the `Cookie` header value for later requests. */
export async function login(server: BridgeServer, token = 'one-time-token'): Promise<string> {
  const response = await fetch(`${server.url}/login?token=${token}`, { redirect: 'manual' });
  const setCookie = response.headers.get('set-cookie');
  if (response.status !== 302 || !setCookie) throw new Error(`login failed: ${response.status}`);
  return setCookie.split(';')[0];
}
