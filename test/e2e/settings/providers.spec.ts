/**
 * A user adds an OpenAI-compatible provider in Settings (pointing at a loopback fake that
 * speaks the Chat Completions wire), probes its model, picks it for a run, sees the reply,
 * and finds the exact request the provider received in the step inspector.
 */
import { test, expect } from '../fixtures';
import { startFakeOpenAI, type FakeOpenAI, type FakeScript } from '../../helpers/fake-openai';
import { Playground } from '../playground/playground-page';

let fake: FakeOpenAI;

test.beforeEach(async () => {
  fake = await startFakeOpenAI();
  fake.models = ['tiny-llm'];
  fake.handler = (body): FakeScript => {
    const messages = body.messages as Array<{ role: string; content: string | null }>;
    const tool = messages.find((m) => m.role === 'tool');
    if (body.response_format) return { kind: 'text', deltas: ['{"city":"Paris","country":"France"}'] };
    if (tool) return { kind: 'text', deltas: [`Code ${JSON.parse(tool.content ?? '{}').station_code}.`] };
    if (body.tools && messages.at(-1)?.role === 'user') return { kind: 'tools', calls: [{ name: 'get_weather', fragments: ['{"city":', '"Paris"}'] }] };
    return { kind: 'text', deltas: ['Hello', ' from', ' tiny-llm.'] };
  };
});
test.afterEach(async () => {
  await fake.close();
});

