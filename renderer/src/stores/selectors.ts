/**
 * Pure selectors that merge stored data with live run state for the views.
 */
import type { Message, Run, RunStatus } from '../../../electron/contract/objects';
import { ACTIVE_RUN_STATUSES } from '../../../electron/contract/objects';
import type { LiveRun, LiveToolCall } from './run-reducer';

/** One block of a run in the chat: its messages and tool calls in step order. */
export type RunPart = { kind: 'message'; message: Message } | { kind: 'tools'; stepId: string; calls: LiveToolCall[] };

export type ChatItem = { kind: 'message'; message: Message } | { kind: 'run'; run: Run; parts: RunPart[] };

/** The newest known snapshot of a run: live when we have one, else the stored one. */
export function currentRun(stored: Run, live: LiveRun | undefined): Run {
  return live?.run ?? stored;
}

/** The thread's active run (one at most: the API locks the thread), if any. */
export function activeRun(runs: Run[]): Run | null {
  return runs.find((r) => ACTIVE_RUN_STATUSES.includes(r.status)) ?? null;
}

/** The thread's runs newest first, each with its live snapshot, including live runs the list has not caught up with. */
export function threadRuns(threadId: string, stored: Run[] | undefined, live: Record<string, LiveRun>): Run[] {
  const list = (stored ?? []).map((r) => currentRun(r, live[r.id]));
  for (const l of Object.values(live)) {
    if (l.threadId === threadId && l.run && !list.some((r) => r.id === l.runId)) list.push(l.run);
  }
  return list.sort((a, b) => b.created_at - a.created_at || b.id.localeCompare(a.id));
}

function runParts(run: Run, live: LiveRun | undefined, stored: Message[]): RunPart[] {
  const parts: RunPart[] = [];
  const used = new Set<string>();
  if (live) {
    for (const stepId of live.stepOrder) {
      const step = live.steps[stepId];
      if (step.step_details.type === 'message_creation') {
        const id = step.step_details.message_creation.message_id;
        const msg = live.messages[id] ?? stored.find((m) => m.id === id);
        if (msg) {
          parts.push({ kind: 'message', message: msg });
          used.add(id);
        }
      } else {
        parts.push({ kind: 'tools', stepId, calls: live.toolCalls[stepId] ?? [] });
      }
    }
    for (const id of live.messageOrder) {
      if (!used.has(id)) {
        parts.push({ kind: 'message', message: live.messages[id] });
        used.add(id);
      }
    }
  }
  for (const m of stored) if (m.run_id === run.id && m.role === 'assistant' && !used.has(m.id)) parts.push({ kind: 'message', message: m });
  return parts;
}

/**
 * The chat of a thread: user messages and run blocks in time order. A run sits after the
 * messages created up to its start; the messages a run wrote are shown inside its block.
 */
export function chatItems(messages: Message[], runs: Run[], live: Record<string, LiveRun>): ChatItem[] {
  const items: Array<{ at: number; order: number; item: ChatItem }> = [];
  let order = 0;
  for (const m of messages) {
    if (m.role === 'assistant' && m.run_id && runs.some((r) => r.id === m.run_id)) continue;
    items.push({ at: m.created_at, order: order++, item: { kind: 'message', message: m } });
  }
  for (const r of [...runs].reverse()) {
    items.push({ at: r.created_at, order: order++, item: { kind: 'run', run: r, parts: runParts(r, live[r.id], messages) } });
  }
  // Same second: a message comes before the run it started (stable on insertion order otherwise).
  items.sort((a, b) => a.at - b.at || (a.item.kind === b.item.kind ? a.order - b.order : a.item.kind === 'message' ? -1 : 1));
  return items.map((x) => x.item);
}

/** Text of a message's text blocks. */
export function messageText(m: Message): string {
  return m.content.map((c) => (c.type === 'text' ? c.text.value : c.type === 'refusal' ? c.refusal : `[${c.type}]`)).join('\n');
}

/** True for statuses that hold the thread's lock. */
export const isActive = (s: RunStatus | undefined): boolean => !!s && ACTIVE_RUN_STATUSES.includes(s);
