/**
 * Dispatches argv to a registered command: parses `--db` and the command's own options with
 * node:util parseArgs (strict: unknown options are usage errors) and maps failures to the
 * fixed exit codes — 1 with a one-line error, 2 with the usage line.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir, defaultDbPath } from '../data-dir';
import { CommandError, UsageError, type CliCommand } from './command';
import { COMMANDS } from './commands/index';

/** Output sinks, so tests can run the dispatcher in-process. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

function helpText(commands: readonly CliCommand[]): string[] {
  const lines = ['Usage: npm run runlens -- <command> [--db FILE] [options]', '', 'Commands:'];
  for (const c of commands) lines.push(`  ${c.usage.padEnd(44)} ${c.summary}`);
  return lines;
}

/** Runs one command line; resolves to the process exit code. */
export async function dispatch(
  argv: string[],
  env: NodeJS.ProcessEnv,
  io: CliIo,
  commands: readonly CliCommand[] = COMMANDS,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    for (const line of helpText(commands)) (name === undefined ? io.err : io.out)(line);
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`runlens: unknown command '${name}' (try: ${commands.map((c) => c.name).join(', ') || 'help'})`);
    return 2;
  }
  try {
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args: rest,
        options: { db: { type: 'string' }, ...command.options },
        allowPositionals: true,
        strict: true,
      });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message.split('\n')[0] : String(error));
    }
    const [min, max] = command.positionals;
    if (parsed.positionals.length < min) throw new UsageError('missing argument');
    if (parsed.positionals.length > max) throw new UsageError(`unexpected argument '${parsed.positionals[max]}'`);
    const dataDir = defaultDataDir(env);
    const dbText = (parsed.values.db as string | undefined) ?? (env.RUNLENS_DB || undefined);
    const dbPath = dbText ? path.resolve(dbText) : defaultDbPath(dataDir);
    const code = await command.run({ dbPath, dataDir, values: parsed.values, positionals: parsed.positionals, out: io.out, err: io.err });
    return code ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`runlens ${name}: ${error.message}`);
      io.err(`usage: npm run runlens -- ${command.usage}`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`runlens ${name}: ${error instanceof CommandError ? message : message.split('\n')[0]}`);
    return 1;
  }
}
