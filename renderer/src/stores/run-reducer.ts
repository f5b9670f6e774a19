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
  /** The arguments the handler got (tool.execution.started); other than the model's when edited in the Inbox or pinned by the tenant guard. */
  arguments?: string;
  /** Who started it: the run itself, or a person approving in the Inbox. */
  trigger?: 'auto' | 'approval';
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

/**
 * A LiveRun being folded: its record and order containers are this fold's own copies, so
 * each event sets one entry in place instead of copying a container per event (a run with
 * 10,000 steps folded in one batch was quadratic). Entries themselves are replaced, never
 * changed, so what a previous LiveRun holds stays as it was.
 */
type Draft = LiveRun;

function draftOf(live: LiveRun): Draft {
  return {
    ...live,
    steps: { ...live.steps },
    stepOrder: [...live.stepOrder],
    messages: { ...live.messages },
    messageOrder: [...live.messageOrder],
    toolCalls: { ...live.toolCalls },
    executions: { ...live.executions },
    invalidArgs: { ...live.invalidArgs },
  };
}

function putStep(d: Draft, step: RunStep): void {
  if (!(step.id in d.steps)) d.stepOrder.push(step.id);
  d.steps[step.id] = step;
  if (step.step_details.type === 'tool_calls' && step.step_details.tool_calls.length > 0) {
    const prev = d.toolCalls[step.id] ?? [];
    d.toolCalls[step.id] = step.step_details.tool_calls
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
  }
}

function putMessage(d: Draft, message: Message): void {
  const known = d.messages[message.id];
  if (!known) d.messageOrder.push(message.id);
  // message.created has content:[]; keep streamed text until a snapshot carries content.
  const content = message.content.length === 0 && known ? known.content : message.content;
  d.messages[message.id] = { ...message, content };
}

function putMessageDelta(d: Draft, data: MessageDeltaEvent): void {
  const message = d.messages[data.id];
  if (!message) return;
  const content = [...message.content];
  for (const part of data.delta.content ?? []) {
    if (part.type !== 'text') continue;
    const current = content[part.index];
    const prev = current && current.type === 'text' ? current.text : { value: '', annotations: [] };
    content[part.index] = { type: 'text', text: { ...prev, value: prev.value + (part.text?.value ?? '') } };
  }
  d.messages[data.id] = { ...message, content };
}

function putStepDelta(d: Draft, data: RunStepDeltaEvent): void {
  const details = data.delta.step_details;
  if (details?.type !== 'tool_calls' || !details.tool_calls) return;
  const calls = [...(d.toolCalls[data.id] ?? [])];
  for (const delta of details.tool_calls) {
    if (delta.type && delta.type !== 'function') continue;
    const pos = calls.findIndex((c) => c.index === delta.index);
    const prev = pos >= 0 ? calls[pos] : { index: delta.index, id: '', step_id: data.id, name: '', arguments: '', output: null };
    const next: LiveToolCall = {
      ...prev,
      id: delta.id ?? prev.id,
      name: delta.function?.name ?? prev.name,
      arguments: prev.arguments + (delta.function?.arguments ?? ''),
      output: delta.function?.output ?? prev.output,
    };
    if (pos >= 0) calls[pos] = next;
    else calls.push(next);
  }
  calls.sort((a, b) => a.index - b.index);
  d.toolCalls[data.id] = calls;
}

/** Folds one event that follows (`seq === lastSeq + 1`) into the draft. */
function put(d: Draft, event: RunEventRecord): void {
  d.lastSeq = event.seq;
  if (isRunStatusEvent(event)) d.run = event.data;
  else if (isRunStepEvent(event)) putStep(d, event.data);
  else if (isMessageEvent(event)) putMessage(d, event.data);
  else
    switch (event.type) {
      case 'thread.run.step.delta':
        return putStepDelta(d, event.data);
      case 'thread.message.delta':
        return putMessageDelta(d, event.data);
      case 'tool.execution.started': {
        const e = event.data;
        d.executions[e.call_id] = { call_id: e.call_id, function: e.function, mode: e.mode, running: true, output: null, error: null, duration_ms: null, arguments: e.arguments, ...(e.trigger ? { trigger: e.trigger } : {}) };
        return;
      }
      case 'tool.execution.finished': {
        const e = event.data;
        const started = d.executions[e.call_id];
        d.executions[e.call_id] = {
          call_id: e.call_id,
          function: e.function,
          mode: e.mode,
          running: false,
          output: e.output,
          error: e.error,
          duration_ms: e.duration_ms,
          ...(started?.arguments !== undefined ? { arguments: started.arguments } : {}),
          ...(started?.trigger ? { trigger: started.trigger } : {}),
        };
        return;
      }
      case 'tool.arguments.invalid':
        d.invalidArgs[event.data.call_id] = event.data.errors;
        return;
      case 'tool.outputs.submitted': {
        const e = event.data;
        d.toolCalls[e.step_id] = (d.toolCalls[e.step_id] ?? []).map((c) => {
          const out = e.tool_outputs.find((o) => o.tool_call_id === c.id);
          return out ? { ...c, output: out.output } : c;
        });
        d.submittedSource = e.source;
        return;
      }
      default:
        return;
    }
}

/** Folds one event into the live run. Pure: returns a new object or the same one when nothing changes (an event already folded, or one that does not follow). */
export function applyRunEvent(live: LiveRun, event: RunEventRecord): LiveRun {
  return applyRunEvents(live, [event]);
}

/** Folds many events in order, in time linear in the run and the events (one copy of the containers per call). Pure, like `applyRunEvent`. */
export function applyRunEvents(live: LiveRun, events: readonly RunEventRecord[]): LiveRun {
  let draft: Draft | null = null;
  for (const event of events) {
    const last: number = draft ? draft.lastSeq : live.lastSeq;
    if (event.seq !== last + 1) continue;
    draft ??= draftOf(live);
    put(draft, event);
  }
  return draft ?? live;
}
