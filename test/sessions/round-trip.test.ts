/**
 * Round trip through the `openai` SDK: runs made against `/v1` (function calls, parallel
 * calls, a failure, a cancellation) are exported with the CLI, imported into an empty
 * database, and every object read back through `/v1` of a second server is identical.
 * No handler secret appears anywhere in the session file's bytes.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { fnTool, startServe, tempDir } from '../v1/serve-process';
import { runCli } from './fixtures';

const SECRET_HEADER = 'Bearer sk-live-HEADER-5ecret-77';
const SECRET_KEY = 'connery-KEY-5ecret-99';

async function snapshot(client: OpenAI, threadIds: string[]) {
  const out: Record<string, unknown> = {};
  out.assistants = (await client.beta.assistants.list({ order: 'asc' })).data;
  for (const id of threadIds) {
    const runs = (await client.beta.threads.runs.list(id, { order: 'asc' })).data;
    const steps: Record<string, unknown> = {};
    for (const r of runs) steps[r.id] = (await client.beta.threads.runs.steps.list(r.id, { thread_id: id, order: 'asc' })).data;
    out[id] = {
      thread: await client.beta.threads.retrieve(id),
      messages: (await client.beta.threads.messages.list(id, { order: 'asc' })).data,
      runs,
      steps,
    };
  }
  return out;
}

describe('session round trip through /v1', () => {
  it('exports, imports into an empty database and reads back identical objects; no secret in the file', async () => {
    const dataDir = tempDir();
    const a = await startServe({ dataDir });
    const client = a.client();
    const threadIds: string[] = [];
    let toolRunId: string;
    try {
      const asst = await client.beta.assistants.create({
        model: 'mock',
        name: 'Round trip',
        instructions: 'Use the tools.',
        tools: [fnTool('get_weather', { city: { type: 'string' } }, ['city']), fnTool('get_time', { zone: { type: 'string' } }, ['zone'])],
      });
      // Function call, answered through the SDK.
      const t1 = await client.beta.threads.create({ messages: [{ role: 'user', content: 'get_weather city=Kyiv' }] });
      const w1 = await client.beta.threads.runs.createAndPoll(t1.id, { assistant_id: asst.id });
      toolRunId = w1.id;
      const c1 = w1.required_action!.submit_tool_outputs.tool_calls;
      expect((await client.beta.threads.runs.submitToolOutputsAndPoll(w1.id, { thread_id: t1.id, tool_outputs: [{ tool_call_id: c1[0].id, output: '-3C snow' }] })).status).toBe('completed');
      // Parallel calls.
      const t2 = await client.beta.threads.create({ messages: [{ role: 'user', content: 'get_weather city=Oslo then get_time zone=CET' }] });
      const w2 = await client.beta.threads.runs.createAndPoll(t2.id, { assistant_id: asst.id });
      const c2 = w2.required_action!.submit_tool_outputs.tool_calls;
      expect(c2).toHaveLength(2);
      await client.beta.threads.runs.submitToolOutputsAndPoll(w2.id, { thread_id: t2.id, tool_outputs: c2.map((c) => ({ tool_call_id: c.id, output: `${c.function.name} ok` })) });
      // A failure and a cancellation.
      const t3 = await client.beta.threads.create({ messages: [{ role: 'user', content: 'hello [mock:fail]' }] });
      expect((await client.beta.threads.runs.createAndPoll(t3.id, { assistant_id: asst.id })).status).toBe('failed');
      const t4 = await client.beta.threads.create({ messages: [{ role: 'user', content: 'get_time zone=UTC' }] });
      const w4 = await client.beta.threads.runs.createAndPoll(t4.id, { assistant_id: asst.id });
      await client.beta.threads.runs.cancel(w4.id, { thread_id: t4.id });
      expect((await client.beta.threads.runs.poll(w4.id, { thread_id: t4.id })).status).toBe('cancelled');
      threadIds.push(t1.id, t2.id, t3.id, t4.id);
    } finally {
      await a.stop();
    }
    const dbA = path.join(dataDir, 'runlens.db');
    // A live handler with secrets and an execution record carrying its request (as later handlers keep them).
    const raw = new Database(dbA);
    const asstId = (raw.prepare('SELECT id FROM assistants').get() as { id: string }).id;
    raw.prepare('INSERT INTO handlers (assistant_id, function_name, updated_at, sequence_index, data) VALUES (?, ?, 0, 0, ?)').run(
      asstId,
      'get_weather',
      JSON.stringify({ mode: 'live', auto: true, live: { handler: 'webhook', url: 'http://127.0.0.1:9/w', headers: { Authorization: SECRET_HEADER }, api_key: SECRET_KEY, token: '${secret:WEATHER}' } }),
    );
    const seq = (raw.prepare('SELECT max(seq) AS s FROM events WHERE run_id = ?').get(toolRunId) as { s: number }).s;
    raw.prepare('INSERT INTO events (run_id, thread_id, seq, ts, type, data) VALUES (?, ?, ?, ?, ?, ?)').run(
      toolRunId,
      threadIds[0],
      seq + 1,
      Date.now(),
      'tool.execution.started',
      JSON.stringify({ step_id: 's', call_id: 'c', function: 'get_weather', mode: 'live', arguments: '{"city":"Kyiv"}', request: { headers: { authorization: SECRET_HEADER, 'x-api-key': SECRET_KEY } } }),
    );
    raw.close();

    const file = path.join(tempDir(), 'all.runlens');
    const exported = await runCli(['export', '--db', dbA, '--out', file]);
    expect(exported.err).toEqual([]);
    expect(exported.code).toBe(0);
    expect(exported.out[0]).toMatch(/^Exported 4 threads, 4 runs, \d+ events/);
    const bytes = fs.readFileSync(file);
    for (const secret of [SECRET_HEADER, 'sk-live-HEADER', SECRET_KEY, '${secret:']) expect(bytes.includes(Buffer.from(secret))).toBe(false);
    expect(bytes.includes(Buffer.from('[scrubbed]'))).toBe(true);
    // Without files or vector stores the file stays format 1, readable by every RunLens that reads sessions.
    const manifest = new Database(file, { readonly: true });
    expect(manifest.prepare("SELECT value FROM manifest WHERE key = 'format_version'").pluck().get()).toBe('1');
    manifest.close();

    const dbB = path.join(tempDir(), 'empty.db');
    const imported = await runCli(['import', '--db', dbB, file]);
    expect(imported.code).toBe(0);
    expect(imported.out).toEqual([expect.stringMatching(/^Added 4 threads, 4 runs, \d+ events, 6 messages, \d+ steps, 1 assistants, 1 assistant versions, 1 handlers\.$/)]);

    const before = await startServe({ dataDir, args: ['--db', dbA] });
    const after = await startServe({ dataDir: tempDir(), args: ['--db', dbB] });
    try {
      const expected = await snapshot(before.client(), threadIds);
      const actual = await snapshot(after.client(), threadIds);
      expect(actual).toEqual(expected);
      // The recorded event log came along too, in its original order (secrets scrubbed).
      const events = (file: string) => {
        const db = new Database(file, { readonly: true });
        const rows = db.prepare('SELECT run_id, seq, ts, type, data FROM events ORDER BY id').all() as Array<{ type: string; data: string }>;
        db.close();
        return rows.filter((r) => r.type !== 'tool.execution.started');
      };
      expect(events(dbB)).toEqual(events(dbA));
    } finally {
      await before.stop();
      await after.stop();
    }
  }, 60_000);
});
