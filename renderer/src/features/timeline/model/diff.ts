/**
 * A line diff for arguments and outputs, so the inspector can show what changed against the
 * previous call of the same function. Uses the maintained `diff` library (Myers' algorithm)
 * rather than a hand-written LCS; inputs are capped to keep it cheap.
 */
import { diffLines as libDiffLines } from 'diff';

export interface DiffLine {
  op: 'same' | 'add' | 'del';
  text: string;
}

const MAX_LINES = 400;

function cap(text: string): string {
  return text.split('\n').slice(0, MAX_LINES).join('\n');
}

/** Lines of `b` compared with `a`: removed lines first, then added ones, in order. */
export function diffLines(a: string, b: string): DiffLine[] {
  const out: DiffLine[] = [];
  for (const change of libDiffLines(cap(a), cap(b))) {
    const op = change.added ? 'add' : change.removed ? 'del' : 'same';
    const lines = change.value.replace(/\n$/, '').split('\n');
    for (const text of lines) out.push({ op, text });
  }
  return out;
}

/** JSON pretty-printed when it parses, the raw text otherwise. */
export function prettyJson(text: string | null | undefined): string {
  if (text === null || text === undefined) return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
