/**
 * `npm run runlens -- <command> [options]`: the RunLens command line (DESIGN.md, Wave 2).
 * Exit 0 on success, 1 with a one-line error, 2 on a usage error. `--db FILE` (or RUNLENS_DB)
 * picks the database, as for serve; the default is the app's database.
 */
import { dispatch } from './dispatch';

dispatch(process.argv.slice(2), process.env, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`runlens: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
