/**
 * Runs driven by external code through /v1 (the official openai SDK) show up in the open
 * UI while they happen, without a reload.
 */
import OpenAI from 'openai';
import { test, expect } from '../fixtures';
import { Playground } from './playground-page';

test('a run started by the openai SDK appears and updates live', async ({ page, server }, testInfo) => {
  const app = new Playground(page);
  const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: server.apiKey });
  const assistant = await client.beta.assistants.create({ model: 'mock', name: 'SDK assistant' });
  await test.step('the assistant made through /v1 appears', async () => {
    await expect(page.getByRole('listbox', { name: 'Assistant list' })).toContainText('SDK assistant');
  });
  // The mock waits 9 s so a loaded CI machine (two Chromium workers on two cores) still catches the
  // run in progress after the thread list redraws and the thread opens.
  const polling = client.beta.threads.createAndRunPoll({ assistant_id: assistant.id, thread: { messages: [{ role: 'user', content: 'from the sdk [mock:delay=9000]' }] } }, { pollIntervalMs: 200 });
  await test.step('the new thread appears with its run in progress', async () => {
    const row = page.getByRole('listbox', { name: 'Thread list' }).getByRole('option', { name: /from the sdk/ });
    await expect(row).toBeVisible();
    await row.click();
    await expect(app.lastRun()).toHaveAttribute('data-run-status', /queued|in_progress/);
    await app.shot(testInfo, 'sdk-run-live');
  });
  const run = await polling;
  expect(run.status).toBe('completed');
  await test.step('the run completes in the UI with the streamed reply', async () => {
    await app.expectLastRunStatus('completed');
    await expect(app.lastRun()).toContainText('Echo: from the sdk [mock:delay=9000]');
    await expect(page.getByRole('listbox', { name: 'Thread list' }).locator('[data-status="completed"]')).toHaveCount(1);
    await app.shot(testInfo, 'sdk-run-done');
  });
});
