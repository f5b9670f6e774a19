/**
 * `npm run screenshot`: makes docs/screenshot.png, the README's picture of the app, from the
 * real thing: a few threads recorded by the real runtime into a temp SQLite file, `serve` on
 * loopback, Debian's Chromium on the real UI (1440×900, light), the weather thread open with
 * its timeline and the tool-call step selected. Builds the UI first when out/ is stale.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { openServices } from '../electron/services/services';
import { projectEnv, readStartLines, REPO_ROOT, stopChild } from '../test/e2e/fixtures/server-process';
import { build, buildIsStale } from './dev-tools.mjs';

const OUT = path.join(REPO_ROOT, 'docs', 'screenshot.png');

async function settle(api: ReturnType<typeof openServices>['api'], runId: string): Promise<void> {
  for (;;) {
    const { run } = await api.runs.get(runId);
    if (!['queued', 'in_progress', 'cancelling'].includes(run.status)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function seed(dbPath: string, dataDir: string): Promise<void> {
  const s = openServices({ dbPath, dataDir, mode: 'browser' });
  try {
    const { api } = s;
    const weather = {
      type: 'function' as const,
      function: {
        name: 'get_weather',
        description: 'Current weather for a city',
        parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } }, required: ['city'] },
      },
    };
    const refund = {
      type: 'function' as const,
      function: { name: 'refund_order', description: 'Refund an order', parameters: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] } },
    };
    const a = await api.assistants.create({ model: 'mock', name: 'Support agent', instructions: 'Help customers with orders and the weather.', tools: [weather, refund] });
    await api.handlers.set(a.id, 'get_weather', { mode: 'mock', auto: true, mock: { kind: 'static', output: '{"temp_c": 17, "sky": "fog"}' } });
    const talk = async (title: string, text: string) => {
      const t = await api.threads.create({ title });
      await api.messages.create(t.id, { role: 'user', content: text });
      const run = await api.runs.create(t.id, { assistant_id: a.id });
      await settle(api, run.id);
    };
    await talk('Refund for order A-1042', 'Please refund_order order_id=A-1042');
    await talk('A broken one', 'this one fails [mock:fail]');
    await talk('Summary of my last order', 'hello, can you summarise my last order?');
    await talk('Weather in San Francisco', 'What is the weather? get_weather city="San Francisco" unit=c');
  } finally {
    await s.close();
  }
}

async function main(): Promise<void> {
  if (buildIsStale() && (await build()) !== 0) throw new Error('electron-vite build failed');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-shot-'));
  const dbPath = path.join(dir, 'runlens.db');
  try {
    await seed(dbPath, dir);
    const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
    const child = spawn(tsx, ['electron/services/cli/serve.ts', '--port', '0', '--db', dbPath, '--api-key', 'shot', '--data-dir', dir], {
      cwd: REPO_ROOT,
      env: projectEnv({ RUNLENS_DATA_DIR: dir }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const { loginUrl } = await readStartLines(child);
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
      await page.goto(loginUrl);
      await page.locator('[data-app-state="ready"]').waitFor({ state: 'attached' });
      await page.getByRole('radio', { name: 'light', exact: true }).click();
      await page.getByRole('listbox', { name: 'Thread list' }).getByRole('option', { name: /Weather in San Francisco/ }).click();
      await page.getByRole('tab', { name: 'Timeline' }).click();
      await page.locator('[data-testid=timeline-canvas][data-painted=true]').waitFor();
      await page.getByRole('button', { name: /#1 tool_calls/ }).first().click().catch(() => undefined);
      await page.mouse.move(0, 0);
      await page.waitForTimeout(300);
      await page.screenshot({ path: OUT });
      console.log(`wrote ${path.relative(REPO_ROOT, OUT)}`);
    } finally {
      await browser.close();
      await stopChild(child);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
