import type { RunStatus } from '../../../electron/contract/objects';

const LABELS: Record<RunStatus, string> = {
  queued: 'queued',
  in_progress: 'running',
  requires_action: 'needs output',
  cancelling: 'cancelling',
  cancelled: 'cancelled',
  failed: 'failed',
  completed: 'completed',
  incomplete: 'incomplete',
  expired: 'expired',
};

/** A run status as a small coloured pill (`--st-<status>`); active statuses pulse. */
export function StatusBadge({ status, compact = false }: { status: RunStatus; compact?: boolean }) {
  return (
    <span className={`badge badge-${status}${compact ? ' badge-compact' : ''}`} style={{ ['--st' as string]: `var(--st-${status})` }} data-status={status} title={status}>
      <span className="badge-dot" aria-hidden />
      {compact ? null : LABELS[status]}
    </span>
  );
}
