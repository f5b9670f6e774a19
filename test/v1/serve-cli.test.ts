/** `npm run serve` as a process: key handling, env vars, clean SIGTERM, SIGKILL durability, expiry. */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fnTool, raw, startServe, tempDir, weatherFlow } from './serve-process';

describe('serve CLI', () => {
  it('prints the listening and UI lines, generates the key once (0600) and reuses it', async () => {
    const dataDir = tempDir();
    const first = await startServe({ dataDir, apiKey: null });
    try {
      expect(first.output()).toMatch(/^RunLens listening on http:\/\/127\.0\.0\.1:\d+\nUI: http:\/\/127\.0\.0\.1:\d+\/login\?token=[0-9a-f]{16,}\n/);
      const keyFile = path.join(dataDir, 'api-key');
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(first.apiKey.length).toBeGreaterThan(20);
      expect(first.output()).not.toContain(first.apiKey);
      expect((await first.client().beta.assistants.list()).data).toEqual([]);
      expect((await raw({ url: first.url, apiKey: 'not-it' }, 'GET', '/v1/assistants')).status).toBe(401);
    } finally {
      await first.stop();
    }
    const second = await startServe({ dataDir, apiKey: null });
    try {
      expect(second.apiKey).toBe(first.apiKey);
      const token1 = /token=(\w+)/.exec(first.uiUrl)?.[1];
      const token2 = /token=(\w+)/.exec(second.uiUrl)?.[1];
      expect(token1).not.toBe(token2);
    } finally {
      await second.stop();
    }
  });

  it('takes RUNLENS_API_KEY and RUNLENS_DB from the environment', async () => {
    const dataDir = tempDir();
    const db = path.join(tempDir(), 'custom.db');
    const s = await startServe({ dataDir, apiKey: 'env-key', keyFlag: false, env: { RUNLENS_API_KEY: 'env-key', RUNLENS_DB: db } });
    try {
      expect((await s.client().beta.assistants.list()).data).toEqual([]);
    } finally {
      await s.stop();
    }
    expect(fs.existsSync(db)).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'api-key'))).toBe(false);
  });

  it('SIGTERM shuts down cleanly; after SIGKILL a restart finds every committed object', async () => {
    const dataDir = tempDir();
    const s1 = await startServe({ dataDir });
    const client = s1.client();
    const asst = await client.beta.assistants.create({ model: 'mock', name: 'Durable', tools: [fnTool('get_weather', { city: { type: 'string' } })] });
    const { thread, waiting: run, done } = await weatherFlow(client, asst.id, 'Kyiv', 'snow');
    expect(run.status).toBe('requires_action');
    expect(done.status).toBe('completed');
    const t2 = await client.beta.threads.create({ messages: [{ role: 'user', content: 'get_weather city=Oslo' }] });
    const waiting = await client.beta.threads.runs.createAndPoll(t2.id, { assistant_id: asst.id });
    expect(waiting.status).toBe('requires_action');
    const killed = await s1.stop('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');

    const s2 = await startServe({ dataDir });
    try {
      const c2 = s2.client();
      expect((await c2.beta.assistants.retrieve(asst.id)).name).toBe('Durable');
      const msgs = await c2.beta.threads.messages.list(thread.id, { order: 'asc' });
      expect(msgs.data.map((m) => (m.content[0].type === 'text' ? m.content[0].text.value : ''))).toEqual(['get_weather city=Kyiv', 'get_weather: snow']);
      expect((await c2.beta.threads.runs.retrieve(run.id, { thread_id: thread.id })).status).toBe('completed');
      const steps = await c2.beta.threads.runs.steps.list(run.id, { thread_id: thread.id });
      expect(steps.data).toHaveLength(2);
      // A run left waiting is still answerable (or was resolved by recovery) — never stuck active with no way out.
      const after = await c2.beta.threads.runs.retrieve(waiting.id, { thread_id: t2.id });
      expect(['requires_action', 'failed', 'expired']).toContain(after.status);
    } finally {
      const stopped = await s2.stop('SIGTERM');
      expect(stopped.code).toBe(0);
      expect(s2.output()).toContain('shutting down');
    }
  });

  it('expires a run whose tool outputs never arrive (--run-expiry-seconds)', async () => {
    const s = await startServe({ args: ['--run-expiry-seconds', '1'] });
    try {
      const client = s.client();
      const asst = await client.beta.assistants.create({ model: 'mock', tools: [fnTool('get_weather', { city: { type: 'string' } })] });
      const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'get_weather city=Rome' }] });
      const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: asst.id });
      expect(run.status).toBe('requires_action');
      expect(run.expires_at! - run.created_at).toBe(1);
      let status = run.status as string;
      for (let i = 0; i < 60 && status !== 'expired'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        status = (await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id })).status;
      }
      expect(status).toBe('expired');
      const late = await client.beta.threads.runs
        .submitToolOutputs(run.id, { thread_id: thread.id, tool_outputs: [{ tool_call_id: run.required_action!.submit_tool_outputs.tool_calls[0].id, output: 'x' }] })
        .catch((e: Error) => e);
      expect((late as Error).message).toBe('400 Runs in status "expired" do not accept tool outputs.');
      const steps = await client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id });
      expect(steps.data[0].status).toBe('expired');
      const final = await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
      expect(final.expires_at).toBeNull();
    } finally {
      await s.stop();
    }
  });

  it('listens on RUNLENS_PORT and stops cleanly on SIGTERM with a stream open', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as net.AddressInfo).port;
        probe.close(() => resolve(p));
      });
    });
    const s = await startServe({ portFlag: false, env: { RUNLENS_PORT: String(port) } });
    expect(s.url).toBe(`http://127.0.0.1:${port}`);
    const client = s.client();
    const asst = await client.beta.assistants.create({ model: 'mock' });
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'slow [mock:delay=5000]' }] });
    const stream = client.beta.threads.runs.stream(thread.id, { assistant_id: asst.id });
    stream.on('error', () => undefined);
    stream.on('abort', () => undefined);
    const ended = stream.done().catch(() => undefined);
    await new Promise<void>((resolve) => stream.on('event', (e) => e.event === 'thread.run.in_progress' && resolve()));
    const result = await s.stop('SIGTERM');
    expect(result.code).toBe(0);
    await ended;
  });

  it('rejects bad options with a usage message', async () => {
    await expect(startServe({ args: ['--port', 'abc'] })).rejects.toThrow(/--port must be a whole number/);
  });
});
