/**
 * Acknowledge-after-commit and durable runs, as a user's process meets them: concurrent SDK
 * clients drive `npm run serve` while it is killed with SIGKILL at random moments, again and
 * again, on the same database. After every restart, everything the server answered 2xx for is
 * still there, no run is stuck, runs waiting for outputs still take them, and the file is sound.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { fnTool, startServe, tempDir, type ServeProcess } from './serve-process';

const KILLS = 8;
const WORKERS = 8;
const TERMINAL = new Set(['completed', 'failed', 'cancelled', 'expired', 'incomplete']);

/** Deterministic pseudo-random numbers (mulberry32), so a failing seed can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the server acknowledged (answered 2xx for). */
interface Acked {
  threads: Set<string>;
  messages: Map<string, string>;
  /** run id → thread id. */
  runs: Map<string, string>;
  /** run id → the last status a reply reported. */
  statuses: Map<string, string>;
  /** run id → tool call ids whose outputs were accepted. */
  submitted: Map<string, string[]>;
  /** run id → the required_action reported while waiting. */
  waiting: Map<string, { callIds: string[]; expiresAt: number | null }>;
}

/** One client's loop: threads, runs (polled, streamed, createAndRun), tool outputs — until the server dies. */
async function worker(client: OpenAI, assistantId: string, acked: Acked, n: number, random: () => number): Promise<void> {
  for (let i = 0; ; i++) {
    const tool = random() < 0.6;
    const content = tool ? `get_weather city=C${n}x${i}` : `hello ${n}/${i}`;
    let threadId: string;
    let run: OpenAI.Beta.Threads.Run;
    if (random() < 0.25) {
      run = await client.beta.threads.createAndRun({ assistant_id: assistantId, thread: { messages: [{ role: 'user', content }] } });
      threadId = run.thread_id;
      acked.threads.add(threadId);
    } else {
      const thread = await client.beta.threads.create();
      threadId = thread.id;
      acked.threads.add(threadId);
      const message = await client.beta.threads.messages.create(threadId, { role: 'user', content });
      acked.messages.set(message.id, threadId);
      run = await client.beta.threads.runs.create(threadId, { assistant_id: assistantId });
    }
    acked.runs.set(run.id, threadId);
    acked.statuses.set(run.id, run.status);
    while (!TERMINAL.has(run.status)) {
      if (run.status === 'requires_action') {
        const calls = run.required_action?.submit_tool_outputs.tool_calls ?? [];
        acked.waiting.set(run.id, { callIds: calls.map((c) => c.id), expiresAt: run.expires_at });
        if (random() < 0.3) return; // leave it waiting, for after the crash
        const outputs = calls.map((c) => ({ tool_call_id: c.id, output: `{"n":${i}}` }));
        run = await client.beta.threads.runs.submitToolOutputs(run.id, { thread_id: threadId, tool_outputs: outputs });
        acked.submitted.set(run.id, calls.map((c) => c.id));
      } else {
        run = await client.beta.threads.runs.retrieve(run.id, { thread_id: threadId }, { headers: { 'x-stainless-poll-helper': 'true' } });
      }
      acked.statuses.set(run.id, run.status);
    }
  }
}

async function settle(client: OpenAI, runId: string, threadId: string): Promise<OpenAI.Beta.Threads.Run> {
  for (;;) {
    const run = await client.beta.threads.runs.retrieve(runId, { thread_id: threadId }, { headers: { 'x-stainless-poll-helper': 'true' } });
    if (TERMINAL.has(run.status) || run.status === 'requires_action') return run;
  }
}

