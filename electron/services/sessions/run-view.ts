/**
 * A run reduced to what a comparison looks at: its steps in order (messages with their text,
 * tool-call rounds with names, arguments and outputs), each step's latency from the event
 * log, token usage, and the run's final status and error. Ids and times are kept only as
 * labels; they never count as differences.
 */
import type { Message, Run, RunStep } from '../../contract/objects';
import type { RunEventRecord } from '../../contract/events';
import { isRunStepEvent } from '../../contract/event-guards';
import { messageText } from '../runtime/store';

export interface StepCall {
  name: string;
  arguments: string;
  output: string | null;
}

export interface StepView {
  index: number;
  id: string;
  type: RunStep['type'];
  /** What alignment matches on: `message`, or `tools:` with the function names in order. */
  key: string;
  status: RunStep['status'];
  text: string | null;
  calls: StepCall[];
  tokens: number;
  latency_ms: number | null;
  error: string | null;
}

export interface RunView {
  run: Run;
  steps: StepView[];
  tokens: { prompt: number; completion: number; total: number };
  /** From the run's first event to its last. */
  latency_ms: number;
  /** USD, when the model's price is known; null otherwise. */
  cost_usd: number | null;
}

/** USD per million tokens [prompt, completion] for models whose price is known. */
const PRICES: Record<string, [number, number]> = { mock: [0, 0] };

/** Builds the comparable view of a run from its steps, its messages and its event log. */
export function runView(run: Run, steps: RunStep[], messages: Message[], events: RunEventRecord[]): RunView {
  const byMessage = new Map(messages.map((m) => [m.id, m]));
  const started = new Map<string, number>();
  const ended = new Map<string, number>();
  for (const e of events) {
    if (!isRunStepEvent(e)) continue;
    const id = e.data.id;
    if (!id) continue;
    if (e.type === 'thread.run.step.created') started.set(id, e.ts);
    else ended.set(id, e.ts);
  }
  const views = steps.map((s, index): StepView => {
    const calls: StepCall[] =
      s.step_details.type === 'tool_calls'
        ? s.step_details.tool_calls.map((c) =>
            c.type === 'function' ? { name: c.function.name, arguments: c.function.arguments, output: c.function.output } : { name: c.type, arguments: '', output: null },
          )
        : [];
    const message = s.step_details.type === 'message_creation' ? byMessage.get(s.step_details.message_creation.message_id) : undefined;
    const t0 = started.get(s.id);
    const t1 = ended.get(s.id);
    return {
      index,
      id: s.id,
      type: s.type,
      key: s.type === 'message_creation' ? 'message' : `tools:${calls.map((c) => c.name).join(',')}`,
      status: s.status,
      text: message ? messageText(message) : null,
      calls,
      tokens: s.usage?.total_tokens ?? 0,
      latency_ms: t0 !== undefined && t1 !== undefined ? t1 - t0 : null,
      error: s.last_error ? `${s.last_error.code}: ${s.last_error.message}` : null,
    };
  });
  const usage = run.usage ?? { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  const price = PRICES[run.model];
  return {
    run,
    steps: views,
    tokens: { prompt: usage.prompt_tokens, completion: usage.completion_tokens, total: usage.total_tokens },
    latency_ms: events.length > 0 ? events[events.length - 1].ts - events[0].ts : 0,
    cost_usd: price ? (usage.prompt_tokens * price[0] + usage.completion_tokens * price[1]) / 1_000_000 : null,
  };
}
