/**
 * Where the lanes sit and how world time maps to canvas pixels. Shared by drawing and hit
 * testing so what you click is what was drawn.
 */
import type { TimeAxis } from '../model/time-axis';
import type { TimelineModel } from '../model/types';

export const LABEL_W = 96;
export const GAP_PX = 36;
export const RULER_H = 22;

export interface Viewport {
  /** px per active ms */
  scale: number;
  /** world px at the left edge of the plot */
  offset: number;
  width: number;
  height: number;
}

export interface Lane {
  id: 'status' | 'model' | 'steps' | 'calls' | 'markers';
  label: string;
  y: number;
  h: number;
}

export interface LaneLayout {
  lanes: Lane[];
  callRows: number;
  callRowH: number;
  height: number;
}

export const MAX_CALL_ROWS = 6;

/** Lanes for a run; call rows grow with the widest parallel step (capped). */
export function laneLayout(maxCalls: number): LaneLayout {
  const callRows = Math.max(1, Math.min(MAX_CALL_ROWS, maxCalls));
  const callRowH = 14;
  const lanes: Lane[] = [];
  let y = RULER_H + 4;
  const add = (id: Lane['id'], label: string, h: number) => {
    lanes.push({ id, label, y, h });
    y += h + 6;
  };
  add('status', 'Run status', 22);
  add('model', 'Model', 14);
  add('steps', 'Steps', 22);
  add('calls', 'Tool calls', callRows * callRowH);
  add('markers', 'Markers', 14);
  return { lanes, callRows, callRowH, height: y + 2 };
}

/** The widest number of calls in any step. */
export function maxCallsPerStep(model: TimelineModel): number {
  let max = 0;
  for (const s of model.steps) if (s.calls.length > max) max = s.calls.length;
  return max;
}

/**
 * Drawn width of a compressed idle gap at `scale`: at least GAP_PX, and as wide as the widest
 * active stretch shared among the gaps (never more than the threshold would be drawn). A run
 * with one idle gap never draws it narrower than a shorter active stretch beside it — a 5 s
 * wait is not a sliver next to "queued 6 ms" — while many idle hours still fold into narrow
 * bands.
 */
export function gapWidth(axis: TimeAxis, scale: number): number {
  const ms = Math.min(axis.gapThresholdMs, axis.widestActiveMs / Math.max(1, axis.gapCount));
  return Math.max(GAP_PX, ms * scale);
}

/** The scale at which the whole axis, gaps drawn by `gapWidth`, fills `plot` pixels. */
export function fitScaleFor(axis: TimeAxis, plot: number): number {
  const g = axis.gapCount;
  const a = axis.activeMs;
  if (!g || a <= 0) return axis.fitScale(plot, GAP_PX);
  // The drawn width grows with the scale: bisect (in log space) for the one that fills the plot.
  let lo = 1e-9;
  let hi = 1e4;
  for (let i = 0; i < 60; i++) {
    const mid = Math.sqrt(lo * hi);
    if (a * mid + g * gapWidth(axis, mid) > plot) hi = mid;
    else lo = mid;
  }
  return lo;
}

/** Canvas x of time `t`. */
export function screenX(axis: TimeAxis, vp: Viewport, t: number): number {
  return LABEL_W + axis.x(t, vp.scale, gapWidth(axis, vp.scale)) - vp.offset;
}

/** Time under canvas x. */
export function timeAtX(axis: TimeAxis, vp: Viewport, x: number): number {
  return axis.time(x - LABEL_W + vp.offset, vp.scale, gapWidth(axis, vp.scale));
}

/** The viewport that shows the whole run with a small margin. */
export function fitViewport(axis: TimeAxis, width: number, height: number): Viewport {
  const plot = Math.max(50, width - LABEL_W - 24);
  return { scale: fitScaleFor(axis, plot), offset: -8, width, height };
}

/** Zooms by `factor` keeping the time under canvas x `anchorX` in place. */
export function zoomAt(axis: TimeAxis, vp: Viewport, factor: number, anchorX: number): Viewport {
  const t = timeAtX(axis, vp, anchorX);
  const scale = Math.min(1e4, Math.max(1e-7, vp.scale * factor));
  const offset = axis.x(t, scale, gapWidth(axis, scale)) - (anchorX - LABEL_W);
  return { ...vp, scale, offset };
}

/** Last index whose start is ≤ t (0 when none): the first candidate of a sequential lane. */
export function firstVisible<T>(items: readonly T[], t: number, start: (item: T) => number): number {
  let lo = 0;
  let hi = items.length - 1;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (start(items[mid]) <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
