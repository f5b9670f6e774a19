/**
 * `timeline_app_open_ms` (DESIGN.md, Benchmarks): the real app at scale. A run whose reply
 * streams N words (N ≈ events; the `mock` model echoes a N-word message word by word) is
 * recorded by the real runtime into a real SQLite file; then `npm run serve`'s code serves it
 * (child process, loopback, port 0), Debian's Chromium opens the real UI through the real HTTP
 * transport, and we time the click on the thread until its timeline canvas is painted.
 * Reported for 100,000 events (the headline) and 20,000; also when every event is in
 * (`…_full_ms`), the page's JS heap afterwards (also after a forced GC, with array buffers:
 * what it keeps), and the bytes of `runs.eventsPage` replies per event. Quick mode: 20,000 only.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { openServices } from '../electron/services/services';
import { build, buildIsStale } from '../scripts/dev-tools.mjs';
import { projectEnv, readStartLines, REPO_ROOT, stopChild } from '../test/e2e/fixtures/server-process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Records one thread whose run streams a `words`-word echo; returns the run's event count. */
async function seed(dbPath: string, dataDir: string, words: number): Promise<{ events: number; title: string }> {
  const s = openServices({ dbPath, dataDir, mode: 'browser' });
  try {
    const a = await s.api.assistants.create({ model: 'mock', name: 'Echo' });
    const title = `echo ${words} words`;
    const t = await s.api.threads.create({ title });
    const text = Array.from({ length: words }, (_, i) => `w${i % 1000}`).join(' ');
    await s.api.messages.create(t.id, { role: 'user', content: text });
    const run = await s.api.runs.create(t.id, { assistant_id: a.id });
    for (;;) {
      const r = (await s.api.runs.get(run.id)).run;
      if (r.status === 'completed') break;
      if (r.status !== 'queued' && r.status !== 'in_progress') throw new Error(`seed run ended ${r.status}`);
      await new Promise((res) => setTimeout(res, 100));
    }
    return { events: (await s.api.runs.events(run.id)).length, title };
  } finally {
    await s.close();
  }
}

interface Measure {
  paintMs: number;
  fullMs: number;
  heapMb: number;
  /** The JS heap plus array buffers after a forced garbage collection: what the page keeps. */
  heapGcMb: number;
  /** Bytes of `runs.eventsPage` replies (bodies as sent) per event of the run. */
  bytesPerEvent: number;
  /** Bytes of the thread's `messages.list` reply. */
  messagesBytes: number;
}

