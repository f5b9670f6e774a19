/**
 * The bridge end to end: the UI's calls and live pushes travel through the face under test
 * (HTTP + SSE in a browser, IPC in the desktop window), and changes made by external code
 * through `/v1` show up without a reload.
 */
import { test, expect } from '../fixtures';

async function createAssistantViaV1(server: { url: string; apiKey: string }, name: string): Promise<string> {
  const response = await fetch(`${server.url}/v1/assistants`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json', 'openai-beta': 'assistants=v2' },
    body: JSON.stringify({ model: 'mock', name }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

test('an assistant created by external code through /v1 appears in the open UI without a reload', async ({ page, server }) => {
  await expect(page.getByText('Shell bridge assistant')).toHaveCount(0);
  await createAssistantViaV1(server, 'Shell bridge assistant');
  await expect(page.getByText('Shell bridge assistant').first()).toBeVisible();
});

test('the UI keeps its session and its data across a reload', async ({ page, server, shell }) => {
  await createAssistantViaV1(server, 'Survives reload');
  await expect(page.getByText('Survives reload').first()).toBeVisible();
  await page.reload();
  await expect(page.locator('[data-app-state="ready"]')).toHaveCount(1);
  await expect(page.getByText('Survives reload').first()).toBeVisible();
  if (shell === 'web') expect(new URL(page.url()).pathname).toBe('/');
});

test('the login link works once: a second browser with the same link is turned away', async ({ page: firstPage, browser, server, shell }) => {
  test.skip(shell === 'electron', 'The desktop window needs no login link.');
  await expect(firstPage.locator('[data-app-state="ready"]')).toHaveCount(1); // the fixture's browser used the link
  const other = await browser.newContext();
  try {
    const page = await other.newPage();
    const response = await page.goto(server.loginUrl);
    expect(response?.status()).toBe(401);
    await expect(page.getByRole('heading', { name: 'This login link is no longer valid' })).toBeVisible();
    await page.goto(server.url + '/');
    await expect(page.getByRole('heading', { name: 'Open the link from the terminal' })).toBeVisible();
  } finally {
    await other.close();
  }
});
