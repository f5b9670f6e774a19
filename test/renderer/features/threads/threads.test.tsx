import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ThreadList } from '../../../../renderer/src/features/threads/ThreadList';
import { ThreadHeader } from '../../../../renderer/src/features/chat/ThreadHeader';
import { useThreads, useUi } from '../../../../renderer/src/stores';
import { renderWithStores } from '../../render-app';
import { harness, type Harness } from '../../stores/helpers';

let h: Harness;
afterEach(() => (cleanup(), h?.stop()));

function OpenHeader() {
  const id = useUi((s) => s.threadId);
  const summary = useThreads((s) => s.summaries.find((x) => x.thread.id === id));
  return id ? <ThreadHeader threadId={id} summary={summary} /> : <div>no thread</div>;
}

describe('threads', () => {
  it('lists threads newest first, searches their text, and shows the last run status', async () => {
    h = harness();
    const a = await h.bridge.api.assistants.create({ model: 'mock' });
    const older = await h.bridge.api.threads.create({ title: 'Refund for order 42' });
    await h.bridge.api.messages.create(older.id, { role: 'user', content: 'customer wants a refund' });
    const newer = await h.bridge.api.threads.create({ title: 'Weather talk' });
    await h.bridge.api.messages.create(newer.id, { role: 'user', content: 'is it sunny in Paris?' });
    await h.bridge.api.runs.create(newer.id, { assistant_id: a.id });
    renderWithStores(<ThreadList />, h);
    const list = await screen.findByRole('listbox', { name: 'Thread list' });
    await waitFor(() => expect(within(list).getAllByRole('option').map((o) => o.querySelector('.thread-title')?.textContent)).toEqual(['Weather talk', 'Refund for order 42']));
    await waitFor(() => expect(within(list).getAllByRole('option')[0].querySelector('[data-status="completed"]')).toBeTruthy());

    fireEvent.change(screen.getByLabelText('Search threads'), { target: { value: 'sunny' } });
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(1));
    expect(within(list).getByRole('option').textContent).toContain('Weather talk');
    fireEvent.change(screen.getByLabelText('Search threads'), { target: { value: 'nothing like this' } });
    expect(await screen.findByText('No thread matches “nothing like this”.')).toBeTruthy();
  });

  it('renames (kept in metadata.title), duplicates and deletes the open thread', async () => {
    h = harness();
    const t = await h.bridge.api.threads.create({ title: 'Draft' });
    await h.stores.threads.getState().load();
    h.stores.ui.getState().set({ threadId: t.id });
    renderWithStores(
      <>
        <OpenHeader />
        <ThreadList />
      </>,
      h,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    const input = screen.getByLabelText('Thread title');
    fireEvent.change(input, { target: { value: 'Final name' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(async () => expect((await h.bridge.api.threads.get(t.id)).metadata?.title).toBe('Final name'));
    await screen.findByRole('button', { name: 'Final name' });

    fireEvent.click(screen.getByRole('button', { name: 'Duplicate' }));
    await waitFor(() => expect(h.stores.threads.getState().summaries).toHaveLength(2));
    const copyId = h.stores.ui.getState().threadId;
    expect(copyId).not.toBe(t.id);

    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete for good' }));
    await waitFor(() => expect(h.stores.threads.getState().summaries.map((s) => s.thread.id)).toEqual([t.id]));
    expect(screen.getByText('no thread')).toBeTruthy();
  });
  it('a thread the list does not hold (older than the newest 500) still shows its own title in the header', async () => {
    h = harness();
    const old = await h.bridge.api.threads.create({ title: 'From last year' });
    for (let i = 0; i < 500; i++) await h.bridge.api.threads.create({ title: `newer ${i}` });
    await h.stores.threads.getState().load();
    expect(h.stores.threads.getState().summaries.some((x) => x.thread.id === old.id)).toBe(false);
    h.stores.ui.getState().set({ threadId: old.id });
    renderWithStores(<OpenHeader />, h);
    expect(await screen.findByText('From last year')).toBeTruthy();
    expect(screen.queryByText('Untitled thread')).toBeNull();
  });
});
