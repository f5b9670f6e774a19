/**
 * Canvas primitives shared by the lanes: a bar painter that rasterises sub-pixel bars per
 * pixel column, level-of-detail skipping, and clipped labels.
 */
import { firstVisible } from './layout';

/** Draws `text` at (x, y) if it fits `maxW`, shortened with an ellipsis when it almost does. */
export function label(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, maxW: number): void {
  if (maxW < 24) return;
  let t = text;
  if (ctx.measureText(t).width > maxW) {
    const n = Math.max(0, Math.floor((maxW / ctx.measureText(t).width) * t.length) - 1);
    if (n < 3) return;
    t = `${t.slice(0, n)}…`;
  }
  ctx.fillText(t, x, y);
}

/**
 * Fills bars, rasterising those thinner than a pixel into per-column buckets (the colour
 * covering most of the column wins) that `flush` paints as runs. Zoomed out over 10,000
 * steps this turns tens of thousands of fills into about one per pixel column and lane.
 */
/** Bars narrower than this go through the per-column raster. */
const RASTER_PX = 4;

export class Painter {
  private palette: Array<{ color: string; alpha: number }> = [];
  private rows = new Map<number, { h: number; color: Int32Array; cov: Float32Array }>();
  constructor(private readonly ctx: CanvasRenderingContext2D, private readonly width: number) {}

  private byAlpha = new Map<number, Map<string, number>>();

  /** Palette index of (color, alpha), without building a string per bar (this is the hot path). */
  private key(color: string, alpha: number): number {
    let colors = this.byAlpha.get(alpha);
    if (!colors) this.byAlpha.set(alpha, (colors = new Map()));
    let i = colors.get(color);
    if (i === undefined) {
      i = this.palette.length;
      this.palette.push({ color, alpha });
      colors.set(color, i);
    }
    return i;
  }

  /**
   * Fills a bar; returns false when it went into the raster instead (bars under RASTER_PX
   * wide: each column they touch keeps the colour that covers it most).
   */
  bar(x0: number, x1: number, y: number, h: number, color: string, minW = 1, alpha = 1): boolean {
    const w = x1 - x0;
    if (w < RASTER_PX) {
      const first = Math.max(0, Math.floor(x0));
      const last = Math.min(this.width - 1, Math.floor(Math.max(x0, x1 - 1e-6)));
      if (last < first) return false;
      let row = this.rows.get(y);
      if (!row) {
        row = { h, color: new Int32Array(this.width).fill(-1), cov: new Float32Array(this.width) };
        this.rows.set(y, row);
      }
      const k = this.key(color, alpha);
      const bonus = minW > 1 ? 0.5 : 0;
      for (let c = first; c <= last; c++) {
        const cov = Math.max(0.001, Math.min(x1, c + 1) - Math.max(x0, c)) + bonus;
        if (cov >= row.cov[c]) {
          row.cov[c] = cov;
          row.color[c] = k;
        }
      }
      return false;
    }
    this.ctx.globalAlpha = alpha;
    this.ctx.fillStyle = color;
    this.ctx.fillRect(x0, y, Math.max(minW, w), h);
    this.ctx.globalAlpha = 1;
    return true;
  }

  /** Paints the rasterised columns as runs of one colour. */
  flush(): void {
    for (const [y, row] of this.rows) {
      let runStart = 0;
      for (let c = 1; c <= this.width; c++) {
        if (c < this.width && row.color[c] === row.color[runStart]) continue;
        const k = row.color[runStart];
        if (k >= 0) {
          const p = this.palette[k];
          this.ctx.globalAlpha = p.alpha;
          this.ctx.fillStyle = p.color;
          this.ctx.fillRect(runStart, y, c - runStart, row.h);
        }
        runStart = c;
      }
    }
    this.ctx.globalAlpha = 1;
    this.rows.clear();
  }
}

/**
 * Level of detail: once a sub-pixel item has claimed its pixel column, later items that
 * start in the same column are skipped (binary search), so a zoomed-out lane costs about one
 * visit per column. Returns the index to continue from (the loop adds one).
 */
export function skipColumn<T>(items: readonly T[], i: number, x0: number, start: (item: T) => number, tAt: (x: number) => number): number {
  const next = tAt(Math.floor(x0) + 1);
  return Math.max(i, firstVisible(items, next, start) - 1);
}
