/**
 * `tsx electron/services/cli/running-instance.ts [serve args…]`: prints, as one JSON line, the
 * RunLens process holding the writer lock of the database those arguments would open
 * (`{"db": …, "holder": {pid, kind, url, …} | null}`), so `npm start` can offer to open the
 * running instance instead of failing to start a second one. Never takes the lock itself.
 * Exits 2 with the usage message on bad arguments (the real start then reports them).
 */
import { runningHolder } from '../db/db-lock';
import { parseServeArgs, UsageError } from './args';

try {
  const { dbPath } = parseServeArgs(process.argv.slice(2));
  console.log(JSON.stringify({ db: dbPath, holder: runningHolder(dbPath) }));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(error.message);
  process.exitCode = 2;
}
