/**
 * Startup recovery and dropped batches: reads back from SQLite what a run had when its
 * process stopped (the open step and message, the rounds issued, the usage so far) and hands
 * it to the engine, which resolves it through the same transition table as every other change
 * (RunEngine.restore). Nothing here writes on its own.
 */
import type { Message, Run, RunStep, Usage } from '../../contract/objects';
import { HELD_RECORD_TYPES, heldOutput, type HeldRecord } from '../tools/live/live-tools';
import type { RestoredRun, RestoreOutcome, RunEngine } from './run-engine';
import { isActive } from './state-machine';
import type { Store } from './store';

const ZERO: Usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };

/** One recovered run and what became of it. */
export interface Recovered {
  run_id: string;
  from: Run['status'];
  outcome: RestoreOutcome;
}

/** What the engine needs to take `run` over, from its committed rows and events. */
export function readRestoredRun(store: Store, run: Run): RestoredRun {
  const steps = store.runSteps(run.id);
  const step: RunStep | null = steps.find((s) => s.status === 'in_progress') ?? null;
  const message: Message | null = store.threadMessages(run.thread_id).find((m) => m.run_id === run.id && m.status === 'in_progress') ?? null;
  const total = steps
    .filter((s) => s.status === 'completed' && s.usage)
    .reduce<Usage>((sum, s) => {
      const u = s.usage as Usage;
      return { prompt_tokens: sum.prompt_tokens + u.prompt_tokens, completion_tokens: sum.completion_tokens + u.completion_tokens, total_tokens: sum.total_tokens + u.total_tokens };
    }, ZERO);
  const db = store.db;
  const round = (db.prepare("SELECT COUNT(*) AS n FROM events WHERE run_id = ? AND type = 'model.request'").get(run.id) as { n: number }).n;
  let roundUsage: Usage | null = null;
  if (run.status === 'requires_action') {
    const row = db.prepare("SELECT data FROM events WHERE run_id = ? AND type = 'model.response' ORDER BY seq DESC LIMIT 1").get(run.id) as { data: string } | undefined;
    roundUsage = row ? ((JSON.parse(row.data) as { usage: Usage | null }).usage ?? null) : null;
  }
  return { run, step, message, round, roundUsage, total, held: run.status === 'requires_action' && step ? readHeldOutputs(store, run, step) : null };
}

/**
 * The outputs of a waiting round's calls that were answered before requires_action (executed
 * live, blocked by the guard, or refused for their arguments): its function calls that are not
 * pending, each from the last event that decided it (the same mapping `prepare` used).
 */
function readHeldOutputs(store: Store, run: Run, step: RunStep): Map<string, string> | null {
  const pending = new Set(run.required_action?.submit_tool_outputs.tool_calls.map((c) => c.id) ?? []);
  const calls = step.step_details.type === 'tool_calls' ? step.step_details.tool_calls : [];
  const held = new Set(calls.filter((c) => c.type === 'function' && !pending.has(c.id)).map((c) => c.id));
  if (held.size === 0) return null;
  const rows = store.db
    .prepare(`SELECT type, data FROM events WHERE run_id = ? AND type IN (${HELD_RECORD_TYPES.map(() => '?').join(', ')}) ORDER BY seq`)
    .all(run.id, ...HELD_RECORD_TYPES) as Array<{ type: HeldRecord['type']; data: string }>;
  const out = new Map<string, string>();
  for (const row of rows) {
    const record = { type: row.type, data: JSON.parse(row.data) } as HeldRecord;
    if (record.data.step_id !== step.id || !held.has(record.data.call_id)) continue;
    if (record.type === 'tool.execution.finished' && record.data.mode !== 'live') continue;
    out.set(record.data.call_id, heldOutput(record));
  }
  return out.size > 0 ? out : null;
}

/** Takes over every run an earlier process left active; returns what became of each. */
export function recoverActiveRuns(store: Store, engine: RunEngine): Recovered[] {
  return store.activeRuns().map((run) => ({ run_id: run.id, from: run.status, outcome: engine.restore(readRestoredRun(store, run)) }));
}

/**
 * After a batch was given up: takes the runs it touched out of the engine and, where their
 * committed state is still active, fails them with a server_error saying why.
 */
export function failDroppedRuns(store: Store, engine: RunEngine, runIds: string[], error: Error): Recovered[] {
  const out: Recovered[] = [];
  for (const runId of runIds) engine.detach(runId);
  for (const runId of runIds) {
    const run = store.getRun(runId);
    if (!run || !isActive(run.status)) continue;
    const message = `RunLens could not save this run to its database (${error.message}), so it was stopped.`;
    out.push({ run_id: runId, from: run.status, outcome: engine.restore(readRestoredRun(store, run), message) });
  }
  return out;
}
