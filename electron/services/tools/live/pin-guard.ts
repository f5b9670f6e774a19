/**
 * The tenant guard (`pin`, DESIGN.md): each pinned argument must equal the value at
 * `thread.metadata.KEY`. Absent from the call, it is filled in (before validation); different,
 * or the thread has no value to pin to, the call is blocked and never executed.
 */
import type { Metadata } from '../../../contract/objects';

export type PinOutcome =
  | { blocked: false; arguments: string; filled: string[] }
  | { blocked: true; reason: string; argument: string; expected: string | null; got: unknown };

function metadataKey(path: string): string {
  return path.slice('thread.metadata.'.length);
}

function same(got: unknown, expected: string): boolean {
  return (typeof got === 'string' || typeof got === 'number' || typeof got === 'boolean') && String(got) === expected;
}

/**
 * Applies the pins to the JSON arguments. Arguments that are not a JSON object are left as
 * they are (validation reports them); pins never make invalid arguments valid.
 */
export function applyPins(pin: Record<string, string> | undefined, args: string, metadata: Metadata | null): PinOutcome {
  if (!pin || Object.keys(pin).length === 0) return { blocked: false, arguments: args, filled: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    return { blocked: false, arguments: args, filled: [] };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { blocked: false, arguments: args, filled: [] };
  const obj = { ...(parsed as Record<string, unknown>) };
  const filled: string[] = [];
  for (const [argument, path] of Object.entries(pin)) {
    const key = metadataKey(path);
    const expected = metadata?.[key];
    if (expected === undefined || expected === '') {
      return {
        blocked: true,
        argument,
        expected: null,
        got: obj[argument],
        reason: `blocked: '${argument}' is pinned to ${path}, but this thread has no metadata '${key}'; set it in the thread header`,
      };
    }
    if (!(argument in obj)) {
      obj[argument] = expected;
      filled.push(argument);
    } else if (!same(obj[argument], expected)) {
      return {
        blocked: true,
        argument,
        expected,
        got: obj[argument],
        reason: `blocked: '${argument}' must be this thread's ${path}; the call asked for ${JSON.stringify(obj[argument])}`,
      };
    }
  }
  return { blocked: false, arguments: filled.length > 0 ? JSON.stringify(obj) : args, filled };
}
