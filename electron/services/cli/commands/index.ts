/**
 * The registry of `npm run runlens` commands. Adding a command is one file in this folder
 * and one line here.
 */
import type { CliCommand } from '../command';
import { exportCommand } from './export';
import { importCommand } from './import';
import { probeCommand } from './probe';
import { searchCommand } from './search';
import { rerunCommand } from './rerun';
import { diffCommand } from './diff';
import { forkCommand } from './fork';

/** Every command, in the order `runlens help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  exportCommand,
  importCommand,
  probeCommand,
  rerunCommand,
  diffCommand,
  forkCommand,
  searchCommand,
];
