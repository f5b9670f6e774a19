/**
 * Lets a poll-helper GET of a busy run (queued / in_progress / cancelling) wait briefly for
 * the run's next resting status, so the SDK's *AndPoll helpers return as soon as the run
 * is ready instead of after a sleep. The answer is always the newest committed snapshot;
 * a plain GET (without `X-Stainless-Poll-Helper`) never waits.
 */
import type { RunEventRecord } from '../../../contract/events';
import { isRunStatusEvent } from '../../../contract/event-guards';
import type { Run, RunStatus } from '../../../contract/objects';
import { WORKING_RUN_STATUSES } from '../../../contract/run-lifecycle';
import type { RuntimeApi } from '../../runtime/runtime-types';

const BUSY: ReadonlySet<RunStatus> = new Set(WORKING_RUN_STATUSES);

function restingSnapshot(event: RunEventRecord): Run | null {
  if (!isRunStatusEvent(event)) return null;
  return BUSY.has(event.data.status) ? null : event.data;
}

/**
 * Reads run `runId` of `threadId` (throwing the runtime's 404s); when it is busy, resolves
 * with the first resting snapshot committed within `maxWaitMs`, else with a fresh read.
 */
export function readRunSettled(runtime: RuntimeApi, threadId: string, runId: string, maxWaitMs: number): Promise<Run> {
  let settled: Run | null = null;
  let resolveWait: ((run: Run) => void) | null = null;
  // Subscribe before reading so no transition can slip between the read and the wait.
  const off = runtime.subscribe({ run_id: runId }, (event) => {
    if (settled) return;
    const run = restingSnapshot(event);
    if (!run) return;
    settled = run;
    if (resolveWait) resolveWait(run);
  });
  let run: Run;
  try {
    run = runtime.getRun(threadId, runId);
  } catch (error) {
    off();
    throw error;
  }
  if (settled || !BUSY.has(run.status) || maxWaitMs <= 0) {
    off();
    return Promise.resolve(settled ?? run);
  }
  return new Promise<Run>((resolve) => {
    const timer = setTimeout(() => {
      off();
      try {
        resolve(runtime.getRun(threadId, runId));
      } catch {
        resolve(run);
      }
    }, maxWaitMs);
    resolveWait = (latest) => {
      clearTimeout(timer);
      off();
      resolve(latest);
    };
  });
}
