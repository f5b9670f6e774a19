/** Opens the services on the command's database as its one writer (refused, naming the holder, when the app or serve has it). */
import fs from 'node:fs';
import { DatabaseLockedError } from '../../db/db-lock';
import { openServices, type OpenedServices } from '../../services';
import { CommandError, type CommandContext } from '../command';

export function openWriter(ctx: CommandContext, kind: string): OpenedServices {
  if (!fs.existsSync(ctx.dbPath)) throw new CommandError(`No RunLens database at ${ctx.dbPath}.`);
  try {
    return openServices({ dbPath: ctx.dbPath, dataDir: ctx.dataDir, mode: 'browser', kind });
  } catch (error) {
    if (error instanceof DatabaseLockedError) throw new CommandError(error.message);
    throw error;
  }
}
