/**
 * `tsx scripts/shoot-sequence.ts [outDir]`: the README's sequence-diagram screenshots, taken in
 * the real app (headless server, browser mode, Debian's Chromium) in both themes. Builds the
 * renderer first with `npm run build`.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startServer } from '../test/e2e/fixtures/server-process';

const out = path.resolve(process.argv[2] ?? 'docs');
mkdirSync(out, { recursive: true });

async function call<T>(page: Page, method: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    async ([m, a]) => {
      const r = await fetch(`/api/call/${m}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(a) });
      if (!r.ok) throw new Error(`${m}: ${r.status} ${await r.text()}`);
      return ((await r.json()) as { result?: unknown }).result ?? null;
    },
    [method, args] as const,
  ) as Promise<T>;
}

const server = await startServer();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
try {
  const page = await browser.newPage({ viewport: { width: 2000, height: 1000 } });
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  await page.goto(server.loginUrl);
  await page.locator('[data-app-state="ready"]').waitFor({ state: 'attached' });
  const obj = { type: 'object', properties: { city: { type: 'string' }, zone: { type: 'string' } } };
  const a = await call<{ id: string }>(page, 'assistants.create', {
    name: 'Travel helper', model: 'mock',
    tools: [{ type: 'function', function: { name: 'get_weather', parameters: obj } }, { type: 'function', function: { name: 'get_time', parameters: obj } }],
  });
  await call(page, 'handlers.set', a.id, 'get_time', { mode: 'mock', auto: true, mock: { kind: 'static', output: '{"time":"14:05"}', latency_ms: 120 } });
  const t = await call<{ id: string }>(page, 'threads.create', { title: 'Weather and time in Paris' });
  await call(page, 'messages.create', t.id, { role: 'user', content: 'get_weather city=Paris and get_time zone=Europe/Paris' });
  const run = await call<{ id: string }>(page, 'runs.create', t.id, { assistant_id: a.id });
  for (;;) {
    const d = await call<{ run: { status: string }; pending_calls: Array<{ call_id: string; function: string }> }>(page, 'runs.get', run.id);
    const weather = d.pending_calls.find((p) => p.function === 'get_weather');
    if (d.run.status === 'requires_action' && weather && d.pending_calls.length === 2) {
      await page.waitForTimeout(400);
      await call(page, 'runs.submitToolOutputs', run.id, [{ tool_call_id: weather.call_id, output: '{"temp_c":21,"sky":"sunny"}' }, ...d.pending_calls.filter((p) => p !== weather).map((p) => ({ tool_call_id: p.call_id, output: '{"time":"14:05"}' }))]);
      break;
    }
    await page.waitForTimeout(100);
  }
  await page.getByRole('listbox', { name: 'Thread list' }).getByText('Weather and time in Paris').click();
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await page.getByTestId('timeline-expand').click();
  await page.getByTestId('diagram-tab-sequence').click();
  await page.locator('[data-testid=sequence-arrow][data-from^="handler:get_weather"]').click();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    await page.waitForTimeout(300);
    await page.getByTestId('run-timeline').locator('.tl-main').screenshot({ path: path.join(out, `sequence-diagram-${theme}.png`) });
  }
  console.log(`wrote ${out}/sequence-diagram-{light,dark}.png`);
} finally {
  await browser.close();
  await server.stop();
}
