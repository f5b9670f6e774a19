/**
 * Provider benchmark: time to the first streamed token of a live model, through a RunLens run
 * (the `openai` SDK → `/v1` createAndRun stream → the provider backend → a loopback
 * Chat Completions fake) minus the same SDK straight to the same fake, in the same process,
 * rounds alternating so machine load hits both alike.
 * Headline: provider_ttft_overhead_ms (p50 difference; target ≤ 5 ms).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import OpenAI from 'openai';
import { createHttpServer } from '../electron/services/http/server';
import { openServices } from '../electron/services/services';
import { startFakeOpenAI } from '../test/helpers/fake-openai';

const API_KEY = 'bench-key';

function p50(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** First content delta straight from the fake. */
async function direct(client: OpenAI): Promise<number> {
  const t0 = performance.now();
  const stream = await client.chat.completions.create({ model: 'fake-model', messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } });
  let first = 0;
  for await (const chunk of stream) if (!first && chunk.choices[0]?.delta?.content) first = performance.now() - t0;
  return first;
}

/** First thread.message.delta of a run on the provider model through /v1. */
async function throughRunLens(client: OpenAI, assistantId: string): Promise<number> {
  const t0 = performance.now();
  const stream = client.beta.threads.createAndRun({ assistant_id: assistantId, thread: { messages: [{ role: 'user', content: 'hi' }] }, stream: true });
  let first = 0;
  for await (const e of await stream) if (!first && e.event === 'thread.message.delta') first = performance.now() - t0;
  return first;
}

/** Runs the benchmark and returns its headline figures. */
export async function run({ quick }: { quick: boolean }): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-provider-bench-'));
  const fake = await startFakeOpenAI();
  fake.handler = () => ({ kind: 'text', deltas: ['Hello', ' there', '.'] });
  const services = openServices({ dbPath: path.join(dir, 'bench.db'), dataDir: dir, env: {} });
  const server = await createHttpServer({ services, apiKey: API_KEY });
  try {
    await services.api.providers.save({ name: 'local', base_url: fake.baseUrl });
    const ours = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: API_KEY, maxRetries: 0 });
    const straight = new OpenAI({ baseURL: fake.baseUrl, apiKey: 'none', maxRetries: 0 });
    const assistant = await ours.beta.assistants.create({ model: 'local/fake-model' });
    const mock = await ours.beta.assistants.create({ model: 'mock' });
    const n = quick ? 30 : 200;
    for (let i = 0; i < 10; i++) {
      await direct(straight);
      await throughRunLens(ours, assistant.id);
    }
    const a: number[] = [];
    const b: number[] = [];
    const m: number[] = [];
    for (let i = 0; i < n; i++) {
      a.push(await direct(straight));
      b.push(await throughRunLens(ours, assistant.id));
      m.push(await throughRunLens(ours, mock.id));
      fake.received.length = 0;
    }
    const d = p50(a);
    const r = p50(b);
    const mo = p50(m);
    const overhead = r - d;
    console.log(`${'target'.padEnd(26)} ${'p50 ttft ms'.padStart(12)}`);
    console.log(`${'SDK → fake (direct)'.padEnd(26)} ${d.toFixed(2).padStart(12)}`);
    console.log(`${'SDK → /v1 → fake'.padEnd(26)} ${r.toFixed(2).padStart(12)}`);
    console.log(`${'SDK → /v1 → mock model'.padEnd(26)} ${mo.toFixed(2).padStart(12)}   (the same run path with no provider: what /v1 itself costs)`);
    console.log(`provider_ttft_overhead_ms: ${overhead.toFixed(2)} (target <= 5), ${n} runs each; RunLens creates the thread, the run and its events before the request`);
    return {
      provider_ttft_overhead_ms: Number(overhead.toFixed(2)),
      provider_ttft_direct_p50_ms: Number(d.toFixed(2)),
      provider_ttft_runlens_p50_ms: Number(r.toFixed(2)),
      provider_ttft_mock_p50_ms: Number(mo.toFixed(2)),
    };
  } finally {
    await server.close();
    await services.close();
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run({ quick: process.argv.includes('--quick') }).then(
    (r) => console.log(JSON.stringify(r)),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
