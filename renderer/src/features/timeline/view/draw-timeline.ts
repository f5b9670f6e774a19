/**
 * Draws a run's lanes on a 2D canvas. Only what lies in the visible time window is visited
 * (binary search on the sequential lanes) and bars thinner than a pixel that land on an
 * already painted pixel are skipped, so 10,000 steps cost about what fits on screen.
 */
import type { TimeAxis } from '../model/time-axis';
import type { TimelineModel } from '../model/types';
import { formatDuration, formatOffset, statusLabel } from '../model/format';
import { LABEL_W, gapWidth, RULER_H, firstVisible, timeAtX, type Lane, type LaneLayout, type Viewport } from './layout';
import { drawCall, drawStep, markerColor } from './draw-steps';
import { Painter, label, skipColumn } from './painter';

/** Status segments looked at per pixel column before the rest of the column is skipped. */
const COLUMN_SAMPLE = 12;
import type { CanvasTheme } from './theme';

export interface DrawOptions {
  axis: TimeAxis;
  layout: LaneLayout;
  /** Where open bars end: now for a live run, the scrub instant while replaying. */
  openEnd: number;
  selectedStepId: string | null;
  hoverStepId: string | null;
  cursorTs: number | null;
}



function niceInterval(scale: number, minPx: number): number {
  const raw = minPx / scale;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}


