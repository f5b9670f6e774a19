/**
 * The command list of the palette: app commands with their shortcuts, then every thread
 * and assistant to jump to. Pure apart from the actions each command carries.
 */
export interface Command {
  id: string;
  title: string;
  group: 'Commands' | 'Threads' | 'Assistants';
  shortcut?: string;
  hint?: string;
  run(): void;
}

/** Case-insensitive fuzzy match: every character of the query in order; best (earliest, tightest) first. */
export function filterCommands(commands: Command[], query: string): Command[] {
  const q = query.trim().toLowerCase();
  if (!q) return commands;
  const scored: Array<{ c: Command; score: number }> = [];
  for (const c of commands) {
    const text = `${c.title} ${c.hint ?? ''}`.toLowerCase();
    const direct = text.indexOf(q);
    if (direct >= 0) {
      scored.push({ c, score: direct });
      continue;
    }
    let pos = -1;
    let first = -1;
    let ok = true;
    for (const ch of q) {
      pos = text.indexOf(ch, pos + 1);
      if (pos < 0) {
        ok = false;
        break;
      }
      if (first < 0) first = pos;
    }
    if (ok) scored.push({ c, score: 1000 + pos - first });
  }
  return scored.sort((a, b) => a.score - b.score).map((x) => x.c);
}
