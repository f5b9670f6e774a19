/**
 * The `sessions` domain of the bridge contract over the SessionService: errors a user can
 * fix become 400s with the one-line message; an export without a file goes to the data
 * directory's `exports` folder under a timestamped name.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { RunLensApi } from '../../contract/api';
import type { ReexecuteSummary, SessionImportProgress } from '../../contract/sessions';
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

/** Pushes closer together than this are skipped, except phase changes and the last one. */
const PROGRESS_INTERVAL_MS = 50;

/** The message with every mention of the file's path replaced by the name the user knows. */
function renamed(message: string, file: string, name: string | undefined): string {
  return name ? message.split(file).join(name) : message;
}

/** The sessions calls for the bridge; `push` delivers import progress to every face. */
export function createSessionsApi(
  sessions: SessionService,
  dataDir: string,
  now: () => number = Date.now,
  push: (progress: SessionImportProgress) => void = () => undefined,
): RunLensApi['sessions'] {
  return {
    export: async (input) =>
      userError(() => {
        const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
        const file = input.file?.trim() ? path.resolve(input.file.trim()) : path.join(dataDir, 'exports', `runlens-${stamp}.runlens`);
        return sessions.exportTo(file, input.thread_ids ?? []);
      }),
    import: async (file, options = {}) => {
      if (!file.trim()) throw new ApiError(400, 'Give the path of a .runlens session file.');
      const resolved = path.resolve(file.trim());
      const id = options.progress_id ?? randomUUID();
      const name = options.display_name ?? path.basename(resolved);
      let last: SessionImportProgress | null = null;
      let lastAt = 0;
      const send = (p: SessionImportProgress, force: boolean): void => {
        const t = Date.now();
        // The last event copied is always shown (the bar reaches the end of the copy).
        const final = p.phase === 'copying' && p.total > 0 && p.done === p.total;
        if (!force && !final && last && last.phase === p.phase && t - lastAt < PROGRESS_INTERVAL_MS) return;
        last = p;
        lastAt = t;
        push(p);
      };
      try {
        const report = await sessions.importFrom(resolved, (u) =>
          send({ id, name, phase: u.phase, done: u.done, total: u.total, percent: u.percent, message: renamed(u.message, resolved, options.display_name) }, false),
        );
        const lines = formatImportReport(report);
        send({ id, name, phase: 'done', done: report.added.events, total: report.added.events, percent: 100, message: 'Imported', lines }, true);
        return { added: report.added, skipped: report.skipped, thread_ids: report.thread_ids, lines };
      } catch (error) {
        const message = renamed(error instanceof Error ? error.message : String(error), resolved, options.display_name);
        const at = last as SessionImportProgress | null;
        send({ id, name, phase: 'failed', done: at?.done ?? 0, total: at?.total ?? 0, percent: at?.percent ?? 0, message: 'Refused: nothing was changed', lines: [message] }, true);
        if (error instanceof SessionFileError) throw new ApiError(400, message);
        throw error;
      }
    },
    search: async (query, limit) => sessions.search(query, limit),
    rerun: async (runId, options) => summary(await sessions.rerun(runId, options)),
    fork: async (runId, stepId, edit) => summary(await sessions.fork(runId, { step_id: stepId, edit })),
    diff: async (runA, runB) => sessions.diff(runA, runB),
    lineage: async (runId) => sessions.lineage(runId),
  };
}