test('add a provider in Settings, probe its model, run on it and inspect the raw request', async ({ page, server }, testInfo) => {
  const app = new Playground(page);
  await test.step('add the provider; its key is never shown again', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByText('No providers yet')).toBeVisible();
    await page.getByRole('button', { name: 'Add provider' }).click();
    const form = page.getByRole('form', { name: 'Add provider' });
    await form.getByLabel('Preset').selectOption('ollama');
    await expect(form.getByLabel('Base URL')).toHaveValue('http://127.0.0.1:11434/v1');
    await form.getByLabel(/^Name/).fill('fake');
    await form.getByLabel('Base URL').fill(fake.baseUrl);
    await form.getByLabel(/^API key/).fill('sk-e2e-secret-key-0001');
    await form.getByRole('button', { name: 'Add provider' }).click();
    const card = page.getByTestId('provider-fake');
    await expect(card).toContainText('key set');
    await expect(card).toContainText('answered with 1 model');
    await expect(card).toContainText('fake/tiny-llm');
    await expect(page.locator('body')).not.toContainText('sk-e2e-secret-key-0001');
    expect(fake.received.at(-1)?.headers.authorization).toBe('Bearer sk-e2e-secret-key-0001');
  });

  await test.step('probe the model: a badge with what it can do', async () => {
    await page.getByRole('button', { name: 'Probe fake/tiny-llm' }).click();
    await expect(page.getByTestId('probe-badge')).toHaveText('probe 5/6');
    await expect(page.getByRole('list', { name: 'Probe of fake/tiny-llm' })).toContainText('Parallel tool calls: Only one call per response.');
    await app.shot(testInfo, 'settings-providers');
  });

  await test.step('the /v1 key: masked until Reveal, with a snippet for the SDK; a price for the provider model', async () => {
    const key = page.getByTestId('api-key-value');
    await expect(key).toHaveText('*'.repeat(server.apiKey.length));
    await expect(page.getByTestId('sdk-snippet')).toContainText(`baseURL: '${server.url}/v1'`);
    await expect(page.locator('body')).not.toContainText(server.apiKey);
    // Given with --api-key: shown, not regenerable from the app.
    await expect(page.getByTestId('api-key')).toContainText('Given with --api-key or RUNLENS_API_KEY');
    await expect(page.getByRole('button', { name: 'Regenerate…' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Reveal' }).click();
    await expect(key).toHaveText(server.apiKey);
    await expect(page.getByTestId('sdk-snippet')).toContainText(`apiKey: '${server.apiKey}'`);
    await page.getByRole('button', { name: 'Hide' }).click();
    await expect(key).toHaveText('*'.repeat(server.apiKey.length));

    const price = page.getByRole('form', { name: 'Set a price' });
    await price.getByLabel('Model').fill('fake/tiny-llm');
    await price.getByLabel('Input $/1M').fill('1000');
    await price.getByLabel('Output $/1M').fill('2000');
    await price.getByRole('button', { name: 'Set price' }).click();
    await expect(page.getByRole('cell', { name: 'fake/tiny-llm' })).toBeVisible();
    await page.getByRole('radio', { name: 'dark' }).click();
    await page.getByTestId('provider-fake').scrollIntoViewIfNeeded();
    await app.shot(testInfo, 'settings-providers-dark');
    await page.getByTestId('api-key').scrollIntoViewIfNeeded();
    await app.shot(testInfo, 'settings-dark');
    await page.getByRole('radio', { name: 'light' }).click();
  });

  await test.step('run an assistant on the provider model', async () => {
    await page.getByRole('button', { name: 'Close' }).click();
    await app.createAssistant('Live helper');
    await page.getByRole('tab', { name: 'Run options' }).click();
    const picker = page.getByRole('form', { name: 'Run options' }).locator('select').first();
    await expect(picker.locator('option', { hasText: 'fake/tiny-llm — probe 5/6' })).toHaveCount(1);
    await picker.selectOption('fake/tiny-llm');
    await app.newThread();
    await app.send('hello live model');
    await app.expectLastRunStatus('completed');
    await expect(app.lastRun()).toContainText('Hello from tiny-llm.');
    const sent = fake.chats().at(-1) as { model: string; messages: Array<{ content: string }> };
    expect(sent.model).toBe('tiny-llm');
    expect(sent.messages.at(-1)?.content).toBe('hello live model');
  });

  await test.step('the step inspector shows the exact request sent, with copy as curl', async () => {
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await page.getByTestId('timeline-step').first().click();
    const io = page.getByTestId('inspector-model-io');
    await expect(io).toContainText(`POST ${fake.baseUrl}/chat/completions`);
    await expect(io.getByTestId('inspector-wire-request')).toContainText('"model": "tiny-llm"');
    await expect(io.getByTestId('inspector-wire-request')).toContainText('"include_usage": true');
    await expect(io.getByTestId('copy-curl')).toBeVisible();
    await expect(page.locator('body')).not.toContainText('sk-e2e-secret-key-0001');
    // The fake reports 11 prompt + 7 completion tokens: $0.011 + $0.014 at the price set above.
    await expect(page.getByTestId('timeline-step-cost').first()).toHaveText('· 18 tokens · $0.0250');
    await expect(page.getByTestId('inspector-step-cost')).toHaveText('$0.0250');
    await io.scrollIntoViewIfNeeded();
    await app.shot(testInfo, 'inspector-raw-request');
    await page.getByRole('radio', { name: 'dark' }).click();
    await io.scrollIntoViewIfNeeded();
    await app.shot(testInfo, 'inspector-raw-request-dark');
    await page.getByTestId('timeline-steps').scrollIntoViewIfNeeded();
    await app.shot(testInfo, 'timeline-steps-dark');
  });

  await test.step('a long prompt: the inspector fetches the request whole when the step is shown; copy as curl repeats all of it', async () => {
    await page.getByRole('radio', { name: 'light' }).click();
    const document = Array.from({ length: 3000 }, (_, i) => `para${i}`).join(' ') + ' THE-END-OF-THE-DOCUMENT';
    await app.newThread();
    await app.send(document);
    await app.expectLastRunStatus('completed');
    expect(JSON.stringify(fake.chats().at(-1))).toContain('THE-END-OF-THE-DOCUMENT');
    // the whole request is asked for only when the step is shown; hold it a moment to see "loading…"
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const bodies: string[] = [];
    await page.route('**/api/call/runs.eventBody', async (route) => {
      bodies.push(route.request().postData() ?? '');
      await held;
      await route.continue();
    });
    await page.evaluate(() => {
      const copied: string[] = [];
      Object.assign(window, { __copied: copied });
      Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void copied.push(t) }, configurable: true });
    });
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await page.getByTestId('timeline-step').first().click();
    const io = page.getByTestId('inspector-model-io');
    await expect(io.getByTestId('inspector-wire-request-loading')).toHaveText('Loading the request as sent…');
    await io.scrollIntoViewIfNeeded();
    await app.shot(testInfo, 'inspector-request-loading');
    release();
    await expect(io.getByTestId('inspector-wire-request')).toContainText('"model": "tiny-llm"');
    await io.getByRole('button', { name: /Show all/ }).click();
    await expect(io.getByTestId('inspector-wire-request')).toContainText('THE-END-OF-THE-DOCUMENT');
    await io.getByTestId('copy-curl').click();
    await expect(io.getByTestId('copy-curl')).toHaveText('Copied');
    const curl = await page.evaluate(() => (window as unknown as { __copied: string[] }).__copied.join('\n'));
    expect(curl).toContain('THE-END-OF-THE-DOCUMENT');
    expect(curl).toContain('Bearer $API_KEY');
    expect(curl).not.toContain('sk-e2e-secret-key-0001');
    // the page had it as a stub: the whole request was asked for when the step was shown
    expect(bodies.length).toBeGreaterThan(0);
    await app.shot(testInfo, 'inspector-request-loaded');
    await page.unroute('**/api/call/runs.eventBody');
  });
});
