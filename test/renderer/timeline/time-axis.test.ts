import { describe, expect, it } from 'vitest';
import { TimeAxis } from '../../../renderer/src/features/timeline/model/time-axis';

describe('TimeAxis', () => {
  it('maps active time linearly and compresses long idle gaps to a fixed width', () => {
    const axis = new TimeAxis(1000);
    for (const t of [0, 100, 200, 90_200, 90_300]) axis.push(t);
    expect(axis.gaps()).toEqual([{ t0: 200, t1: 90_200, gap: true, u0: 200, g0: 0 }]);
    expect(axis.activeMs).toBe(300);
    const scale = 2;
    const gapPx = 40;
    expect(axis.x(100, scale, gapPx)).toBe(200);
    expect(axis.x(200, scale, gapPx)).toBe(400);
    // halfway through the 90 s gap is halfway across its 40 px
    expect(axis.x(45_200, scale, gapPx)).toBe(420);
    expect(axis.x(90_200, scale, gapPx)).toBe(440);
    expect(axis.x(90_300, scale, gapPx)).toBe(640);
    expect(axis.width(scale, gapPx)).toBe(640);
  });

  it('time() inverts x() across active pieces and gaps', () => {
    const axis = new TimeAxis(500);
    for (const t of [10, 60, 5_000, 5_100, 60_000, 60_010]) axis.push(t);
    for (const t of [10, 35, 60, 2_000, 5_000, 5_050, 30_000, 60_005]) {
      expect(axis.time(axis.x(t, 3, 24), 3, 24)).toBeCloseTo(t, 6);
    }
  });

  it('the gap keeps its width whatever the zoom', () => {
    const axis = new TimeAxis(1000);
    for (const t of [0, 10, 100_000, 100_010]) axis.push(t);
    for (const scale of [0.5, 5, 500]) {
      expect(axis.x(100_000, scale, 30) - axis.x(10, scale, 30)).toBe(30);
    }
  });

  it('fitScale fills the width, gaps included', () => {
    const axis = new TimeAxis(1000);
    for (const t of [0, 500, 10_000, 10_500]) axis.push(t);
    const s = axis.fitScale(1030, 30);
    expect(axis.width(s, 30)).toBeCloseTo(1030);
  });

  it('extendedTo adds a live tail without touching the original', () => {
    const axis = new TimeAxis(1000);
    axis.push(0);
    axis.push(10);
    const live = axis.extendedTo(60_000);
    expect(live.gapCount).toBe(1);
    expect(axis.gapCount).toBe(0);
    expect(axis.end).toBe(10);
  });
});

describe('TimeAxis.mapper', () => {
  it('gives the same x as x() in any order of calls', () => {
    const axis = new TimeAxis(500);
    for (const t of [10, 60, 5_000, 5_100, 60_000, 60_010]) axis.push(t);
    const f = axis.mapper(3, 24);
    for (const t of [10, 35, 60, 2_000, 5_000, 5_050, 30_000, 60_005, 0, 60_005, 20, 5_100, 70_000]) expect(f(t)).toBeCloseTo(axis.x(t, 3, 24), 9);
  });
});
