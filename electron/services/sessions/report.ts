/** Human-readable lines for an import report, shared by the CLI and the app. */
import type { ImportKind, ImportReport } from './import-session';

const LABELS: Array<[ImportKind, string]> = [
  ['threads', 'threads'],
  ['runs', 'runs'],
  ['events', 'events'],
  ['messages', 'messages'],
  ['run_steps', 'steps'],
  ['assistants', 'assistants'],
  ['assistant_versions', 'assistant versions'],
  ['handlers', 'handlers'],
  ['files', 'files'],
  ['vector_stores', 'vector stores'],
  ['vector_store_files', 'vector store files'],
];

/** "Added …" and, when anything was already present, "Skipped (already present) …". */
export function formatImportReport(report: ImportReport): string[] {
  const part = (counts: Record<ImportKind, number>): string =>
    LABELS.filter(([k]) => counts[k] > 0).map(([k, label]) => `${counts[k]} ${label}`).join(', ') || 'nothing';
  const lines = [`Added ${part(report.added)}.`];
  if (Object.values(report.skipped).some((n) => n > 0)) lines.push(`Skipped (already present) ${part(report.skipped)}.`);
  return lines;
}
