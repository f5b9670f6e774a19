/**
 * Review mode (`npm run serve -- --review FILE`): a session file opened read-only, without
 * importing it anywhere. The file goes through the same checks and import as always, but into a
 * fresh temporary database of its own, which the usual services then serve — so threads, runs,
 * the timeline, search and diffs work as in the app, while every call that would change
 * something is refused and the user's own database is never touched. The temporary copy is
 * removed when the server stops.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunLensApi, RunLensMethodName } from '../../contract/api';
import { openDatabase } from '../db/database';
import { ApiError } from '../runtime/api-error';
import { importSession, type ImportReport } from './import-session';
import { wrapApi } from '../wrap-api';

/** The calls review mode answers: reads, search, diff, lineage, and exporting (which writes only the exported file). */
export const REVIEW_METHODS: ReadonlySet<RunLensMethodName> = new Set<RunLensMethodName>([
  'app.info',
  'assistants.list',
  'assistants.get',
  'assistants.versions',
  'threads.list',
  'threads.get',
  'messages.list',
  'runs.get',
  'runs.list',
  'runs.events',
  'runs.eventsPage',
  'runs.eventBody',
  'handlers.list',
  'models.list',
  'workspace.config',
  'workspace.hasSecret',
  'files.attached',
  'files.content',
  'providers.list',
  'providers.presets',
  'scripted.get',
  'scripted.versions',
  'prices.list',
  'settings.hasProviderKey',
  'settings.serverStatus',
  'settings.apiKey',
  'sessions.export',
  'sessions.search',
  'sessions.diff',
  'sessions.lineage',
]);

/** The one-line refusal of review mode. */
export function reviewRefusal(file: string): string {
  return `Review mode: ${path.basename(file)} is open read-only. Import it (Sessions → Import session file…, or npm run runlens -- import FILE) to change anything.`;
}

/** `api` with every call outside REVIEW_METHODS refused (403 `read_only`) before it runs. */
export function readOnlyApi(api: RunLensApi, message: string): RunLensApi {
  return wrapApi(api, (name, method) =>
    REVIEW_METHODS.has(name as RunLensMethodName)
      ? method
      : async () => {
          throw new ApiError(403, message, 'permission_error', null, 'read_only');
        },
  );
}

/** A temporary data directory holding the session file as a database of its own. */
export interface ReviewCopy {
  dataDir: string;
  dbPath: string;
  report: ImportReport;
  /** Deletes the temporary copy. */
  remove(): void;
}

/** Checks and copies `file` into a fresh temporary database (throws SessionFileError when it is refused). */
export function prepareReview(file: string, tempRoot: string = os.tmpdir()): ReviewCopy {
  const dataDir = fs.mkdtempSync(path.join(tempRoot, 'runlens-review-'));
  const remove = (): void => fs.rmSync(dataDir, { recursive: true, force: true });
  const dbPath = path.join(dataDir, 'runlens.db');
  try {
    const db = openDatabase(dbPath);
    try {
      const report = importSession(db, file, { filesDir: path.join(dataDir, 'files') });
      return { dataDir, dbPath, report, remove };
    } finally {
      db.close();
    }
  } catch (error) {
    remove();
    throw error;
  }
}
