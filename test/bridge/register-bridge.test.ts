import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../electron/services/runtime/api-error';
import { fakeServices, type FakeServices } from './fake-services';
import { login, startBridgeServer, type BridgeServer } from './bridge-server';

let services: FakeServices;
let server: BridgeServer;

beforeEach(async () => {
  services = fakeServices({
    'app.info': () => ({ version: '0.1.0', mode: 'browser', data_dir: '/tmp/x', api_base_url: null }),
    'threads.rename': (id, title) => ({ id, title }),
    'assistants.delete': () => undefined,
    'assistants.get': (id) => {
      throw new ApiError(404, `No assistant found with id '${String(id)}'.`);
    },
  });
  server = await startBridgeServer(services);
});

afterEach(async () => {
  await server.close();
});

const call = (name: string, args: unknown, cookie?: string) =>
  fetch(`${server.url}/api/call/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(args) });

describe('login', () => {
  it('trades the one-time token for an HttpOnly, SameSite=Strict cookie and redirects to the UI', async () => {
    const response = await fetch(`${server.url}/login?token=one-time-token`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^runlens_session_${server.port}=[0-9]+[.][A-Za-z0-9_-]{20,}[.][A-Za-z0-9_-]{40,};`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
  });

  it('accepts the token only once', async () => {
    await login(server);
    const again = await fetch(`${server.url}/login?token=one-time-token`, { redirect: 'manual' });
    expect(again.status).toBe(401);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await again.text()).toContain('no longer valid');
  });

  it('refuses a wrong token without using up the right one', async () => {
    const wrong = await fetch(`${server.url}/login?token=guess`, { redirect: 'manual' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    await expect(login(server)).resolves.toMatch(/^runlens_session_/);
  });

  it('does not accept a made-up session cookie', async () => {
    const response = await call('app.info', [], `runlens_session_${server.port}=forged`);
    expect(response.status).toBe(401);
    expect(services.calls).toEqual([]);
  });
});

describe('without the session cookie', () => {
  it('shows the UI visitor a page pointing at the terminal link', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('Open the link from the terminal');
  });

  it('refuses API calls, the event stream and assets with 401 and runs nothing', async () => {
    expect((await call('app.info', [])).status).toBe(401);
    expect((await fetch(`${server.url}/api/events`)).status).toBe(401);
    expect((await fetch(`${server.url}/assets/index-abc.js`)).status).toBe(401);
    expect(services.calls).toEqual([]);
  });
});

describe('with the session cookie', () => {
  let cookie: string;
  beforeEach(async () => {
    cookie = await login(server);
  });

  it('serves the built UI with the CSP and the assets with their types', async () => {
    const page = await fetch(`${server.url}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('RunLens UI');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const asset = await fetch(`${server.url}/assets/index-abc.js`, { headers: { cookie } });
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('serves index.html for page paths, 404 for missing files and nothing outside the build', async () => {
    expect(await (await fetch(`${server.url}/threads/thread_1`, { headers: { cookie } })).text()).toContain('RunLens UI');
    expect((await fetch(`${server.url}/assets/missing.js`, { headers: { cookie } })).status).toBe(404);
    expect((await fetch(`${server.url}/%2e%2e/package.json`, { headers: { cookie } })).status).toBe(404);
    expect(await (await fetch(`${server.url}/%2e%2e/%2e%2e/%2e%2e/etc/passwd`, { headers: { cookie } })).text()).not.toContain('root:');
    expect((await fetch(`${server.url}/v1/not-a-route`, { headers: { cookie } })).status).toBe(404);
    expect((await fetch(`${server.url}/v1`, { headers: { cookie } })).status).toBe(404);
    expect((await fetch(`${server.url}/api`, { headers: { cookie } })).status).toBe(404);
  });

  it('runs a named contract method with the JSON array as its arguments', async () => {
    const response = await call('threads.rename', ['thread_1', 'New title'], cookie);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ result: { id: 'thread_1', title: 'New title' } });
    expect(services.calls).toEqual([{ name: 'threads.rename', args: ['thread_1', 'New title'] }]);
  });

  it('answers a void method with no result', async () => {
    expect(await (await call('assistants.delete', ['asst_1'], cookie)).json()).toEqual({});
  });

  it('passes API errors through with their status and OpenAI-style body', async () => {
    const response = await call('assistants.get', ['asst_missing'], cookie);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { message: "No assistant found with id 'asst_missing'.", type: 'invalid_request_error', param: null, code: null } });
  });

  it('refuses unknown methods and non-array arguments with 400', async () => {
    const unknown = await call('fs.readFile', ['/etc/passwd'], cookie);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toBe("Unknown method 'fs.readFile'.");
    const notArray = await call('threads.rename', { id: 'x' }, cookie);
    expect(notArray.status).toBe(400);
    expect(services.calls).toEqual([]);
  });
});
