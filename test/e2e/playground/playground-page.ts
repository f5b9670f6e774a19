/**
 * Page steps for the playground specs, written as a user would do them: through the
 * sidebar, the assistant editor, the composer and the inbox. No fixed waits.
 */
import { expect, type Page, type TestInfo } from '@playwright/test';

export class Playground {
  constructor(readonly page: Page) {}

  composer() {
    return this.page.getByRole('textbox', { name: 'Message', exact: true });
  }

  /** Creates an assistant with one function through the editor; `autoMock` makes calls answer themselves. */
  async createAssistant(name: string, fn: { name: string; autoMock?: string } | null = null): Promise<void> {
    await this.page.getByRole('region', { name: 'Assistants' }).getByRole('button', { name: '+ New' }).click();
    await this.page.getByLabel('Name', { exact: true }).fill(name);
    if (fn) {
      await this.page.getByRole('button', { name: '+ Add function' }).click();
      await this.page.getByLabel('Function name').fill(fn.name);
      await expect(this.page.getByLabel(`Parameters of ${fn.name} is valid`)).toBeVisible();
      if (fn.autoMock != null) {
        await this.page.getByLabel(`Handler of ${fn.name}`).selectOption('auto-mock');
        await this.page.getByLabel(`Mock output of ${fn.name}`).fill(fn.autoMock);
      }
    }
    await this.page.getByRole('button', { name: 'Create assistant' }).click();
    await expect(this.page.getByTestId('notice')).toContainText('Assistant created.');
    await expect(this.page.getByRole('listbox', { name: 'Assistant list' }).getByRole('option', { name: new RegExp(name) })).toBeVisible();
  }

  /** Alt+N: a new, empty thread with the composer focused. */
  async newThread(): Promise<void> {
    await this.page.keyboard.press('Alt+N');
    await expect(this.page.getByText('This thread is empty')).toBeVisible();
    await expect(this.composer()).toBeFocused();
  }

  /** Types a message and sends it with Ctrl+Enter. */
  async send(text: string): Promise<void> {
    await this.composer().fill(text);
    await this.composer().press('Control+Enter');
    await expect(this.composer()).toHaveValue('');
  }

  /** The newest run block in the chat. */
  lastRun() {
    return this.page.locator('.run-block').last();
  }

  async expectLastRunStatus(status: string, timeout = 15_000): Promise<void> {
    await expect(this.lastRun()).toHaveAttribute('data-run-status', status, { timeout });
  }

  /** Saves a full-page screenshot into the test's output folder (test-results/…). */
  async shot(testInfo: TestInfo, name: string): Promise<void> {
    await this.page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: false });
  }
}
