/**
 * The pure reduction from a run's event log to the timeline model. `applyEvent` mutates the
 * model in place in O(1) amortised, so a live run or a 100,000-event recording costs one
 * pass; `buildTimelineModel(events, upto)` replays a prefix (the replay scrub point).
 */
import type { MessageDeltaEvent, MessageEventType, RunEventRecord, RunStatusEventType, RunStepDeltaEvent, RunStepEventType } from '../../../../../electron/contract/events';
import { isMessageEvent, isRunStatusEvent, isRunStepEvent } from '../../../../../electron/contract/event-guards';
import type { RunStatus, RunStep } from '../../../../../electron/contract/objects';
import { TERMINAL_RUN_STATUSES } from '../../../../../electron/contract/run-lifecycle';
import { EventLog, type EventSeq } from '../../../stores/event-log';
import { TimeAxis } from './time-axis';
import { findCall, marker, newCall } from './reduce-helpers';
import { applyModelEvent, applyToolEvent } from './reduce-tools';
import type { StepBar, TimelineModel, Transition } from './types';

const TERMINAL: ReadonlySet<RunStatus> = new Set(TERMINAL_RUN_STATUSES);
/** Edge times kept per edge: the first ones and, in the last slot, the latest. */
const EDGE_TIMES_KEPT = 24;
const STEP_TERMINAL: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled', 'expired']);

/** True for statuses after which nothing more happens to a run. */
export function isTerminalStatus(status: RunStatus | null): boolean {
  return status !== null && TERMINAL.has(status);
}

const EDGE_KEYS = new Map<string, string>();
/** `from->to`, interned: one string per edge instead of one per transition. */
function edgeKey(from: string, to: string): string {
  const k = from + to;
  let key = EDGE_KEYS.get(k);
  if (key === undefined) {
    key = `${from}->${to}`;
    EDGE_KEYS.set(k, key);
  }
  return key;
}

/** The status changes the run took, derived from its segments (one per change). */
export function transitionsOf(m: TimelineModel): Transition[] {
  return m.segments.map((s, i) => ({ from: i ? m.segments[i - 1].status : 'start', to: s.status, ts: s.start, seq: s.startSeq }));
}

/** An empty model for one run; `over`: the log it is folded from (its events are then read from there, not copied). */
export function createTimelineModel(runId: string, threadId: string, gapThresholdMs?: number, over?: EventLog): TimelineModel {
  return {
    runId,
    threadId,
    run: null,
    status: null,
    events: new EventLog(over),
    segments: [],
    rounds: [],
    steps: [],
    stepById: new Map(),
    calls: [],
    markers: [],
    edges: new Map(),
    firstTs: null,
    lastTs: null,
    axis: new TimeAxis(gapThresholdMs),
    version: 0,
  };
}

/** Replays `events[0..upto)` into a fresh model. */
export function buildTimelineModel(events: EventSeq, upto = events.length, gapThresholdMs?: number): TimelineModel {
  const first = events.at(0);
  const model = createTimelineModel(first?.run_id ?? '', first?.thread_id ?? '', gapThresholdMs, events instanceof EventLog ? events : undefined);
  applyEvents(model, events, 0, upto);
  return model;
}

/** Applies `events[from..to)` in order. */
export function applyEvents(model: TimelineModel, events: EventSeq, from = 0, to = events.length): void {
  const end = Math.min(to, events.length);
  for (let i = from; i < end; i++) applyEvent(model, events.at(i) as RunEventRecord);
}

function ensureStep(m: TimelineModel, snapshot: RunStep, ev: RunEventRecord): StepBar {
  let step = m.stepById.get(snapshot.id);
  if (step) return step;
  const details = snapshot.step_details;
  step = {
    id: snapshot.id,
    ordinal: m.steps.length + 1,
    type: snapshot.type,
    status: snapshot.status,
    start: ev.ts,
    end: null,
    startSeq: ev.seq,
    endSeq: null,
    round: m.rounds.length ? m.rounds[m.rounds.length - 1].round : null,
    snapshot,
    calls: [],
    messageId: details?.type === 'message_creation' ? details.message_creation.message_id : null,
    text: '',
    eventIdx: [],
  };
  m.steps.push(step);
  m.stepById.set(step.id, step);
  return step;
}

