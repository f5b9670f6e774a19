/** `runlens export --out FILE [--thread ID]...`: writes a session file (all threads when none is named). */
import path from 'node:path';
import { APP_VERSION } from '../../services';
import { exportSession } from '../../sessions/export-session';
import { openExistingDatabase } from '../../sessions/open-database';
import { SessionFileError } from '../../sessions/session-format';
import { CommandError, listOption, stringOption, UsageError, type CliCommand } from '../command';

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'write a portable session file (.runlens)',
  usage: 'export --out FILE [--thread ID]...',
  options: { out: { type: 'string' }, thread: { type: 'string', multiple: true } },
  positionals: [0, 0],
  async run(ctx) {
    const out = stringOption(ctx, 'out');
    if (!out) throw new UsageError('--out FILE is required');
    try {
      const db = openExistingDatabase(ctx.dbPath);
      try {
        // Uploaded files' bytes live beside the database, in the data directory's `files` folder.
        const filesDir = path.join(path.dirname(path.resolve(ctx.dbPath)), 'files');
        const summary = exportSession(db, out, { threadIds: listOption(ctx, 'thread'), creator: `runlens ${APP_VERSION}`, filesDir });
        const c = summary.counts;
        ctx.out(`Exported ${c.threads} threads, ${c.runs} runs, ${c.events} events, ${c.messages} messages, ${c.assistants} assistants to ${summary.file}`);
      } finally {
        db.close();
      }
    } catch (error) {
      if (error instanceof SessionFileError) throw new CommandError(error.message);
      throw error;
    }
  },
};
