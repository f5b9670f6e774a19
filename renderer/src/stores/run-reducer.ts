/**
 * Pure reducer for the run event log: folds `RunEventRecord`s into a live view of one run
 * (snapshot, steps, messages with streamed text, tool calls with streamed arguments,
 * executions). It is fed by the run event cache, which delivers each run's events in
 * `seq` order without gaps; events at or below `lastSeq` are ignored, so a run the cache
 * re-fetched from the start folds safely.
 */
import type { Message, Run, RunStep, FunctionToolCall } from '../../../electron/contract/objects';
import type { MessageDeltaEvent, RunEventRecord, RunStepDeltaEvent } from '../../../electron/contract/events';
import { isMessageEvent, isRunStatusEvent, isRunStepEvent } from '../../../electron/contract/event-guards';

/** One function call as the UI sees it while it streams and after it ran. */
export interface LiveToolCall {
  index: number;
  id: string;
  step_id: string;
  name: string;
  arguments: string;
  output: string | null;
}

export interface LiveExecution {
  call_id: string;
  function: string;
  mode: string;
  running: boolean;
  output: string | null;
  error: string | null;
  duration_ms: number | null;
}

export interface LiveRun {
  runId: string;
  threadId: string;
  run: Run | null;
  /** The last seq folded in. */
  lastSeq: number;
  steps: Record<string, RunStep>;
  stepOrder: string[];
  messages: Record<string, Message>;
  messageOrder: string[];
  /** Tool calls per step, in index order. */
  toolCalls: Record<string, LiveToolCall[]>;
  executions: Record<string, LiveExecution>;
  invalidArgs: Record<string, string[]>;
  submittedSource: 'api' | 'ui' | 'auto' | null;
}

/** A blank live run, before any event. */
export function emptyLiveRun(runId: string, threadId: string): LiveRun {
  return {
    runId,
    threadId,
    run: null,
    lastSeq: 0,
    steps: {},
    stepOrder: [],
    messages: {},
    messageOrder: [],
    toolCalls: {},
    executions: {},
    invalidArgs: {},
    submittedSource: null,
  };
}

function withStep(live: LiveRun, step: RunStep): LiveRun {
  const stepOrder = live.stepOrder.includes(step.id) ? live.stepOrder : [...live.stepOrder, step.id];
  let toolCalls = live.toolCalls;
  if (step.step_details.type === 'tool_calls' && step.step_details.tool_calls.length > 0) {
    const prev = live.toolCalls[step.id] ?? [];
    const calls = step.step_details.tool_calls
      .filter((c): c is FunctionToolCall => c.type === 'function')
      .map((c, index) => ({
        index,
        id: c.id,
        step_id: step.id,
        name: c.function.name,
        // A snapshot is authoritative unless it lags behind what already streamed in.
        arguments: c.function.arguments || prev[index]?.arguments || '',
        output: c.function.output,
      }));
    toolCalls = { ...live.toolCalls, [step.id]: calls };
  }
  return { ...live, steps: { ...live.steps, [step.id]: step }, stepOrder, toolCalls };
}

function withMessage(live: LiveRun, message: Message): LiveRun {
  const known = live.messages[message.id];
  const messageOrder = known ? live.messageOrder : [...live.messageOrder, message.id];
  // message.created has content:[]; keep streamed text until a snapshot carries content.
  const content = message.content.length === 0 && known ? known.content : message.content;
  return { ...live, messages: { ...live.messages, [message.id]: { ...message, content } }, messageOrder };
}

function withMessageDelta(live: LiveRun, data: MessageDeltaEvent): LiveRun {
  const message = live.messages[data.id];
  if (!message) return live;
  const content = [...message.content];
  for (const part of data.delta.content ?? []) {
    if (part.type !== 'text') continue;
    const current = content[part.index];
    const prev = current && current.type === 'text' ? current.text : { value: '', annotations: [] };
    content[part.index] = { type: 'text', text: { ...prev, value: prev.value + (part.text?.value ?? '') } };
  }
  return { ...live, messages: { ...live.messages, [data.id]: { ...message, content } } };
}

function withStepDelta(live: LiveRun, data: RunStepDeltaEvent): LiveRun {
  const details = data.delta.step_details;
  if (details?.type !== 'tool_calls' || !details.tool_calls) return live;
  const deltas = details.tool_calls;
  const calls = [...(live.toolCalls[data.id] ?? [])];
  for (const d of deltas) {
    if (d.type && d.type !== 'function') continue;
    const pos = calls.findIndex((c) => c.index === d.index);
    const prev = pos >= 0 ? calls[pos] : { index: d.index, id: '', step_id: data.id, name: '', arguments: '', output: null };
    const next: LiveToolCall = {
      ...prev,
      id: d.id ?? prev.id,
      name: d.function?.name ?? prev.name,
      arguments: prev.arguments + (d.function?.arguments ?? ''),
      output: d.function?.output ?? prev.output,
    };
    if (pos >= 0) calls[pos] = next;
    else calls.push(next);
  }
  calls.sort((a, b) => a.index - b.index);
  return { ...live, toolCalls: { ...live.toolCalls, [data.id]: calls } };
}

/** Folds one event into the live run. Pure: returns a new object or the same one when nothing changes (an event already folded, or one that does not follow). */
export function applyRunEvent(live: LiveRun, event: RunEventRecord): LiveRun {
  if (event.seq !== live.lastSeq + 1) return live;
  const base: LiveRun = { ...live, lastSeq: event.seq };
  if (isRunStatusEvent(event)) return { ...base, run: event.data };
  if (isRunStepEvent(event)) return withStep(base, event.data);
  if (isMessageEvent(event)) return withMessage(base, event.data);
  switch (event.type) {
    case 'thread.run.step.delta':
      return withStepDelta(base, event.data);
    case 'thread.message.delta':
      return withMessageDelta(base, event.data);
    case 'tool.execution.started': {
      const d = event.data;
      const exec: LiveExecution = { call_id: d.call_id, function: d.function, mode: d.mode, running: true, output: null, error: null, duration_ms: null };
      return { ...base, executions: { ...base.executions, [d.call_id]: exec } };
    }
    case 'tool.execution.finished': {
      const d = event.data;
      const exec: LiveExecution = { call_id: d.call_id, function: d.function, mode: d.mode, running: false, output: d.output, error: d.error, duration_ms: d.duration_ms };
      return { ...base, executions: { ...base.executions, [d.call_id]: exec } };
    }
    case 'tool.arguments.invalid':
      return { ...base, invalidArgs: { ...base.invalidArgs, [event.data.call_id]: event.data.errors } };
    case 'tool.outputs.submitted': {
      const d = event.data;
      const calls = (base.toolCalls[d.step_id] ?? []).map((c) => {
        const out = d.tool_outputs.find((o) => o.tool_call_id === c.id);
        return out ? { ...c, output: out.output } : c;
      });
      return { ...base, toolCalls: { ...base.toolCalls, [d.step_id]: calls }, submittedSource: d.source };
    }
    default:
      return base;
  }
}

/** Folds many events in order. */
export function applyRunEvents(live: LiveRun, events: readonly RunEventRecord[]): LiveRun {
  return events.reduce(applyRunEvent, live);
}
