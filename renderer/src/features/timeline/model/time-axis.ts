/**
 * A time axis that compresses idle gaps. Event timestamps are pushed in order; any stretch
 * longer than `gapThresholdMs` with no event becomes a "gap piece" drawn at a fixed pixel
 * width (`gapPx`) whatever the zoom, with its real duration labelled by the view. Active
 * stretches map linearly at `scale` px per ms. Pushing is O(1); lookups are O(log pieces).
 */
export interface AxisPiece {
  t0: number;
  t1: number;
  gap: boolean;
  /** Active milliseconds before t0. */
  u0: number;
  /** Gaps before t0. */
  g0: number;
}

export const DEFAULT_GAP_THRESHOLD_MS = 3000;

export class TimeAxis {
  readonly pieces: AxisPiece[] = [];
  /** The longest active (uncompressed) piece in ms, kept up to date by `push`. */
  widestActiveMs = 0;

  constructor(readonly gapThresholdMs: number = DEFAULT_GAP_THRESHOLD_MS) {}

  /** Adds an instant at which something happened; earlier-than-last instants are ignored. */
  push(t: number): void {
    const last = this.pieces[this.pieces.length - 1];
    if (!last) {
      this.pieces.push({ t0: t, t1: t, gap: false, u0: 0, g0: 0 });
      return;
    }
    if (t <= last.t1) return;
    if (t - last.t1 > this.gapThresholdMs) {
      const u0 = last.u0 + (last.t1 - last.t0);
      this.pieces.push({ t0: last.t1, t1: t, gap: true, u0, g0: last.g0 });
      this.pieces.push({ t0: t, t1: t, gap: false, u0, g0: last.g0 + 1 });
    } else {
      last.t1 = t;
      if (t - last.t0 > this.widestActiveMs) this.widestActiveMs = t - last.t0;
    }
  }

  /** A copy extended to `now` (a live run's open end), leaving this axis untouched. */
  extendedTo(now: number): TimeAxis {
    const copy = new TimeAxis(this.gapThresholdMs);
    for (const p of this.pieces) copy.pieces.push({ ...p });
    copy.widestActiveMs = this.widestActiveMs;
    copy.push(now);
    return copy;
  }

  get start(): number {
    return this.pieces.length ? this.pieces[0].t0 : 0;
  }

  get end(): number {
    return this.pieces.length ? this.pieces[this.pieces.length - 1].t1 : 0;
  }

  /** Milliseconds that are drawn linearly (everything but the gaps). */
  get activeMs(): number {
    const last = this.pieces[this.pieces.length - 1];
    return last ? last.u0 + (last.t1 - last.t0) : 0;
  }

  get gapCount(): number {
    const last = this.pieces[this.pieces.length - 1];
    return last ? last.g0 : 0;
  }

  /** The compressed gaps, for break marks and duration labels. */
  gaps(): AxisPiece[] {
    return this.pieces.filter((p) => p.gap);
  }

  private pieceAt(t: number): number {
    let lo = 0;
    let hi = this.pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.pieces[mid].t0 <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** World x (px from the axis start) of time `t`. Outside the axis it extrapolates linearly. */
  x(t: number, scale: number, gapPx: number): number {
    if (!this.pieces.length) return 0;
    const first = this.pieces[0];
    if (t <= first.t0) return (t - first.t0) * scale;
    const p = this.pieces[this.pieceAt(t)];
    if (p.gap) {
      const f = p.t1 > p.t0 ? Math.min(1, (t - p.t0) / (p.t1 - p.t0)) : 1;
      return p.u0 * scale + (p.g0 + f) * gapPx;
    }
    return (p.u0 + (t - p.t0)) * scale + p.g0 * gapPx;
  }

  /**
   * `x` as a closure that remembers the last piece it used: walking times in order (as the
   * lanes do) costs O(1) per call instead of a binary search.
   */
  mapper(scale: number, gapPx: number): (t: number) => number {
    const pieces = this.pieces;
    let k = 0;
    return (t: number) => {
      const n = pieces.length;
      if (!n) return 0;
      let p = pieces[k];
      if (!(t >= p.t0 && (k + 1 >= n || t < pieces[k + 1].t0))) {
        if (k + 1 < n && t >= pieces[k + 1].t0 && (k + 2 >= n || t < pieces[k + 2].t0)) k++;
        else {
          if (t <= pieces[0].t0) return (t - pieces[0].t0) * scale;
          k = this.pieceAt(t);
        }
        p = pieces[k];
      }
      if (p.gap) {
        const f = p.t1 > p.t0 ? Math.min(1, (t - p.t0) / (p.t1 - p.t0)) : 1;
        return p.u0 * scale + (p.g0 + f) * gapPx;
      }
      return (p.u0 + (t - p.t0)) * scale + p.g0 * gapPx;
    };
  }

  /** The inverse of `x`. */
  time(x: number, scale: number, gapPx: number): number {
    if (!this.pieces.length) return 0;
    const startX = (p: AxisPiece) => p.u0 * scale + p.g0 * gapPx;
    if (x <= 0) return this.pieces[0].t0 + x / scale;
    let lo = 0;
    let hi = this.pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (startX(this.pieces[mid]) <= x) lo = mid;
      else hi = mid - 1;
    }
    const p = this.pieces[lo];
    const dx = x - startX(p);
    if (p.gap) return p.t0 + Math.min(1, dx / gapPx) * (p.t1 - p.t0);
    return p.t0 + dx / scale;
  }

  /** World width of the whole axis. */
  width(scale: number, gapPx: number): number {
    return this.activeMs * scale + this.gapCount * gapPx;
  }

  /** The scale (px/ms) at which the whole axis fills `px` pixels. */
  fitScale(px: number, gapPx: number): number {
    const active = this.activeMs;
    const room = Math.max(1, px - this.gapCount * gapPx);
    return active > 0 ? room / active : 1;
  }
}
