/**
 * Did a call run with other arguments than the model sent? tool.execution.started carries the
 * arguments the handler got (edited in the Inbox and approved, or tenant values pinned by the
 * guard); both the chat's tool-call card and the timeline inspector ask here, so they agree.
 */

/** JSON when it parses, else the text itself. */
export function parseOr(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Same arguments, whatever the spacing. */
export function sameJson(a: string, b: string | null | undefined): boolean {
  return b != null && (a === b || JSON.stringify(parseOr(a)) === JSON.stringify(parseOr(b)));
}

/** The executed arguments when they differ from the model's, else null (not executed yet, or run as sent). */
export function ranWithOtherArguments(sent: string | null | undefined, executed: string | undefined): string | null {
  return executed !== undefined && !sameJson(executed, sent) ? executed : null;
}

/** Why they differ, from who started the execution. */
export function otherArgumentsReason(trigger: 'auto' | 'approval' | undefined): string {
  return trigger === 'approval' ? 'as approved in the Inbox (edited there, or tenant values filled in)' : 'tenant values filled in by the guard';
}
