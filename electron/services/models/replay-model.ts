/**
 * The "replay" model backend: serves a recorded run's model rounds, in order, to a re-run of
 * it. It answers only for runs registered with a plan, so every other run keeps its own
 * backend. Rounds past the plan's `replayRounds` (or past the recording) go to the live
 * backend of the run's model. In strict mode a request that differs from the recorded one
 * (other instructions, other messages, other tools) is a divergence: the round fails with a
 * message naming what differs, instead of serving an answer to a question never asked.
 */
import { abortableSleep } from '../abortable-sleep';
import { ModelError, type ModelBackend, type ModelCallContext, type ModelChunk, type ModelRequest } from './model';

/** One recorded round, from the `model.request` / `model.response` events. */
export interface RecordedRound {
  request: ModelRequest | null;
  text: string;
  tool_calls: Array<{ id: string; name: string; arguments: string }>;
  finish_reason: string;
  usage: { prompt_tokens: number; completion_tokens: number } | null;
  error: { code: string; message: string } | null;
}

export interface ReplayPlan {
  rounds: RecordedRound[];
  /** Rounds 1..replayRounds are served from the recording; later ones go live. */
  replayRounds: number;
  /** Refuse a request that differs from the recorded one. */
  strict: boolean;
  /** Called when a recorded round ended because the run was cancelled mid-answer. */
  onInterrupted?: (round: number) => void;
  /** Called when a strict request differs from the recording. */
  onDivergence?: (round: number, field: string) => void;
}

/** The first top-level field of the request that differs from the recording, or null. */
export function requestDifference(recorded: ModelRequest, actual: ModelRequest): string | null {
  const keys = new Set([...Object.keys(recorded), ...Object.keys(actual)]) as Set<keyof ModelRequest>;
  for (const key of keys) if (JSON.stringify(recorded[key]) !== JSON.stringify(actual[key])) return key;
  return null;
}

/** The model backend that replays recordings; see the module comment. */
export class ReplayModel implements ModelBackend {
  readonly name = 'replay';
  private readonly plans = new Map<string, ReplayPlan>();

  constructor(private readonly live: () => readonly ModelBackend[]) {}

  /** Serves `plan` to the run `runId` until released. */
  register(runId: string, plan: ReplayPlan): void {
    this.plans.set(runId, plan);
  }

  release(runId: string): void {
    this.plans.delete(runId);
  }

  handles(_model: string, context?: ModelCallContext): boolean {
    return context !== undefined && this.plans.has(context.run_id);
  }

  async *generate(request: ModelRequest, signal: AbortSignal, context?: ModelCallContext): AsyncIterable<ModelChunk> {
    const plan = context ? this.plans.get(context.run_id) : undefined;
    if (!plan || !context) throw new ModelError('server_error', 'No recording is registered for this run.');
    const round = context.round;
    if (round > plan.replayRounds || round > plan.rounds.length) {
      const backend = this.live().find((m) => m !== this && m.handles(request.model, context));
      if (!backend) throw new ModelError('invalid_prompt', `The model '${request.model}' is not available to continue live after the replayed rounds.`);
      yield* backend.generate(request, signal, context);
      return;
    }
    const recorded = plan.rounds[round - 1];
    if (plan.strict && recorded.request) {
      const field = requestDifference(recorded.request, request);
      if (field) {
        plan.onDivergence?.(round, field);
        throw new ModelError('server_error', `Replay diverged at model round ${round}: the request differs from the recording in its ${field}.`);
      }
    }
    if (recorded.text) yield { type: 'text', delta: recorded.text };
    for (const [index, call] of recorded.tool_calls.entries()) yield { type: 'tool_call', index, id: call.id, name: call.name, arguments: call.arguments };
    if (recorded.error) {
      if (recorded.error.code === 'aborted') {
        // The original was cancelled here: hold the round open until the re-run is cancelled too.
        plan.onInterrupted?.(round);
        await abortableSleep(2_147_000_000, signal);
      }
      const code = recorded.error.code === 'rate_limit_exceeded' || recorded.error.code === 'invalid_prompt' ? recorded.error.code : 'server_error';
      throw new ModelError(code, recorded.error.message);
    }
    const reason = recorded.finish_reason === 'length' ? 'length' : recorded.tool_calls.length > 0 ? 'tool_calls' : 'stop';
    yield { type: 'finish', reason, ...(recorded.usage ? { usage: recorded.usage } : {}) };
  }
}
