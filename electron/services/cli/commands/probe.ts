/**
 * `runlens probe PROVIDER/MODEL [--json]`: the capability probe from the command line, on the
 * providers of the app's database (settings), the environment (OPENAI_API_KEY/OPENAI_BASE_URL)
 * and `--config FILE`. The result is stored, so the app shows the badge too. Exit 1 when the
 * model could not be reached at all.
 */
import { loadWorkspaceConfig } from '../../config/workspace-config';
import { applyConfigProviders } from '../../models/openai-compatible/config-providers';
import { runProbe } from '../../models/live-models-service';
import { CHECK_TEXT } from '../../models/probe';
import { FileSecretStore } from '../../secrets/file-secret-store';
import { openServices } from '../../services';
import { CommandError, flagOption, stringOption, type CliCommand } from '../command';

const MARK = { verified: 'verified   ', failed: 'failed     ', not_claimed: 'not claimed' } as const;

export const probeCommand: CliCommand = {
  name: 'probe',
  summary: 'checks what a provider model can do: streaming, tool calls, parallel calls, schema-valid arguments, tool results, json_schema',
  usage: 'probe PROVIDER/MODEL [--config FILE] [--json]',
  options: { json: { type: 'boolean' }, config: { type: 'string' } },
  positionals: [1, 1],
  async run(ctx) {
    const model = ctx.positionals[0];
    const secrets = new FileSecretStore(ctx.dataDir);
    let services;
    try {
      services = openServices({ dbPath: ctx.dbPath, dataDir: ctx.dataDir, secrets });
    } catch (error) {
      throw new CommandError(`cannot open ${ctx.dbPath}: ${(error as Error).message}`);
    }
    try {
      const configFile = stringOption(ctx, 'config') ?? process.env.RUNLENS_CONFIG;
      if (configFile) {
        for (const problem of await applyConfigProviders(services.liveModels.registry, await loadWorkspaceConfig(configFile), { secrets })) ctx.err(`warning: ${problem}`);
      }
      ctx.err(`Probing ${model}…`);
      let result;
      try {
        result = await runProbe(services.liveModels, model);
      } catch (error) {
        throw new CommandError((error as Error).message);
      }
      if (flagOption(ctx, 'json')) ctx.out(JSON.stringify(result, null, 2));
      else {
        for (const [check, r] of Object.entries(result.checks)) ctx.out(`${MARK[r.verdict]}  ${CHECK_TEXT[check as keyof typeof CHECK_TEXT].padEnd(24)} ${r.detail}`);
      }
      if (result.error) throw new CommandError(`${model} could not be probed: ${result.error}`);
    } finally {
      await services.close();
    }
  },
};
