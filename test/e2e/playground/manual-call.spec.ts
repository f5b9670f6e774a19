/**
 * The core loop of the playground against the real server and SQLite: an assistant with a
 * function, a thread, a message that makes the mock model call it, the run waiting in the
 * inbox, an output typed by hand, and the reply that uses it — still there after a reload.
 */
import { test, expect } from '../fixtures';
import { Playground } from './playground-page';

test('a function call waits in the inbox, takes a typed output and the reply shows it', async ({ page }, testInfo) => {
  const app = new Playground(page);
  await test.step('create an assistant with get_weather', async () => {
    await app.createAssistant('Weather', { name: 'get_weather' });
  });
  await test.step('start a thread and send a message that calls the function', async () => {
    await app.newThread();
    await app.send('get_weather city=Paris');
  });
  await test.step('the run waits for the output; the inbox shows the call with its checked arguments', async () => {
    await app.expectLastRunStatus('requires_action');
    await expect(page.getByTestId('lock-banner')).toContainText('waiting for tool outputs');
    const inbox = page.getByRole('tabpanel');
    await expect(inbox.getByLabel('Arguments of get_weather')).toHaveText(/"city": "Paris"/);
    await expect(inbox.getByText('arguments match the schema')).toBeVisible();
    await expect(inbox.getByText(/\d+:\d\d left/)).toBeVisible();
    await expect(page.getByTestId('submit-outputs')).toBeDisabled();
    await app.shot(testInfo, 'inbox-waiting');
  });
  await test.step('Alt+J jumps to the pending call; type the output; Ctrl+Enter submits all', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Alt+J');
    await expect(page.getByLabel('Output for get_weather')).toBeFocused();
    await page.keyboard.type('{"temp":21,"sky":"clear"}');
    await page.keyboard.press('Control+Enter');
  });
  await test.step('the run completes and the reply shows the output', async () => {
    await app.expectLastRunStatus('completed');
    await expect(app.lastRun()).toContainText('get_weather: {"temp":21,"sky":"clear"}');
    await expect(page.getByTestId('lock-banner')).toHaveCount(0);
    await expect(page.getByText('No calls waiting')).toBeVisible();
    await app.shot(testInfo, 'completed');
  });
  await test.step('after a reload everything is still there', async () => {
    await page.reload();
    await page.locator('[data-app-state="ready"]').waitFor({ state: 'attached' });
    await expect(page.getByRole('listbox', { name: 'Assistant list' })).toContainText('Weather');
    await expect(page.getByRole('listbox', { name: 'Thread list' })).toContainText('get_weather city=Paris');
    await expect(app.lastRun()).toHaveAttribute('data-run-status', 'completed');
    await expect(app.lastRun()).toContainText('get_weather: {"temp":21,"sky":"clear"}');
    await expect(app.lastRun().getByLabel('Output of get_weather')).toContainText('"sky": "clear"');
    await app.shot(testInfo, 'after-reload');
  });
});

test('an automatic mock answers the call without stopping', async ({ page }, testInfo) => {
  const app = new Playground(page);
  await app.createAssistant('Auto weather', { name: 'get_weather', autoMock: '{"temp":5,"sky":"snow"}' });
  await app.newThread();
  await app.send('get_weather city=Oslo');
  await app.expectLastRunStatus('completed');
  await expect(app.lastRun()).toContainText('get_weather: {"temp":5,"sky":"snow"}');
  await expect(app.lastRun()).toContainText('mock ·');
  // Nothing was left waiting for the user.
  await page.getByRole('tab', { name: /Inbox/ }).click();
  await expect(page.getByText('No calls waiting')).toBeVisible();
  await app.shot(testInfo, 'auto-mock');
});

test("a call waiting in another thread with a long title stays inside the Inbox, and its link opens that thread", async ({ page }) => {
  const app = new Playground(page);
  await app.createAssistant('Weather', { name: 'get_weather' });
  await app.newThread();
  await app.send('get_weather city=Paris');
  await app.expectLastRunStatus('requires_action');
  // A title with no place to wrap, as a pasted ticket URL or id gives.
  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByLabel('Thread title').fill(`get_weather city=Paris/${'ticket-4711-'.repeat(12)}`);
  await page.getByLabel('Thread title').press('Enter');
  await app.newThread();
  await page.getByRole('tab', { name: /Inbox/ }).click();
  const panel = page.getByRole('complementary', { name: 'Run panel' });
  const link = panel.getByRole('button', { name: /^in “get_weather city=Paris/ });
  await expect(link).toBeVisible();
  // One line: the link gives way (ellipsis, whole title on hover) and the time left stays in view.
  const pb = (await panel.boundingBox())!;
  const head = (await panel.locator('.inbox-run-head').boundingBox())!;
  const left = (await panel.locator('.inbox-run-head').getByText(/left/).boundingBox())!;
  expect(left.x + left.width).toBeLessThanOrEqual(pb.x + pb.width);
  expect(head.height).toBeLessThan(40);
  await expect(link).toHaveAttribute('title', /ticket-4711-ticket-4711/);
  await link.click();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
  await expect(app.lastRun()).toHaveAttribute('data-run-status', 'requires_action');
});
