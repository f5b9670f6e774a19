/**
 * Browser mode's session files over the real server on loopback, through the real HTTP
 * bridge: a picked file is uploaded and imported with its progress pushed over the event
 * stream; an export is downloaded once as an attachment and its temp file removed; the
 * upload needs the session cookie and this server's origin, and a file over the size limit is
 * refused with nothing changed and nothing left behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeSession } from '../../bench/sessions-bench';
import type { SessionImportProgress } from '../../electron/contract/sessions';
import { createHttpServer, type HttpServer } from '../../electron/services/http/server';
import { inspectSessionFile } from '../../electron/services/sessions/inspect-session';
import { createHttpBridge } from '../../renderer/src/bridge';
import { openTestServices, tempDir, type TestServices } from '../helpers/services';
import { rowCounts } from './fixtures';

let dir: string;
let tmpRoot: string;
let s: TestServices;
let server: HttpServer;
let cookie: string;
let sessionBytes: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  dir = tempDir('runlens-files-http-');
  const file = path.join(dir, 'weather.runlens');
  writeSession(file, 30_000);
  sessionBytes = new Uint8Array(fs.readFileSync(file));
  tmpRoot = path.join(dir, 'tmp');
  fs.mkdirSync(tmpRoot);
  process.env.TMPDIR = tmpRoot;
  s = openTestServices({ mode: 'browser' });
  server = await createHttpServer({ services: s, apiKey: 'k', loginToken: 'tok', uploadLimit: sessionBytes.length + 1024 });
  const login = await fetch(`${server.url}/login?token=tok`, { redirect: 'manual' });
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
});

afterAll(async () => {
  await server.close();
  await s.dispose();
  delete process.env.TMPDIR;
  fs.rmSync(dir, { recursive: true, force: true });
});

const leftovers = (): string[] => fs.readdirSync(tmpRoot).filter((n) => /^runlens-(upload|export)-/.test(n));

describe('session files in browser mode', () => {
  it('uploads a picked file and imports it, with progress pushed over the event stream to the end', async () => {
    const bridge = createHttpBridge({ baseUrl: server.url, headers: { cookie } });
    const pushes: SessionImportProgress[] = [];
    bridge.on('sessions.import.progress', (p) => pushes.push(p));
    try {
      await bridge.whenConnected();
      const picked = new File([sessionBytes], 'weather (1).runlens');
      const result = await bridge.sessionFiles.importFile(picked, { progress_id: 'pick-1' });
      expect(result.lines[0]).toBe('Added 150 threads, 150 runs, 30000 events, 150 messages, 1 assistants.');
      await vi.waitFor(() => expect(pushes.at(-1)?.phase).toBe('done'));
      expect(pushes.every((p) => p.id === 'pick-1' && p.name === 'weather (1).runlens')).toBe(true);
      expect(pushes.map((p) => p.percent)).toEqual(pushes.map((p) => p.percent).sort((a, b) => a - b));
      expect(pushes.some((p) => p.phase === 'copying' && p.done > 0 && p.done < 30_000)).toBe(true);
      expect(pushes.at(-1)).toMatchObject({ percent: 100, lines: result.lines });
      expect(leftovers()).toEqual([]);
    } finally {
      bridge.close();
    }
  });

  it('names the picked file, not a temp path, when it is refused; nothing changes', async () => {
    const bridge = createHttpBridge({ baseUrl: server.url, headers: { cookie } });
    const before = rowCounts(s.dbPath);
    await expect(bridge.sessionFiles.importFile(new File(['just some notes\n'.repeat(20)], 'notes.txt'))).rejects.toThrow(
      /^notes\.txt is not a RunLens session file: it is not an SQLite database\.$/,
    );
    await expect(bridge.sessionFiles.importFile(new File([], 'empty.runlens'))).rejects.toThrow(/empty\.runlens is empty/);
    expect(rowCounts(s.dbPath)).toEqual(before);
    expect(leftovers()).toEqual([]);
  });

  it('refuses an upload over the limit, without the cookie, or from another origin', async () => {
    const before = rowCounts(s.dbPath);
    const big = new Uint8Array(sessionBytes.length + 4096);
    big.set(sessionBytes);
    const over = await fetch(`${server.url}/api/sessions/import?name=big.runlens`, { method: 'POST', headers: { cookie, 'content-type': 'application/octet-stream' }, body: big });
    expect(over.status).toBe(413);
    const anonymous = await fetch(`${server.url}/api/sessions/import?name=a.runlens`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: sessionBytes });
    expect(anonymous.status).toBe(401);
    const foreign = await fetch(`${server.url}/api/sessions/import?name=a.runlens`, {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/octet-stream' },
      body: sessionBytes,
    });
    expect(foreign.status).toBe(403);
    expect(rowCounts(s.dbPath)).toEqual(before);
    expect(leftovers()).toEqual([]);
  });

  it('exports as a one-time download: an attachment that is a session file, then the temp file is gone', async () => {
    let asked: { url: string; name: string } | null = null;
    const bridge = createHttpBridge({ baseUrl: server.url, headers: { cookie }, download: (url, name) => (asked = { url, name }) });
    const threads = await bridge.api.threads.list({ limit: 2 });
    const result = await bridge.sessionFiles.exportFile(threads.map((t) => t.thread.id));
    expect(result?.counts.threads).toBe(2);
    expect(asked).not.toBeNull();
    const { url, name } = asked as unknown as { url: string; name: string };
    expect(name).toMatch(/^runlens-.*\.runlens$/);
    expect(leftovers()).toHaveLength(1);
    expect((await fetch(url)).status).toBe(401);
    const response = await fetch(url, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${name}"`);
    const saved = path.join(dir, name);
    fs.writeFileSync(saved, Buffer.from(await response.arrayBuffer()));
    expect(inspectSessionFile(saved).counts).toMatchObject({ threads: 2, runs: 2, events: 400 });
    await vi.waitFor(() => expect(leftovers()).toEqual([]));
    expect((await fetch(url, { headers: { cookie } })).status).toBe(404);
  });
});