/** Paints everything. `ctx` is already scaled for the device pixel ratio. */
export function drawTimeline(ctx: CanvasRenderingContext2D, model: TimelineModel, vp: Viewport, th: CanvasTheme, o: DrawOptions): void {
  const { axis, layout } = o;
  const W = vp.width;
  const H = vp.height;
  ctx.fillStyle = th.bg;
  ctx.fillRect(0, 0, W, H);
  if (!axis.pieces.length) {
    ctx.fillStyle = th.fgMuted;
    ctx.font = `12px ${th.font}`;
    ctx.fillText('No events yet', LABEL_W + 8, RULER_H + 30);
    return;
  }
  const tL = timeAtX(axis, vp, LABEL_W);
  const tR = timeAtX(axis, vp, W);
  const toWorld = axis.mapper(vp.scale, gapWidth(axis, vp.scale));
  const shift = LABEL_W - vp.offset;
  const sx = (t: number) => toWorld(t) + shift;
  const tAt = (x: number) => timeAtX(axis, vp, x);
  const lane = (id: Lane['id']) => layout.lanes.find((l) => l.id === id)!;
  const base = model.firstTs ?? axis.start;
  const painter = new Painter(ctx, Math.ceil(W));

  ctx.save();
  ctx.beginPath();
  ctx.rect(LABEL_W, 0, W - LABEL_W, H);
  ctx.clip();

  // lane backgrounds
  for (const l of layout.lanes) {
    ctx.fillStyle = th.bgElev;
    ctx.fillRect(LABEL_W, l.y - 2, W - LABEL_W, l.h + 4);
  }

  // ruler ticks, per active piece
  ctx.font = `10px ${th.font}`;
  ctx.textBaseline = 'middle';
  const iv = niceInterval(vp.scale, 90);
  for (const p of axis.pieces) {
    if (p.gap || p.t1 < tL || p.t0 > tR) continue;
    const from = Math.max(p.t0, tL);
    const to = Math.min(p.t1 === p.t0 ? p.t0 : p.t1, tR);
    let t = base + Math.ceil((from - base) / iv) * iv;
    const pieceEndX = sx(p.t1);
    for (let n = 0; t <= to && n < 200; t += iv, n++) {
      const x = Math.round(sx(t)) + 0.5;
      ctx.fillStyle = th.border;
      ctx.fillRect(x, RULER_H - 5, 1, H - RULER_H + 5);
      // labels stay clear of the next gap's duration and of the zoom buttons
      if (x > pieceEndX - 56 && p !== axis.pieces[axis.pieces.length - 1]) continue;
      if (x > W - 130) continue;
      ctx.fillStyle = th.fgMuted;
      ctx.fillText(formatOffset(t - base), x + 3, 9);
    }
  }

  // status segments
  const ls = lane('status');
  ctx.font = `11px ${th.font}`;
  let sampled = 0;
  for (let i = firstVisible(model.segments, tL, (s) => s.start); i < model.segments.length; i++) {
    const s = model.segments[i];
    if (s.start > tR) break;
    const end = s.end ?? o.openEnd;
    const x0 = sx(s.start);
    const x1 = sx(end);
    const color = th.st[s.status] ?? th.fgMuted;
    if (s.end !== null && s.end === s.start) {
      ctx.fillStyle = color;
      ctx.fillRect(x0 - 1.5, ls.y - 2, 3, ls.h + 4);
      ctx.fillStyle = th.fg;
      if (i === model.segments.length - 1) label(ctx, statusLabel(s.status), x0 + 5, ls.y + ls.h / 2, 120);
      continue;
    }
    if (!painter.bar(x0, x1, ls.y, ls.h, color)) {
      // a sample of the segments in this pixel column decides its colour; skip the rest
      if (++sampled >= COLUMN_SAMPLE) {
        sampled = 0;
        i = skipColumn(model.segments, i, x0, (s) => s.start, tAt);
      }
      continue;
    }
    if (x1 - x0 > 40) {
      ctx.fillStyle = th.bg;
      label(ctx, `${statusLabel(s.status)} ${formatDuration(end - s.start)}`, Math.max(x0, LABEL_W) + 4, ls.y + ls.h / 2, Math.min(x1, W) - Math.max(x0, LABEL_W) - 8);
    }
  }

  painter.flush();

  // model rounds
  const lm = lane('model');
  ctx.font = `10px ${th.font}`;
  for (let i = firstVisible(model.rounds, tL, (r) => r.start); i < model.rounds.length; i++) {
    const r = model.rounds[i];
    if (r.start > tR) break;
    const x0 = sx(r.start);
    const x1 = sx(r.end ?? o.openEnd);
    const color = r.response?.error ? th.danger : th.fgMuted;
    if (!painter.bar(x0, x1, lm.y + 2, lm.h - 4, color, 2)) {
      i = skipColumn(model.rounds, i, x0, (r) => r.start, tAt);
      continue;
    }
    if (x1 - x0 > 60) {
      ctx.fillStyle = th.fg;
      label(ctx, `round ${r.round}`, x1 + 3, lm.y + lm.h / 2, 70);
    }
  }

  painter.flush();

  // steps and their calls
  const lst = lane('steps');
  const lc = lane('calls');
  const stepsFrom = firstVisible(model.steps, tL, (s) => s.start);
  ctx.font = `11px ${th.font}`;
  for (let i = stepsFrom; i < model.steps.length; i++) {
    const s = model.steps[i];
    if (s.start > tR) break;
    if (!drawStep(ctx, painter, s, sx, lst, th, o, W)) i = skipColumn(model.steps, i, sx(s.start), (s) => s.start, tAt);
  }
  painter.flush();
  for (const id of [o.hoverStepId, o.selectedStepId]) {
    const s = id ? model.stepById.get(id) : undefined;
    if (!s) continue;
    const x0 = sx(s.start);
    const x1 = sx(s.end ?? o.openEnd);
    ctx.strokeStyle = id === o.selectedStepId ? th.fg : th.fgMuted;
    ctx.lineWidth = id === o.selectedStepId ? 2 : 1;
    ctx.strokeRect(x0 - 1, lst.y - 1, Math.max(3, x1 - x0) + 2, lst.h + 2);
  }
  ctx.font = `10px ${th.font}`;
  for (let i = stepsFrom; i < model.steps.length; i++) {
    const s = model.steps[i];
    if (s.start > tR) break;
    for (const c of s.calls) drawCall(ctx, painter, c, sx, lc, layout, th, o);
    const x0 = sx(s.start);
    if (sx(s.end ?? o.openEnd) - x0 < 1) i = skipColumn(model.steps, i, x0, (s) => s.start, tAt);
  }

  painter.flush();

  // markers
  const lk = lane('markers');
  for (let i = firstVisible(model.markers, tL, (m) => m.ts); i < model.markers.length; i++) {
    const m = model.markers[i];
    if (m.ts > tR) break;
    const x = sx(m.ts);
    const color = markerColor(m.kind, th);
    ctx.globalAlpha = 0.35;
    ctx.fillStyle = color;
    ctx.fillRect(x - 0.5, RULER_H, 1, lk.y - RULER_H);
    ctx.globalAlpha = 1;
    ctx.beginPath();
    ctx.moveTo(x, lk.y + 1);
    ctx.lineTo(x + 6, lk.y + lk.h / 2);
    ctx.lineTo(x, lk.y + lk.h - 1);
    ctx.lineTo(x - 6, lk.y + lk.h / 2);
    ctx.closePath();
    ctx.fill();
  }

  // compressed gaps: a sunken band with zigzag edges and the real duration
  for (const p of axis.pieces) {
    if (!p.gap || p.t1 < tL || p.t0 > tR) continue;
    const x0 = sx(p.t0);
    const gw = sx(p.t1) - x0;
    ctx.fillStyle = th.bgSunken;
    ctx.globalAlpha = 0.85;
    ctx.fillRect(x0 + 4, RULER_H, gw - 8, H - RULER_H);
    ctx.globalAlpha = 1;
    ctx.strokeStyle = th.fgMuted;
    ctx.lineWidth = 1;
    for (const ex of [x0 + 4, x0 + gw - 4]) {
      ctx.beginPath();
      for (let y = RULER_H, k = 0; y < H; y += 5, k++) ctx.lineTo(ex + (k % 2 ? 2 : -2), y);
      ctx.stroke();
    }
    ctx.fillStyle = th.fg;
    ctx.font = `10px ${th.font}`;
    ctx.textAlign = 'center';
    ctx.fillText(formatDuration(p.t1 - p.t0), x0 + gw / 2, RULER_H - 10);
    ctx.fillText('idle', x0 + gw / 2, RULER_H - 1);
    ctx.textAlign = 'start';
  }

  // replay cursor
  if (o.cursorTs !== null) {
    const x = Math.round(sx(o.cursorTs)) + 0.5;
    ctx.fillStyle = th.accent;
    ctx.fillRect(x - 1, RULER_H - 4, 2, H - RULER_H + 4);
  }
  ctx.restore();

  // lane labels
  ctx.fillStyle = th.bg;
  ctx.fillRect(0, 0, LABEL_W, H);
  ctx.fillStyle = th.fgMuted;
  ctx.font = `11px ${th.font}`;
  for (const l of layout.lanes) ctx.fillText(l.label, 8, l.y + Math.min(l.h, 22) / 2);
  ctx.fillStyle = th.border;
  ctx.fillRect(LABEL_W - 1, 0, 1, H);
}
