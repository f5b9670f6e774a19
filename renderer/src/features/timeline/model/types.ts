/**
 * The timeline model: what a run's event log says happened, reduced into lanes that the
 * canvas, the lifecycle diagram and the inspector draw. Times are event `ts` (ms).
 */
import type { HandlerMode } from '../../../../../electron/contract/events';
import type { Run, RunStatus, RunStep } from '../../../../../electron/contract/objects';
import type { ModelRequest, ModelResponseData } from '../../../../../electron/contract/model-io';
import type { EventLog } from '../../../stores/event-log';
import type { TimeAxis } from './time-axis';

/** One stretch of the run in one status; `end` is null while it is the current status. */
export interface StatusSegment {
  status: RunStatus;
  start: number;
  end: number | null;
  startSeq: number;
  endSeq: number | null;
}

/** What `model.response` carries (the contract's payload). */
export type { ModelResponseData } from '../../../../../electron/contract/model-io';

/**
 * One model call: `model.request` → `model.response`. When an event came as a stub (`elided`:
 * over 8 KB), `request` / `response` hold its small fields and only previews of its long
 * strings; the inspector fetches the whole event (`runs.eventBody`) to show them.
 */
export interface ModelRound {
  round: number;
  start: number;
  end: number | null;
  startSeq: number;
  request: ModelRequest;
  backend: string;
  response: ModelResponseData | null;
  eventIdx: number[];
}

/** A handler execution of one call (`tool.execution.started` → `finished`). */
export interface CallExecution {
  start: number;
  end: number | null;
  mode: HandlerMode;
  output: string | null;
  error: string | null;
  duration_ms: number | null;
  /** Live handlers: which one, the request as sent (secrets masked) and what came back. */
  handler?: string;
  request?: Record<string, unknown> | null;
  response?: Record<string, unknown> | null;
  /** Live only: `approval` when a person approved it in the Inbox. */
  trigger?: 'auto' | 'approval';
  /** The arguments it ran with (a person may have edited the model's before approving). */
  arguments?: string;
}

/**
 * One function call inside a tool_calls step, split in three phases: the model generating
 * its arguments, the run waiting for an output, and the handler executing (not for manual).
 */
export interface CallBar {
  stepId: string;
  index: number;
  callId: string;
  name: string;
  arguments: string;
  output: string | null;
  genStart: number;
  genEnd: number;
  waitStart: number | null;
  waitEnd: number | null;
  exec: CallExecution | null;
  invalid: string[] | null;
  submittedAt: number | null;
  source: 'api' | 'ui' | 'auto' | null;
  /** Set when the run ended (cancel, expiry, failure) while the call still waited. */
  abandoned: boolean;
}

/** One run step as a bar, with everything the inspector shows for it. */
export interface StepBar {
  id: string;
  ordinal: number;
  type: 'message_creation' | 'tool_calls';
  status: RunStep['status'];
  start: number;
  end: number | null;
  startSeq: number;
  endSeq: number | null;
  round: number | null;
  snapshot: RunStep;
  calls: CallBar[];
  messageId: string | null;
  text: string;
  eventIdx: number[];
}

export type MarkerKind =
  | 'run_failed'
  | 'step_failed'
  | 'expired'
  | 'cancelled'
  | 'incomplete'
  | 'invalid_args'
  | 'exec_error'
  | 'blocked'
  | 'model_error';

/** A point in time worth a glyph on the markers lane. */
export interface Marker {
  kind: MarkerKind;
  ts: number;
  seq: number;
  label: string;
  stepId: string | null;
  callId: string | null;
}

/** A status change the run took; `from` is 'start' for the creation. */
export interface Transition {
  from: RunStatus | 'start';
  to: RunStatus;
  ts: number;
  seq: number;
}

/** Taken edges of the lifecycle graph, keyed `from->to`. */
export interface EdgeStat {
  from: RunStatus | 'start';
  to: RunStatus;
  count: number;
  /** When it was taken: the first 23 times, then the latest in the last slot. */
  times: number[];
}

/** The whole reduced run. Mutated in place by `applyEvent`; `version` bumps on every change. */
export interface TimelineModel {
  runId: string;
  threadId: string;
  run: Run | null;
  status: RunStatus | null;
  /** The folded events, held compactly (`events.at(i)` builds one; `tsAt`/`typeAt` read without building). */
  events: EventLog;
  segments: StatusSegment[];
  rounds: ModelRound[];
  steps: StepBar[];
  stepById: Map<string, StepBar>;
  /** Every call of every step, in creation order. */
  calls: CallBar[];
  markers: Marker[];
  edges: Map<string, EdgeStat>;
  firstTs: number | null;
  lastTs: number | null;
  /** The latest `(ts)` at which each lane can end: helps culling (steps and segments are sequential). */
  axis: TimeAxis;
  version: number;
}
