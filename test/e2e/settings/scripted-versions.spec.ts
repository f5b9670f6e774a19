/**
 * A user rehearses a conversation on the `scripted` model: the rules are saved with the
 * assistant's versions, so restoring an earlier version brings its rules back and the next run
 * follows them.
 */
import { test, expect } from '../fixtures';
import { Playground } from '../playground/playground-page';

const rules = (reply: string) => JSON.stringify([{ when: { type: 'default' }, then: { type: 'reply', template: `${reply}: {{message}}` } }], null, 2);

test('scripted rules are kept with the assistant versions and come back with Restore', async ({ page }, testInfo) => {
  const app = new Playground(page);
  await app.createAssistant('Rehearsal');
  await page.getByRole('form', { name: 'Assistant' }).getByRole('combobox', { name: 'Model' }).selectOption('scripted');
  await page.getByRole('button', { name: 'Save version' }).click();
  const versions = page.getByRole('list', { name: 'Versions' });
  await expect(versions.getByText('v2', { exact: true })).toBeVisible();
  const editor = page.getByLabel('Scripted rules JSON');

  await test.step('rules A with v3, rules B with v4', async () => {
    await editor.fill(rules('Rules A'));
    await expect(page.getByTestId('rules-state')).toHaveText('Edited: not saved yet.');
    await page.getByRole('button', { name: 'Save version' }).click();
    await expect(versions.getByText('v3', { exact: true })).toBeVisible();
    await expect(page.getByTestId('rules-state')).toHaveText('1 rule in use.');
    await editor.fill(rules('Rules B'));
    await page.getByRole('button', { name: 'Save version' }).click();
    await expect(versions.getByText('v4', { exact: true })).toBeVisible();
    await app.newThread();
    await app.send('hello');
    await app.expectLastRunStatus('completed');
    await expect(app.lastRun()).toContainText('Rules B: hello');
  });

  await test.step('restore v3: its rules are back and the next run uses them', async () => {
    await page.getByRole('listbox', { name: 'Assistant list' }).getByRole('option', { name: /Rehearsal/ }).click();
    const v3 = versions.locator('li', { hasText: 'v3' });
    await expect(v3).toContainText('1 scripted rule');
    await v3.getByRole('button', { name: 'Restore' }).click();
    await expect(versions.getByText('v5', { exact: true })).toBeVisible();
    await expect(editor).toContainText('Rules A: {{message}}');
    await page.getByRole('radio', { name: 'dark' }).click();
    await page.getByRole('region', { name: 'Scripted rules' }).scrollIntoViewIfNeeded();
    await app.shot(testInfo, 'scripted-rules-dark');
    await page.getByRole('radio', { name: 'light' }).click();
    await app.newThread();
    await app.send('again');
    await app.expectLastRunStatus('completed');
    await expect(app.lastRun()).toContainText('Rules A: again');
  });
});
