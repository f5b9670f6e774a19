/**
 * The approval gate from the keyboard, in the real app: an assistant whose functions have a
 * live webhook handler with `approval: "ask"` (a loopback server that logs every request).
 * A run holds both calls in the Inbox; with focus on a held call, A approves it (the server
 * receives it with its arguments) and D denies the other (the server never sees it, the reply
 * shows the denial). A third call is approved after editing its arguments: the edit is what
 * arrives.
 */
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures';
import { Playground } from '../playground/playground-page';
import { json, startLoopback, type LoopbackServer } from '../../live/fixtures/loopback-server';

let hooks: LoopbackServer;
test.beforeAll(async () => {
  hooks = await startLoopback({
    '/invoices': (req, res) => {
      const { arguments: args } = req.body as { arguments: unknown };
      json(res, 200, { invoices: [{ id: 'inv_1', amount: 120 }], for: args });
    },
    '/refund': (_req, res) => json(res, 200, { refunded: true }),
  });
});
test.afterAll(async () => {
  await hooks?.close();
});

/** One call of the app's own bridge (the same HTTP calls the UI makes), for setup only. */
async function call<T>(page: Page, method: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    async ({ method, args }) => {
      const res = await fetch(`/api/call/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(args) });
      const body = (await res.json()) as { result?: unknown; error?: { message?: string } };
      if (!res.ok) throw new Error(body.error?.message ?? `HTTP ${res.status}`);
      return body.result as never;
    },
    { method, args },
  );
}

const param = (name: string) => ({ type: 'object', properties: { [name]: { type: 'string' } }, required: [name], additionalProperties: false });

test('A approves and D denies a held live call from the keyboard; an edited approval sends the edit', async ({ page }, testInfo) => {
  const app = new Playground(page);
  await test.step('an assistant with two functions whose webhooks wait for approval', async () => {
    const assistant = await call<{ id: string }>(page, 'assistants.create', {
      name: 'Billing',
      model: 'mock',
      tools: [
        { type: 'function', function: { name: 'get_invoices', description: 'List a customer’s invoices', parameters: param('customer_id') } },
        { type: 'function', function: { name: 'refund_invoice', description: 'Refund one invoice', parameters: param('invoice_id') } },
        { type: 'function', function: { name: 'add_note', description: 'A note a person writes', parameters: param('text') } },
      ],
    });
    await call(page, 'handlers.set', assistant.id, 'get_invoices', { mode: 'live', auto: true, live: { handler: 'webhook', url: `${hooks.url}/invoices`, approval: 'ask' } });
    await call(page, 'handlers.set', assistant.id, 'refund_invoice', { mode: 'live', auto: true, live: { handler: 'webhook', url: `${hooks.url}/refund`, approval: 'ask' } });
    await page.getByRole('listbox', { name: 'Assistant list' }).getByRole('option', { name: /Billing/ }).click();
    await expect(page.getByLabel('Handler of get_invoices')).toHaveValue('live-webhook');
  });

  await test.step('a run calls both; both are held in the Inbox and nothing reached the server', async () => {
    await app.newThread();
    await app.send('get_invoices customer_id=cus_42 and refund_invoice invoice_id=inv_9');
    await app.expectLastRunStatus('requires_action');
    await expect(page.locator('.pending-call[data-approval="ask"]')).toHaveCount(2);
    expect(hooks.log).toHaveLength(0);
  });

  const held = (fn: string) => page.locator(`.pending-call[data-function="${fn}"]`);

  await test.step('Alt+J reaches the held call; it shows its focus and the keys', async () => {
    const first = held('get_invoices');
    await page.keyboard.press('Alt+J');
    await expect(first).toBeFocused();
    await expect(first).toHaveAccessibleName(/get_invoices waits for approval: A approves, D denies/);
    await expect(first.getByRole('button', { name: 'Approve A' })).toBeVisible();
    await expect(first.getByRole('button', { name: 'Deny D' })).toBeVisible();
    await expect(first.locator('.keys-hint')).toBeVisible();
    await expect(held('refund_invoice').locator('.keys-hint')).toBeHidden();
    const outline = await first.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
    await app.shot(testInfo, 'held-focused-light');
  });

  await test.step('A approves: the server receives the call with its arguments', async () => {
    await page.keyboard.press('a');
    await expect.poll(() => hooks.hits('/invoices').length).toBe(1);
    const sent = hooks.hits('/invoices')[0].body as { function: string; arguments: unknown };
    expect(sent.function).toBe('get_invoices');
    expect(sent.arguments).toEqual({ customer_id: 'cus_42' });
    await expect(held('get_invoices').getByRole('status')).toContainText('Approved and run live');
    await expect(held('get_invoices').getByRole('button', { name: /Approve/ })).toHaveCount(0);
    await expect(held('refund_invoice')).toBeFocused();
    await app.shot(testInfo, 'one-approved-next-focused');
    // Back on the approved call, A does not run it again (checked once the run is over).
    await held('get_invoices').focus();
    await page.keyboard.press('a');
    await expect(held('get_invoices')).toBeFocused();
    await held('refund_invoice').focus();
  });

  await test.step('focus moved on to the next held call; D denies it: the server never sees it, the reply shows the denial', async () => {
    await expect(held('refund_invoice')).toBeFocused();
    await page.keyboard.press('d');
    await app.expectLastRunStatus('completed');
    expect(hooks.hits('/refund')).toHaveLength(0);
    await expect(app.lastRun()).toContainText('denied');
    await expect(app.lastRun()).toContainText('inv_1');
    expect(hooks.hits('/invoices')).toHaveLength(1);
    await expect(app.lastRun().getByTestId('ran-with')).toHaveCount(0);
    // Every held call decided, the run went on by itself and left the Inbox: the keyboard user
    // carries on in the composer rather than from <body>.
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused();
    await app.shot(testInfo, 'after-approve-deny');
  });

  await test.step('approve after editing the arguments: the edited arguments reach the server', async () => {
    await app.send('get_invoices customer_id=cus_wrong');
    await app.expectLastRunStatus('requires_action');
    const card = held('get_invoices');
    const box = card.getByLabel('Arguments to run get_invoices with');
    await expect(box).toHaveValue(/cus_wrong/);
    await box.fill('{"customer_id":"cus_right"}');
    await expect(card.getByRole('button', { name: /Approve edited/ })).toBeVisible();
    await box.press('Shift+Tab');
    await card.focus();
    await page.keyboard.press('a');
    await app.expectLastRunStatus('completed');
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused();
    const hits = hooks.hits('/invoices');
    expect(hits).toHaveLength(2);
    expect((hits[1].body as { arguments: unknown }).arguments).toEqual({ customer_id: 'cus_right' });
    expect(hooks.log.some((r) => r.text.includes('cus_wrong'))).toBe(false);
    // The chat's card of the call shows the model's arguments and, marked, the ones it ran with.
    const chatCard = app.lastRun().locator('.tool-call').first();
    await expect(chatCard.getByLabel('Arguments of get_invoices')).toContainText('cus_wrong');
    await expect(chatCard.getByTestId('ran-with')).toContainText('ran with edited arguments');
    await expect(chatCard.getByTestId('ran-with')).toContainText('approved in the Inbox');
    await expect(chatCard.getByLabel('Arguments get_invoices ran with')).toContainText('cus_right');
    await chatCard.scrollIntoViewIfNeeded();
    await app.shot(testInfo, 'chat-ran-with-edited-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    await app.shot(testInfo, 'chat-ran-with-edited-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
    // The timeline's inspector says a person approved it, and with which arguments it ran.
    await page.getByRole('tab', { name: 'Timeline' }).click();
    const tl = page.getByTestId('run-timeline').first();
    await expect(tl.getByTestId('timeline-canvas')).toHaveAttribute('data-painted', 'true');
    await tl.getByTestId('timeline-step').first().click();
    const inspected = tl.getByTestId('inspector-call').first();
    await expect(inspected.getByTestId('inspector-exec')).toContainText('live');
    await expect(inspected.getByTestId('inspector-exec')).toContainText('approved by a person');
    await expect(inspected.getByTestId('inspector-exec-arguments')).toContainText('cus_right');
    await expect(inspected.getByTestId('inspector-arguments')).toContainText('cus_wrong');
    await inspected.getByTestId('inspector-exec').scrollIntoViewIfNeeded();
    await app.shot(testInfo, 'timeline-approved-edited');
    await page.getByRole('tab', { name: /Inbox/ }).click();
  });

  await test.step('edited arguments that break the schema are refused and nothing is sent', async () => {
    await app.send('get_invoices customer_id=cus_7');
    await app.expectLastRunStatus('requires_action');
    const card = held('get_invoices');
    await card.getByLabel('Arguments to run get_invoices with').fill('{"customer":"cus_7"}');
    await card.focus();
    await page.keyboard.press('a');
    await expect(card.locator('.inline-error')).toContainText('schema');
    expect(hooks.hits('/invoices')).toHaveLength(2);
    await card.getByLabel('Arguments to run get_invoices with').fill('{"customer_id":"cus_7"}');
    await expect(card.locator('.inline-error')).toHaveCount(0);
    await card.focus();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    await app.shot(testInfo, 'held-focused-dark');
    await page.keyboard.press('d');
    await app.expectLastRunStatus('completed');
    expect(hooks.hits('/invoices')).toHaveLength(2);
  });

  await test.step('a held call next to one answered by hand: after D, focus is on the hand-written output', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
    await app.send('get_invoices customer_id=cus_8 and add_note text=hello');
    await app.expectLastRunStatus('requires_action');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Alt+J');
    await expect(held('get_invoices')).toBeFocused();
    await page.keyboard.press('d');
    await expect(page.getByLabel('Output for add_note')).toBeFocused();
    await page.keyboard.type('{"saved":true}');
    await page.keyboard.press('Control+Enter');
    await app.expectLastRunStatus('completed');
    await expect(app.lastRun()).toContainText('add_note: {"saved":true}');
    expect(hooks.hits('/invoices')).toHaveLength(2);
  });

  await test.step('two runs held at once: deciding one run moves focus to the other run’s held call, then to the composer', async () => {
    await app.newThread();
    await app.send('get_invoices customer_id=cus_first');
    await app.expectLastRunStatus('requires_action');
    await app.newThread();
    await app.send('get_invoices customer_id=cus_second');
    await app.expectLastRunStatus('requires_action');
    await expect(page.locator('.inbox-run')).toHaveCount(2);
    const inRun = (i: number) => page.locator('.inbox-run').nth(i).locator('.pending-call[data-approval="ask"]');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Alt+J');
    await expect(inRun(0)).toBeFocused();
    await expect(inRun(0).getByLabel('Arguments to run get_invoices with')).toHaveValue(/cus_second/);
    await page.keyboard.press('d');
    await expect(page.locator('.inbox-run')).toHaveCount(1);
    await expect(inRun(0).getByLabel('Arguments to run get_invoices with')).toHaveValue(/cus_first/);
    await expect(inRun(0)).toBeFocused();
    await app.shot(testInfo, 'other-run-focused-light');
    await page.keyboard.press('d');
    await expect(page.locator('.inbox-run')).toHaveCount(0);
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused();
    await app.shot(testInfo, 'inbox-empty-composer-focused-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    await app.shot(testInfo, 'inbox-empty-composer-focused-dark');
    expect(hooks.hits('/invoices')).toHaveLength(2);
  });
});
