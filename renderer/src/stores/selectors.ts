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

/**
 * The thread's runs newest first, each with its live snapshot, including live runs the
 * stored list has not caught up with. Ties within a second keep the server's order (ids
 * are random, so they cannot break ties).
 */
export function threadRuns(threadId: string, stored: Run[] | undefined, live: Record<string, LiveRun>): Run[] {
  const storedIds = new Set((stored ?? []).map((r) => r.id));
  const fresh = Object.values(live)
    .filter((l) => l.threadId === threadId && l.run && !storedIds.has(l.runId))
    .map((l) => l.run as Run)
    .reverse();
  const list = [...fresh, ...(stored ?? []).map((r) => currentRun(r, live[r.id]))];
  return list.sort((a, b) => b.created_at - a.created_at);
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
 * The chat of a thread: messages and run blocks in conversation order. Timestamps are whole
 * seconds, so order comes from the stored message list (oldest first): a run sits where its
 * first reply is; a run without replies (waiting, failed, cancelled) sits after the
 * messages created up to its start. The messages a run wrote are shown inside its block.
 */
export function chatItems(messages: Message[], runs: Run[], live: Record<string, LiveRun>): ChatItem[] {
  const all = [...messages];
  const known = new Set(messages.map((m) => m.id));
  for (const r of [...runs].reverse()) {
    const l = live[r.id];
    for (const id of l?.messageOrder ?? []) {
      if (known.has(id)) continue;
      all.push(l.messages[id]);
      known.add(id);
    }
  }
  const runIds = new Set(runs.map((r) => r.id));
  const items: Array<{ pos: number; order: number; item: ChatItem }> = [];
  all.forEach((m, i) => {
    if (m.role === 'assistant' && m.run_id && runIds.has(m.run_id)) return;
    items.push({ pos: i, order: 0, item: { kind: 'message', message: m } });
  });
  [...runs].reverse().forEach((r, order) => {
    const first = all.findIndex((m) => m.run_id === r.id && m.role === 'assistant');
    let pos: number;
    if (first >= 0) pos = first - 0.5;
    else {
      let last = -1;
      all.forEach((m, i) => {
        if (m.created_at <= r.created_at) last = i;
      });
      pos = last + 0.5;
    }
    items.push({ pos, order: order + 1, item: { kind: 'run', run: r, parts: runParts(r, live[r.id], messages) } });
  });
  items.sort((a, b) => a.pos - b.pos || a.order - b.order);
  return items.map((x) => x.item);
}

/** Text of a message's text blocks. */
export function messageText(m: Message): string {
  return m.content.map((c) => (c.type === 'text' ? c.text.value : c.type === 'refusal' ? c.refusal : `[${c.type}]`)).join('\n');
}

/** True for statuses that hold the thread's lock. */
export const isActive = (s: RunStatus | undefined): boolean => !!s && ACTIVE_RUN_STATUSES.includes(s);
