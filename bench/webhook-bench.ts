/**
 * Webhook overhead benchmark (DESIGN.md, Benchmarks: `webhook_overhead_ms`). The same loopback
 * webhook server is called two ways in one run of the benchmark:
 *   - live through a run: the real services (temp SQLite file, workspace config with a webhook
 *     tool), a run whose mock model calls the function; the call's time is from the committed
 *     `model.response` that asked for it to the committed `model.request` of the round that got
 *     its output (guard, validation, secret resolution, the HTTP call, the execution events and
 *     the step completion all inside);
 *   - directly: the same POST with the same HTTP client (node:http, keep-alive) and body,
 *     without a run around it — so the difference is what RunLens adds, not client choice.
 * Headline: webhook_overhead_ms = p50(live) − p50(direct).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openServices } from '../electron/services/services';
import { validateWorkspaceConfig } from '../electron/services/config/workspace-config';
import { httpCall } from '../electron/services/tools/live/http-call';

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
}

async function startHook(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = '{"temp":21,"sky":"clear"}';
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      res.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/weather`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export async function run({ quick }: { quick: boolean }): Promise<Record<string, number>> {
  const n = quick ? 40 : 300;
  const hook = await startHook();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-webhook-bench-'));
  const services = openServices({
    dbPath: path.join(dir, 'bench.db'),
    dataDir: dir,
    workspaceConfig: validateWorkspaceConfig({ tools: { get_weather: { handler: 'webhook', url: hook.url, headers: { 'X-Key': '${env:BENCH_KEY}' } } } }),
    env: { BENCH_KEY: 'k' },
  });
  try {
    await services.workspaceReady;
    const rt = services.runtime;
    const assistant = rt.createAssistant({
      model: 'mock',
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }],
    });
    const live: number[] = [];
    const direct: number[] = [];
    const body = (i: number) =>
      JSON.stringify({ function: 'get_weather', arguments: { city: `City${i}` }, call_id: `call_${i}`, run_id: 'run_x', thread_id: 'thread_x', assistant_id: assistant.id });
    for (let i = 0; i < n + 5; i++) {
      // live through a run
      const thread = rt.createThread({ messages: [{ role: 'user', content: `get_weather city=City${i}` }] });
      const marks: Record<string, number> = {};
      const done = new Promise<void>((resolve, reject) => {
        const off = rt.subscribe({ thread_id: thread.id }, (e) => {
          if (e.type === 'model.response' && marks.asked === undefined) marks.asked = performance.now();
          if (e.type === 'model.request' && marks.asked !== undefined && marks.answered === undefined) marks.answered = performance.now();
          if (e.type === 'thread.run.completed' || e.type === 'thread.run.failed' || e.type === 'thread.run.requires_action') {
            off();
            if (e.type === 'thread.run.completed') resolve();
            else reject(new Error(`run ended ${e.type}`));
          }
        });
      });
      rt.createRun(thread.id, { assistant_id: assistant.id });
      await done;
      // directly
      const t0 = performance.now();
      await httpCall({ method: 'POST', url: hook.url, headers: { 'content-type': 'application/json', 'X-Key': 'k' }, body: body(i), timeoutMs: 30_000 });
      const t1 = performance.now();
      if (i >= 5) {
        live.push(marks.answered - marks.asked);
        direct.push(t1 - t0);
      }
    }
    live.sort((a, b) => a - b);
    direct.sort((a, b) => a - b);
    const liveP50 = percentile(live, 50);
    const directP50 = percentile(direct, 50);
    const overhead = liveP50 - directP50;
    console.table({
      'live through a run': { calls: live.length, p50_ms: +liveP50.toFixed(3), p90_ms: +percentile(live, 90).toFixed(3) },
      'direct call (baseline)': { calls: direct.length, p50_ms: +directP50.toFixed(3), p90_ms: +percentile(direct, 90).toFixed(3) },
    });
    console.log(`webhook_overhead_ms = ${overhead.toFixed(3)} (target ≤ 2)`);
    return { webhook_overhead_ms: +overhead.toFixed(3) };
  } finally {
    await services.close();
    await hook.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
