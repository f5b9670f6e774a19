/**
 * Screenshots of the playground under load, in both themes: many threads, a long markdown
 * reply, long JSON arguments and outputs, and a failed run. The data is made through /v1
 * (the openai SDK) so the UI shows exactly what external code would produce.
 */
import OpenAI from 'openai';
import { test, expect } from '../fixtures';
import { Playground } from './playground-page';

const LONG_OUTPUT = JSON.stringify({ forecast: Array.from({ length: 14 }, (_, i) => ({ day: i + 1, temp_c: 10 + (i % 7), sky: ['clear', 'cloudy', 'rain'][i % 3], wind: { kph: 5 + i, dir: 'NW' } })) });

test('many threads, long content, an error state, light and dark', async ({ page, server }, testInfo) => {
  test.setTimeout(120_000);
  const app = new Playground(page);
  const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: server.apiKey });
  const weather = { type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' }, note: { type: 'string' } }, required: ['city'] } } };
  const assistant = await client.beta.assistants.create({ model: 'mock', name: 'Forecaster', tools: [weather] });

  await test.step('many threads', async () => {
    await Promise.all(Array.from({ length: 80 }, (_, i) => client.beta.threads.create({ metadata: { title: `Customer case #${1000 + i} — ${['refund flow', 'weather in Paris', 'order lookup', 'tenant guard check'][i % 4]}` } })));
  });
  const thread = await test.step('a run with long JSON arguments and output', async () => {
    const t = await client.beta.threads.create({ metadata: { title: 'Long content' }, messages: [{ role: 'user', content: `get_weather city="Reykjavik" note="${'please include every detail of the two-week forecast '.repeat(4).trim()}"` }] });
    const run = await client.beta.threads.runs.createAndPoll(t.id, { assistant_id: assistant.id });
    expect(run.status).toBe('requires_action');
    const call = run.required_action?.submit_tool_outputs.tool_calls[0];
    await client.beta.threads.runs.submitToolOutputsAndPoll(run.id, { thread_id: t.id, tool_outputs: [{ tool_call_id: call?.id as string, output: LONG_OUTPUT }] });
    await client.beta.threads.messages.create(t.id, { role: 'user', content: `A long question with markdown:\n\n- one\n- two\n\n\`\`\`json\n${JSON.stringify(JSON.parse(LONG_OUTPUT), null, 2).slice(0, 900)}\n\`\`\`\n\n${'This line is long on purpose to check wrapping in the chat. '.repeat(6)}` });
    await client.beta.threads.runs.createAndPoll(t.id, { assistant_id: assistant.id });
    await client.beta.threads.messages.create(t.id, { role: 'user', content: 'now fail please [mock:fail]' });
    const failed = await client.beta.threads.runs.createAndPoll(t.id, { assistant_id: assistant.id });
    expect(failed.status).toBe('failed');
    return t;
  });

  await test.step('open the thread: long JSON is pretty and scrolls, the failure is explained', async () => {
    await page.reload();
    await page.locator('[data-app-state="ready"]').waitFor({ state: 'attached' });
    await expect(page.getByRole('listbox', { name: 'Thread list' }).getByRole('option').first()).toBeVisible();
    await page.getByRole('listbox', { name: 'Thread list' }).getByRole('option', { name: /Long content/ }).click();
    await expect(page.locator(`[data-run-status="failed"]`)).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'server_error' })).toBeVisible();
    await expect(page.getByLabel('Output of get_weather').first()).toContainText('"forecast": [');
    expect(thread.id).toMatch(/^thread_/);
  });
  for (const theme of ['light', 'dark'] as const) {
    await test.step(`${theme} theme`, async () => {
      await page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: theme }).click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await page.locator('.chat-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
      await expect(page.getByRole('alert').filter({ hasText: 'server_error' })).toBeInViewport();
      await app.shot(testInfo, `long-content-bottom-${theme}`);
      await page.locator('.chat-scroll').evaluate((el) => (el.scrollTop = 0));
      await app.shot(testInfo, `long-content-top-${theme}`);
    });
  }
  await test.step('search narrows the many threads', async () => {
    await page.getByLabel('Search threads').fill('refund');
    await expect(page.getByRole('listbox', { name: 'Thread list' }).getByRole('option').first()).toContainText('refund flow');
    await app.shot(testInfo, 'search-dark');
    await page.getByLabel('Search threads').fill('');
  });
  await test.step('the timeline tab and the assistant editor', async () => {
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await app.shot(testInfo, 'timeline-tab-dark');
    await page.getByRole('listbox', { name: 'Assistant list' }).getByRole('option', { name: /Forecaster/ }).click();
    await expect(page.getByRole('list', { name: 'Versions' })).toContainText('v1');
    await app.shot(testInfo, 'assistant-editor-dark');
    await page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: 'light' }).click();
    await app.shot(testInfo, 'assistant-editor-light');
    await page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: 'dark' }).click();
  });
  await test.step('command palette', async () => {
    await page.keyboard.press('Control+K');
    await page.getByRole('textbox', { name: 'Command' }).fill('case 101');
    await expect(page.getByRole('dialog', { name: 'Command palette' }).getByRole('option').first()).toContainText('Customer case #101');
    await app.shot(testInfo, 'palette-dark');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Command palette' })).toHaveCount(0);
  });
});
