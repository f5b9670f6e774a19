/** Draws a thread's runs as rows (status over steps) on a shared, gap-compressed axis. */
import type { TimeAxis } from '../model/time-axis';
import type { TimelineModel } from '../model/types';
import { formatDuration, formatOffset } from '../model/format';
import { LABEL_W, RULER_H, firstVisible, screenX, timeAtX, type Viewport } from './layout';
import type { CanvasTheme } from './theme';

export const THREAD_ROW_H = 40;

export function drawThread(ctx: CanvasRenderingContext2D, models: readonly TimelineModel[], axis: TimeAxis, vp: Viewport, th: CanvasTheme, selected: string | null): void {
  ctx.fillStyle = th.bg;
  ctx.fillRect(0, 0, vp.width, vp.height);
  if (!axis.pieces.length) return;
  const sx = (t: number) => screenX(axis, vp, t);
  const tL = timeAtX(axis, vp, LABEL_W);
  const tR = timeAtX(axis, vp, vp.width);
  const base = axis.start;
  ctx.save();
  ctx.beginPath();
  ctx.rect(LABEL_W, 0, vp.width - LABEL_W, vp.height);
  ctx.clip();
  ctx.font = `10px ${th.font}`;
  ctx.textBaseline = 'middle';
  for (const p of axis.pieces) {
    if (p.t1 < tL || p.t0 > tR) continue;
    const x = sx(p.t0);
    ctx.fillStyle = th.fgMuted;
    if (p.gap) {
      const gw = sx(p.t1) - x;
      ctx.fillStyle = th.bgSunken;
      ctx.fillRect(x + 4, RULER_H, gw - 8, vp.height);
      ctx.fillStyle = th.fg;
      ctx.textAlign = 'center';
      ctx.fillText(formatDuration(p.t1 - p.t0), x + gw / 2, 10);
      ctx.textAlign = 'start';
    } else if (sx(p.t1) - x > 90) ctx.fillText(formatOffset(p.t0 - base), x + 2, 10);
  }
  models.forEach((m, row) => {
    const y = RULER_H + 4 + row * THREAD_ROW_H;
    if (m.runId === selected) {
      ctx.fillStyle = th.bgElev;
      ctx.fillRect(LABEL_W, y - 2, vp.width, THREAD_ROW_H - 2);
    }
    for (let i = firstVisible(m.segments, tL, (s) => s.start); i < m.segments.length; i++) {
      const s = m.segments[i];
      if (s.start > tR) break;
      const x0 = sx(s.start);
      ctx.fillStyle = th.st[s.status];
      ctx.fillRect(x0, y, Math.max(2, sx(s.end ?? m.lastTs ?? s.start) - x0), 16);
    }
    for (let i = firstVisible(m.steps, tL, (s) => s.start); i < m.steps.length; i++) {
      const s = m.steps[i];
      if (s.start > tR) break;
      const x0 = sx(s.start);
      ctx.fillStyle = th.st[s.status === 'in_progress' ? 'in_progress' : s.status] ?? th.fgMuted;
      ctx.globalAlpha = 0.7;
      ctx.fillRect(x0, y + 20, Math.max(2, sx(s.end ?? m.lastTs ?? s.start) - x0), 12);
      ctx.globalAlpha = 1;
    }
    for (const k of m.markers) {
      if (k.ts < tL || k.ts > tR) continue;
      ctx.fillStyle = th.danger;
      ctx.fillRect(sx(k.ts) - 1, y - 2, 2, 36);
    }
  });
  ctx.restore();
  ctx.fillStyle = th.bg;
  ctx.fillRect(0, 0, LABEL_W, vp.height);
  ctx.fillStyle = th.fg;
  ctx.font = `11px ${th.mono}`;
  models.forEach((m, row) => {
    const y = RULER_H + 4 + row * THREAD_ROW_H;
    ctx.fillText(m.runId.length > 12 ? `…${m.runId.slice(-11)}` : m.runId, 6, y + 8);
    ctx.fillStyle = th.fgMuted;
    ctx.fillText(m.status ?? '', 6, y + 24);
    ctx.fillStyle = th.fg;
  });
}
