/**
 * A slow run ([mock:delay=…]) locks its thread; the UI says so, offers to cancel, and the
 * cancel ends the run and unlocks the thread.
 */
import { test, expect } from '../fixtures';
import { Playground } from './playground-page';

test('cancel a slow run from the lock banner, then the thread runs again', async ({ page }, testInfo) => {
  const app = new Playground(page);
  await app.createAssistant('Slow');
  await app.newThread();
  await app.send('take your time [mock:delay=30000]');
  await test.step('the thread is locked by the running run', async () => {
    await app.expectLastRunStatus('in_progress');
    await expect(page.getByTestId('lock-banner')).toContainText('locked by run');
    await expect(page.getByRole('button', { name: /^Run$|Send & run/ })).toBeDisabled();
    await app.shot(testInfo, 'locked');
  });
  await test.step('cancel it', async () => {
    await page.getByRole('button', { name: 'Cancel run' }).click();
    await app.expectLastRunStatus('cancelled');
    await expect(page.getByTestId('lock-banner')).toHaveCount(0);
  });
  await test.step('the thread accepts a new run', async () => {
    await app.send('hello again');
    await app.expectLastRunStatus('completed');
    await expect(app.lastRun()).toContainText('Echo: hello again');
    await app.shot(testInfo, 'after-cancel');
  });
});

test('Alt+X cancels the active run', async ({ page }) => {
  const app = new Playground(page);
  await app.createAssistant('Slow 2');
  await app.newThread();
  await app.send('slow [mock:delay=30000]');
  await app.expectLastRunStatus('in_progress');
  await page.keyboard.press('Alt+X');
  await app.expectLastRunStatus('cancelled');
});
