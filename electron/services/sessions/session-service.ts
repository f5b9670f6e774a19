/**
 * Sessions inside a running app: export, import, search (and, in their own modules,
 * re-run, fork and diff) over the app's own connection. Pending writes are committed first,
 * imported events take ids from the event log, and every imported thread is announced so
 * every face refreshes its lists.
 */
import type { EntityChange } from '../../contract/events';
import type { EventLog } from '../events/event-log';
import type { Store } from '../runtime/store';
import { exportSession, type ExportSummary } from './export-session';
import { importSessionAsync, type ImportProgress, type ImportReport } from './import-session';
import { BusyGate } from './busy-gate';
import { searchSessions, type SearchHit } from './search';
import type { ForkRequest, ReexecuteResult, Reexecutor, RerunRequest, RunOrigin } from './reexecute';
import type { RunDiff } from './run-diff';

export interface SessionServiceDeps {
  store: Store;
  log: EventLog;
  emit: (change: EntityChange) => void;
  creator: string;
  reexecutor: Reexecutor;
  /** Where uploaded files' bytes live (`<dataDir>/files`), so files and vector stores travel in session files. */
  filesDir?: string;
}

/** Export, import, search, re-run, fork and diff for one open database. */
export class SessionService {
  /** Held by an import; every other call of the faces waits for it (see BusyGate). */
  readonly gate = new BusyGate();

  constructor(private readonly deps: SessionServiceDeps) {}

  private commit(): void {
    this.deps.log.flush();
    this.deps.store.sync();
  }

  /** Writes the threads (all when none) to `file`. */
  exportTo(file: string, threadIds: readonly string[] = []): ExportSummary {
    this.commit();
    return exportSession(this.deps.store.db, file, { threadIds, creator: this.deps.creator, filesDir: this.deps.filesDir });
  }

  /**
   * Validates and imports `file`; throws SessionFileError with nothing changed when refused.
   * Runs in one transaction across turns of the event loop, so `onProgress` updates reach the
   * faces while it copies. Meanwhile the event log's commits are held and every other call
   * waits at the gate: nothing else writes into the import's transaction.
   */
  importFrom(file: string, onProgress?: ImportProgress): Promise<ImportReport> {
    return this.gate.run(async () => {
      this.commit();
      const release = this.deps.log.hold();
      let report: ImportReport;
      try {
        report = await importSessionAsync(this.deps.store.db, file, { onProgress, reserveEventIds: (n) => this.deps.log.reserveIds(n), filesDir: this.deps.filesDir });
      } finally {
        release();
      }
      for (const id of report.thread_ids) this.deps.emit({ kind: 'thread', op: 'created', id });
      return report;
    });
  }

  /** Full-text search over every thread. */
  search(query: string, limit?: number): SearchHit[] {
    this.commit();
    return searchSessions(this.deps.store.db, query, limit);
  }

  /** Re-runs a recorded run on a copy of its thread; resolves when it settles or waits for a person. */
  rerun(runId: string, request?: RerunRequest): Promise<ReexecuteResult> {
    return this.deps.reexecutor.rerun(runId, request);
  }

  /** Forks a recorded run at a step with one edit. */
  fork(runId: string, request: ForkRequest): Promise<ReexecuteResult> {
    return this.deps.reexecutor.fork(runId, request);
  }

  /** Step-aligned comparison of two runs. */
  diff(runA: string, runB: string): RunDiff {
    this.commit();
    return this.deps.reexecutor.diff(runA, runB);
  }

  /** Where a run came from and what was re-run or forked from it. */
  lineage(runId: string): { origin: RunOrigin | null; children: RunOrigin[] } {
    return this.deps.reexecutor.lineage(runId);
  }
}