/** Brings calls in line with a step snapshot (outputs filled at completion, calls never streamed). */
function syncCalls(m: TimelineModel, step: StepBar, snapshot: RunStep, ts: number): void {
  if (snapshot.step_details?.type !== 'tool_calls') return;
  snapshot.step_details.tool_calls.forEach((tc, i) => {
    if (tc.type !== 'function') return;
    let call = step.calls.find((c) => c.callId === tc.id);
    if (!call) {
      call = newCall(step, i, tc.id, tc.function.name, ts);
      step.calls.push(call);
      m.calls.push(call);
    }
    if (tc.function.arguments.length >= call.arguments.length) call.arguments = tc.function.arguments;
    if (tc.function.output !== null && tc.function.output !== undefined) call.output = tc.function.output;
  });
}

function setStatus(m: TimelineModel, status: RunStatus, ev: RunEventRecord): void {
  if (m.status === status) return;
  const from = m.status ?? 'start';
  const key = edgeKey(from, status);
  const edge = m.edges.get(key);
  if (edge) {
    edge.count++;
    if (edge.times.length < EDGE_TIMES_KEPT) edge.times.push(ev.ts);
    else edge.times[EDGE_TIMES_KEPT - 1] = ev.ts;
  } else m.edges.set(key, { from, to: status, count: 1, times: [ev.ts] });
  const open = m.segments[m.segments.length - 1];
  if (open && open.end === null) {
    open.end = ev.ts;
    open.endSeq = ev.seq;
  }
  const terminal = TERMINAL.has(status);
  m.segments.push({ status, start: ev.ts, end: terminal ? ev.ts : null, startSeq: ev.seq, endSeq: terminal ? ev.seq : null });
  m.status = status;
}

/** Everything still open when the run ends is closed at that instant. */
function closeOpen(m: TimelineModel, ev: RunEventRecord): void {
  for (let i = m.steps.length - 1; i >= 0 && i >= m.steps.length - 4; i--) {
    const s = m.steps[i];
    if (s.end === null) {
      s.end = ev.ts;
      s.endSeq = ev.seq;
    }
    for (const c of s.calls) {
      if (c.waitStart !== null && c.waitEnd === null) {
        c.waitEnd = ev.ts;
        if (c.submittedAt === null) c.abandoned = true;
      }
      if (c.exec && c.exec.end === null) c.exec.end = ev.ts;
    }
  }
  const round = m.rounds[m.rounds.length - 1];
  if (round && round.end === null) round.end = ev.ts;
}

function applyRunEvent(m: TimelineModel, ev: RunEventRecord<RunStatusEventType>): void {
  const run = ev.data;
  m.run = run;
  const status = run.status;
  setStatus(m, status, ev);
  if (status === 'requires_action') {
    for (const rc of run.required_action?.submit_tool_outputs.tool_calls ?? []) {
      const call = findCall(m, '', rc.id);
      if (call && call.waitStart === null) call.waitStart = ev.ts;
    }
  }
  if (TERMINAL.has(status)) {
    closeOpen(m, ev);
    if (status === 'failed') {
      const err = run.last_error;
      marker(m, 'run_failed', ev, err ? `${err.code}: ${err.message}` : 'run failed');
    } else if (status === 'expired') marker(m, 'expired', ev, 'run expired');
    else if (status === 'cancelled') marker(m, 'cancelled', ev, 'run cancelled');
    else if (status === 'incomplete') marker(m, 'incomplete', ev, `incomplete: ${run.incomplete_details?.reason ?? 'unknown'}`);
  }
}

