/**
 * Session files through the browser's own file handling, against the real server and SQLite:
 * "Export everything" arrives as a download; "Import session file…" uploads a large generated
 * file picked with the file input and shows its progress (phase, N of M events, a progress bar
 * that only grows and ends at 100%) and the report; a file that is not a session file is refused
 * by name with nothing added; a .runlens file dropped on the Sessions tab is imported too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { writeSession } from '../../../bench/sessions-bench';
import { inspectSessionFile } from '../../../electron/services/sessions/inspect-session';
import { test, expect } from '../fixtures';

const EVENTS = 200_000;

test('export downloads, import uploads with progress, refusals name the file, drop imports', async ({ page, server }, testInfo) => {
  test.setTimeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-e2e-files-'));
  try {
    const big = path.join(dir, 'weather-archive.runlens');
    writeSession(big, EVENTS);
    const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: server.apiKey, maxRetries: 0 });
    const assistant = await client.beta.assistants.create({ model: 'mock', name: 'Echo' });
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'hello there' }], metadata: { title: 'Mine' } });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    expect(run.status).toBe('completed');

    await page.getByRole('listbox', { name: 'Thread list' }).getByText('Mine').click();
    await page.getByRole('tab', { name: 'Sessions' }).click();
    const section = page.getByRole('region', { name: 'Session files' });

    let exported = '';
    await test.step('Export everything arrives as a download of a session file', async () => {
      const download = page.waitForEvent('download');
      await section.getByRole('button', { name: 'Export everything' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^runlens-.*\.runlens$/);
      exported = path.join(dir, file.suggestedFilename());
      await file.saveAs(exported);
      expect(inspectSessionFile(exported).counts).toMatchObject({ threads: 1, runs: 1, assistants: 1 });
      await expect(page.getByTestId('transfer-report')).toContainText('Exported 1 threads, 1 runs');
    });

    await test.step('import a large file picked with the file input: progress, then the report', async () => {
      // Every value the progress bar takes, as the page shows it.
      await page.evaluate(() => {
        const w = window as unknown as { progressSeen: string[]; busySeen: string[] };
        w.progressSeen = [];
        w.busySeen = [];
        new MutationObserver(() => {
          const bar = document.querySelector('[role="progressbar"][aria-valuenow]');
          const now = bar?.getAttribute('aria-valuenow');
          if (now !== null && now !== undefined && w.progressSeen.at(-1) !== now) w.progressSeen.push(now);
          const banner = document.querySelector('[data-testid="import-banner"]')?.textContent;
          if (banner && !w.busySeen.includes(banner.slice(0, 35))) w.busySeen.push(banner.slice(0, 35));
        }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['aria-valuenow'] });
      });
      await section.getByRole('button', { name: 'Import session file…' }).click();
      await section.getByLabel('Session file to upload').setInputFiles(big);
      const bar = section.getByRole('progressbar', { name: 'Import progress' });
      // Caught on the next frame it shows (the copy takes a second or two).
      await page.waitForFunction(
        () => {
          const text = document.querySelector('[data-testid="import-progress"]')?.textContent ?? '';
          return /Copying and indexing events: [\d,]+ of 200,000/.test(text) && text.includes('RunLens is busy until the import is done');
        },
        null,
        { timeout: 60_000, polling: 'raf' },
      );
      await page.screenshot({ path: testInfo.outputPath('import-progress.png') });
      // The theme is the page's own: it switches while the services are busy. (The dark shot
      // shows the import still running on a loaded machine; a fast one may have finished.)
      await page.getByRole('radio', { name: 'dark' }).click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      await page.screenshot({ path: testInfo.outputPath('import-progress-dark.png') });
      await expect(page.getByTestId('transfer-report')).toContainText('Added 1000 threads, 1000 runs, 200000 events', { timeout: 120_000 });
      await expect(bar).toHaveAttribute('aria-valuenow', '100');
      await expect(section.getByTestId('import-progress')).toContainText('Imported weather-archive.runlens');
      await expect(section).not.toContainText('RunLens is busy');
      await expect(page.getByTestId('import-banner')).toHaveCount(0);
      expect(await page.evaluate(() => (window as unknown as { busySeen: string[] }).busySeen)).toContain('Importing weather-archive.runlens (');
      const seen = (await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen)).map(Number);
      expect(seen.at(-1)).toBe(100);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      expect(seen.some((v) => v > 15 && v < 99)).toBe(true);
      await expect(page.getByRole('listbox', { name: 'Thread list' })).toContainText('What is the weather in');
      await page.screenshot({ path: testInfo.outputPath('import-done.png') });
    });

    await test.step('a file that is not a session file is refused by its name, nothing added', async () => {
      await section.getByLabel('Session file to upload').setInputFiles({ name: 'notes.runlens', mimeType: 'application/octet-stream', buffer: Buffer.from('my notes\n'.repeat(40)) });
      await expect(section.getByRole('alert')).toHaveText('notes.runlens is not a RunLens session file: it is not an SQLite database.');
      await expect(section.getByTestId('import-progress')).toContainText('Not imported: notes.runlens');
      await page.screenshot({ path: testInfo.outputPath('import-refused.png') });
    });

    await test.step('a session file dropped on the Sessions tab is imported (all present: skipped)', async () => {
      const bytes = fs.readFileSync(exported).toString('base64');
      const dataTransfer = await page.evaluateHandle((b64) => {
        const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([raw], 'mine.runlens', { type: 'application/octet-stream' }));
        return dt;
      }, bytes);
      const panel = page.locator('.sessions-panel');
      await panel.dispatchEvent('dragover', { dataTransfer });
      await expect(page.getByText('Drop the session file to import it')).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath('drop-target.png') });
      await panel.dispatchEvent('drop', { dataTransfer });
      await expect(page.getByTestId('transfer-report')).toContainText('Added nothing.');
      await expect(page.getByTestId('transfer-report')).toContainText('Skipped (already present) 1 threads, 1 runs');
      await expect(section.getByTestId('import-progress')).toContainText('Imported mine.runlens');
    });

    await test.step('the report in the light theme', async () => {
      await page.getByRole('radio', { name: 'light' }).click();
      await page.screenshot({ path: testInfo.outputPath('drop-imported-light.png') });
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
