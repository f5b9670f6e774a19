/**
 * Re-executes a recorded run on a copy of its thread: a re-run (replay everything, replay up
 * to round N then go live, or all live) or a fork (one edit at one step, the prefix served
 * from the recording, live after it). The new run records where it came from in
 * `run_origins`; when it settles it is compared with the original (run-diff.ts), and the
 * result — identical, or the first divergence — is stored with the origin.
 */
import type { Run, RunStep } from '../../contract/objects';
import type { RunEventRecord } from '../../contract/events';
import { isRunStatusEvent } from '../../contract/event-guards';
import type { ReplayModel } from '../models/replay-model';
import { ApiError } from '../runtime/api-error';
import type { AssistantsRuntime } from '../runtime/runtime';
import type { RunCreateParams } from '../runtime/runtime-types';
import { messageText, type Store } from '../runtime/store';
import type { HandlerStore } from '../tools/handlers';
import { readRecording, type Recording } from './recording';
import { diffRuns, type Divergence, type RunDiff } from './run-diff';
import { runView } from './run-view';

/** One edit a fork makes at its step. */
export type ForkEdit =
  | { kind: 'tool_output'; call_id: string; output: string }
  | { kind: 'user_message'; text: string }
  | { kind: 'instructions'; instructions: string }
  | { kind: 'model'; model: string }
  /** From this step on, the function's calls are answered by its current handler, not the recording. */
  | { kind: 'handler'; function: string };

export type RerunMode = 'replay' | 'live';

export interface RerunRequest {
  mode?: RerunMode;
  /** Replay model rounds 1..N from the recording, then continue live. */
  until_round?: number;
}

export interface ForkRequest {
  step_id: string;
  edit: ForkEdit;
}

/** Where a run came from, as stored in `run_origins`. */
export interface RunOrigin {
  run_id: string;
  kind: 'rerun' | 'fork';
  parent_run_id: string;
  parent_step_id: string | null;
  created_at: number;
  mode: string;
  edit: ForkEdit | null;
  /** Set once the run settles: null while it runs or waits for a person. */
  identical: boolean | null;
  divergence: Divergence | null;
}

export interface ReexecuteResult {
  run: Run;
  origin: RunOrigin;
  /** False when the new run waits for tool outputs nobody will give automatically. */
  settled: boolean;
  diff: RunDiff | null;
}

interface Plan {
  kind: 'rerun' | 'fork';
  mode: string;
  replayRounds: number;
  strict: boolean;
  /** Tool outputs of rounds 1..N come from the recording. */
  recordedOutputsUpTo: number;
  outputOverrides: Map<string, string>;
  overrides: Partial<RunCreateParams>;
  userMessage: string | null;
  parentStepId: string | null;
  edit: ForkEdit | null;
}

export interface ReexecuteDeps {
  runtime: AssistantsRuntime;
  store: Store;
  handlers: HandlerStore;
  replay: ReplayModel;
  now: () => number;
}

const TERMINAL = new Set(['completed', 'failed', 'cancelled', 'expired', 'incomplete']);
const RUN_FIELDS = ['model', 'instructions', 'tools', 'temperature', 'top_p', 'response_format'] as const;

/** Re-runs, forks and compares recorded runs. */
export class Reexecutor {
  constructor(private readonly deps: ReexecuteDeps) {}

  /** A re-run of `runId` on a copy of its thread; resolves once it settles. */
  async rerun(runId: string, request: RerunRequest = {}): Promise<ReexecuteResult> {
    const mode = request.mode ?? 'replay';
    const until = request.until_round;
    if (until !== undefined && (!Number.isInteger(until) || until < 0)) throw new ApiError(400, 'until_round must be a whole number of model rounds (0 or more).');
    const replayRounds = mode === 'live' ? 0 : (until ?? Number.POSITIVE_INFINITY);
    return this.start(runId, {
      kind: 'rerun',
      mode: mode === 'live' ? 'live' : until !== undefined ? `replay until round ${until}` : 'replay',
      replayRounds,
      strict: mode === 'replay' && until === undefined,
      recordedOutputsUpTo: replayRounds,
      outputOverrides: new Map(),
      overrides: {},
      userMessage: null,
      parentStepId: null,
      edit: null,
    });
  }

