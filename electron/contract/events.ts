/**
 * The event log's record shape and event names. Stream names mirror the Assistants SSE
 * events (assistants-api.md §4) so `/v1` passes their `data` through unchanged; the
 * RunLens names carry what only the debugger needs (model I/O, tool executions).
 */
import type { ModelNoteData, ModelRequestData, ModelResponseData, ModelRetryData } from './model-io';
import type { Message, Run, RunStatus, RunStep, Thread } from './objects';

export type { ModelNoteData, ModelRequestData, ModelResponseData, ModelRetryData } from './model-io';

export const STREAM_EVENT_TYPES = [
  'thread.created',
  'thread.run.created',
  'thread.run.queued',
  'thread.run.in_progress',
  'thread.run.requires_action',
  'thread.run.completed',
  'thread.run.incomplete',
  'thread.run.failed',
  'thread.run.cancelling',
  'thread.run.cancelled',
  'thread.run.expired',
  'thread.run.step.created',
  'thread.run.step.in_progress',
  'thread.run.step.delta',
  'thread.run.step.completed',
  'thread.run.step.failed',
  'thread.run.step.cancelled',
  'thread.run.step.expired',
  'thread.message.created',
  'thread.message.in_progress',
  'thread.message.delta',
  'thread.message.completed',
  'thread.message.incomplete',
] as const;
export type StreamEventType = (typeof STREAM_EVENT_TYPES)[number];

/** A streamed fragment of a message (`thread.message.delta`, assistants-api.md §1 "Deltas"). */
export interface MessageDeltaEvent {
  id: string;
  object: 'thread.message.delta';
  delta: {
    role?: 'user' | 'assistant';
    content?: Array<{ index: number; type: string; text?: { value?: string; annotations?: unknown[] } }>;
  };
}

/** One tool call's fragment inside a step delta; only the first fragment of a call has `id`. */
export interface ToolCallDelta {
  index: number;
  type?: 'function' | 'code_interpreter' | 'file_search';
  id?: string;
  function?: { name?: string; arguments?: string; output?: string | null };
  code_interpreter?: { input?: string; outputs?: unknown[] };
  file_search?: Record<string, unknown>;
}

/** A streamed fragment of a run step (`thread.run.step.delta`). */
export interface RunStepDeltaEvent {
  id: string;
  object: 'thread.run.step.delta';
  delta: {
    step_details?:
      | { type: 'tool_calls'; tool_calls?: ToolCallDelta[] }
      | { type: 'message_creation'; message_creation?: { message_id?: string } };
  };
}

/**
 * The payload (`data`) of every event type: the ONE list of event types. Adding an event is
 * one line here; `RunEventRecord` then narrows `data` by `type` everywhere, so nothing casts.
 */
/** Who created a run: the app (its UI or bridge), or a caller of `/v1` (SDK code). */
export type RunCreator = 'ui' | 'api';

/** The run as created, plus who created it (RunLens only: left out of `/v1` streams). */
export interface RunCreatedData extends Run {
  /** Absent on runs recorded before it was kept, and on runs RunLens re-executes itself. */
  created_by?: RunCreator;
}

export interface RunEventPayloads {
  'thread.created': Thread;
  'thread.run.created': RunCreatedData;
  'thread.run.queued': Run;
  'thread.run.in_progress': Run;
  'thread.run.requires_action': Run;
  'thread.run.completed': Run;
  'thread.run.incomplete': Run;
  'thread.run.failed': Run;
  'thread.run.cancelling': Run;
  'thread.run.cancelled': Run;
  'thread.run.expired': Run;
  'thread.run.step.created': RunStep;
  'thread.run.step.in_progress': RunStep;
  'thread.run.step.delta': RunStepDeltaEvent;
  'thread.run.step.completed': RunStep;
  'thread.run.step.failed': RunStep;
  'thread.run.step.cancelled': RunStep;
  'thread.run.step.expired': RunStep;
  'thread.message.created': Message;
  'thread.message.in_progress': Message;
  'thread.message.delta': MessageDeltaEvent;
  'thread.message.completed': Message;
  'thread.message.incomplete': Message;
  /** The exact request handed to the model backend. */
  'model.request': ModelRequestData;
  /** What the backend produced for that request. */
  'model.response': ModelResponseData;
  /** A live provider failed and the round is retried after a wait. */
  'model.retry': ModelRetryData;
  /** What a backend notes about a round beside its output (scripted rule hits). */
  'model.note': ModelNoteData;
  /** Arguments that are not JSON or fail the function's JSON Schema. */
  'tool.arguments.invalid': ToolArgumentsInvalidData;
  /** A handler began. */
  'tool.execution.started': ToolExecutionStartedData;
  /** A handler ended. */
  'tool.execution.finished': ToolExecutionFinishedData;
  /** Outputs accepted for a requires_action round. */
  'tool.outputs.submitted': ToolOutputsSubmittedData;
  /** The tenant guard stopped a call; it was never executed. */
  'tool.call.blocked': ToolCallBlockedData;
  /** A run left queued or in_progress by a stopped RunLens continues (the interrupted step is closed next). */
  'run.resumed': RunResumedData;
}

export type RunEventType = keyof RunEventPayloads;
/** RunLens's own events (never sent on a `/v1` stream). */
export type RunLensEventType = Exclude<RunEventType, StreamEventType>;

