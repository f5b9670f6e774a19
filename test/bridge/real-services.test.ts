/**
 * The browser-mode bridge over the real services and server: a run started through the
 * HTTP transport streams its events live, and a late client resumes after any event id.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunEventRecord } from '../../electron/contract/events';
import { createHttpServer, type HttpServer } from '../../electron/services/http/server';
import { openServices } from '../../electron/services/services';
import type { Services } from '../../electron/services/services-types';
import { createHttpBridge } from '../../renderer/src/bridge';
import { parseSseChunk } from '../../renderer/src/bridge/sse-reader';

let dir: string;
let services: Services;
let server: HttpServer;
let cookie: string;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-bridge-real-'));
  services = openServices({ dbPath: path.join(dir, 'runlens.db'), dataDir: dir, mode: 'browser' });
  server = await createHttpServer({ services, apiKey: 'k', loginToken: 'tok' });
  const login = await fetch(`${server.url}/login?token=tok`, { redirect: 'manual' });
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
});

afterEach(async () => {
  await server.close();
  await services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('bridge over the real services', () => {
  it('whenConnected resolves once the stream is open, and the very next change is pushed', async () => {
    const bridge = createHttpBridge({ baseUrl: server.url, headers: { cookie } });
    const changed: string[] = [];
    bridge.on('entity.changed', (c) => changed.push(c.id));
    try {
      await bridge.whenConnected();
      const assistant = await bridge.api.assistants.create({ model: 'mock', name: 'First' });
      await vi.waitFor(() => expect(changed).toEqual([assistant.id]));
    } finally {
      bridge.close();
    }
  });

  it('streams a run started through the HTTP transport, then replays it after any event id', async () => {
    const bridge = createHttpBridge({ baseUrl: server.url, headers: { cookie } });
    const events: RunEventRecord[] = [];
    const changed: string[] = [];
    bridge.on('run.event', (e) => events.push(e));
    bridge.on('entity.changed', (c) => changed.push(c.id));
    try {
      // The stream is open once it carries something: keep creating until the push arrives.
      let assistant = await bridge.api.assistants.create({ model: 'mock', name: 'Echo' });
      await vi.waitFor(async () => {
        if (!changed.includes(assistant.id)) assistant = await bridge.api.assistants.create({ model: 'mock', name: 'Echo' });
        expect(changed).toContain(assistant.id);
      });
      const thread = await bridge.api.threads.create({ title: 'Bridge' });
      await bridge.api.messages.create(thread.id, { role: 'user', content: 'hello bridge' });
      const run = await bridge.api.runs.create(thread.id, { assistant_id: assistant.id });
      await vi.waitFor(() => expect(events.map((e) => e.type)).toContain('thread.run.completed'), { timeout: 10_000 });
      const ofRun = events.filter((e) => e.run_id === run.id);
      expect(ofRun.map((e) => e.seq)).toEqual(ofRun.map((_, i) => i + 1));
      expect(await bridge.api.runs.events(run.id)).toEqual(ofRun);

      const after = ofRun[2].id;
      const response = await fetch(`${server.url}/api/events?after=${after}`, { headers: { cookie } });
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      while (parseSseChunk(text).messages.length < ofRun.length - 3) text += (await reader.read()).value ?? '';
      await reader.cancel();
      expect(parseSseChunk(text).messages.map((m) => Number(m.id))).toEqual(ofRun.slice(3).map((e) => e.id));
    } finally {
      bridge.close();
    }
  });
});
