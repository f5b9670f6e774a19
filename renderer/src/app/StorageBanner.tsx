/**
 * The shell's banner for a failing database: shown while commits fail and are retried (it goes
 * by itself once a commit succeeds again), and after a batch was given up (its runs were
 * failed), until the user dismisses it.
 */
import { useStores, useUi } from '../stores';

export function StorageBanner() {
  const storage = useUi((s) => s.storage);
  const { ui } = useStores();
  if (!storage || storage.ok) return null;
  const text = storage.given_up
    ? (storage.message ?? 'Saving to the database failed. The affected runs were failed.')
    : `${storage.message ?? 'Saving to the database is failing'} — retrying (attempt ${storage.failed_attempts})…`;
  return (
    <div className="notice notice-error" role="alert" data-testid="storage-banner">
      <span>{text}</span>
      <span className="spacer" />
      {storage.given_up ? (
        <button className="btn btn-small btn-ghost" onClick={() => ui.getState().set({ storage: null })} aria-label="Dismiss storage problem">
          ×
        </button>
      ) : null}
    </div>
  );
}
