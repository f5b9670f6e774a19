/**
 * Flow benchmark (DESIGN.md, Benchmarks): complete two-leg function-calling flows through
 * the real `openai` SDK against RunLens `/v1` (in-process server on a temp SQLite file), and
 * the very same SDK call sequence against a canned-response stub on loopback as the
 * baseline. A flow: threads.create(message) → runs.createAndPoll (requires_action) →
 * runs.submitToolOutputsAndPoll (completed). The poll helpers get no pollIntervalMs, so
 * the server's `openai-poll-after-ms` (and its poll wait) decide how fast they return.
 * Headline: flow_ratio_c16 (ours ÷ stub flows/s at concurrency 16), flow_p50_ms (c1).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import OpenAI from 'openai';
import { createHttpServer } from '../electron/services/http/server';
import { openServices } from '../electron/services/services';

const API_KEY = 'bench-key';
const TOOL = {
  type: 'function' as const,
  function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};

interface Result {
  flowsPerSec: number;
  p50: number;
  p99: number;
}

/** One complete two-leg flow; returns its duration in ms. */
async function flow(client: OpenAI, assistantId: string, i: number): Promise<number> {
  const t0 = performance.now();
  const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: `get_weather city=City${i}` }] });
  const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId });
  if (run.status !== 'requires_action' || !run.required_action) throw new Error(`flow ${i}: expected requires_action, got ${run.status}`);
  const tool_outputs = run.required_action.submit_tool_outputs.tool_calls.map((c) => ({ tool_call_id: c.id, output: 'sunny' }));
  const done = await client.beta.threads.runs.submitToolOutputsAndPoll(run.id, { thread_id: thread.id, tool_outputs });
  if (done.status !== 'completed') throw new Error(`flow ${i}: expected completed, got ${done.status}`);
  return performance.now() - t0;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface Sample {
  latencies: number[];
  flows: number;
  seconds: number;
}

async function sample(client: OpenAI, assistantId: string, concurrency: number, total: number, into: Sample): Promise<void> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        into.latencies.push(await flow(client, assistantId, i));
      }
    }),
  );
  into.seconds += (performance.now() - t0) / 1000;
  into.flows += total;
}

function summarise(s: Sample): Result {
  const sorted = [...s.latencies].sort((a, b) => a - b);
  return { flowsPerSec: s.flows / s.seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/**
 * Measures both targets in alternating rounds so that load from elsewhere on the machine
 * falls on both alike; returns [stub, ours].
 */
async function compare(stub: OpenAI, ours: OpenAI, assistantId: string, concurrency: number, total: number, rounds: number): Promise<[Result, Result]> {
  const a: Sample = { latencies: [], flows: 0, seconds: 0 };
  const b: Sample = { latencies: [], flows: 0, seconds: 0 };
  const perRound = Math.max(concurrency, Math.round(total / rounds));
  for (let r = 0; r < rounds; r++) {
    await sample(stub, assistantId, concurrency, perRound, a);
    await sample(ours, assistantId, concurrency, perRound, b);
  }
  return [summarise(a), summarise(b)];
}

/** Bodies recorded from a real RunLens flow, replayed with per-flow ids. */
interface Canned {
  thread: string;
  runRequiresAction: string;
  runQueued: string;
  runCompleted: string;
}

async function record(client: OpenAI, assistantId: string): Promise<Canned> {
  const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'get_weather city=Rome' }] });
  const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId });
  const callId = run.required_action!.submit_tool_outputs.tool_calls[0].id;
  const queued = await client.beta.threads.runs.submitToolOutputs(run.id, { thread_id: thread.id, tool_outputs: [{ tool_call_id: callId, output: 'sunny' }] });
  const done = await client.beta.threads.runs.poll(run.id, { thread_id: thread.id });
  const strip = (o: object): string => {
    const { _request_id: _ignored, ...rest } = o as Record<string, unknown>;
    return JSON.stringify(rest).split(thread.id).join('__THREAD__').split(run.id).join('__RUN__');
  };
  return { thread: strip(thread), runRequiresAction: strip(run), runQueued: strip({ ...queued, status: 'queued' }), runCompleted: strip(done) };
}

