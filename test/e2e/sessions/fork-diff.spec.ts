/**
 * Sessions in the app against the real server and SQLite: a run recorded through the
 * `openai` SDK is forked at its tool step with an edited output, the diff marks the first
 * divergence and jumps to it, a replay re-run is identical, the lineage links both ways, and
 * a search hit opens the run on the timeline.
 */
import { test, expect } from '../fixtures';
import { recordLisbonWeather } from './recorded-run';

test('fork a recorded run at a step, diff it, re-run it, and find it by search', async ({ page, server }, testInfo) => {
  test.setTimeout(120_000);
  const { done } = await recordLisbonWeather(server);

  await test.step('open the thread and the Sessions tab', async () => {
    await page.getByRole('listbox', { name: 'Thread list' }).getByText('Lisbon weather').click();
    await page.getByRole('tab', { name: 'Sessions' }).click();
    await expect(page.getByRole('region', { name: 'Re-run, fork and compare' })).toContainText(done.id);
  });

  await test.step('fork at the tool step with another output; the diff marks the first divergence', async () => {
    await page.getByRole('button', { name: 'Fork from a step…' }).click();
    await page.getByLabel('Fork at step').selectOption({ index: 0 });
    await page.getByLabel('What to change').selectOption('tool_output');
    await page.getByLabel('New value').fill('hail');
    await page.getByRole('button', { name: 'Fork', exact: true }).click();
    await expect(page.getByTestId('rerun-result')).toContainText('diverged: step 1: calls[0].output differ');
    const diff = page.getByTestId('run-diff');
    await expect(diff).toContainText('First divergence: step 1: calls[0].output differ');
    await expect(diff.locator('[data-first-divergence]')).toContainText('get_weather');
    await expect(diff.locator('.dl-del').first()).toHaveText('- sunny');
    await expect(diff.locator('.dl-add').first()).toHaveText('+ hail');
    await diff.getByRole('button', { name: 'Jump to first divergence' }).click();
    await expect(diff.locator('[data-first-divergence]')).toBeFocused();
    await page.screenshot({ path: testInfo.outputPath('fork-diff.png') });
  });

  await test.step('a replay re-run is identical, and the original lists both children', async () => {
    await page.getByRole('button', { name: 'Re-run (replay)' }).click();
    await expect(page.getByTestId('rerun-result')).toContainText('identical to the original');
    await expect(page.getByTestId('run-diff')).toContainText('Identical (apart from ids and times)');
    const children = page.locator('.lineage-children');
    await expect(children).toContainText('fork run_');
    await expect(children).toContainText('rerun run_');
  });

  await test.step('the fork links back to its parent run and step', async () => {
    await page.locator('.lineage-children').getByRole('button', { name: /^fork run_/ }).click();
    await page.getByRole('tab', { name: 'Sessions' }).click();
    const section = page.getByRole('region', { name: 'Re-run, fork and compare' });
    await expect(section).toContainText(`Fork of ${done.id} at step`);
    await section.getByRole('button', { name: 'Diff with parent' }).click();
    await expect(page.getByTestId('run-diff')).toContainText('First divergence');
  });

  await test.step('search finds the forked output and opens the run on the timeline', async () => {
    await page.getByLabel('Search all threads').fill('hail');
    const hit = page.getByRole('list', { name: 'Search results' }).getByRole('button').filter({ hasText: 'tool output' });
    await expect(hit).toHaveCount(1);
    await expect(hit.locator('mark')).toHaveText('hail');
    await hit.click();
    await expect(page.getByTestId('run-timeline')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('search-opened.png') });
  });

  await test.step('the diff reads in the dark theme too', async () => {
    await page.getByRole('radio', { name: 'dark' }).click();
    await page.getByRole('tab', { name: 'Sessions' }).click();
    await page.getByRole('region', { name: 'Re-run, fork and compare' }).getByRole('button', { name: 'Diff with parent' }).click();
    await expect(page.getByTestId('run-diff').locator('[data-first-divergence]')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('diff-dark.png') });
  });
});
