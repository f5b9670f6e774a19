/**
 * The RunLens events of the reduction: tool-argument validation, handler executions,
 * submitted outputs (they close each call's waiting), and model request/response rounds.
 */
import type { RunEventRecord } from '../../../../../electron/contract/events';
import { findCall, marker } from './reduce-helpers';
import type { TimelineModel } from './types';

/** The tool events of the log (each names the step it belongs to). */
export type ToolEventType = 'tool.arguments.invalid' | 'tool.execution.started' | 'tool.execution.finished' | 'tool.outputs.submitted' | 'tool.call.blocked';

/** tool.arguments.invalid / execution.started / execution.finished / outputs.submitted */
export function applyToolEvent(m: TimelineModel, ev: RunEventRecord<ToolEventType>, idx: number): void {
  m.stepById.get(ev.data.step_id)?.eventIdx.push(idx);
  switch (ev.type) {
    case 'tool.arguments.invalid': {
      const d = ev.data;
      const call = findCall(m, d.step_id, d.call_id);
      if (call) call.invalid = d.errors;
      marker(m, 'invalid_args', ev, `${d.function}: ${d.errors.join('; ')}`, d.step_id, d.call_id);
      break;
    }
    case 'tool.execution.started': {
      const d = ev.data;
      const call = findCall(m, d.step_id, d.call_id);
      if (!call) break;
      call.exec = { start: ev.ts, end: null, mode: d.mode, output: null, error: null, duration_ms: null, arguments: d.arguments, ...(d.trigger ? { trigger: d.trigger } : {}) };
      if (call.waitStart !== null && call.waitEnd === null) call.waitEnd = ev.ts;
      break;
    }
    case 'tool.execution.finished': {
      const d = ev.data;
      const call = findCall(m, d.step_id, d.call_id);
      if (call) {
        call.exec ??= { start: ev.ts - d.duration_ms, end: null, mode: d.mode, output: null, error: null, duration_ms: null };
        Object.assign(call.exec, { end: ev.ts, output: d.output, error: d.error, duration_ms: d.duration_ms, mode: d.mode, handler: d.handler, request: d.request ?? null, response: d.response ?? null });
      }
      if (d.error) marker(m, 'exec_error', ev, `${d.function} (${d.mode}): ${d.error}`, d.step_id, d.call_id);
      break;
    }
    case 'tool.call.blocked': {
      const d = ev.data;
      marker(m, 'blocked', ev, `${d.function}: ${d.reason}`, d.step_id, d.call_id);
      break;
    }
    case 'tool.outputs.submitted': {
      const d = ev.data;
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

/** model.request opens a round; model.response closes it (and ends the last call's generation). */
export function applyModelEvent(m: TimelineModel, ev: RunEventRecord<'model.request' | 'model.response'>, idx: number): void {
  if (ev.type === 'model.request') {
    const d = ev.data;
    m.rounds.push({ round: d.round, start: ev.ts, end: null, startSeq: ev.seq, request: d.request, backend: d.backend, response: null, eventIdx: [idx] });
    return;
  }
  const d = ev.data;
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
