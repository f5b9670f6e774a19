/**
 * The bridge shapes of sessions (issue 11): export/import results, search hits, re-run and
 * fork summaries, run diffs and run origins. The services define them; the renderer sees
 * them through these type-only re-exports.
 */
export type { SearchHit, SearchHitKind } from '../services/sessions/search';
export type { RunDiff, DiffRow, DiffPart, FieldChange, Divergence } from '../services/sessions/run-diff';
export type { StepView, StepCall } from '../services/sessions/run-view';
export type { ForkEdit, RunOrigin } from '../services/sessions/reexecute';

/** What an export wrote. */
export interface SessionExportResult {
  file: string;
  counts: Record<string, number>;
}

/** What an import added and skipped, with the lines the app shows. */
export interface SessionImportResult {
  added: Record<string, number>;
  skipped: Record<string, number>;
  thread_ids: string[];
  lines: string[];
}

/** How to run an import from the app. */
export interface SessionImportOptions {
  /** Carried by every `sessions.import.progress` push of this import, so its caller can follow it. */
  progress_id?: string;
  /** The name the user knows the file by (an upload's original name); messages use it instead of the path. */
  display_name?: string;
}

/**
 * A running import's progress, pushed to every face in order: checking the file, copying (and
 * indexing) N of M events, committing, then `done` with the report lines or `failed` with the
 * reason. While it runs every other call waits: the app is busy.
 */
export interface SessionImportProgress {
  id: string;
  /** The file's name (no directories). */
  name: string;
  phase: 'checking' | 'copying' | 'committing' | 'done' | 'failed';
  done: number;
  total: number;
  /** 0–100 over the whole import; 100 only when it is committed. */
  percent: number;
  message: string;
  /** `done`: the report lines; `failed`: the reason, one line. */
  lines?: string[];
}

/** A re-run or fork as the app shows it. */
export interface ReexecuteSummary {
  run_id: string;
  thread_id: string;
  parent_run_id: string;
  status: string;
  settled: boolean;
  identical: boolean | null;
  reason: string | null;
}
