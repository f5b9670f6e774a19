import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { ChatView } from '../../../../renderer/src/features/chat/ChatView';
import type { RunEventRecord, RunEventType } from '../../../../electron/contract/events';
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
  it('renders assistant text and tool-call arguments as their deltas arrive (pushed as a /v1 run would be)', async () => {
    const { a, t } = await openThread();
    renderWithStores(<ChatView threadId={t.id} />, h);
    let seq = 0;
    const push = (type: RunEventType, data: unknown) =>
      act(() => h.bridge.push('run.event', { id: seq + 1, run_id: 'run_ext', thread_id: t.id, seq: ++seq, ts: Date.now(), type, data } as RunEventRecord));
    const run = { id: 'run_ext', object: 'thread.run', thread_id: t.id, assistant_id: a.id, created_at: 1e10, status: 'in_progress', model: 'mock', last_error: null, expires_at: null, usage: null, incomplete_details: null };
    push('thread.run.created', { ...run, status: 'queued' });
    push('thread.run.in_progress', run);
    const step = { id: 'step_t', type: 'tool_calls', status: 'in_progress', step_details: { type: 'tool_calls', tool_calls: [] } };
    push('thread.run.step.created', step);
    push('thread.run.step.delta', { id: 'step_t', delta: { step_details: { type: 'tool_calls', tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '', output: null } }] } } });
    push('thread.run.step.delta', { id: 'step_t', delta: { step_details: { type: 'tool_calls', tool_calls: [{ index: 0, type: 'function', function: { arguments: '{"city":' } }] } } });
    expect(screen.getByLabelText('Arguments of get_weather').textContent).toBe('{"city":');
    push('thread.run.step.delta', { id: 'step_t', delta: { step_details: { type: 'tool_calls', tool_calls: [{ index: 0, type: 'function', function: { arguments: '"Paris"}' } }] } } });
    // Complete JSON is pretty-printed.
    expect(screen.getByLabelText('Arguments of get_weather').textContent).toBe('{\n  "city": "Paris"\n}');
    expect(screen.getByTestId('lock-banner').textContent).toMatch(/locked by run run_ext/);

    const msg = { id: 'msg_a', object: 'thread.message', thread_id: t.id, role: 'assistant', content: [], run_id: 'run_ext', status: 'in_progress', created_at: 1e10 };
    push('thread.run.step.created', { id: 'step_m', type: 'message_creation', status: 'in_progress', step_details: { type: 'message_creation', message_creation: { message_id: 'msg_a' } } });
    push('thread.message.created', msg);
    push('thread.message.delta', { id: 'msg_a', delta: { content: [{ index: 0, type: 'text', text: { value: 'The **weather** ' } }] } });
    const bubble = () => document.querySelector('[data-message-id="msg_a"]') as HTMLElement;
    expect(bubble().textContent).toContain('The weather');
    push('thread.message.delta', { id: 'msg_a', delta: { content: [{ index: 0, type: 'text', text: { value: 'is `sunny`.' } }] } });
    expect(bubble().textContent).toContain('The weather is sunny.');
    expect(bubble().querySelector('strong')?.textContent).toBe('weather');
    expect(bubble().querySelector('code')?.textContent).toBe('sunny');
    push('thread.run.completed', { ...run, status: 'completed' });
    expect(screen.queryByTestId('lock-banner')).toBeNull();
    expect(document.querySelector('[data-run-id="run_ext"]')?.getAttribute('data-run-status')).toBe('completed');
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
