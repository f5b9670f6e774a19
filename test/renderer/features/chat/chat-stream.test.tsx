import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { ChatView } from '../../../../renderer/src/features/chat/ChatView';
import type { RunEventRecord } from '../../../../electron/contract/events';
import { renderWithStores } from '../../render-app';
import { harness, until, weatherTool, type Harness } from '../../stores/helpers';

vi.mock('@uiw/react-codemirror', () => import('../../codemirror-mock'));
let h: Harness;
afterEach(() => (cleanup(), h?.stop()));

async function openThread() {
  h = harness();
  const a = await h.stores.assistants.getState().create({ name: 'W', model: 'mock', tools: [weatherTool] });
  const t = await h.stores.threads.getState().create('Stream test');
  h.stores.ui.getState().set({ threadId: t.id, assistantId: a.id });
  await h.stores.threads.getState().loadMessages(t.id);
  await h.stores.threads.getState().loadRuns(t.id);
  return { a, t };
}

describe('ChatView streaming', () => {
  it('renders assistant text and tool-call arguments as their deltas arrive (a run driven from outside, as through /v1)', async () => {
    const { a, t } = await openThread();
    renderWithStores(<ChatView threadId={t.id} />, h);
    // Hold the push stream, run the real engine, then deliver its events one at a time.
    h.bridge.hold();
    const api = h.bridge.services.api;
    await api.messages.create(t.id, { role: 'user', content: 'get_weather city=Paris' });
    const run = await api.runs.create(t.id, { assistant_id: a.id });
    await until(async () => (await api.runs.get(run.id)).run.status === 'requires_action', 'requires_action');
    const released: RunEventRecord[] = [];
    const releaseUntil = (done: (ev: RunEventRecord) => boolean) => {
      for (;;) {
        let push: ReturnType<typeof h.bridge.release>[number] | undefined;
        act(() => void ([push] = h.bridge.release(1)));
        if (!push) throw new Error('ran out of events');
        if (push.name !== 'run.event') continue;
        released.push(push.payload);
        if (done(push.payload)) return push.payload;
      }
    };
    const fragments = () =>
      released.flatMap((e) => (e.type === 'thread.run.step.delta' && e.data.delta.step_details?.type === 'tool_calls' ? (e.data.delta.step_details.tool_calls ?? []) : [])).map((c) => c.function?.arguments ?? '');
    // the first fragment that carries some of the arguments
    releaseUntil((e) => e.type === 'thread.run.step.delta' && fragments().join('') !== '');
    const partial = fragments().join('');
    expect(partial.length).toBeLessThan('{"city":"Paris"}'.length);
    expect(screen.getByLabelText('Arguments of get_weather').textContent).toBe(partial);
    releaseUntil((e) => e.type === 'thread.run.requires_action');
    // Complete JSON is pretty-printed.
    expect(screen.getByLabelText('Arguments of get_weather').textContent).toBe('{\n  "city": "Paris"\n}');
    expect(screen.getByTestId('lock-banner').textContent).toContain(`locked by run ${run.id}`);
    await api.runs.cancel(run.id);
    await until(async () => (await api.runs.get(run.id)).run.status === 'cancelled', 'cancelled');
    act(() => void h.bridge.release());

    await api.messages.create(t.id, { role: 'user', content: 'The **weather** is `sunny`.' });
    const second = await api.runs.create(t.id, { assistant_id: a.id });
    await until(async () => (await api.runs.get(second.id)).run.status === 'completed', 'completed');
    const firstDelta = releaseUntil((e) => e.type === 'thread.message.delta');
    const messageId = firstDelta.type === 'thread.message.delta' ? firstDelta.data.id : '';
    const bubble = () => document.querySelector(`[data-message-id="${messageId}"]`) as HTMLElement;
    expect(bubble().textContent).not.toContain('sunny');
    expect(screen.getByTestId('lock-banner').textContent).toContain(`locked by run ${second.id}`);
    act(() => void h.bridge.release());
    expect(bubble().textContent).toContain('Echo: The weather is sunny.');
    expect(bubble().querySelector('strong')?.textContent).toBe('weather');
    expect(bubble().querySelector('code')?.textContent).toBe('sunny');
    expect(screen.queryByTestId('lock-banner')).toBeNull();
    expect(document.querySelector(`[data-run-id="${second.id}"]`)?.getAttribute('data-run-status')).toBe('completed');
  });

  it('sends with Ctrl+Enter, shows the reply, and offers to cancel a slow run that locks the thread', async () => {
    const { t } = await openThread();
    renderWithStores(<ChatView threadId={t.id} />, h);
    expect(screen.getByText('This thread is empty')).toBeTruthy();
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.change(box, { target: { value: 'hello' } });
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(screen.getByText('Echo: hello')).toBeTruthy());
    expect((box as HTMLTextAreaElement).value).toBe('');

    fireEvent.change(box, { target: { value: 'slow [mock:delay=5000]' } });
    fireEvent.keyDown(box, { key: 'Enter', metaKey: true });
    const banner = await screen.findByTestId('lock-banner');
    expect(banner.textContent).toMatch(/locked by run/);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel run' }));
    await until(() => document.querySelector('[data-run-status="cancelled"]'), 'cancelled badge');
    await waitFor(() => expect(screen.queryByTestId('lock-banner')).toBeNull());
  });
});
