/**
 * Failing storage in the UI: the real services' event log fails its commits (an injected failing
 * statement), the `storage.status` push reaches the shell, and the banner says so — gone by
 * itself once a commit succeeds, or after a given-up batch, once the user dismisses it.
 */
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StorageBanner } from '../../../renderer/src/app/StorageBanner';
import { renderWithStores } from '../render-app';

describe('storage banner', () => {
  afterEach(cleanup);

  it('appears while commits fail and are retried, and disappears once saving works again', async () => {
    const { h } = renderWithStores(<StorageBanner />);
    const log = h.bridge.services.log;
    let failing = true;
    log.beforeCommit = () => {
      if (failing) throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
    };
    const created = h.bridge.api.threads.create({ metadata: { title: 'kept' } });
    const banner = await screen.findByTestId('storage-banner');
    expect(banner.textContent).toContain('Saving to the database is failing: disk I/O error');
    expect(banner.textContent).toContain('retrying');
    expect(banner.getAttribute('role')).toBe('alert');
    failing = false;
    const thread = await created;
    await waitFor(() => expect(screen.queryByTestId('storage-banner')).toBeNull());
    expect((await h.bridge.api.threads.get(thread.id)).metadata).toEqual({ title: 'kept' });
  });

  it('a batch given up: the banner says the affected runs were failed and stays until dismissed', async () => {
    const { h } = renderWithStores(<StorageBanner />);
    const log = h.bridge.services.log;
    log.beforeCommit = () => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    };
    await expect(h.bridge.api.threads.create({})).rejects.toThrow(/could not save/);
    log.beforeCommit = null;
    const banner = await screen.findByText(/Saving to the database failed: database or disk is full\. The affected runs were failed\./);
    expect(banner.closest('[data-testid="storage-banner"]')).not.toBeNull();
    // Saving works again, but what was lost stays said until the user has seen it.
    await h.bridge.api.threads.create({});
    expect(screen.getByTestId('storage-banner').textContent).toContain('The affected runs were failed.');
    act(() => fireEvent.click(screen.getByRole('button', { name: 'Dismiss storage problem' })));
    expect(screen.queryByTestId('storage-banner')).toBeNull();
  });
});