/** A loopback server that answers the flow's five calls with the canned bodies. */
async function startStub(canned: Canned): Promise<{ url: string; close: () => Promise<void> }> {
  let counter = 0;
  const submitted = new Set<string>();
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const url = req.url ?? '';
      const parts = url.split('?')[0].split('/');
      // /v1/threads | /v1/threads/T/runs | /v1/threads/T/runs/R | /v1/threads/T/runs/R/submit_tool_outputs
      let body: string;
      if (parts.length === 3) {
        counter++;
        body = canned.thread.split('__THREAD__').join(`thread_stub${counter}`);
      } else {
        const tid = parts[3];
        const rid = parts.length >= 6 ? parts[5] : `run_stub${tid.slice('thread_stub'.length)}`;
        let template: string;
        if (parts.length === 5) template = canned.runRequiresAction;
        else if (parts.length === 7) {
          submitted.add(rid);
          template = canned.runQueued;
        } else template = submitted.has(rid) ? canned.runCompleted : canned.runRequiresAction;
        if (parts.length === 6 && submitted.has(rid)) submitted.delete(rid);
        body = template.split('__THREAD__').join(tid).split('__RUN__').join(rid);
      }
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_stub', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = address && typeof address === 'object' ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Runs the benchmark and returns its headline figures. */
export async function run({ quick }: { quick: boolean }): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-flow-bench-'));
  const services = openServices({ dbPath: path.join(dir, 'bench.db'), dataDir: dir });
  const server = await createHttpServer({ services, apiKey: API_KEY });
  const ours = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: API_KEY, maxRetries: 0 });
  const assistant = await ours.beta.assistants.create({ model: 'mock', tools: [TOOL] });
  const canned = await record(ours, assistant.id);
  const stub = await startStub(canned);
  const stubClient = new OpenAI({ baseURL: `${stub.url}/v1`, apiKey: API_KEY, maxRetries: 0 });

  const n1 = quick ? 60 : 400;
  const n16 = quick ? 320 : 3200;
  try {
    // Warm both paths (JIT, connection pools, SQLite caches).
    await compare(stubClient, ours, assistant.id, 4, quick ? 40 : 200, 1);

    const rounds = quick ? 4 : 10;
    const [stub1, ours1] = await compare(stubClient, ours, assistant.id, 1, n1, rounds);
    const [stub16, ours16] = await compare(stubClient, ours, assistant.id, 16, n16, rounds);

    const row = (name: string, r: Result): string =>
      `${name.padEnd(16)} ${r.flowsPerSec.toFixed(0).padStart(9)} ${r.p50.toFixed(2).padStart(9)} ${r.p99.toFixed(2).padStart(9)}`;
    console.log(`${'target'.padEnd(16)} ${'flows/s'.padStart(9)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)}`);
    console.log(row('stub  c=1', stub1));
    console.log(row('RunLens c=1', ours1));
    console.log(row('stub  c=16', stub16));
    console.log(row('RunLens c=16', ours16));
    const ratio1 = ours1.flowsPerSec / stub1.flowsPerSec;
    const ratio16 = ours16.flowsPerSec / stub16.flowsPerSec;
    console.log(`machine: ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (other load skews both targets; rounds alternate to share it)`);
    console.log(`ratio c=1: ${ratio1.toFixed(2)}  ratio c=16: ${ratio16.toFixed(2)} (target >= 0.6)  p50 c=1: ${ours1.p50.toFixed(2)} ms (target <= 10)`);
    return {
      flow_ratio_c16: Number(ratio16.toFixed(3)),
      flow_p50_ms: Number(ours1.p50.toFixed(2)),
      flow_p99_ms: Number(ours1.p99.toFixed(2)),
      flows_per_s_c1: Number(ours1.flowsPerSec.toFixed(1)),
      flows_per_s_c16: Number(ours16.flowsPerSec.toFixed(1)),
    };
  } finally {
    await stub.close();
    await server.close();
    await services.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run({ quick: process.argv.includes('--quick') })
    .then((result) => console.log(JSON.stringify(result)))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
