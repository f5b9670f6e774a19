/**
 * The step and tool-call lanes: a step bar labelled with its ordinal and kind; each call as
 * generation, waiting for an output and handler execution (coloured by mode).
 */
import type { CallBar, MarkerKind, StepBar } from '../model/types';
import { LABEL_W, type Lane, type LaneLayout } from './layout';
import { label, type Painter } from './painter';
import type { CanvasTheme } from './theme';

/** Where open bars end (now, or the replay instant). */
export interface OpenEnd {
  openEnd: number;
}

/** Glyph colour per marker kind. */
export function markerColor(kind: MarkerKind, th: CanvasTheme): string {
  switch (kind) {
    case 'expired':
      return th.st.expired;
    case 'invalid_args':
      return th.warn;
    case 'cancelled':
      return th.st.cancelled;
    case 'incomplete':
      return th.st.incomplete;
    default:
      return th.danger;
  }
}

/** Colour of an execution part by handler mode (errors are red whatever the mode). */
export function execColor(call: CallBar, th: CanvasTheme): string {
  if (call.exec?.error) return th.danger;
  switch (call.exec?.mode) {
    case 'live':
      return th.live;
    case 'manual':
      return th.warn;
    default:
      return th.ok;
  }
}

/** Returns false when the step was thinner than a pixel. */
export function drawStep(ctx: CanvasRenderingContext2D, painter: Painter, s: StepBar, sx: (t: number) => number, l: Lane, th: CanvasTheme, o: OpenEnd, W: number): boolean {
  const x0 = sx(s.start);
  const x1 = sx(s.end ?? o.openEnd);
  const color = th.st[s.status as keyof CanvasTheme['st']] ?? th.fgMuted;
  if (!painter.bar(x0, x1, l.y, l.h, color, 2)) return false;
  if (s.type === 'tool_calls' && x1 - x0 > 6) {
    ctx.fillStyle = th.bg;
    ctx.globalAlpha = 0.25;
    ctx.fillRect(x0, l.y, Math.max(2, x1 - x0), 4);
    ctx.globalAlpha = 1;
  }
  if (x1 - x0 > 40) {
    ctx.fillStyle = th.bg;
    const kind = s.type === 'tool_calls' ? `tools ×${s.calls.length}` : 'message';
    label(ctx, `#${s.ordinal} ${kind}`, Math.max(x0, LABEL_W) + 4, l.y + l.h / 2, Math.min(x1, W) - Math.max(x0, LABEL_W) - 8);
  }
  return true;
}

export function drawCall(ctx: CanvasRenderingContext2D, painter: Painter, c: CallBar, sx: (t: number) => number, l: Lane, layout: LaneLayout, th: CanvasTheme, o: OpenEnd): void {
  const row = c.index % layout.callRows;
  const y = l.y + row * layout.callRowH + 1;
  const h = layout.callRowH - 2;
  const g0 = sx(c.genStart);
  painter.bar(g0, sx(c.genEnd), y, h, th.st.in_progress, 2);
  if (c.waitStart !== null) {
    painter.bar(sx(c.waitStart), sx(c.waitEnd ?? o.openEnd), y, h, c.abandoned ? th.danger : th.st.requires_action, 1, 0.45);
  }
  if (c.exec) painter.bar(sx(c.exec.start), sx(c.exec.end ?? o.openEnd), y, h, execColor(c, th), 2);
  const end = sx(c.exec?.end ?? c.waitEnd ?? c.genEnd);
  if (end - g0 > 50) {
    ctx.fillStyle = th.fg;
    label(ctx, c.name, g0 + 3, y + h / 2, end - g0 - 6);
  }
}
