/**
 * The security promises of both faces: the UI runs under a CSP with no Node in reach, the
 * desktop window cannot be navigated away or open windows, and the server refuses whoever
 * has no session cookie or comes from a foreign Host/Origin.
 */
import type { ElectronApplication } from 'playwright-core';
import { test, expect } from '../fixtures';

test('the UI runs under a Content-Security-Policy that blocks injected inline scripts', async ({ page }) => {
  await test.step('the document carries the policy', async () => {
    const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
  });
  await test.step('an injected inline script does not run', async () => {
    const result = await page.evaluate(async () => {
      const violation = new Promise<string>((resolve) => document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true }));
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.head.append(script);
      return { ran: (window as unknown as { __injected?: boolean }).__injected === true, directive: await violation };
    });
    expect(result.ran).toBe(false);
    expect(result.directive).toMatch(/^script-src/);
  });
});

test('the page has no Node globals', async ({ page }) => {
  const globals = await page.evaluate(() => ({
    require: typeof (globalThis as Record<string, unknown>).require,
    process: typeof (globalThis as Record<string, unknown>).process,
    module: typeof (globalThis as Record<string, unknown>).module,
    Buffer: typeof (globalThis as Record<string, unknown>).Buffer,
    global: typeof (globalThis as Record<string, unknown>).global,
  }));
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined', global: 'undefined' });
});

/** Replaces shell.openExternal in the app's main process with a recorder, so no real browser opens. */
async function recordExternalOpens(electronApp: ElectronApplication): Promise<() => Promise<string[]>> {
  await electronApp.evaluate(({ shell }) => {
    const opened: string[] = [];
    (globalThis as unknown as { __opened: string[] }).__opened = opened;
    shell.openExternal = async (url: string) => {
      opened.push(url);
    };
  });
  return () => electronApp.evaluate(() => (globalThis as unknown as { __opened: string[] }).__opened);
}

test('the desktop window cannot be navigated away; the link goes to the system browser', async ({ page, shell, electronApp }) => {
  test.skip(shell === 'web', 'A browser tab belongs to the user and may navigate; only the desktop window pins its page.');
  const opened = await recordExternalOpens(electronApp as ElectronApplication);
  const before = page.url();
  await page.evaluate(() => {
    location.href = 'https://example.com/';
  });
  await expect.poll(opened).toEqual(['https://example.com/']);
  expect(page.url()).toBe(before);
  await expect(page.locator('[data-app-state="ready"]')).toHaveCount(1);
});

test('the desktop window opens no new windows', async ({ page, shell, electronApp }) => {
  test.skip(shell === 'web', 'Popups in a browser tab are the browser’s business; only the desktop window denies them.');
  const opened = await recordExternalOpens(electronApp as ElectronApplication);
  expect(await page.evaluate(() => window.open('https://example.com/docs', '_blank') !== null)).toBe(false);
  expect(await page.evaluate(() => window.open('/index.html', '_blank') !== null)).toBe(false);
  await expect.poll(opened).toEqual(['https://example.com/docs']);
  expect(electronApp?.windows()).toHaveLength(1);
});

test('the server refuses requests without the session cookie', async ({ playwright, server }) => {
  const anonymous = await playwright.request.newContext();
  try {
    const ui = await anonymous.get(server.url + '/');
    expect(ui.status()).toBe(401);
    expect(await ui.text()).toContain('Open the link from the terminal');
    const call = await anonymous.post(server.url + '/api/call/assistants.list', { data: [] });
    expect(call.status()).toBe(401);
    expect((await anonymous.get(server.url + '/api/events')).status()).toBe(401);
  } finally {
    await anonymous.dispose();
  }
});

test('a foreign Host or Origin is refused even with a session', async ({ page, server, shell }) => {
  test.skip(shell === 'electron', 'The desktop window holds no browser-mode session cookie.');
  const cookies = await page.context().cookies(server.url);
  expect(cookies.some((c) => c.name.startsWith('runlens_session_') && c.httpOnly && c.sameSite === 'Strict')).toBe(true);
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const own = await page.request.post(server.url + '/api/call/assistants.list', { data: [], headers: { cookie } });
  expect(own.status()).toBe(200);
  const foreignOrigin = await page.request.post(server.url + '/api/call/assistants.list', { data: [], headers: { cookie, origin: 'https://evil.example' } });
  expect(foreignOrigin.status()).toBe(403);
  const foreignHost = await page.request.get(server.url + '/', { headers: { cookie, host: 'evil.example' } });
  expect(foreignHost.status()).toBe(403);
});

test('another site cannot frame the UI', async ({ page, server, shell }) => {
  test.skip(shell === 'electron', 'Framing is a browser-mode concern; the desktop window has no embedder.');
  const response = await page.request.get(server.url + '/', { headers: { cookie: (await page.context().cookies(server.url)).map((c) => `${c.name}=${c.value}`).join('; ') } });
  expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(response.headers()['x-frame-options']).toBe('DENY');
});
