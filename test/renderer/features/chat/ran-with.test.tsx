/**
 * The chat's tool-call card says when a call ran with other arguments than the model sent:
 * here the tenant guard fills in the pinned `customer_id` from the thread's metadata before a
 * live webhook runs (real services, a real loopback server). A call run as sent has no mark.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import { ChatView } from '../../../../renderer/src/features/chat/ChatView';
import { renderWithStores } from '../../render-app';
import { harness, until, type Harness } from '../../stores/helpers';
import { json, startLoopback, type LoopbackServer } from '../../../live/fixtures/loopback-server';

vi.mock('@uiw/react-codemirror', () => import('../../codemirror-mock'));
let h: Harness;
let hook: LoopbackServer;
beforeAll(async () => {
  hook = await startLoopback({ '/invoices': (req, res) => json(res, 200, { for: (req.body as { arguments: unknown }).arguments }) });
});
afterAll(() => hook?.close());
afterEach(() => (cleanup(), h?.stop()));

const tool = (name: string, required: string[]) => ({
  type: 'function' as const,
  function: { name, parameters: { type: 'object', properties: { customer_id: { type: 'string' }, month: { type: 'string' } }, required } },
});

describe('ToolCallCard: ran with other arguments', () => {
  it('marks a call whose pinned tenant value the guard filled in, with the arguments it ran with', async () => {
    h = harness();
    const a = await h.stores.assistants.getState().create({ name: 'Billing', model: 'mock', tools: [tool('get_invoices', []), tool('get_month', [])] });
    await h.stores.assistants.getState().setHandler(a.id, 'get_invoices', { mode: 'live', auto: true, live: { handler: 'webhook', url: `${hook.url}/invoices`, pin: { customer_id: 'thread.metadata.customer_id' } } });
    await h.stores.assistants.getState().setHandler(a.id, 'get_month', { mode: 'live', auto: true, live: { handler: 'webhook', url: `${hook.url}/invoices` } });
    const t = await h.bridge.services.api.threads.create({ title: 'Tenant', metadata: { customer_id: 'cus_tenant' } });
    h.stores.ui.getState().set({ threadId: t.id, assistantId: a.id });
    await h.stores.threads.getState().loadMessages(t.id);
    await h.stores.threads.getState().loadRuns(t.id);
    renderWithStores(<ChatView threadId={t.id} />, h);
    const run = await h.stores.runs.getState().start(t.id, { assistant_id: a.id }, 'get_invoices month=2026-01 and get_month month=2026-01');
    await until(() => h.stores.runs.getState().live[run.id]?.run?.status === 'completed', 'completed');
    expect(hook.hits('/invoices').map((r) => (r.body as { arguments: unknown }).arguments)).toEqual(expect.arrayContaining([{ month: '2026-01', customer_id: 'cus_tenant' }, { month: '2026-01' }]));

    const cards = await screen.findAllByText(/^ƒ /);
    const invoices = cards.find((c) => c.textContent === 'ƒ get_invoices')!.closest('.tool-call') as HTMLElement;
    const month = cards.find((c) => c.textContent === 'ƒ get_month')!.closest('.tool-call') as HTMLElement;
    // The model's arguments stay as sent; next to them, marked, what the handler got.
    expect(within(invoices).getByLabelText('Arguments of get_invoices').textContent).not.toContain('cus_tenant');
    const mark = within(invoices).getByTestId('ran-with');
    expect(mark.textContent).toContain('ran with edited arguments');
    expect(mark.textContent).toContain('tenant values filled in by the guard');
    expect(JSON.parse(within(invoices).getByLabelText('Arguments get_invoices ran with').textContent ?? '')).toEqual({ month: '2026-01', customer_id: 'cus_tenant' });
    // Run as the model sent it: no mark.
    expect(within(month).queryByTestId('ran-with')).toBeNull();
  });
});
