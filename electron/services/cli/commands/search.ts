/** `runlens search QUERY [--json] [--limit N]`: full-text search over every thread's recorded runs. */
import { openExistingDatabase } from '../../sessions/open-database';
import { hitLine, searchSessions } from '../../sessions/search';
import { SessionFileError } from '../../sessions/session-format';
import { CommandError, flagOption, stringOption, UsageError, type CliCommand } from '../command';

export const searchCommand: CliCommand = {
  name: 'search',
  summary: 'full-text search over messages, tool arguments and outputs, errors and ids',
  usage: 'search QUERY [--json] [--limit N]',
  options: { json: { type: 'boolean' }, limit: { type: 'string' } },
  positionals: [1, 1],
  async run(ctx) {
    const limitText = stringOption(ctx, 'limit') ?? '20';
    if (!/^\d+$/.test(limitText) || Number(limitText) < 1) throw new UsageError(`--limit must be a positive whole number, got '${limitText}'`);
    let db;
    try {
      db = openExistingDatabase(ctx.dbPath);
    } catch (error) {
      if (error instanceof SessionFileError) throw new CommandError(error.message);
      throw error;
    }
    try {
      const hits = searchSessions(db, ctx.positionals[0], Number(limitText));
      if (flagOption(ctx, 'json')) {
        ctx.out(JSON.stringify({ query: ctx.positionals[0], hits }, null, 2));
        return;
      }
      if (hits.length === 0) ctx.out(`No matches for '${ctx.positionals[0]}'.`);
      for (const hit of hits) ctx.out(`${hit.thread_id} ${hit.run_id ?? '-'} ${hit.step_id ?? '-'} ${hit.kind}: ${hitLine(hit)}`);
    } finally {
      db.close();
    }
  },
};
