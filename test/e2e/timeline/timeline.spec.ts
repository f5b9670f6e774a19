/**
 * The timeline against the real server: a function-calling thread driven through the
 * `openai` SDK (two parallel calls answered by outputs in run 1, a second tool round in run 2),
 * then the UI's Timeline tab. The lanes must match the run's real transitions and steps,
 * clicking a bar must open that step, and scrubbing back must show the earlier state.
 */
import OpenAI from 'openai';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures';

const FUNCTIONS = [
  { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
  { name: 'get_time', parameters: { type: 'object', properties: { tz: { type: 'string' } }, required: ['tz'] } },
];

/** Streams a run to its pause or end, answering every requires_action with `answer`; returns the statuses it went through. */
async function driveRun(client: OpenAI, threadId: string, assistantId: string, answer: (name: string, args: string) => string) {
  const statuses: string[] = [];
  const note = (event: string) => {
    if (!event.startsWith('thread.run.') || event.startsWith('thread.run.step.')) return;
    const status = event === 'thread.run.created' ? 'queued' : event.slice('thread.run.'.length);
    if (statuses[statuses.length - 1] !== status) statuses.push(status);
  };
  let stream = client.beta.threads.runs.stream(threadId, { assistant_id: assistantId });
  for (;;) {
    for await (const ev of stream) note(ev.event);
    const run = await stream.finalRun();
    if (run.status !== 'requires_action') return { run, statuses };
    const outputs = run.required_action!.submit_tool_outputs.tool_calls.map((c) => ({ tool_call_id: c.id, output: answer(c.function.name, c.function.arguments) }));
    stream = client.beta.threads.runs.submitToolOutputsStream(run.id, { thread_id: threadId, tool_outputs: outputs });
  }
}

async function openTimeline(page: Page, title: RegExp, runId: string) {
  await page.getByRole('listbox', { name: 'Thread list' }).getByRole('option', { name: title }).click();
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await page.getByLabel('Run on the timeline').selectOption(runId);
  const tl = page.locator(`[data-testid=run-timeline][data-run-id="${runId}"]`);
  await expect(tl).toBeVisible();
  await expect(tl.getByTestId('timeline-canvas')).toHaveAttribute('data-painted', 'true');
  return tl;
}

test('the run timeline shows the real transitions and steps, selects bars and scrubs back', async ({ page, server }, testInfo) => {
  const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: server.apiKey });
  const assistant = await client.beta.assistants.create({ model: 'mock', name: 'Timeline e2e', tools: FUNCTIONS.map((f) => ({ type: 'function' as const, function: f })) });
  const thread = await client.beta.threads.create();
  const answer = (name: string, args: string) => (name === 'get_weather' ? `{"temp":21,"args":${args}}` : '12:00');

  const first = await test.step('run 1: two parallel calls, outputs submitted through the SDK', async () => {
    await client.beta.threads.messages.create(thread.id, { role: 'user', content: 'timeline check get_weather city=Paris and get_time tz=CET' });
    return driveRun(client, thread.id, assistant.id, answer);
  });
  expect(first.run.status).toBe('completed');
  expect(first.statuses).toEqual(['queued', 'in_progress', 'requires_action', 'queued', 'in_progress', 'completed']);
  const second = await test.step('run 2 on the same thread: another tool round', async () => {
    await client.beta.threads.messages.create(thread.id, { role: 'user', content: 'and get_weather city=Berlin' });
    return driveRun(client, thread.id, assistant.id, answer);
  });
  expect(second.run.status).toBe('completed');
  const steps = (await client.beta.threads.runs.steps.list(first.run.id, { thread_id: thread.id, order: 'asc' })).data;

  const tl = await test.step('open run 1 on the Timeline tab', () => openTimeline(page, /timeline check/, first.run.id));

  await test.step('segments and steps correspond to the recorded transitions and steps', async () => {
    await expect(tl.getByTestId('timeline-status')).toHaveText('completed');
    const segs = tl.getByTestId('timeline-segment');
    await expect(segs).toHaveCount(first.statuses.length);
    expect(await segs.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(first.statuses);
    const bars = tl.getByTestId('timeline-step');
    await expect(bars).toHaveCount(steps.length);
    expect(await bars.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-step-id')}:${e.getAttribute('data-step-type')}:${e.getAttribute('data-status')}`))).toEqual(
      steps.map((s) => `${s.id}:${s.type}:${s.status}`),
    );
    await expect(bars.first()).toContainText('get_weather, get_time');
    // lifecycle: the resume edge was taken once
    await expect(tl.locator('[data-edge="requires_action->queued"]')).toHaveAttribute('data-count', '1');
    await page.screenshot({ path: testInfo.outputPath('timeline-run1.png'), fullPage: true });
  });

  await test.step('clicking a bar on the canvas opens that step in the inspector', async () => {
    const canvas = tl.getByTestId('timeline-canvas');
    const boxes = ((await canvas.getAttribute('data-step-boxes')) ?? '').split(';').map((b) => b.split(':'));
    expect(boxes.map((b) => b[0])).toEqual(steps.map((s) => s.id));
    for (const [i, [id, x0, x1, y, h]] of boxes.entries()) {
      await canvas.click({ position: { x: (Number(x0) + Number(x1)) / 2, y: Number(y) + Number(h) / 2 } });
      const inspector = tl.getByTestId('step-inspector');
      await expect(inspector).toHaveAttribute('data-step-id', id);
      await expect(inspector).toHaveAttribute('data-step-type', steps[i].type);
    }
    await tl.getByTestId('timeline-step').first().click();
    const calls = tl.getByTestId('inspector-call');
    await expect(calls).toHaveCount(2);
    await expect(calls.nth(0)).toHaveAttribute('data-function', 'get_weather');
    await expect(calls.nth(0).getByTestId('inspector-arguments')).toContainText('"city": "Paris"');
    await expect(calls.nth(0).getByTestId('inspector-output')).toContainText('"temp": 21');
    await expect(calls.nth(1).getByTestId('inspector-output')).toContainText('12:00');
    await page.screenshot({ path: testInfo.outputPath('timeline-inspector.png'), fullPage: true });
  });

  await test.step('scrubbing back shows the earlier state: waiting for outputs, one open step', async () => {
    await tl.getByTestId('step-inspector').click();
    await page.keyboard.press('Home');
    await expect(tl).toHaveAttribute('data-replaying', 'true');
    // Shift+→ walks state changes: queued → in_progress → requires_action
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await expect(tl.getByTestId('timeline-status')).toHaveText('requires action');
    await expect(tl.getByTestId('timeline-segment')).toHaveCount(3);
    await expect(tl.getByTestId('timeline-step')).toHaveCount(1);
    await expect(tl.getByTestId('timeline-step').first()).toHaveAttribute('data-status', 'in_progress');
    await expect(tl.getByTestId('expiry-countdown')).toContainText('expires in');
    await page.screenshot({ path: testInfo.outputPath('timeline-scrubbed.png'), fullPage: true });
    // the slider goes back to the very first event: only the queued state exists
    await tl.getByTestId('replay-slider').fill('1');
    await expect(tl.getByTestId('timeline-segment')).toHaveCount(1);
    await expect(tl.getByTestId('timeline-step')).toHaveCount(0);
    await tl.getByTestId('replay-live').click();
    await expect(tl).toHaveAttribute('data-replaying', 'false');
    await expect(tl.getByTestId('timeline-segment')).toHaveCount(first.statuses.length);
  });

  await test.step('the thread view puts both runs on one axis', async () => {
    await page.getByLabel('Run on the timeline').selectOption('__thread');
    const runs = page.getByTestId('thread-run');
    await expect(runs).toHaveCount(2);
    expect(await runs.evaluateAll((els) => els.map((e) => e.getAttribute('data-run-id')))).toEqual([first.run.id, second.run.id]);
    await page.screenshot({ path: testInfo.outputPath('timeline-thread.png'), fullPage: true });
  });
});

