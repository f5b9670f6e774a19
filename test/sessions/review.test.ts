/**
 * Review mode: `npm run serve -- --review FILE` opens a session file read-only. Threads, runs,
 * events, search and diffs read as in the app (browser bridge and `/v1`); every change is
 * refused with one explanation; a run the file caught waiting stays as recorded; the file is
 * not touched, and the temporary copy is gone once the server stops. A bad file is refused.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHttpBridge } from '../../renderer/src/bridge';
import { unpackEvents } from '../../electron/contract/event-pack';
import { startServe, tempDir, type ServeProcess } from '../v1/serve-process';
import { recordRuns, runCli, runOnNewThread } from './fixtures';

let dir: string;
let file: string;
let sha: string;
let waitingRunId: string;
let waitingThreadId: string;
let toolsRunId: string;
let server: ServeProcess;

const digest = (f: string): string => createHash('sha256').update(fs.readFileSync(f)).digest('hex');

beforeAll(async () => {
  dir = tempDir('runlens-review-test-');
  const { s, assistantId, runs } = await recordRuns();
  const waiting = await runOnNewThread(s, assistantId, 'get_time zone=UTC', ['requires_action']);
  waitingRunId = waiting.id;
  waitingThreadId = waiting.thread_id;
  toolsRunId = runs.tools.id;
  await s.close();
  file = path.join(dir, 'week.runlens');
  expect((await runCli(['export', '--db', s.dbPath, '--out', file])).code).toBe(0);
  sha = digest(file);
  server = await startServe({ args: ['--review', file] });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('review mode', () => {
  it('reads threads, runs, events, search and diffs; refuses every change; the file is untouched and the copy removed at exit', async () => {
    await vi.waitFor(() => expect(server.output()).toMatch(/Review \(read-only\): .*week\.runlens — Added 6 threads, 6 runs/));
    const tempDb = /Database: (\S+) \(a temporary copy, removed at exit\)/.exec(server.output())?.[1];
    expect(tempDb && fs.existsSync(tempDb)).toBe(true);
    const login = await fetch(server.uiUrl, { redirect: 'manual' });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const bridge = createHttpBridge({ baseUrl: server.url, headers: { cookie } });
    try {
      expect((await bridge.api.app.info()).review).toEqual({ file });
      expect(await bridge.api.threads.list()).toHaveLength(6);
      const page = await bridge.api.runs.eventsPage(toolsRunId, 0, 500);
      expect(unpackEvents(page).map((e) => e.type)).toContain('thread.run.completed');
      // The inspector reads a large event's whole body on demand: a read, so review mode answers it.
      const first = unpackEvents(page)[0];
      expect((await bridge.api.runs.eventBody(toolsRunId, first.seq)).type).toBe(first.type);
      expect((await bridge.api.sessions.search('Paris')).length).toBeGreaterThan(0);
      expect((await bridge.api.sessions.diff(toolsRunId, toolsRunId)).divergence).toBeNull();
      // As recorded: still waiting for its tool output, no recovery or expiry added anything.
      const waiting = await bridge.api.runs.get(waitingRunId);
      expect(waiting.run.status).toBe('requires_action');
      const refusal = /^Review mode: week\.runlens is open read-only\. Import it/;
      await expect(bridge.api.threads.create({ title: 'x' })).rejects.toThrow(refusal);
      await expect(bridge.api.messages.create(waitingThreadId, { role: 'user', content: 'hi' })).rejects.toThrow(refusal);
      await expect(bridge.api.runs.submitToolOutputs(waitingRunId, [{ tool_call_id: 'call_x', output: 'x' }])).rejects.toThrow(refusal);
      await expect(bridge.api.sessions.rerun(toolsRunId)).rejects.toThrow(refusal);
      await expect(bridge.api.sessions.import(file)).rejects.toThrow(refusal);
      expect(await bridge.api.threads.list()).toHaveLength(6);
    } finally {
      bridge.close();
    }
    const client = server.client();
    expect((await client.beta.threads.retrieve(waitingThreadId)).id).toBe(waitingThreadId);
    await expect(client.beta.assistants.create({ model: 'mock' })).rejects.toMatchObject({ status: 403, code: 'read_only' });
    expect((await client.beta.threads.runs.retrieve(waitingRunId, { thread_id: waitingThreadId })).status).toBe('requires_action');

    expect(digest(file)).toBe(sha);
    expect(fs.readdirSync(dir)).toEqual(['week.runlens']);
    const stopped = await server.stop();
    expect(stopped.code).toBe(0);
    expect(fs.existsSync(path.dirname(tempDb!))).toBe(false);
  }, 60_000);

  it('refuses a file that is not a session file, by name, and starts nothing', async () => {
    const notes = path.join(dir, 'notes.runlens');
    fs.writeFileSync(notes, 'my notes\n'.repeat(30));
    await expect(startServe({ args: ['--review', notes] })).rejects.toThrow(/runlens serve: .*notes\.runlens is not a RunLens session file: it is not an SQLite database\./);
  });
});
