/**
 * Browser mode: the banner shown the moment the RunLens server cannot be reached. The bridge
 * reconnects by itself (with backoff); the banner goes once the event stream is open again.
 */
import { useUi } from '../stores';

export function ConnectionBanner() {
  const down = useUi((s) => s.connection === 'down');
  return (
    <div aria-live="assertive" data-testid="connection-live">
      {down ? (
        <div className="notice notice-error" role="status" data-testid="connection-banner">
          <span>RunLens server unreachable — reconnecting…</span>
        </div>
      ) : null}
    </div>
  );
}