test('the timeline follows a run live while it streams, waits and completes', async ({ page, server }, testInfo) => {
  const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: server.apiKey });
  const assistant = await client.beta.assistants.create({ model: 'mock', name: 'Live timeline', tools: FUNCTIONS.map((f) => ({ type: 'function' as const, function: f })) });
  const thread = await client.beta.threads.create();
  await client.beta.threads.messages.create(thread.id, { role: 'user', content: 'live check, plain echo' });
  await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });

  await page.getByRole('listbox', { name: 'Thread list' }).getByRole('option', { name: /live check/ }).click();
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await expect(page.getByTestId('run-timeline').getByTestId('timeline-status')).toHaveText('completed');

  await client.beta.threads.messages.create(thread.id, { role: 'user', content: '[mock:delay=1500] get_weather city=Rome' });
  const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
  const tl = page.locator(`[data-testid=run-timeline][data-run-id="${run.id}"]`);
  await test.step('while the model is delayed the run shows as in progress', async () => {
    await expect(tl.getByTestId('timeline-status')).toHaveText('in progress');
  });
  await test.step('then it waits for the output, with the expiry countdown', async () => {
    await expect(tl.getByTestId('timeline-status')).toHaveText('requires action', { timeout: 15_000 });
    // a user watching the timeline stays on it; the Inbox tab counts the waiting call
    await expect(page.getByRole('tab', { name: /Inbox/ })).toContainText('1');
    await expect(page.getByRole('tab', { name: 'Timeline' })).toHaveAttribute('aria-selected', 'true');
    await expect(tl.getByTestId('expiry-countdown')).toBeVisible();
    await expect(tl.getByTestId('timeline-step')).toHaveCount(1);
    await page.screenshot({ path: testInfo.outputPath('timeline-live-waiting.png') });
  });
  await test.step('the output arrives through the SDK and the timeline completes without a reload', async () => {
    const waiting = await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
    await client.beta.threads.runs.submitToolOutputs(run.id, { thread_id: thread.id, tool_outputs: waiting.required_action!.submit_tool_outputs.tool_calls.map((c) => ({ tool_call_id: c.id, output: 'sunny' })) });
    await expect(tl.getByTestId('timeline-status')).toHaveText('completed', { timeout: 15_000 });
    // the lists redraw at most once a frame: wait for them rather than read them once
    await expect.poll(() => tl.getByTestId('timeline-segment').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual([
      'queued', 'in_progress', 'requires_action', 'queued', 'in_progress', 'completed',
    ]);
    await expect(tl.getByTestId('timeline-step')).toHaveCount(2);
    await tl.getByTestId('timeline-expand').click();
    await tl.getByTestId('timeline-step').first().click();
    await page.screenshot({ path: testInfo.outputPath('timeline-live-expanded.png') });
  });
});

