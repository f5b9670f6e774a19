/**
 * Browser mode across a server restart: the moment the server goes away the UI says it is
 * unreachable (a live region), it reconnects by itself once a server runs again on the same port
 * and data directory, the login still holds, and what changed meanwhile shows up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { REPO_ROOT, makeDataDir, projectEnv, readStartLines, stopChild } from '../fixtures/server-process';

/** serve.ts run by Node itself (not through the tsx wrapper), so a stop reaches the server. */
async function serve(dataDir: string, port: string): Promise<{ child: ChildProcess; url: string; loginUrl: string }> {
  const args = ['--import', 'tsx', 'electron/services/cli/serve.ts', '--port', port, '--api-key', 'test-key', '--data-dir', dataDir];
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: projectEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  return { child, ...(await readStartLines(child)) };
}

test('the UI says the server is unreachable at once and recovers by itself after a restart', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'web', 'browser mode only: the desktop app has no network between window and services');
  const dataDir = makeDataDir();
  let current = await serve(dataDir, '0');
  try {
    const port = new URL(current.url).port;
    await page.goto(current.loginUrl);
    await expect(page.locator('[data-app-state="ready"]')).toHaveCount(1);
    const banner = page.getByTestId('connection-banner');
    await expect(banner).toHaveCount(0);

    await stopChild(current.child);
    await expect(banner).toHaveText('RunLens server unreachable — reconnecting…');
    await expect(page.getByTestId('connection-live')).toHaveAttribute('aria-live', 'assertive');

    current = await serve(dataDir, port);
    // Changed while the page was away: it shows once the stream is back.
    const created = await fetch(`${current.url}/v1/assistants`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-key', 'content-type': 'application/json', 'openai-beta': 'assistants=v2' },
      body: JSON.stringify({ model: 'mock', name: 'Made during the outage' }),
    });
    expect(created.status).toBe(200);
    await expect(banner).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByText('Made during the outage').first()).toBeVisible();
  } finally {
    await stopChild(current.child);
    fs.rmSync(path.resolve(dataDir), { recursive: true, force: true });
  }
});
