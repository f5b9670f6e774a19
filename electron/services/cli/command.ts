/**
 * The shape of one `npm run runlens -- <command>` command. Each command lives in its own
 * file under ./commands and is registered with one line in ./commands/index.ts.
 * Exit codes are fixed (DESIGN.md, Wave 2): 0 success, 1 a one-line error, 2 a usage error.
 */
import type { ParseArgsConfig } from 'node:util';

/** Option specs as node:util parseArgs takes them (`--db` is added for every command). */
export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/** What a command receives: its parsed flags and positionals, the database path, and output sinks. */
export interface CommandContext {
  /** The SQLite file to work on: --db, else RUNLENS_DB, else the app's database. */
  dbPath: string;
  /** The data directory (RUNLENS_DATA_DIR or the OS app-data folder). */
  dataDir: string;
  values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  positionals: string[];
  /** One line to stdout. */
  out(line: string): void;
  /** One line to stderr (progress, warnings). */
  err(line: string): void;
}

/** One command. `run` resolves to the exit code (0 when it returns nothing). */
export interface CliCommand {
  name: string;
  /** One line for the help listing. */
  summary: string;
  /** The usage line after `runlens`, e.g. `export --out FILE [--thread ID]...`. */
  usage: string;
  options: CommandOptions;
  /** How many positionals the command takes: [min, max]. */
  positionals: [number, number];
  run(ctx: CommandContext): Promise<number | void>;
}

/** A usage problem: exit 2 with the message and the command's usage line. */
export class UsageError extends Error {}

/** A failure the user caused or must fix (bad file, missing run): exit 1 with one line, no stack. */
export class CommandError extends Error {}

/** A string option's value (undefined when absent). */
export function stringOption(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A repeatable string option's values (empty when absent). */
export function listOption(ctx: CommandContext, name: string): string[] {
  const v = ctx.values[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

/** A boolean flag. */
export function flagOption(ctx: CommandContext, name: string): boolean {
  return ctx.values[name] === true;
}