describe('SIGKILL at random moments under concurrent SDK clients', () => {
  it('keeps every acknowledged object and status; waiting runs take outputs after restart; no run stuck; no seq gap', { timeout: 120_000 }, async () => {
    const seed = Number(process.env.RUNLENS_CRASH_SEED ?? Date.now() % 100_000);
    const random = rng(seed);
    const dataDir = tempDir('runlens-crash-');
    const acked: Acked = { threads: new Set(), messages: new Map(), runs: new Map(), statuses: new Map(), submitted: new Map(), waiting: new Map() };
    let assistantId = '';
    let server: ServeProcess | null = null;
    try {
      for (let kill = 0; kill < KILLS; kill++) {
        server = await startServe({ dataDir });
        const client = server.client();
        if (!assistantId) assistantId = (await client.beta.assistants.create({ model: 'mock', tools: [fnTool('get_weather', { city: { type: 'string' } })] })).id;
        const workers = Array.from({ length: WORKERS }, (_, n) => worker(client, assistantId, acked, n + kill * WORKERS, random).catch(() => undefined));
        await new Promise((resolve) => setTimeout(resolve, 150 + random() * 900));
        const exit = await server.stop('SIGKILL');
        expect(exit.signal, `seed ${seed}`).toBe('SIGKILL');
        await Promise.all(workers);
      }

      server = await startServe({ dataDir });
      const client = server.client();
      expect(acked.runs.size, `seed ${seed}`).toBeGreaterThan(KILLS);
      for (const threadId of acked.threads) expect((await client.beta.threads.retrieve(threadId)).id).toBe(threadId);
      for (const [messageId, threadId] of acked.messages) expect((await client.beta.threads.messages.retrieve(messageId, { thread_id: threadId })).id).toBe(messageId);

      // Every run in the file (acknowledged or not) must end or wait for outputs that it then takes.
      const file = path.join(dataDir, 'runlens.db');
      const reader = new Database(file, { readonly: true });
      const allRuns = reader.prepare('SELECT id, thread_id FROM runs').all() as Array<{ id: string; thread_id: string }>;
      reader.close();
      for (const runId of acked.runs.keys()) expect(allRuns.some((r) => r.id === runId), `${runId} was acknowledged (seed ${seed})`).toBe(true);
      let answeredAfterRestart = 0;
      for (const { id: runId, thread_id: threadId } of allRuns) {
        let run = await client.beta.threads.runs.retrieve(runId, { thread_id: threadId });
        const said = acked.statuses.get(runId) ?? '';
        if (TERMINAL.has(said)) expect(run.status, `${runId} was acknowledged ${said} (seed ${seed})`).toBe(said);
        run = await settle(client, runId, threadId);
        const done = acked.submitted.get(runId);
        if (done && run.status === 'requires_action') {
          const pending = run.required_action!.submit_tool_outputs.tool_calls.map((c) => c.id);
          for (const id of done) expect(pending, `outputs for ${id} were acknowledged (seed ${seed})`).not.toContain(id);
        }
        if (run.status === 'requires_action') {
          const before = acked.waiting.get(runId);
          const calls = run.required_action!.submit_tool_outputs.tool_calls;
          if (before && before.callIds.every((id) => calls.some((c) => c.id === id))) expect(run.expires_at).toBe(before.expiresAt);
          run = await client.beta.threads.runs.submitToolOutputs(runId, { thread_id: threadId, tool_outputs: calls.map((c) => ({ tool_call_id: c.id, output: 'after restart' })) });
          run = await settle(client, runId, threadId);
          answeredAfterRestart++;
        }
        expect(TERMINAL.has(run.status), `${runId} is ${run.status} (seed ${seed})`).toBe(true);
      }
      expect(answeredAfterRestart, `seed ${seed}`).toBeGreaterThan(0);
      for (const threadId of acked.threads) {
        const m = await client.beta.threads.messages.create(threadId, { role: 'user', content: 'still open' });
        expect(m.thread_id).toBe(threadId);
      }

      const db = new Database(file, { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const gaps = db.prepare('SELECT run_id, COUNT(*) AS n, MIN(seq) AS lo, MAX(seq) AS hi FROM events GROUP BY run_id HAVING n != hi OR lo != 1').all();
        expect(gaps, `seed ${seed}`).toEqual([]);
        const stuck = db.prepare("SELECT id, status FROM runs WHERE status IN ('queued','in_progress','cancelling')").all();
        expect(stuck, `seed ${seed}`).toEqual([]);
      } finally {
        db.close();
      }
    } finally {
      await server?.stop('SIGTERM');
    }
  });
});
