/**
 * Rough edges a first-day user hit, each checked the way they met it: accessible names,
 * the "Assistant" label on live replies, the composer's picker following the thread, what a
 * cancel leaves behind, and the layout in a small window.
 */
import { test, expect } from '../fixtures';
import { Playground } from './playground-page';

test('controls are found by their label alone, and live replies carry the "Assistant" label', async ({ page }) => {
  const app = new Playground(page);
  await app.createAssistant('Names', { name: 'get_weather' });
  await page.getByRole('listbox', { name: 'Assistant list' }).getByRole('option', { name: /Names/ }).click();
  for (const label of ['Model', 'Response format']) await expect(page.getByRole('main').getByLabel(label, { exact: true })).toBeVisible();
  await expect(page.getByLabel('Handler of get_weather', { exact: true })).toBeVisible();
  await app.newThread();
  await page.getByRole('tab', { name: 'Run options' }).click();
  for (const label of ['Model', 'Tool choice', 'Truncation', 'Instructions (replace)', 'Additional instructions (append)', 'Max prompt tokens']) {
    await expect(page.getByRole('complementary', { name: 'Run panel' }).getByLabel(label, { exact: true })).toBeVisible();
  }
  await app.send('hello there');
  await app.expectLastRunStatus('completed');
  const reply = app.lastRun().locator('article[data-role="assistant"]');
  await expect(reply).toContainText('Echo: hello there');
  await expect(reply.getByText('Assistant', { exact: true })).toBeVisible();
});

test("the composer's assistant follows the thread's last run", async ({ page }) => {
  const app = new Playground(page);
  await app.createAssistant('Alpha');
  await app.createAssistant('Beta');
  const picker = page.getByLabel('Assistant for the run');
  await app.newThread();
  await picker.selectOption({ label: 'Alpha · mock' });
  await app.send('first thread');
  await app.expectLastRunStatus('completed');
  await app.newThread();
  await picker.selectOption({ label: 'Beta · mock' });
  await app.send('second thread');
  await app.expectLastRunStatus('completed');
  // Back to the first thread: the next run would use Alpha again, and the composer says so.
  await page.getByRole('listbox', { name: 'Thread list' }).getByRole('option', { name: /first thread/ }).click();
  await expect(picker.locator('option:checked')).toHaveText('Alpha · mock');
  await expect(page.getByTestId('composer-assistant-hint')).toHaveText("the thread's last run used it");
  await picker.selectOption({ label: 'Beta · mock' });
  await expect(page.getByTestId('composer-assistant-hint')).toHaveText("the thread's last run used Alpha");
  // With the wide timeline beside the chat, the hint gives way on one line instead of wrapping the bar.
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const bar = (await page.locator('.composer-bar').boundingBox())!;
  const runButton = (await page.getByRole('button', { name: /^(Run|Send & run)$/ }).boundingBox())!;
  expect(bar.height).toBeLessThan(runButton.height * 1.5);
  await expect(page.getByTestId('composer-assistant-hint')).toHaveAttribute('title', "the thread's last run used Alpha");
});

test('after a cancel the lock notice goes away and the call no longer waits for output', async ({ page }) => {
  const app = new Playground(page);
  await app.createAssistant('Manual', { name: 'get_weather' });
  await app.newThread();
  await app.send('get_weather city=Paris');
  await app.expectLastRunStatus('requires_action');
  await app.composer().fill('one more thing');
  await app.composer().press('Control+Enter');
  await expect(page.getByTestId('notice')).toContainText('Cancel it first');
  await page.getByRole('button', { name: 'Cancel run' }).click();
  await app.expectLastRunStatus('cancelled');
  await expect(page.getByTestId('notice')).toHaveCount(0);
  const card = app.lastRun().locator('.tool-call');
  await expect(card).toContainText('never answered — the run was cancelled');
  await expect(card).not.toContainText('waiting for output');
});

for (const size of [{ width: 900, height: 600 }, { width: 800, height: 600 }]) {
  test(`the playground fits a ${size.width}×${size.height} window`, async ({ page }) => {
    await page.setViewportSize(size);
    const app = new Playground(page);
    await app.createAssistant('Small');
    await app.newThread();
    const run = page.getByRole('button', { name: /^Run$/ });
    await expect(run).toBeVisible();
    const box = (await run.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(size.width);
    // The run panel is one tab away, whole, and gives the chat back.
    await page.getByRole('button', { name: 'Run panel' }).click();
    const panel = page.getByRole('complementary', { name: 'Run panel' });
    await expect(panel).toBeVisible();
    const pb = (await panel.boundingBox())!;
    expect(pb.x).toBeGreaterThanOrEqual(0);
    expect(pb.x + pb.width).toBeLessThanOrEqual(size.width);
    await panel.getByRole('tab', { name: 'Timeline' }).click();
    await expect(panel.getByRole('tab', { name: 'Timeline' })).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(run).toBeVisible();
  });
}

test('in a narrow window Escape closes one layer at a time: the expanded timeline, then the drawer', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  const app = new Playground(page);
  await app.createAssistant('Layers');
  await app.newThread();
  await app.send('hello layers');
  await app.expectLastRunStatus('completed');
  await page.getByRole('button', { name: 'Run panel' }).click();
  const panel = page.getByRole('complementary', { name: 'Run panel' });
  await panel.getByRole('tab', { name: 'Timeline' }).click();
  const timeline = page.getByTestId('run-timeline');
  await timeline.getByTestId('timeline-expand').click();
  await expect(timeline).toHaveAttribute('data-expanded', 'true');
  await page.keyboard.press('Escape');
  await expect(timeline).toHaveAttribute('data-expanded', 'false');
  await expect(panel).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
});
