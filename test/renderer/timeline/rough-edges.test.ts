/**
 * Timeline rough edges, as the drawn geometry and the replay clock see them: idle-gap
 * compression keeps a long wait wider than a short active stretch, and replaying a short
 * run takes a few seconds instead of being instant.
 */
import { describe, expect, it } from 'vitest';
import { TimeAxis } from '../../../renderer/src/features/timeline/model/time-axis';
import { fitViewport, screenX } from '../../../renderer/src/features/timeline/view/layout';
import { replayDelay } from '../../../renderer/src/features/timeline/view/use-playback';

describe('idle-gap compression', () => {
  it('draws a 5 s in-progress wait wider than "queued 6 ms" beside it', () => {
    const axis = new TimeAxis();
    for (const t of [0, 6, 7]) axis.push(t); // created, queued → in_progress at 6 ms, model.request at 7 ms
    const live = axis.extendedTo(5007); // then nothing for 5 s (the mock's delay)
    const vp = fitViewport(live, 600, 120);
    const queued = screenX(live, vp, 6) - screenX(live, vp, 0);
    const inProgress = screenX(live, vp, 5007) - screenX(live, vp, 6);
    expect(inProgress).toBeGreaterThan(queued);
    expect(screenX(live, vp, 5007)).toBeLessThanOrEqual(600);
  });

  it('still folds long idle hours into narrow bands', () => {
    const axis = new TimeAxis();
    let t = 0;
    for (let i = 0; i < 10; i++) {
      for (let k = 0; k < 10; k++) axis.push((t += 100)); // 1 s of activity
      t += 3_600_000; // an hour idle
    }
    axis.push(t);
    const vp = fitViewport(axis, 1000, 120);
    const gapsPx = axis.gaps().reduce((sum, g) => sum + screenX(axis, vp, g.t1) - screenX(axis, vp, g.t0), 0);
    expect(axis.gapCount).toBe(10);
    expect(gapsPx).toBeLessThan(0.5 * (1000 - 96));
  });
});

describe('replay speed', () => {
  const total = (ts: number[], speed: 1 | 4) => ts.slice(1).reduce((sum, t, i) => sum + replayDelay(ts[i], t, ts.length, speed), 0);

  it('a short run (20 events in 100 ms) takes at least 4 s at 1× and 1 s at 4×', () => {
    const ts = Array.from({ length: 20 }, (_, i) => 1000 + i * 5);
    expect(total(ts, 1)).toBeGreaterThanOrEqual(3800);
    expect(total(ts, 4)).toBeGreaterThanOrEqual(950);
  });

  it('a long run keeps its recorded timing', () => {
    const ts = Array.from({ length: 100_000 }, (_, i) => i * 50);
    expect(total(ts, 1)).toBe(ts[ts.length - 1] - ts[0]);
    expect(total(ts, 4)).toBe((ts[ts.length - 1] - ts[0]) / 4);
  });
});