  /** A fork of `runId` at one of its steps with one edit; resolves once it settles. */
  async fork(runId: string, request: ForkRequest): Promise<ReexecuteResult> {
    const original = this.deps.runtime.getRunById(runId);
    const recording = readRecording(this.deps.runtime.readRunEvents(runId));
    const step = this.deps.store.runSteps(runId).find((s) => s.id === request.step_id);
    if (!step) throw new ApiError(404, `Run '${runId}' has no step '${request.step_id}'.`);
    const round = recording.stepRound.get(step.id) ?? 1;
    const base: Plan = {
      kind: 'fork', mode: `fork at step ${request.step_id}`, replayRounds: round - 1, strict: false, recordedOutputsUpTo: round - 1,
      outputOverrides: new Map(), overrides: {}, userMessage: null, parentStepId: step.id, edit: request.edit,
    };
    const edit = request.edit;
    switch (edit.kind) {
      case 'tool_output': {
        if (!callIds(step).includes(edit.call_id)) throw new ApiError(400, `Step '${step.id}' has no tool call '${edit.call_id}'.`);
        return this.start(runId, { ...base, replayRounds: round, recordedOutputsUpTo: round, outputOverrides: new Map([[edit.call_id, edit.output]]) });
      }
      case 'user_message':
        if (!edit.text.trim()) throw new ApiError(400, 'The edited user message is empty.');
        return this.start(runId, { ...base, replayRounds: 0, recordedOutputsUpTo: 0, userMessage: edit.text });
      case 'instructions':
        return this.start(runId, { ...base, overrides: { instructions: edit.instructions } });
      case 'model':
        if (!edit.model.trim()) throw new ApiError(400, 'The model name is empty.');
        return this.start(runId, { ...base, overrides: { model: edit.model } });
      case 'handler':
        if (!original.tools.some((t) => t.type === 'function' && t.function.name === edit.function)) {
          throw new ApiError(400, `Run '${runId}' has no function named '${edit.function}'.`);
        }
        return this.start(runId, { ...base, replayRounds: round, recordedOutputsUpTo: round - 1 });
      default:
        throw new ApiError(400, 'Unknown fork edit.');
    }
  }

  /** The step-aligned comparison of two runs (any two, in any threads). */
  diff(runA: string, runB: string): RunDiff {
    return diffRuns(this.view(runA), this.view(runB));
  }

  /** Where a run came from, and the runs re-run or forked from it. */
  lineage(runId: string): { origin: RunOrigin | null; children: RunOrigin[] } {
    this.deps.store.sync();
    const db = this.deps.store.db;
    const origin = db.prepare('SELECT * FROM run_origins WHERE run_id = ?').get(runId) as OriginRow | undefined;
    const children = db.prepare('SELECT * FROM run_origins WHERE parent_run_id = ? ORDER BY created_at, rowid').all(runId) as OriginRow[];
    return { origin: origin ? fromRow(origin) : null, children: children.map(fromRow) };
  }

  private view(runId: string) {
    const run = this.deps.runtime.getRunById(runId);
    return runView(run, this.deps.store.runSteps(runId), this.deps.store.threadMessages(run.thread_id), this.deps.runtime.readRunEvents(runId));
  }

  private async start(runId: string, plan: Plan): Promise<ReexecuteResult> {
    const { runtime, replay } = this.deps;
    const original = runtime.getRunById(runId);
    if (!TERMINAL.has(original.status)) throw new ApiError(400, `Run '${runId}' is still ${original.status}; re-run or fork it once it has ended.`);
    const recording = readRecording(runtime.readRunEvents(runId));
    const thread = this.copyThread(original, plan);
    const { run } = runtime.createRun(thread.id, { ...this.runParams(original), ...plan.overrides });
    let divergedAt: string | null = null;
    replay.register(run.id, {
      rounds: recording.rounds,
      replayRounds: plan.replayRounds,
      strict: plan.strict,
      onDivergence: (round, field) => {
        divergedAt = `model round ${round}: the request differs from the recording in its ${field}`;
      },
      onInterrupted: () => {
        runtime.cancelRun(run.thread_id, run.id);
      },
    });
    const origin: RunOrigin = {
      run_id: run.id, kind: plan.kind, parent_run_id: original.id, parent_step_id: plan.parentStepId,
      created_at: Math.floor(this.deps.now() / 1000), mode: plan.mode, edit: plan.edit, identical: null, divergence: null,
    };
    this.saveOrigin(origin);
    let settled: boolean;
    try {
      settled = await this.drive(run, original, recording, plan);
    } finally {
      replay.release(run.id);
    }
    const final = runtime.getRunById(run.id);
    if (!settled) return { run: final, origin, settled, diff: null };
    const diff = this.diff(original.id, run.id);
    if (divergedAt) diff.divergence = { ...(diff.divergence ?? { row: null, step_a: null, step_b: null }), reason: divergedAt };
    origin.identical = diff.divergence === null;
    origin.divergence = diff.divergence;
    this.saveOrigin(origin);
    return { run: final, origin, settled, diff };
  }

