/** Builds a run's comparable view straight from the database (read-only: the CLI's `diff`). */
import type { Message, Run, RunStep } from '../../contract/objects';
import type { RunEventRecord } from '../../contract/events';
import type { Db } from '../db/database';
import { runView, type RunView } from './run-view';
import { SessionFileError } from './session-format';

/** The view of `runId`; throws SessionFileError when there is no such run. */
export function loadRunView(db: Db, runId: string): RunView {
  const row = db.prepare('SELECT data FROM runs WHERE id = ?').get(runId) as { data: string } | undefined;
  if (!row) throw new SessionFileError(`No run with id '${runId}' in the database.`);
  const run = JSON.parse(row.data) as Run;
  const steps = (db.prepare('SELECT data FROM run_steps WHERE run_id = ? ORDER BY rowid').all(runId) as Array<{ data: string }>).map((r) => JSON.parse(r.data) as RunStep);
  const messages = (db.prepare('SELECT data FROM messages WHERE thread_id = ? ORDER BY rowid').all(run.thread_id) as Array<{ data: string }>).map(
    (r) => JSON.parse(r.data) as Message,
  );
  const events = (db.prepare('SELECT * FROM events WHERE run_id = ? ORDER BY seq').all(runId) as Array<Omit<RunEventRecord, 'data'> & { data: string }>).map(
    (e) => ({ ...e, data: JSON.parse(e.data) as unknown }) as unknown as RunEventRecord,
  );
  return runView(run, steps, messages, events);
}
