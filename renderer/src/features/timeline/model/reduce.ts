/**
 * The pure reduction from a run's event log to the timeline model. `applyEvent` mutates the
 * model in place in O(1) amortised, so a live run or a 100,000-event recording costs one
 * pass; `buildTimelineModel(events, upto)` replays a prefix (the replay scrub point).
 */
import type {
  RunEventRecord,
  ToolArgumentsInvalidData,
  ToolExecutionFinishedData,
  ToolExecutionStartedData,
  ToolOutputsSubmittedData,
} from '../../../../../electron/contract/events';
import type { Message, Run, RunStatus, RunStep } from '../../../../../electron/contract/objects';
import { TimeAxis } from './time-axis';
import type { CallBar, MarkerKind, ModelResponseData, StepBar, TimelineModel, Transition } from './types';

const TERMINAL: ReadonlySet<RunStatus> = new Set(['completed', 'incomplete', 'failed', 'cancelled', 'expired']);
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

/** An empty model for one run. */
export function createTimelineModel(runId: string, threadId: string, gapThresholdMs?: number): TimelineModel {
  return {
    runId,
    threadId,
    run: null,
    status: null,
    events: [],
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
export function buildTimelineModel(events: readonly RunEventRecord[], upto = events.length, gapThresholdMs?: number): TimelineModel {
  const first = events[0];
  const model = createTimelineModel(first?.run_id ?? '', first?.thread_id ?? '', gapThresholdMs);
  applyEvents(model, events, 0, upto);
  return model;
}

/** Applies `events[from..to)` in order. */
export function applyEvents(model: TimelineModel, events: readonly RunEventRecord[], from = 0, to = events.length): void {
  const end = Math.min(to, events.length);
  for (let i = from; i < end; i++) applyEvent(model, events[i]);
}

function marker(m: TimelineModel, kind: MarkerKind, ev: RunEventRecord, label: string, stepId: string | null = null, callId: string | null = null): void {
  m.markers.push({ kind, ts: ev.ts, seq: ev.seq, label, stepId, callId });
}

function newCall(step: StepBar, index: number, callId: string, name: string, ts: number): CallBar {
  return {
    stepId: step.id,
    index,
    callId,
    name,
    arguments: '',
    output: null,
    genStart: ts,
    genEnd: ts,
    waitStart: null,
    waitEnd: null,
    exec: null,
    invalid: null,
    submittedAt: null,
    source: null,
    abandoned: false,
  };
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

function findCall(m: TimelineModel, stepId: string, callId: string): CallBar | null {
  const step = m.stepById.get(stepId);
  if (step) {
    const call = step.calls.find((c) => c.callId === callId);
    if (call) return call;
  }
  for (let i = m.calls.length - 1; i >= 0; i--) if (m.calls[i].callId === callId) return m.calls[i];
  return null;
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

function applyRunEvent(m: TimelineModel, ev: RunEventRecord, suffix: string): void {
  const run = ev.data as Run;
  m.run = run;
  const status = (suffix === 'created' ? run.status ?? 'queued' : suffix) as RunStatus;
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

interface StepDeltaData {
  id: string;
  delta: { step_details?: { type: string; tool_calls?: Array<{ index: number; id?: string; function?: { name?: string; arguments?: string; output?: string | null } }> } };
}
interface MessageDeltaData {
  id: string;
  delta: { content?: Array<{ index: number; type: string; text?: { value?: string } }> };
}

function applyStepEvent(m: TimelineModel, ev: RunEventRecord, idx: number, suffix: string): void {
  if (suffix === 'delta') {
    const d = ev.data as StepDeltaData;
    const step = m.stepById.get(d.id);
    if (!step) return;
    step.eventIdx.push(idx);
    for (const tc of d.delta.step_details?.tool_calls ?? []) {
      let call = step.calls.find((c) => c.index === tc.index);
      if (!call) {
        call = newCall(step, tc.index, tc.id ?? `#${tc.index}`, tc.function?.name ?? '', ev.ts);
        step.calls.push(call);
        m.calls.push(call);
      }
      call.arguments += tc.function?.arguments ?? '';
      if (tc.function?.output !== null && tc.function?.output !== undefined) call.output = tc.function.output;
      call.genEnd = ev.ts;
    }
    return;
  }
  const snapshot = ev.data as RunStep;
  const step = ensureStep(m, snapshot, ev);
  step.eventIdx.push(idx);
  step.snapshot = snapshot;
  step.status = snapshot.status ?? (suffix as RunStep['status']);
  syncCalls(m, step, snapshot, ev.ts);
  if (STEP_TERMINAL.has(suffix) && step.end === null) {
    step.end = ev.ts;
    step.endSeq = ev.seq;
  }
  if (suffix === 'failed') {
    const err = snapshot.last_error;
    marker(m, 'step_failed', ev, err ? `step failed: ${err.code}: ${err.message}` : 'step failed', step.id);
  }
}

function stepOfMessage(m: TimelineModel, messageId: string): StepBar | null {
  for (let i = m.steps.length - 1; i >= 0 && i >= m.steps.length - 4; i--) if (m.steps[i].messageId === messageId) return m.steps[i];
  return null;
}

function applyMessageEvent(m: TimelineModel, ev: RunEventRecord, idx: number, suffix: string): void {
  const id = (ev.data as { id: string }).id;
  const step = stepOfMessage(m, id);
  if (!step) return;
  step.eventIdx.push(idx);
  if (suffix === 'delta') {
    for (const part of (ev.data as MessageDeltaData).delta.content ?? []) step.text += part.text?.value ?? '';
  } else if (suffix === 'completed' || suffix === 'incomplete') {
    const msg = ev.data as Message;
    step.text = (msg.content ?? []).map((c) => (c.type === 'text' ? c.text.value : '')).join('');
  }
}

function applyToolEvent(m: TimelineModel, ev: RunEventRecord, idx: number): void {
  const stepId = (ev.data as { step_id: string }).step_id;
  m.stepById.get(stepId)?.eventIdx.push(idx);
  switch (ev.type) {
    case 'tool.arguments.invalid': {
      const d = ev.data as ToolArgumentsInvalidData;
      const call = findCall(m, d.step_id, d.call_id);
      if (call) call.invalid = d.errors;
      marker(m, 'invalid_args', ev, `${d.function}: ${d.errors.join('; ')}`, d.step_id, d.call_id);
      break;
    }
    case 'tool.execution.started': {
      const d = ev.data as ToolExecutionStartedData;
      const call = findCall(m, d.step_id, d.call_id);
      if (!call) break;
      call.exec = { start: ev.ts, end: null, mode: d.mode, output: null, error: null, duration_ms: null };
      if (call.waitStart !== null && call.waitEnd === null) call.waitEnd = ev.ts;
      break;
    }
    case 'tool.execution.finished': {
      const d = ev.data as ToolExecutionFinishedData;
      const call = findCall(m, d.step_id, d.call_id);
      if (call) {
        call.exec ??= { start: ev.ts - d.duration_ms, end: null, mode: d.mode, output: null, error: null, duration_ms: null };
        Object.assign(call.exec, { end: ev.ts, output: d.output, error: d.error, duration_ms: d.duration_ms, mode: d.mode });
      }
      if (d.error) marker(m, 'exec_error', ev, `${d.function} (${d.mode}): ${d.error}`, d.step_id, d.call_id);
      break;
    }
    case 'tool.outputs.submitted': {
      const d = ev.data as ToolOutputsSubmittedData;
      const step = m.stepById.get(d.step_id);
      for (const call of step?.calls ?? []) {
        call.submittedAt = ev.ts;
        call.source = d.source;
        if (call.waitStart === null) call.waitStart = call.genEnd;
        if (call.waitEnd === null) call.waitEnd = ev.ts;
        const out = d.tool_outputs.find((o) => o.tool_call_id === call.callId);
        if (out) call.output = out.output;
      }
      break;
    }
  }
}

function applyModelEvent(m: TimelineModel, ev: RunEventRecord, idx: number): void {
  if (ev.type === 'model.request') {
    const d = ev.data as { round: number; backend: string; request: unknown };
    m.rounds.push({ round: d.round, start: ev.ts, end: null, startSeq: ev.seq, request: d.request, backend: d.backend, response: null, eventIdx: [idx] });
    return;
  }
  const d = ev.data as ModelResponseData;
  let round = m.rounds[m.rounds.length - 1];
  for (let i = m.rounds.length - 1; i >= 0; i--) {
    if (m.rounds[i].round === d.round) {
      round = m.rounds[i];
      break;
    }
  }
  if (round) {
    round.end = ev.ts;
    round.response = d;
    round.eventIdx.push(idx);
  }
  const step = m.steps[m.steps.length - 1];
  const lastCall = step && step.round === d.round ? step.calls[step.calls.length - 1] : undefined;
  if (lastCall && lastCall.waitStart === null) lastCall.genEnd = Math.max(lastCall.genEnd, ev.ts);
  if (d.error) marker(m, 'model_error', ev, `model: ${d.error.code}: ${d.error.message}`);
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
  const type = ev.type as string;
  if (type.startsWith('thread.run.step.')) applyStepEvent(m, ev, idx, type.slice('thread.run.step.'.length));
  else if (type.startsWith('thread.run.')) applyRunEvent(m, ev, type.slice('thread.run.'.length));
  else if (type.startsWith('thread.message.')) applyMessageEvent(m, ev, idx, type.slice('thread.message.'.length));
  else if (type.startsWith('tool.')) applyToolEvent(m, ev, idx);
  else if (type.startsWith('model.')) applyModelEvent(m, ev, idx);
}
