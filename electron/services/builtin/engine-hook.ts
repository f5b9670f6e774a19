/**
 * The run engine's side of the built-in tools, kept out of run-engine.ts: the deltas a
 * built-in call streams (its typed first fragment, then input and outputs once it ran), and
 * the execution of a round's built-in calls with `tool.execution.*` events (mode `builtin`).
 */
import type { Run, ToolCall } from '../../contract/objects';
import type { RunEventPayloads, RunEventType, ToolCallDelta } from '../../contract/events';
import type { BuiltinCallInput, BuiltinTools } from './builtin-tools';

/** What the engine lends the hook for one step. */
export interface BuiltinHost {
  run: Run;
  stepId: string;
  signal: AbortSignal;
  event<K extends RunEventType>(type: K, data: RunEventPayloads[K]): void;
  now(): number;
}

/** The first step delta of a built-in call (SDK rule: id and type only in the first fragment). */
export function firstBuiltinDelta(index: number, id: string, name: string): ToolCallDelta {
  return name === 'code_interpreter'
    ? { index, id, type: 'code_interpreter', code_interpreter: { input: '', outputs: [] } }
    : { index, id, type: 'file_search', file_search: {} };
}

function resultDelta(index: number, call: ToolCall): ToolCallDelta {
  if (call.type === 'code_interpreter') {
    const outputs = call.code_interpreter.outputs.map((o, i) => ({ index: i, ...(o as Record<string, unknown>) }));
    return { index, type: 'code_interpreter', code_interpreter: { input: call.code_interpreter.input, outputs } };
  }
  if (call.type === 'file_search') return { index, type: 'file_search', file_search: call.file_search };
  return { index, type: 'function', function: { output: call.function.output } };
}

/** Runs `calls` (built-in ones of this step) in order; returns their tool-call objects by call id. */
export async function executeBuiltinCalls(
  tools: BuiltinTools,
  host: BuiltinHost,
  calls: Array<BuiltinCallInput & { index: number }>,
): Promise<Map<string, ToolCall>> {
  const done = new Map<string, ToolCall>();
  for (const c of calls) {
    host.signal.throwIfAborted();
    const started = host.now();
    host.event('tool.execution.started', { step_id: host.stepId, call_id: c.id, function: c.name, mode: 'builtin', arguments: c.arguments });
    const result = await tools.execute(host.run, c, host.signal);
    host.signal.throwIfAborted();
    done.set(c.id, result.toolCall);
    host.event('thread.run.step.delta', {
      id: host.stepId,
      object: 'thread.run.step.delta',
      delta: { step_details: { type: 'tool_calls', tool_calls: [resultDelta(c.index, result.toolCall)] } },
    });
    host.event('tool.execution.finished', {
      step_id: host.stepId,
      call_id: c.id,
      function: c.name,
      mode: 'builtin',
      output: result.output,
      error: result.error,
      duration_ms: host.now() - started,
    });
  }
  return done;
}