  /** Answers the new run's tool rounds from the recording where the plan says so; resolves true when it ends. */
  private drive(run: Run, original: Run, recording: Recording, plan: Plan): Promise<boolean> {
    const { runtime, handlers } = this.deps;
    return new Promise((resolve) => {
      let round = 0;
      let off: () => void = () => undefined;
      const finish = (settled: boolean): void => {
        off();
        resolve(settled);
      };
      const onEvent = (e: RunEventRecord): void => {
        if (e.type === 'model.request') round = e.data.round;
        if (isRunStatusEvent(e) && TERMINAL.has(e.data.status)) return finish(true);
        if (e.type !== 'thread.run.requires_action') return;
        const calls = e.data.required_action?.submit_tool_outputs.tool_calls ?? [];
        if (round <= plan.recordedOutputsUpTo) {
          const recorded = recording.outputs.get(round);
          if (!recorded) {
            // The original was never answered here (cancelled or expired while waiting): end the same way.
            setImmediate(() => runtime.cancelRun(run.thread_id, run.id));
            return;
          }
          const outputs = calls.map((c) => ({ tool_call_id: c.id, output: plan.outputOverrides.get(c.id) ?? recorded.outputs.get(c.id) }));
          if (outputs.every((o) => o.output !== undefined)) {
            setImmediate(() =>
              runtime.submitToolOutputs(run.thread_id, run.id, { tool_outputs: outputs as Array<{ tool_call_id: string; output: string }>, source: recorded.source }),
            );
            return;
          }
        }
        // Live from here: automatic handlers answer; otherwise the run waits for a person.
        const automatic = calls.every((c) => {
          const h = handlers.get(original.assistant_id, c.function.name);
          return h.auto && h.mode !== 'manual';
        });
        if (!automatic) finish(false);
      };
      off = runtime.subscribe({ run_id: run.id }, onEvent, { afterSeq: 0 });
    });
  }

  private runParams(original: Run): RunCreateParams {
    const store = this.deps.store;
    const version = store.runAssistantVersion(original.id);
    const snapshot = store.listAssistantVersions(original.assistant_id).find((v) => v.version === version)?.snapshot;
    const params: RunCreateParams = {
      assistant_id: original.assistant_id,
      tool_choice: original.tool_choice,
      parallel_tool_calls: original.parallel_tool_calls,
      max_prompt_tokens: original.max_prompt_tokens,
      max_completion_tokens: original.max_completion_tokens,
      truncation_strategy: original.truncation_strategy,
      metadata: original.metadata,
    };
    // What the original run overrode on its assistant is overridden again; the rest follows the assistant as it is now.
    const p = params as unknown as Record<string, unknown>;
    for (const field of RUN_FIELDS) {
      if (!snapshot || JSON.stringify((snapshot as unknown as Record<string, unknown>)[field]) !== JSON.stringify(original[field])) p[field] = original[field];
    }
    return params;
  }

  /** A new thread with the messages the original run started from (the last user message edited for a fork). */
  private copyThread(original: Run, plan: Plan) {
    const { runtime, store } = this.deps;
    const source = runtime.getThread(original.thread_id);
    const runsOldestFirst = store.threadRuns(original.thread_id).reverse().map((r) => r.id);
    const position = runsOldestFirst.indexOf(original.id);
    const earlier = new Set(runsOldestFirst.slice(0, position));
    const prefix = store
      .threadMessages(original.thread_id)
      .filter((m) => m.status !== 'in_progress' && (m.run_id === null ? m.created_at <= original.created_at : earlier.has(m.run_id)));
    const messages = prefix.map((m) => ({ role: m.role, content: messageText(m), metadata: m.metadata }));
    if (plan.userMessage !== null) {
      const last = messages.map((m) => m.role).lastIndexOf('user');
      if (last < 0) throw new ApiError(400, 'The run has no user message to edit.');
      messages[last] = { ...messages[last], content: plan.userMessage };
    }
    const label = plan.kind === 'rerun' ? 're-run' : 'fork';
    const title = source.metadata?.title ?? (prefix.find((m) => m.role === 'user') ? messageText(prefix.find((m) => m.role === 'user')!).slice(0, 40) : 'Untitled thread');
    return runtime.createThread({ metadata: { ...(source.metadata ?? {}), title: `${title} (${label})`.slice(0, 512) }, messages });
  }

  private saveOrigin(o: RunOrigin): void {
    const { run_id, kind, parent_run_id, parent_step_id, created_at, ...data } = o;
    this.deps.store.sync();
    this.deps.store.db
      .prepare(
        `INSERT INTO run_origins (run_id, kind, parent_run_id, parent_step_id, created_at, data) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(run_id) DO UPDATE SET data = excluded.data`,
      )
      .run(run_id, kind, parent_run_id, parent_step_id, created_at, JSON.stringify(data));
  }
}

interface OriginRow {
  run_id: string;
  kind: 'rerun' | 'fork';
  parent_run_id: string;
  parent_step_id: string | null;
  created_at: number;
  data: string;
}

function fromRow(row: OriginRow): RunOrigin {
  const data = JSON.parse(row.data) as Omit<RunOrigin, 'run_id' | 'kind' | 'parent_run_id' | 'parent_step_id' | 'created_at'>;
  return { run_id: row.run_id, kind: row.kind, parent_run_id: row.parent_run_id, parent_step_id: row.parent_step_id, created_at: row.created_at, ...data };
}

function callIds(step: RunStep): string[] {
  return step.step_details.type === 'tool_calls' ? step.step_details.tool_calls.map((c) => c.id) : [];
}
