/** `runlens diff RUN_A RUN_B [--json]`: step-aligned comparison of two runs; names the first divergence. */
import { loadRunView } from '../../sessions/load-run-view';
import { openExistingDatabase } from '../../sessions/open-database';
import { diffRuns } from '../../sessions/run-diff';
import { formatRunDiff } from '../../sessions/format-diff';
import { SessionFileError } from '../../sessions/session-format';
import { CommandError, flagOption, type CliCommand } from '../command';

export const diffCommand: CliCommand = {
  name: 'diff',
  summary: 'compare two runs step by step and name the first divergence',
  usage: 'diff RUN_A RUN_B [--json]',
  options: { json: { type: 'boolean' } },
  positionals: [2, 2],
  async run(ctx) {
    try {
      const db = openExistingDatabase(ctx.dbPath);
      try {
        const d = diffRuns(loadRunView(db, ctx.positionals[0]), loadRunView(db, ctx.positionals[1]));
        if (flagOption(ctx, 'json')) ctx.out(JSON.stringify(d, null, 2));
        else for (const line of formatRunDiff(d)) ctx.out(line);
      } finally {
        db.close();
      }
    } catch (error) {
      if (error instanceof SessionFileError) throw new CommandError(error.message);
      throw error;
    }
  },
};