/** Every stream name has a payload (a compile error here means the map lacks one). */
const STREAM_TYPES_HAVE_PAYLOADS: readonly RunEventType[] = STREAM_EVENT_TYPES;
void STREAM_TYPES_HAVE_PAYLOADS;

/** The event types whose payload is the run snapshot: one per status, plus `created`. */
export type RunStatusEventType = 'thread.run.created' | `thread.run.${RunStatus}`;
/** The event types whose payload is a step snapshot. */
export type RunStepEventType = { [K in RunEventType]: RunEventPayloads[K] extends RunStep ? K : never }[RunEventType];
/** The event types whose payload is a message snapshot. */
export type MessageEventType = { [K in RunEventType]: RunEventPayloads[K] extends Message ? K : never }[RunEventType];

const RUN_STATUS_EVENTS_HAVE_PAYLOADS: readonly RunEventType[] = [] as RunStatusEventType[];
void RUN_STATUS_EVENTS_HAVE_PAYLOADS;

/** The event announcing that a run reached `status`. */
export function runStatusEventType(status: RunStatus): RunStatusEventType {
  return `thread.run.${status}`;
}

/** Run statuses after which a `/v1` stream ends (requires_action ends a leg). */
export const STREAM_TERMINAL_RUN_EVENTS: readonly RunEventType[] = [
  'thread.run.requires_action',
  'thread.run.completed',
  'thread.run.incomplete',
  'thread.run.failed',
  'thread.run.cancelled',
  'thread.run.expired',
];

/** The fields every event has, whatever its type. */
export interface RunEventBase {
  id: number;
  run_id: string;
  thread_id: string;
  seq: number;
  ts: number;
  /**
   * Set only on what the app's faces are handed (`runs.eventsPage`, live pushes) when the
   * event's payload is large and only the inspector shows it: `data` is then a stub (long
   * strings cut to a preview) and `runs.eventBody(run_id, seq)` gives the whole event.
   * Never stored, never on `/v1`.
   */
  elided?: ElidedBody;
}

/** What a stub leaves out (see `RunEventBase.elided`). */
export interface ElidedBody {
  /** The full `data` as JSON, in characters. */
  size: number;
  /** `model.response`: the full reply text's length (the stub's `text` is a preview). */
  text_length?: number;
}

/**
 * One appended event, a union discriminated by `type`: `RunEventRecord` is any event, and
 * `RunEventRecord<'model.request'>` one type (or a union of types) with its `data` typed.
 * `seq` is per run, starts at 1 and has no gaps; `id` is global and strictly increasing,
 * so "everything after X" can be resumed too. `ts` is in milliseconds.
 */
export type RunEventRecord<K extends RunEventType = RunEventType> = {
  [T in K]: RunEventBase & { type: T; data: RunEventPayloads[T] };
}[K];

/** True when the event is of one of `types`, narrowing its `data` accordingly. */
export function isEventOf<K extends RunEventType>(event: RunEventRecord, ...types: K[]): event is Extract<RunEventRecord, { type: K }> {
  return (types as RunEventType[]).includes(event.type);
}

/** How a call was answered; `builtin` is RunLens's own file_search / code_interpreter. */
export type HandlerMode = 'manual' | 'mock' | 'live' | 'builtin';

export interface ToolExecutionStartedData {
  step_id: string;
  call_id: string;
  function: string;
  mode: HandlerMode;
  arguments: string;
  /** Live only: webhook | connery | mcp | command. */
  handler?: string;
  /** Live only: the request as sent, secrets masked. */
  request?: Record<string, unknown>;
  /** Live only: who started it — the run itself, or a person approving in the Inbox. */
  trigger?: 'auto' | 'approval';
}
export interface ToolExecutionFinishedData {
  step_id: string;
  call_id: string;
  function: string;
  mode: HandlerMode;
  output: string | null;
  error: string | null;
  duration_ms: number;
  handler?: string;
  /** Live only: the request as sent (secrets masked), repeated so one event tells the whole story. */
  request?: Record<string, unknown>;
  /** Live only: status, headers and body (or MCP content, command exit code…) when anything came back. */
  response?: Record<string, unknown> | null;
  /** A mock output that looks like JSON but is not. */
  warning?: string | null;
}
export interface ToolCallBlockedData {
  step_id: string;
  call_id: string;
  function: string;
  arguments: string;
  argument: string;
  expected: string | null;
  got: unknown;
  reason: string;
}
export interface ToolArgumentsInvalidData {
  step_id: string;
  call_id: string;
  function: string;
  arguments: string;
  errors: string[];
}
export interface ToolOutputsSubmittedData {
  step_id: string;
  tool_outputs: Array<{ tool_call_id: string; output: string }>;
  /** Who answered: the `/v1` API, the app's UI, or an automatic handler. */
  source: 'api' | 'ui' | 'auto';
}

/** A run taken up again after a restart; the interrupted step (if any) is closed right after. */
export interface RunResumedData {
  from_status: 'queued' | 'in_progress';
  /** The number of the round issued next. */
  round: number;
  interrupted_step_id: string | null;
}

/** A change to a stored object outside the run log, so every face can refresh lists. */
export interface EntityChange {
  kind: 'assistant' | 'thread' | 'message' | 'handler' | 'settings';
  op: 'created' | 'updated' | 'deleted';
  id: string;
  thread_id?: string;
}