test('faults from the real runtime show as markers: invalid arguments, a failed model, a cancel', async ({ page, server }, testInfo) => {
  const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: server.apiKey });
  const assistant = await client.beta.assistants.create({ model: 'mock', name: 'Faults', tools: FUNCTIONS.map((f) => ({ type: 'function' as const, function: f })) });
  const thread = await client.beta.threads.create();

  await client.beta.threads.messages.create(thread.id, { role: 'user', content: 'faults [mock:bad_args] get_weather city=Paris' });
  const bad = await driveRun(client, thread.id, assistant.id, () => 'could not parse');
  await client.beta.threads.messages.create(thread.id, { role: 'user', content: '[mock:fail] anything' });
  const failed = await driveRun(client, thread.id, assistant.id, () => '');
  expect(failed.run.status).toBe('failed');
  await client.beta.threads.messages.create(thread.id, { role: 'user', content: '[mock:delay=5000] slow one' });
  let slow = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
  await expect.poll(async () => (await client.beta.threads.runs.retrieve(slow.id, { thread_id: thread.id })).status).toBe('in_progress');
  await client.beta.threads.runs.cancel(slow.id, { thread_id: thread.id });
  await expect.poll(async () => (slow = await client.beta.threads.runs.retrieve(slow.id, { thread_id: thread.id })).status).toBe('cancelled');

  await test.step('invalid arguments: a validation marker, the errors in the inspector', async () => {
    const tl = await openTimeline(page, /faults/, bad.run.id);
    await expect(tl.getByTestId('timeline-marker').first()).toHaveAttribute('data-kind', 'invalid_args');
    await tl.getByTestId('timeline-marker').first().getByRole('button').click();
    await expect(tl.getByTestId('inspector-invalid')).toBeVisible();
    await expect.poll(() => tl.getByTestId('timeline-segment').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(bad.statuses);
    await page.screenshot({ path: testInfo.outputPath('timeline-invalid-args.png') });
  });
  await test.step('model failure: the run ends failed with a failure marker', async () => {
    await page.getByLabel('Run on the timeline').selectOption(failed.run.id);
    const tl = page.locator(`[data-testid=run-timeline][data-run-id="${failed.run.id}"]`);
    await expect(tl.getByTestId('timeline-status')).toHaveText('failed');
    await expect.poll(() => tl.getByTestId('timeline-segment').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(failed.statuses);
    await expect(tl.locator('[data-testid=timeline-marker][data-kind=run_failed]')).toContainText(failed.run.last_error!.code);
    // E jumps from the start to the first error event
    await tl.getByTestId('step-inspector').click();
    await page.keyboard.press('Home');
    await page.keyboard.press('e');
    await expect(tl).toHaveAttribute('data-replaying', 'true');
    await expect(tl.getByTestId('replay-position')).toContainText(/model\.response|thread\.run\.step\.failed|thread\.run\.failed/);
  });
  await test.step('cancel: cancelling then cancelled', async () => {
    await page.getByLabel('Run on the timeline').selectOption(slow.id);
    const tl = page.locator(`[data-testid=run-timeline][data-run-id="${slow.id}"]`);
    await expect(tl.getByTestId('timeline-status')).toHaveText('cancelled');
    await expect
      .poll(async () => (await tl.getByTestId('timeline-segment').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).slice(-2))
      .toEqual(['cancelling', 'cancelled']);
    await expect(tl.locator('[data-testid=timeline-marker][data-kind=cancelled]')).toHaveCount(1);
    await page.screenshot({ path: testInfo.outputPath('timeline-cancelled.png') });
  });
});
