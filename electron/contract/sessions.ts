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
