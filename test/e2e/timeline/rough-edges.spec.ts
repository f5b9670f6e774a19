/**
 * Timeline rough edges in the real app: a finished one-step run is not "● Live" and lists its
 * one step, the zoom buttons sit clear of the lanes, and with focus on the replay slider
 * Shift+← moves one state change, not one event.
 */
import { test, expect } from '../fixtures';
import { Playground } from '../playground/playground-page';

test('a finished one-step run: no Live badge, its step listed, zoom clear of the lanes, Shift+arrows on the slider', async ({ page }) => {
  const app = new Playground(page);
  await app.createAssistant('Short');
  await app.newThread();
  await app.send('hello there');
  await app.expectLastRunStatus('completed');
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const tl = page.getByTestId('run-timeline');
  await expect(tl.getByTestId('timeline-canvas')).toHaveAttribute('data-painted', 'true');
  await expect(tl.getByTestId('timeline-status')).toHaveText('completed');

  await test.step('finished: the follow button is "End", not a red "● Live"', async () => {
    const live = tl.getByTestId('replay-live');
    await expect(live).toHaveText('⇥ End');
    await expect(live).not.toHaveClass(/tl-live-on/);
  });

  await test.step('its one step is listed, with no "more steps not listed"', async () => {
    await expect(tl.getByTestId('timeline-step')).toHaveCount(1);
    await expect(tl.getByTestId('timeline-steps')).not.toContainText('more');
  });

  await test.step('the zoom buttons do not cover the canvas', async () => {
    const canvas = (await tl.getByTestId('timeline-canvas').boundingBox())!;
    for (const name of ['Zoom in', 'Zoom out', 'Fit the whole run']) {
      const b = (await tl.getByRole('button', { name }).boundingBox())!;
      const overlaps = b.x < canvas.x + canvas.width && b.x + b.width > canvas.x && b.y < canvas.y + canvas.height && b.y + b.height > canvas.y;
      expect(overlaps, `${name} overlaps the lanes`).toBe(false);
    }
  });

  await test.step('Shift+← on the slider goes back one state change', async () => {
    const slider = tl.getByRole('slider', { name: 'Replay position (event)' });
    const pos = tl.getByTestId('replay-position');
    const total = Number(await pos.getAttribute('data-total'));
    await slider.focus();
    await page.keyboard.press('Shift+ArrowLeft');
    await expect(pos).toContainText('thread.run.in_progress');
    expect(Number(await pos.getAttribute('data-position'))).toBeLessThan(total - 1);
    await page.keyboard.press('ArrowRight');
    await expect(pos).not.toContainText('thread.run.in_progress');
  });
});
