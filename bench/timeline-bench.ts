/**
 * Timeline benchmark: a generated 10,000-step / 100,000-event run rendered by the real
 * RunTimelinePanel in Chromium. First paint = navigation start → the timeline canvas drawn
 * with the run (performance mark `timeline-painted`), event generation included. Frame rate
 * = requestAnimationFrame callbacks per second while wheel events pan or zoom the canvas on
 * every frame (the worst case: the whole run in view while panning).
 */
import { chromium, type Page } from 'playwright-core';
import { buildHarness } from './timeline/build-harness';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

interface Paint {
  paint: number;
  generated: number;
  reduced: number;
  events: number;
  steps: number;
}

async function firstPaint(page: Page, url: string): Promise<Paint> {
  await page.goto(url);
  await page.waitForSelector('[data-testid=timeline-canvas][data-painted=true]', { timeout: 60_000 });
  return page.evaluate(`({
    paint: performance.getEntriesByName('timeline-painted')[0].startTime,
    generated: performance.getEntriesByName('events-ready')[0].startTime,
    reduced: performance.getEntriesByName('timeline-events-applied')[0].startTime,
    events: Number(document.querySelector('[data-testid=replay-position]').dataset.total),
    steps: Number(document.querySelector('[data-testid=timeline-steps]').dataset.total),
  })`) as Promise<Paint>;
}

// Kept as source text: tsx would wrap named functions with a helper the page does not have.
const FPS_PROBE = `(({ mode, ms }) => new Promise((resolve) => {
  const canvas = document.querySelector('[data-testid=timeline-canvas]');
  const r = canvas.getBoundingClientRect();
  let t0 = 0, last = 0, frames = 0, worst = 0;
  const draws = [];
  const tick = (now) => {
    frames++;
    worst = Math.max(worst, now - last);
    draws.push(Number(canvas.dataset.drawMs));
    last = now;
    const t = now - t0;
    const phase = Math.floor(t / 500) % 2 ? -1 : 1;
    const init = { bubbles: true, cancelable: true, clientX: r.left + r.width / 2, clientY: r.top + 40 };
    canvas.dispatchEvent(new WheelEvent('wheel', mode === 'pan' ? { ...init, deltaX: 25 * phase } : { ...init, deltaY: -45 * phase }));
    if (t < ms) requestAnimationFrame(tick);
    else {
      draws.sort((a, b) => a - b);
      resolve({ fps: frames / (t / 1000), worstFrameMs: worst, drawMs: draws[Math.floor(draws.length / 2)], drawP95Ms: draws[Math.floor(draws.length * 0.95)] });
    }
  };
  requestAnimationFrame((now) => { t0 = last = now; requestAnimationFrame(tick); });
}))`;

interface Fps {
  fps: number;
  worstFrameMs: number;
  /** Time spent in drawTimeline per frame (median, 95th percentile). */
  drawMs: number;
  drawP95Ms: number;
}

async function fps(page: Page, mode: 'pan' | 'zoom', ms: number): Promise<Fps> {
  return page.evaluate(`${FPS_PROBE}(${JSON.stringify({ mode, ms })})`) as Promise<Fps>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run({ quick }: { quick: boolean }): Promise<Record<string, number>> {
  const url = await buildHarness();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const runs: Paint[] = [];
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      runs.push(await firstPaint(page, `${url}?gen=10000`));
    }
    const paints = runs.map((r) => r.paint);
    const info = [...runs].sort((a, b) => a.paint - b.paint)[Math.floor(runs.length / 2)];
    const ms = quick ? 500 : 2000;
    const pan = await fps(page, 'pan', ms);
    const zoom = await fps(page, 'zoom', ms);
    // scrub back to the middle: the prefix model is rebuilt from 50,000 events
    const t0 = Date.now();
    await page.getByTestId('replay-slider').fill(String(Math.floor(info.events / 2)));
    await page.waitForSelector('[data-testid=run-timeline][data-replaying=true]');
    await page.waitForFunction(`document.querySelector('[data-testid=replay-position]').dataset.position === '${Math.floor(info.events / 2)}'`);
    const scrubMs = Date.now() - t0;
    const rows = [
      { measure: 'events / steps', value: `${info.events} / ${info.steps}` },
      { measure: 'first paint (ms, median)', value: median(paints).toFixed(0) },
      { measure: 'first paint runs (ms)', value: paints.map((p) => p.toFixed(0)).join(', ') },
      { measure: '  median run: events generated in the page (ms)', value: info.generated.toFixed(0) },
      { measure: '  median run: log loaded and reduced (ms)', value: (info.reduced - info.generated).toFixed(0) },
      { measure: '  median run: render + canvas paint (ms)', value: (info.paint - info.reduced).toFixed(0) },
      { measure: 'pan fps (whole run in view)', value: pan.fps.toFixed(1) },
      { measure: 'pan worst frame (ms)', value: pan.worstFrameMs.toFixed(1) },
      { measure: 'pan draw time per frame (ms, median / p95)', value: `${pan.drawMs.toFixed(1)} / ${pan.drawP95Ms.toFixed(1)}` },
      { measure: 'zoom fps', value: zoom.fps.toFixed(1) },
      { measure: 'zoom worst frame (ms)', value: zoom.worstFrameMs.toFixed(1) },
      { measure: 'zoom draw time per frame (ms, median / p95)', value: `${zoom.drawMs.toFixed(1)} / ${zoom.drawP95Ms.toFixed(1)}` },
      { measure: 'scrub back to the middle (ms, incl. Playwright round trips)', value: String(scrubMs) },
    ];
    console.table(rows);
    return { timeline_first_paint_ms: Math.round(median(paints)), timeline_fps: Math.round(Math.min(pan.fps, zoom.fps) * 10) / 10 };
  } finally {
    await browser.close();
  }
}
