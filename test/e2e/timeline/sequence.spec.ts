/**
 * The sequence diagram in the real app: a run driven through the `openai` SDK shows up live
 * (requires_action, then the outputs and the reply once the SDK submits them), an arrow selects
 * its step in the inspector, and "Export SVG" downloads a standalone file in the current theme.
 */
import fs from 'node:fs';
import OpenAI from 'openai';
import { test, expect } from '../fixtures';

test('the sequence diagram follows a live run, selects steps and exports SVG', async ({ page, server }) => {
  const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: server.apiKey });
  const assistant = await client.beta.assistants.create({
    model: 'mock',
    name: 'Sequence e2e',
    tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
  });
  const run = await client.beta.threads.createAndRunPoll({ assistant_id: assistant.id, thread: { messages: [{ role: 'user', content: 'sequence check get_weather city=Paris' }] } });
  expect(run.status).toBe('requires_action');

  await page.getByRole('listbox', { name: 'Thread list' }).getByRole('option', { name: /sequence check/ }).click();
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const tl = page.locator(`[data-testid=run-timeline][data-run-id="${run.id}"]`);
  await tl.getByRole('tab', { name: 'Sequence' }).click();
  const diagram = tl.getByTestId('sequence-diagram');
  const arrows = diagram.getByTestId('sequence-arrow');

  await test.step('the waiting run: created, one model round, requires_action to the SDK caller', async () => {
    await expect(arrows.last()).toHaveAttribute('aria-label', /RunLens runtime to Client, requires_action · get_weather/);
    await expect(diagram.locator('[data-lifeline]')).toHaveCount(3);
    await expect(arrows.first()).toHaveAttribute('aria-label', /^\+0 ms: Client to RunLens runtime, create run/);
  });

  await test.step('the SDK submits: the diagram grows live with the answer and the completion', async () => {
    const call = run.required_action!.submit_tool_outputs.tool_calls[0];
    await client.beta.threads.runs.submitToolOutputsAndPoll(run.id, { thread_id: run.thread_id, tool_outputs: [{ tool_call_id: call.id, output: '{"temp":21}' }] });
    await expect(arrows.last()).toHaveAttribute('aria-label', /RunLens runtime to Client, completed$/);
    await expect(diagram.locator('[data-lifeline="handler:get_weather:manual"] text').last()).toHaveText('answered by the /v1 caller');
    await expect(diagram.locator('[data-lifeline="client"] text').last()).toHaveText('SDK code / /v1 caller');
  });

  await test.step('selecting an arrow selects its step in the inspector (mouse and keyboard)', async () => {
    const output = diagram.locator('[data-testid=sequence-arrow][data-from="handler:get_weather:manual"]');
    await output.click();
    const stepId = await output.getAttribute('data-step-id');
    await expect(tl.getByTestId('step-inspector')).toContainText(stepId!);
    await expect(output).toHaveAttribute('aria-pressed', 'true');
    const reply = diagram.getByRole('button', { name: /Model to RunLens runtime, reply/ });
    await reply.focus();
    await page.keyboard.press('Enter');
    await expect(reply).toHaveAttribute('aria-pressed', 'true');
    await expect(tl.getByTestId('step-inspector')).toContainText('message_creation');
  });

  await test.step('Export SVG downloads a standalone file with the theme resolved', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), diagram.getByRole('button', { name: 'Export SVG' }).click()]);
    expect(download.suggestedFilename()).toBe(`${run.id}-sequence.svg`);
    const svg = fs.readFileSync((await download.path())!, 'utf8');
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).not.toContain('var(--');
    expect(svg).toContain('requires_action · get_weather');
    expect(svg).toContain('completed');
  });
});