function applyStepDelta(m: TimelineModel, ev: RunEventRecord, d: RunStepDeltaEvent, idx: number): void {
  const step = m.stepById.get(d.id);
  if (!step) return;
  step.eventIdx.push(idx);
  const details = d.delta.step_details;
  if (details?.type !== 'tool_calls') return;
  for (const tc of details.tool_calls ?? []) {
    let call = step.calls.find((c) => c.index === tc.index);
    if (!call) {
      call = newCall(step, tc.index, tc.id ?? `#${tc.index}`, tc.function?.name ?? (tc.type && tc.type !== 'function' ? tc.type : ''), ev.ts);
      step.calls.push(call);
      m.calls.push(call);
    }
    call.arguments += tc.function?.arguments ?? '';
    if (tc.function?.output !== null && tc.function?.output !== undefined) call.output = tc.function.output;
    call.genEnd = ev.ts;
  }
}

function applyStepEvent(m: TimelineModel, ev: RunEventRecord<RunStepEventType>, idx: number): void {
  const snapshot = ev.data;
  const step = ensureStep(m, snapshot, ev);
  step.eventIdx.push(idx);
  step.snapshot = snapshot;
  step.status = snapshot.status;
  syncCalls(m, step, snapshot, ev.ts);
  if (STEP_TERMINAL.has(snapshot.status) && step.end === null) {
    step.end = ev.ts;
    step.endSeq = ev.seq;
  }
  if (ev.type === 'thread.run.step.failed') {
    const err = snapshot.last_error;
    marker(m, 'step_failed', ev, err ? `step failed: ${err.code}: ${err.message}` : 'step failed', step.id);
  }
}

function stepOfMessage(m: TimelineModel, messageId: string): StepBar | null {
  for (let i = m.steps.length - 1; i >= 0 && i >= m.steps.length - 4; i--) if (m.steps[i].messageId === messageId) return m.steps[i];
  return null;
}

function applyMessageDelta(m: TimelineModel, d: MessageDeltaEvent, idx: number): void {
  const step = stepOfMessage(m, d.id);
  if (!step) return;
  step.eventIdx.push(idx);
  for (const part of d.delta.content ?? []) step.text += part.text?.value ?? '';
}

function applyMessageEvent(m: TimelineModel, ev: RunEventRecord<MessageEventType>, idx: number): void {
  const msg = ev.data;
  const step = stepOfMessage(m, msg.id);
  if (!step) return;
  step.eventIdx.push(idx);
  if (ev.type === 'thread.message.completed' || ev.type === 'thread.message.incomplete') {
    const content = msg.content ?? [];
    // one text part (the usual case): share its string instead of copying a long reply
    step.text = content.length === 1 && content[0].type === 'text' ? content[0].text.value : content.map((c) => (c.type === 'text' ? c.text.value : '')).join('');
  }
}

/** Folds one event into the model. Events must arrive in `seq` order. */
export function applyEvent(m: TimelineModel, ev: RunEventRecord): void {
  const idx = m.events.length;
  m.events.push(ev);
  if (!m.runId) m.runId = ev.run_id;
  if (!m.threadId) m.threadId = ev.thread_id;
  if (m.firstTs === null) m.firstTs = ev.ts;
  m.lastTs = m.lastTs === null ? ev.ts : Math.max(m.lastTs, ev.ts);
  m.axis.push(ev.ts);
  m.version++;
  if (isRunStepEvent(ev)) applyStepEvent(m, ev, idx);
  else if (isRunStatusEvent(ev)) applyRunEvent(m, ev);
  else if (isMessageEvent(ev)) applyMessageEvent(m, ev, idx);
  else {
    switch (ev.type) {
      case 'thread.run.step.delta':
        return applyStepDelta(m, ev, ev.data, idx);
      case 'thread.message.delta':
        return applyMessageDelta(m, ev.data, idx);
      case 'tool.arguments.invalid':
      case 'tool.execution.started':
      case 'tool.execution.finished':
      case 'tool.outputs.submitted':
      case 'tool.call.blocked':
        return applyToolEvent(m, ev, idx);
      case 'model.request':
      case 'model.response':
        return applyModelEvent(m, ev, idx);
    }
  }
}
