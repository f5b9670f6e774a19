/**
 * `runlens fork RUN_ID --step STEP_ID <one edit> [--json]`: continues a recorded run from one
 * of its steps on a new thread with one thing changed — `--output CALL_ID=TEXT` (a tool
 * output), `--message TEXT` (the user message), `--instructions TEXT`, `--model NAME`, or
 * `--handler FUNCTION` (answer that function from its current handler). The prefix is served
 * from the recording; the fork records its parent run and step.
 */
import { openWriter } from './open-writer';
import type { ForkEdit } from '../../sessions/reexecute';
import { ApiError } from '../../runtime/api-error';
import { CommandError, flagOption, stringOption, UsageError, type CliCommand, type CommandContext } from '../command';

function editOf(ctx: CommandContext): ForkEdit {
  const edits: ForkEdit[] = [];
  const output = stringOption(ctx, 'output');
  if (output !== undefined) {
    const eq = output.indexOf('=');
    if (eq <= 0) throw new UsageError('--output takes CALL_ID=TEXT');
    edits.push({ kind: 'tool_output', call_id: output.slice(0, eq), output: output.slice(eq + 1) });
  }
  const message = stringOption(ctx, 'message');
  if (message !== undefined) edits.push({ kind: 'user_message', text: message });
  const instructions = stringOption(ctx, 'instructions');
  if (instructions !== undefined) edits.push({ kind: 'instructions', instructions });
  const model = stringOption(ctx, 'model');
  if (model !== undefined) edits.push({ kind: 'model', model });
  const handler = stringOption(ctx, 'handler');
  if (handler !== undefined) edits.push({ kind: 'handler', function: handler });
  if (edits.length !== 1) throw new UsageError('give exactly one edit: --output, --message, --instructions, --model or --handler');
  return edits[0];
}

export const forkCommand: CliCommand = {
  name: 'fork',
  summary: 'continue a recorded run from a step with one edit, on a new thread',
  usage: 'fork RUN_ID --step STEP_ID (--output CALL_ID=TEXT | --message TEXT | --instructions TEXT | --model NAME | --handler FUNCTION) [--json]',
  options: {
    step: { type: 'string' },
    output: { type: 'string' },
    message: { type: 'string' },
    instructions: { type: 'string' },
    model: { type: 'string' },
    handler: { type: 'string' },
    json: { type: 'boolean' },
  },
  positionals: [1, 1],
  async run(ctx) {
    const step = stringOption(ctx, 'step');
    if (!step) throw new UsageError('--step STEP_ID is required');
    const edit = editOf(ctx);
    const services = openWriter(ctx, 'fork');
    try {
      const result = await services.sessions.fork(ctx.positionals[0], { step_id: step, edit });
      const summary = {
        run_id: result.run.id,
        thread_id: result.run.thread_id,
        parent_run_id: result.origin.parent_run_id,
        parent_step_id: result.origin.parent_step_id,
        status: result.run.status,
        settled: result.settled,
        identical: result.origin.identical,
        divergence: result.origin.divergence,
      };
      if (flagOption(ctx, 'json')) ctx.out(JSON.stringify(summary, null, 2));
      else {
        ctx.out(`Forked ${summary.parent_run_id} at ${summary.parent_step_id} as ${summary.run_id} on thread ${summary.thread_id}: ${summary.status}`);
        if (!result.settled) ctx.out('The fork waits for tool outputs from a person (manual handlers): answer it in the app.');
        else ctx.out(summary.identical ? 'Same result as the parent.' : `Differs from the parent: ${summary.divergence?.reason}`);
      }
    } catch (error) {
      if (error instanceof ApiError) throw new CommandError(error.message);
      throw error;
    } finally {
      await services.close();
    }
  },
};
