/**
 * The run lifecycle of assistants-api.md §3, once, for every face: the runtime enforces it
 * (`services/runtime/state-machine.ts`), the timeline draws it (lifecycle diagram), the
 * stores and `/v1` read the status sets from here. A status change the table does not
 * list cannot happen.
 */
import type { RunStatus } from './objects';

/** Every status a run may move to from each status. Terminal statuses have no way out. */
export const RUN_TRANSITIONS: Readonly<Record<RunStatus, readonly RunStatus[]>> = {
  queued: ['in_progress', 'cancelling', 'failed', 'expired'],
  in_progress: ['requires_action', 'completed', 'incomplete', 'failed', 'cancelling', 'expired'],
  requires_action: ['queued', 'cancelling', 'expired', 'failed'],
  cancelling: ['cancelled', 'completed', 'failed', 'expired', 'incomplete'],
  cancelled: [],
  failed: [],
  completed: [],
  incomplete: [],
  expired: [],
};

/** The status a run is created in (the lifecycle's entry edge). */
export const INITIAL_RUN_STATUS: RunStatus = 'queued';

/** Active statuses lock the thread: no new run, no new message. */
export const ACTIVE_RUN_STATUSES: readonly RunStatus[] = ['queued', 'in_progress', 'requires_action', 'cancelling'];
/** Nothing more happens to a run in these statuses. */
export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ['completed', 'incomplete', 'failed', 'cancelled', 'expired'];
/** The runtime is working on the run (a client polls; nobody else has to act). */
export const WORKING_RUN_STATUSES: readonly RunStatus[] = ['queued', 'in_progress', 'cancelling'];

/** True when the table allows `from → to`. */
export function canTransition(from: RunStatus, to: RunStatus): boolean {
  return RUN_TRANSITIONS[from].includes(to);
}

/** True for statuses that lock the thread. */
export function isActiveRunStatus(status: RunStatus): boolean {
  return ACTIVE_RUN_STATUSES.includes(status);
}

/** True for statuses after which nothing more happens to a run. */
export function isTerminalRunStatus(status: RunStatus): boolean {
  return TERMINAL_RUN_STATUSES.includes(status);
}

/** Every allowed transition as a `[from, to]` pair, in table order (for drawing and exhaustive tests). */
export function runTransitionPairs(): Array<readonly [RunStatus, RunStatus]> {
  const pairs: Array<readonly [RunStatus, RunStatus]> = [];
  for (const from of Object.keys(RUN_TRANSITIONS) as RunStatus[]) for (const to of RUN_TRANSITIONS[from]) pairs.push([from, to]);
  return pairs;
}
