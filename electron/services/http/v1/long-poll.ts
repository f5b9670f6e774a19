/**
 * Lets a poll-helper GET of a busy run (queued / in_progress / cancelling) wait briefly for
 * the run's next resting status, so the SDK's *AndPoll helpers return as soon as the run
 * is ready instead of after a sleep. The answer is always a fresh snapshot; a plain GET
 * (without `X-Stainless-Poll-Helper`) never waits.
 */
import type { RunEventRecord } from '../../../contract/events';
import type { Run, RunStatus } from '../../../contract/objects';
import type { RuntimeApi } from '../../runtime/runtime-types';

const BUSY: ReadonlySet<RunStatus> = new Set(['queued', 'in_progress', 'cancelling']);

function isRunSnapshot(event: RunEventRecord): event is RunEventRecord<Run> {
  return event.type.startsWith('thread.run.') && !event.type.startsWith('thread.run.step.');
}

/** Resolves with the run once it is no longer busy, or with its state after `maxWaitMs`. */
export function waitForRunToSettle(runtime: RuntimeApi, run: Run, maxWaitMs: number): Promise<Run> {
  if (!BUSY.has(run.status) || maxWaitMs <= 0) return Promise.resolve(run);
  return new Promise((resolve) => {
    let done = false;
    let timer: NodeJS.Timeout | null = null;
    let off: (() => void) | null = null;
    const settle = (): void => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      if (off) off();
      try {
        resolve(runtime.getRun(run.thread_id, run.id));
      } catch {
        resolve(run);
      }
    };
    off = runtime.subscribe({ run_id: run.id }, (event) => {
      if (isRunSnapshot(event) && !BUSY.has((event.data as Run).status)) setImmediate(settle);
    });
    if (done) {
      off();
      return;
    }
    timer = setTimeout(settle, maxWaitMs);
    // The run may have moved between the first read and the subscription.
    try {
      if (!BUSY.has(runtime.getRun(run.thread_id, run.id).status)) settle();
    } catch {
      settle();
    }
  });
}
