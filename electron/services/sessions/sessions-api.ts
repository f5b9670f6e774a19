/**
 * The `sessions` domain of the bridge contract over the SessionService: errors a user can
 * fix become 400s with the one-line message; an export without a file goes to the data
 * directory's `exports` folder under a timestamped name.
 */
import path from 'node:path';
import type { RunLensApi } from '../../contract/api';
import type { ReexecuteSummary } from '../../contract/sessions';
import { ApiError } from '../runtime/api-error';
import type { ReexecuteResult } from './reexecute';
import { formatImportReport } from './report';
import { SessionFileError } from './session-format';
import type { SessionService } from './session-service';

function userError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof SessionFileError) throw new ApiError(400, error.message);
    throw error;
  }
}

function summary(r: ReexecuteResult): ReexecuteSummary {
  return {
    run_id: r.run.id,
    thread_id: r.run.thread_id,
    parent_run_id: r.origin.parent_run_id,
    status: r.run.status,
    settled: r.settled,
    identical: r.origin.identical,
    reason: r.origin.divergence?.reason ?? null,
  };
}

/** The sessions calls for the bridge. */
export function createSessionsApi(sessions: SessionService, dataDir: string, now: () => number = Date.now): RunLensApi['sessions'] {
  return {
    export: async (input) =>
      userError(() => {
        const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
        const file = input.file?.trim() ? path.resolve(input.file.trim()) : path.join(dataDir, 'exports', `runlens-${stamp}.runlens`);
        return sessions.exportTo(file, input.thread_ids ?? []);
      }),
    import: async (file) =>
      userError(() => {
        if (!file.trim()) throw new SessionFileError('Give the path of a .runlens session file.');
        const report = sessions.importFrom(path.resolve(file.trim()));
        return { added: report.added, skipped: report.skipped, thread_ids: report.thread_ids, lines: formatImportReport(report) };
      }),
    search: async (query, limit) => sessions.search(query, limit),
    rerun: async (runId, options) => summary(await sessions.rerun(runId, options)),
    fork: async (runId, stepId, edit) => summary(await sessions.fork(runId, { step_id: stepId, edit })),
    diff: async (runA, runB) => sessions.diff(runA, runB),
    lineage: async (runId) => sessions.lineage(runId),
  };
}
