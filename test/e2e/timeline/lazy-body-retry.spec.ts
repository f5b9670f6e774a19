/**
 * A large model request is fetched when the inspector shows it; when that fetch fails, the
 * inspector says why and offers Retry, reachable from the keyboard, which asks again.
 */
import { test, expect } from '../fixtures';
import { Playground } from '../playground/playground-page';

const DOCUMENT = Array.from({ length: 1_500 }, (_, i) => `para${i} lorem`).join(' ') + ' THE-END-OF-THE-DOCUMENT';

test('a failed body fetch shows the reason and a Retry that recovers', async ({ page }, testInfo) => {
  const app = new Playground(page);
  await app.createAssistant('Reader');
  await app.newThread();
  await app.send(DOCUMENT);
  await app.expectLastRunStatus('completed');
  let failures = 1;
  await page.route('**/api/call/runs.eventBody', async (route) => {
    if (failures-- > 0) return route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { message: 'the service is unreachable' } }) });
    return route.continue();
  });
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const tl = page.getByTestId('run-timeline');
  await expect(tl.getByTestId('timeline-canvas')).toHaveAttribute('data-painted', 'true');
  await tl.getByTestId('timeline-step').first().click();
  await tl.locator('summary', { hasText: 'Model request' }).click();
  const error = tl.getByTestId('inspector-model-request-error');
  await expect(error).toContainText('Could not load the model request');
  const retry = tl.getByRole('button', { name: 'Retry' });
  await expect(retry).toBeVisible();
  // From the opened "Model request" summary, Tab reaches Retry.
  await tl.locator('summary', { hasText: 'Model request' }).focus();
  await page.keyboard.press('Tab');
  await expect(retry).toBeFocused();
  expect(await retry.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
  await app.shot(testInfo, 'body-failed-retry-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  await app.shot(testInfo, 'body-failed-retry-dark');
  await page.keyboard.press('Enter');
  await expect(tl.getByTestId('inspector-model-request')).toBeVisible();
  await expect(error).toHaveCount(0);
  await expect(tl.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  // The keyboard focus moved to what came (Retry is gone), not to <body>.
  await expect(tl.locator('.tl-body-loaded', { has: page.getByTestId('inspector-model-request') })).toBeFocused();
  await tl.getByTestId('inspector-model-request').scrollIntoViewIfNeeded();
  await app.shot(testInfo, 'body-after-retry-dark');
});