async function measure(browser: Browser, words: number): Promise<Measure & { events: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'runlens-app-open-'));
  const dbPath = path.join(dir, 'runlens.db');
  try {
    const { events, title } = await seed(dbPath, dir, words);
    const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
    const child = spawn(tsx, ['electron/services/cli/serve.ts', '--port', '0', '--db', dbPath, '--api-key', 'bench', '--data-dir', dir], {
      cwd: REPO_ROOT,
      env: projectEnv({ RUNLENS_DATA_DIR: dir }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const { loginUrl } = await readStartLines(child);
      const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
      try {
        await page.goto(loginUrl);
        await page.locator('[data-app-state="ready"]').waitFor({ state: 'attached', timeout: 60_000 });
        await page.getByRole('tab', { name: 'Timeline' }).click();
        const row = page.getByRole('listbox', { name: 'Thread list' }).getByRole('option', { name: new RegExp(title) });
        await row.waitFor();
        await page.evaluate(() => performance.setResourceTimingBufferSize(100_000));
        const cdp = process.env.APP_OPEN_PROFILE ? await page.context().newCDPSession(page) : null;
        if (cdp) {
          await cdp.send('Profiler.enable');
          await cdp.send('Profiler.start');
        }
        const t0 = await page.evaluate(() => performance.now());
        await row.click();
        const paintMs = await page.evaluate(async (start) => {
          for (;;) {
            if (document.querySelector('[data-testid=timeline-canvas][data-painted=true]')) return performance.now() - start;
            await new Promise((r) => requestAnimationFrame(r));
          }
        }, t0);
        const fullMs = await page.evaluate(
          async ([start, total]) => {
            for (;;) {
              const el = document.querySelector('[data-testid=run-timeline] .tl-head');
              const m = /([\d,]+) events/.exec(el?.textContent ?? '');
              if (m && Number(m[1].replace(/,/g, '')) >= total) return performance.now() - start;
              await new Promise((r) => setTimeout(r, 20));
            }
          },
          [t0, events] as const,
        );
        if (cdp) {
          const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>; samples: number[]; timeDeltas: number[] } };
          const self = new Map<number, number>();
          profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
          const byName = new Map<string, number>();
          for (const n of profile.nodes) {
            const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
            byName.set(k, (byName.get(k) ?? 0) + (self.get(n.id) ?? 0) / 1000);
          }
          console.log([...byName].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(0)} ms ${k}`).join('\n'));
        }
        if (process.env.APP_OPEN_DEBUG) {
          console.log(await page.evaluate((start) => [
            ...performance.getEntriesByType('resource').filter((e) => e.startTime >= start).map((e) => `${e.name.replace(/^.*\/api\/call\//, '')} start ${(e.startTime - start).toFixed(0)} end ${((e as PerformanceResourceTiming).responseEnd - start).toFixed(0)} size ${(e as PerformanceResourceTiming).encodedBodySize}`),
            ...performance.getEntriesByType('mark').map((e) => `mark ${e.name} ${(e.startTime - start).toFixed(0)}`),
          ], t0));
        }
        const heapMb = await page.evaluate(() => ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 1e6);
        // (no named helpers inside evaluate: tsx's keepNames would reference __name in the page)
        const transfer = await page.evaluate((start) => {
          const out = { pages: 0, messages: 0 };
          for (const e of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
            if (e.startTime < start) continue;
            if (e.name.endsWith('/api/call/runs.eventsPage')) out.pages += e.encodedBodySize;
            else if (e.name.endsWith('/api/call/messages.list')) out.messages += e.encodedBodySize;
          }
          return out;
        }, t0);
        const gc = await page.context().newCDPSession(page);
        await gc.send('HeapProfiler.collectGarbage');
        // the JS heap plus array buffers' backing stores (typed arrays live outside the heap)
        const usage = (await gc.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
        await gc.detach();
        const heapGcMb = (usage.usedSize + (usage.backingStorageSize ?? 0)) / 1e6;
        return { events, paintMs, fullMs, heapMb, heapGcMb, bytesPerEvent: transfer.pages / events, messagesBytes: transfer.messages };
      } finally {
        await page.close();
      }
    } finally {
      await stopChild(child);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the benchmark; see the module comment. */
export async function run({ quick }: { quick: boolean }): Promise<Record<string, number>> {
  // serve hands out out/renderer: measure the UI as it is in the tree, not an older build.
  if (buildIsStale()) {
    console.log('(building the UI bundles first: out/ is older than the sources)');
    if ((await build()) !== 0) throw new Error('electron-vite build failed');
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const sizes = quick ? [20_000] : [20_000, 100_000];
    const rows: Array<Measure & { events: number; words: number }> = [];
    for (const words of sizes) rows.push({ words, ...(await measure(browser, words)) });
    console.log('| reply words | events | click → timeline painted (ms) | all events in (ms) | JS heap after (MB) | JS heap + array buffers after GC (MB) | eventsPage bytes / event | messages.list (KB) |');
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) {
      console.log(
        `| ${r.words.toLocaleString('en-US')} | ${r.events.toLocaleString('en-US')} | ${r.paintMs.toFixed(0)} | ${r.fullMs.toFixed(0)} | ${r.heapMb.toFixed(0)} | ${r.heapGcMb.toFixed(1)} | ${r.bytesPerEvent.toFixed(1)} | ${(r.messagesBytes / 1000).toFixed(0)} |`,
      );
    }
    const big = rows.find((r) => r.words === 100_000);
    const small = rows.find((r) => r.words === 20_000)!;
    const out: Record<string, number> = {
      timeline_app_open_20k_ms: Math.round(small.paintMs),
      timeline_app_open_20k_full_ms: Math.round(small.fullMs),
      timeline_app_open_20k_heap_gc_mb: Math.round(small.heapGcMb * 10) / 10,
      timeline_app_open_bytes_per_event: Math.round(small.bytesPerEvent * 10) / 10,
    };
    if (big) {
      out.timeline_app_open_ms = Math.round(big.paintMs);
      out.timeline_app_open_full_ms = Math.round(big.fullMs);
      out.timeline_app_open_heap_mb = Math.round(big.heapMb);
      out.timeline_app_open_heap_gc_mb = Math.round(big.heapGcMb * 10) / 10;
      out.timeline_app_open_bytes_per_event = Math.round(big.bytesPerEvent * 10) / 10;
      // 5× the events (and 5× the text): how much more the page keeps
      console.log(`heap after GC, 100k ÷ 20k: ${(big.heapGcMb / small.heapGcMb).toFixed(2)}; eventsPage bytes, 100k ÷ 20k: ${((big.bytesPerEvent * big.events) / (small.bytesPerEvent * small.events)).toFixed(2)}`);
    } else console.log('(quick: timeline_app_open_ms needs the 100,000-event run; run without --quick)');
    return out;
  } finally {
    await browser.close();
  }
}

// `tsx bench/app-open-bench.ts [--quick]` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  run({ quick: process.argv.includes('--quick') }).then((r) => console.log(JSON.stringify(r)));
}
