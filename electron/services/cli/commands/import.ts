/** `runlens import FILE`: validates a session file, then adds its contents in one transaction. */
import path from 'node:path';
import { importSession } from '../../sessions/import-session';
import { openExclusiveDatabase } from '../../sessions/open-database';
import { SessionFileError } from '../../sessions/session-format';
import { CommandError, type CliCommand } from '../command';
import { formatImportReport } from '../../sessions/report';

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'add a session file to the database (existing ids are kept)',
  usage: 'import FILE',
  options: {},
  positionals: [1, 1],
  async run(ctx) {
    try {
      const { db, close } = openExclusiveDatabase(ctx.dbPath, 'import');
      try {
        let lastShown = 0;
        const report = importSession(db, ctx.positionals[0], {
          filesDir: path.join(path.dirname(path.resolve(ctx.dbPath)), 'files'),
          onProgress: ({ phase, done, total }) => {
            if (phase !== 'copying' || total < 200_000 || done === 0 || (done - lastShown < total / 10 && done !== total)) return;
            lastShown = done;
            ctx.err(`importing events: ${done} / ${total} (${Math.round((done / total) * 100)}%)`);
          },
        });
        for (const line of formatImportReport(report)) ctx.out(line);
      } finally {
        close();
      }
    } catch (error) {
      if (error instanceof SessionFileError) throw new CommandError(error.message);
      throw error;
    }
  },
};
