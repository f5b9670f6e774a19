/**
 * The event log's record shape and event names. Stream names mirror the Assistants SSE
 * events (assistants-api.md §4) so `/v1` passes their `data` through unchanged; the
 * RunLens names carry what only the debugger needs (model I/O, tool executions).
 */

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

export const RUNLENS_EVENT_TYPES = [
  /** The exact request handed to the model backend: {round, backend, request, http?} (http: the wire request, key masked). */
  'model.request',
  /** What the backend produced for that request: {round, backend, text, tool_calls, finish_reason, usage, duration_ms, ttft_ms, tokens_per_s, error}. */
  'model.response',
  /** A live provider failed and the round is retried after a wait: {round, attempt, status, wait_ms, message}. */
  'model.retry',
  /** What a backend notes about a round beside its output (scripted rule hits): {round, …}. */
  'model.note',
  /** Arguments that are not JSON or fail the function's JSON Schema: {step_id, call_id, function, arguments, errors}. */
  'tool.arguments.invalid',
  /** A handler began: {step_id, call_id, function, mode, arguments}. */
  'tool.execution.started',
  /** A handler ended: {step_id, call_id, function, mode, output, error, duration_ms}. */
  'tool.execution.finished',
  /** Outputs accepted for a requires_action round: {step_id, tool_outputs, source}. */
  'tool.outputs.submitted',
] as const;
export type RunLensEventType = (typeof RUNLENS_EVENT_TYPES)[number];

export type RunEventType = StreamEventType | RunLensEventType;

/** Run statuses after which a `/v1` stream ends (requires_action ends a leg). */
export const STREAM_TERMINAL_RUN_EVENTS: readonly RunEventType[] = [
  'thread.run.requires_action',
  'thread.run.completed',
  'thread.run.incomplete',
  'thread.run.failed',
  'thread.run.cancelled',
  'thread.run.expired',
];

/**
 * One appended event. `seq` is per run, starts at 1 and has no gaps; `id` is global and
 * strictly increasing, so "everything after X" can be resumed too. `ts` is in milliseconds.
 */
export interface RunEventRecord<T = unknown> {
  id: number;
  run_id: string;
  thread_id: string;
  seq: number;
  ts: number;
  type: RunEventType;
  data: T;
}

export type HandlerMode = 'manual' | 'mock' | 'live';

export interface ToolExecutionStartedData {
  step_id: string;
  call_id: string;
  function: string;
  mode: HandlerMode;
  arguments: string;
}
export interface ToolExecutionFinishedData {
  step_id: string;
  call_id: string;
  function: string;
  mode: HandlerMode;
  output: string | null;
  error: string | null;
  duration_ms: number;
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

/** A change to a stored object outside the run log, so every face can refresh lists. */
export interface EntityChange {
  kind: 'assistant' | 'thread' | 'message' | 'handler' | 'settings';
  op: 'created' | 'updated' | 'deleted';
  id: string;
  thread_id?: string;
}
