/**
 * Files in the real app against the real server: drop a file on an assistant and choose
 * another, watch their indexing status (a malformed JSON file fails alone, with its reason),
 * then run file_search and code_interpreter through the `openai` SDK and read the query,
 * the ranked hits with scores, the code, its logs and its image in the step inspector.
 */
import OpenAI from 'openai';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures';

const PLANTED = 'The launch code for Project Lantern is amber-falcon-42.';

async function dropFile(page: Page, selector: string, name: string, text: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, text }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'text/plain' }));
      return dt;
    },
    { name, text },
  );
  await page.dispatchEvent(selector, 'dragover', { dataTransfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer });
}

async function openStep(page: Page, title: RegExp, runId: string, stepType: string) {
  await page.getByRole('listbox', { name: 'Thread list' }).getByRole('option', { name: title }).click();
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await page.getByLabel('Run on the timeline').selectOption(runId);
  const tl = page.locator(`[data-testid=run-timeline][data-run-id="${runId}"]`);
  await expect(tl.getByTestId('timeline-canvas')).toHaveAttribute('data-painted', 'true');
  await tl.locator(`[data-testid=timeline-step][data-step-type="${stepType}"]`).first().click();
  return tl.getByTestId('step-inspector');
}

test('upload files to an assistant and inspect file_search and code_interpreter steps', async ({ page, server }, testInfo) => {
  test.setTimeout(120_000);
  const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: server.apiKey });
  const assistant = await client.beta.assistants.create({ model: 'mock', name: 'Files e2e' });
  await page.reload();
  await page.locator('[data-app-state="ready"]').first().waitFor({ state: 'attached' });

  await test.step('drop a file and choose another on the assistant', async () => {
    await page.getByRole('listbox', { name: 'Assistant list' }).getByRole('option', { name: /Files e2e/ }).click();
    const panel = page.getByTestId('files-panel');
    await expect(panel).toBeVisible();
    await expect(panel).toContainText('No files yet');
    await dropFile(page, '[data-testid=file-drop]', 'handbook.txt', `Welcome to the team.\n${PLANTED}\nParking is behind the building.`);
    await panel.getByTestId('file-input').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"oops": ') });
    const rows = panel.getByTestId('file-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: 'handbook.txt' })).toHaveAttribute('data-status', 'completed');
    const broken = rows.filter({ hasText: 'broken.json' });
    await expect(broken).toHaveAttribute('data-status', 'failed');
    await expect(broken).toContainText('is not valid JSON');
    await expect(panel.getByTestId('vector-store')).toContainText('1 indexed, 0 in progress, 1 failed');
    await page.screenshot({ path: testInfo.outputPath('files-panel.png'), fullPage: true });
  });

  const updated = await client.beta.assistants.retrieve(assistant.id);
  expect(updated.tools.map((t) => t.type)).toContain('file_search');
  expect(updated.tool_resources?.file_search?.vector_store_ids).toHaveLength(1);

  await test.step('file_search: the inspector shows the query and the ranked hits with scores', async () => {
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'inspect file_search query="launch code Project Lantern"' }] });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    expect(run.status).toBe('completed');
    const inspector = await openStep(page, /inspect file_search/, run.id, 'tool_calls');
    const search = inspector.getByTestId('inspector-file-search');
    await expect(search.getByTestId('inspector-query')).toHaveText('launch code Project Lantern');
    const hit = search.getByTestId('inspector-hit').first();
    await expect(hit).toContainText('handbook.txt');
    await expect(hit.locator('td').nth(1)).toHaveText(/^0\.\d{3}$|^1\.000$/);
    await hit.locator('summary').click();
    await expect(hit).toContainText(PLANTED);
    await page.screenshot({ path: testInfo.outputPath('inspector-file-search.png'), fullPage: true });
  });

  await test.step('code_interpreter: the inspector shows the code, its logs and the image it wrote', async () => {
    const coder = await client.beta.assistants.create({ model: 'mock', name: 'Coder e2e', tools: [{ type: 'code_interpreter' }] });
    const png =
      'import zlib, struct\ndef chunk(t, d):\n    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)\n' +
      'raw = b"".join(b"\\x00" + b"\\x00\\x80\\xff" * 16 for _ in range(16))\n' +
      'open("square.png", "wb").write(b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))\n' +
      'print("answer", 6 * 7)';
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: `inspect code\n\`\`\`python\n${png}\n\`\`\`` }] });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: coder.id });
    expect(run.status).toBe('completed');
    const inspector = await openStep(page, /inspect code/, run.id, 'tool_calls');
    const code = inspector.getByTestId('inspector-code');
    await expect(code.getByTestId('inspector-code-input')).toContainText('print("answer", 6 * 7)');
    await expect(code.getByTestId('inspector-logs')).toHaveText('answer 42');
    const image = code.getByTestId('inspector-image');
    await expect(image).toBeVisible();
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(16);
    await page.screenshot({ path: testInfo.outputPath('inspector-code.png'), fullPage: true });
  });
});
