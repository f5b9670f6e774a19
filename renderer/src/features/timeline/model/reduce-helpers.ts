/** Small shared pieces of the reduction: markers, new calls, finding a call by id. */
import type { RunEventRecord } from '../../../../../electron/contract/events';
import type { CallBar, MarkerKind, StepBar, TimelineModel } from './types';

/** Appends a marker at the event's time. */
export function marker(m: TimelineModel, kind: MarkerKind, ev: RunEventRecord, label: string, stepId: string | null = null, callId: string | null = null): void {
  m.markers.push({ kind, ts: ev.ts, seq: ev.seq, label, stepId, callId });
}

/** A call as first seen (its first delta fragment or a step snapshot). */
export function newCall(step: StepBar, index: number, callId: string, name: string, ts: number): CallBar {
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

/** The call by id, looking in its step first, then from the newest call backwards. */
export function findCall(m: TimelineModel, stepId: string, callId: string): CallBar | null {
  const step = m.stepById.get(stepId);
  if (step) {
    const call = step.calls.find((c) => c.callId === callId);
    if (call) return call;
  }
  for (let i = m.calls.length - 1; i >= 0; i--) if (m.calls[i].callId === callId) return m.calls[i];
  return null;
}
