/**
 * The runtime's guard on the run lifecycle. The table itself is the contract's
 * (`contract/run-lifecycle.ts`), shared with the UI; every status change the engine makes
 * goes through `assertTransition`, so a run can only move along those edges.
 */
import { canTransition, isActiveRunStatus, isTerminalRunStatus, RUN_TRANSITIONS } from '../../contract/run-lifecycle';
import type { RunStatus } from '../../contract/objects';

export { canTransition, RUN_TRANSITIONS };

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: RunStatus,
    readonly to: RunStatus,
  ) {
    super(`Illegal run transition ${from} → ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

/** Throws `IllegalTransitionError` unless the contract's table allows `from → to`. */
export function assertTransition(from: RunStatus, to: RunStatus): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
}

/** Active statuses lock the thread: no new run, no new message. */
export const isActive = isActiveRunStatus;

/** True for statuses after which nothing more happens to a run. */
export const isTerminal = isTerminalRunStatus;
