/**
 * What lies under a canvas point: the same geometry as drawing, inverted, so hover and click
 * pick the bar that was painted there (with a few pixels of slack for thin bars).
 */
import type { TimeAxis } from '../model/time-axis';
import type { CallBar, Marker, ModelRound, StatusSegment, StepBar, TimelineModel } from '../model/types';
import { firstVisible, screenX, timeAtX, type LaneLayout, type Viewport } from './layout';

export type Hit =
  | { kind: 'segment'; segment: StatusSegment }
  | { kind: 'round'; round: ModelRound }
  | { kind: 'step'; step: StepBar }
  | { kind: 'call'; call: CallBar; step: StepBar }
  | { kind: 'marker'; marker: Marker }
  | { kind: 'gap'; t0: number; t1: number };

const SLACK = 3;

function pick<T>(items: readonly T[], x: number, t: number, start: (i: T) => number, end: (i: T) => number, sx: (t: number) => number): T | null {
  if (!items.length) return null;
  const i = firstVisible(items, t, start);
  let best: T | null = null;
  let bestD = Infinity;
  for (let k = Math.max(0, i - 3); k <= Math.min(items.length - 1, i + 3); k++) {
    const it = items[k];
    const x0 = sx(start(it)) - SLACK;
    const x1 = Math.max(sx(end(it)), sx(start(it)) + 2) + SLACK;
    if (x < x0 || x > x1) continue;
    const d = Math.abs(x - (x0 + x1) / 2);
    if (d < bestD) {
      best = it;
      bestD = d;
    }
  }
  return best;
}

/** The item under (x, y), or null. */
export function hitTest(model: TimelineModel, axis: TimeAxis, vp: Viewport, layout: LaneLayout, openEnd: number, x: number, y: number): Hit | null {
  const lane = layout.lanes.find((l) => y >= l.y - 3 && y <= l.y + l.h + 3);
  const t = timeAtX(axis, vp, x);
  const sx = (tt: number) => screenX(axis, vp, tt);
  for (const p of axis.pieces) {
    if (p.gap && t > p.t0 && t < p.t1) return { kind: 'gap', t0: p.t0, t1: p.t1 };
  }
  if (!lane) return null;
  switch (lane.id) {
    case 'status': {
      const s = pick(model.segments, x, t, (s) => s.start, (s) => s.end ?? openEnd, sx);
      return s ? { kind: 'segment', segment: s } : null;
    }
    case 'model': {
      const r = pick(model.rounds, x, t, (r) => r.start, (r) => r.end ?? openEnd, sx);
      return r ? { kind: 'round', round: r } : null;
    }
    case 'steps': {
      const s = pick(model.steps, x, t, (s) => s.start, (s) => s.end ?? openEnd, sx);
      return s ? { kind: 'step', step: s } : null;
    }
    case 'calls': {
      const row = Math.floor((y - lane.y) / layout.callRowH);
      const step = pick(model.steps, x, t, (s) => s.start, (s) => s.end ?? openEnd, sx);
      if (!step) return null;
      const call = step.calls.find((c) => c.index % layout.callRows === row) ?? null;
      return call ? { kind: 'call', call, step } : { kind: 'step', step };
    }
    case 'markers': {
      const m = pick(model.markers, x, t, (m) => m.ts, (m) => m.ts, sx);
      return m ? { kind: 'marker', marker: m } : null;
    }
  }
}
