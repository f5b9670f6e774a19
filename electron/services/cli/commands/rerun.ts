/**
 * `runlens rerun RUN_ID [--json] [--live] [--until N]`: re-executes a recorded run on a copy
 * of its thread (model and tool outputs served from the recording; `--until N` replays model
 * rounds 1..N then goes live; `--live` runs all live) and says whether it is identical.
 */
import { openWriter } from './open-writer';
import { ApiError } from '../../runtime/api-error';
import { CommandError, flagOption, stringOption, UsageError, type CliCommand } from '../command';

export const rerunCommand: CliCommand = {
  name: 'rerun',
  summary: 're-execute a recorded run from its recording; identical or first divergence',
  usage: 'rerun RUN_ID [--json] [--live] [--until N]',
  options: { json: { type: 'boolean' }, live: { type: 'boolean' }, until: { type: 'string' } },
  positionals: [1, 1],
  async run(ctx) {
    const untilText = stringOption(ctx, 'until');
    if (untilText !== undefined && !/^\d+$/.test(untilText)) throw new UsageError(`--until must be a whole number of model rounds, got '${untilText}'`);
    if (untilText !== undefined && flagOption(ctx, 'live')) throw new UsageError('--live and --until cannot be combined');
    const services = openWriter(ctx, 'rerun');
    try {
      const result = await services.sessions.rerun(ctx.positionals[0], {
        mode: flagOption(ctx, 'live') ? 'live' : 'replay',
        ...(untilText !== undefined ? { until_round: Number(untilText) } : {}),
      });
      const summary = {
        run_id: result.run.id,
        thread_id: result.run.thread_id,
        original_run_id: result.origin.parent_run_id,
        mode: result.origin.mode,
        status: result.run.status,
        settled: result.settled,
        identical: result.origin.identical,
        divergence: result.origin.divergence,
      };
      if (flagOption(ctx, 'json')) ctx.out(JSON.stringify(summary, null, 2));
      else {
        ctx.out(`Re-ran ${summary.original_run_id} as ${summary.run_id} on thread ${summary.thread_id} (${summary.mode}): ${summary.status}`);
        if (!result.settled) ctx.out('The re-run waits for tool outputs from a person (manual handlers): answer it in the app.');
        else ctx.out(summary.identical ? 'Identical to the original (apart from ids and times).' : `Diverged: ${summary.divergence?.reason}`);
      }
    } catch (error) {
      if (error instanceof ApiError) throw new CommandError(error.message);
      throw error;
    } finally {
      await services.close();
    }
  },
};
