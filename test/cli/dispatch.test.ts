/** The `runlens` dispatcher: exit codes 0/1/2, --db resolution, strict option parsing. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommandError, type CliCommand, type CommandContext } from '../../electron/services/cli/command';
import { dispatch } from '../../electron/services/cli/dispatch';

function capture(): { io: { out(l: string): void; err(l: string): void }; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l) => out.push(l), err: (l) => err.push(l) }, out, err };
}

let seen: CommandContext | null = null;
const echo: CliCommand = {
  name: 'echo',
  summary: 'prints its argument',
  usage: 'echo TEXT [--loud]',
  options: { loud: { type: 'boolean' } },
  positionals: [1, 1],
  async run(ctx) {
    seen = ctx;
    if (ctx.positionals[0] === 'fail') throw new CommandError('it failed');
    ctx.out(ctx.values.loud ? ctx.positionals[0].toUpperCase() : ctx.positionals[0]);
  },
};

describe('runlens dispatcher', () => {
  it('runs a registered command with its options and --db, exit 0', async () => {
    const c = capture();
    const code = await dispatch(['echo', 'hi', '--loud', '--db', 'x.db'], { RUNLENS_DATA_DIR: '/tmp/rl-data' }, c.io, [echo]);
    expect(code).toBe(0);
    expect(c.out).toEqual(['HI']);
    expect(seen?.dbPath).toBe(path.resolve('x.db'));
  });

  it('defaults --db to RUNLENS_DB, then the data directory', async () => {
    const c = capture();
    await dispatch(['echo', 'a'], { RUNLENS_DB: '/tmp/env.db' }, c.io, [echo]);
    expect(seen?.dbPath).toBe('/tmp/env.db');
    await dispatch(['echo', 'a'], { RUNLENS_DATA_DIR: '/tmp/rl-data' }, c.io, [echo]);
    expect(seen?.dbPath).toBe('/tmp/rl-data/runlens.db');
  });

  it('exit 2 with the usage line for unknown commands, unknown options and missing arguments', async () => {
    for (const argv of [['nope'], ['echo'], ['echo', 'a', '--shout'], ['echo', 'a', 'b'], []]) {
      const c = capture();
      expect(await dispatch(argv, {}, c.io, [echo])).toBe(2);
      expect(c.err.join('\n')).toMatch(/unknown command|usage:|Usage:/);
    }
  });

  it('exit 1 with one line when the command fails', async () => {
    const c = capture();
    expect(await dispatch(['echo', 'fail'], {}, c.io, [echo])).toBe(1);
    expect(c.err).toEqual(['runlens echo: it failed']);
  });
});
