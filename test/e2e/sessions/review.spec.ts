/**
 * Review mode in the browser: runs recorded through the `openai` SDK are exported, then a
 * second server opens that session file read-only (`serve --review FILE`). The UI says so,
 * lists the threads, opens a run's timeline, and refuses a change with the explanation.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { test, expect } from '../fixtures';
import { recordLisbonWeather } from './recorded-run';
import { startServer } from '../fixtures/server-process';

test('a session file opened read-only: browse threads and the timeline, changes refused', async ({ page, server }, testInfo) => {
  test.setTimeout(120_000);
  const { thread, done } = await recordLisbonWeather(server);

  // The session file, downloaded from the first server's UI.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-e2e-review-'));
  const file = path.join(dir, 'lisbon.runlens');
  await page.getByRole('tab', { name: 'Sessions' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('region', { name: 'Session files' }).getByRole('button', { name: 'Export everything' }).click();
  await (await download).saveAs(file);

  const review = await startServer({ review: file });
  try {
    await page.goto(review.loginUrl);
    await page.locator('[data-app-state="ready"]').first().waitFor({ state: 'attached', timeout: 30_000 });
    await expect(page.getByTestId('review-banner')).toContainText(`Review mode: ${file}, read-only (not imported)`);
    await page.getByRole('listbox', { name: 'Thread list' }).getByText('Lisbon weather').click();
    await expect(page.getByText('get_weather').first()).toBeVisible();
    await page.getByRole('tab', { name: 'Timeline' }).click();
    const tl = page.locator(`[data-testid=run-timeline][data-run-id="${done.id}"]`);
    await expect(tl.getByTestId('timeline-canvas')).toHaveAttribute('data-painted', 'true');
    await page.screenshot({ path: testInfo.outputPath('review-timeline.png') });

    const composer = page.getByRole('textbox', { name: /message/i }).first();
    await composer.fill('one more question');
    await composer.press('Control+Enter');
    await expect(page.getByTestId('notice')).toContainText('Review mode: lisbon.runlens is open read-only. Import it');
    await page.getByRole('radio', { name: 'dark' }).click();
    await page.screenshot({ path: testInfo.outputPath('review-refused-dark.png') });
    // Nothing was added to the reviewed file.
    const reviewClient = new OpenAI({ baseURL: `${review.url}/v1`, apiKey: review.apiKey, maxRetries: 0 });
    expect((await reviewClient.beta.threads.messages.list(thread.id)).data).toHaveLength(2);
  } finally {
    await review.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
