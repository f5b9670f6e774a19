/**
 * `npm start` while RunLens already runs on the same database: instead of failing to start a
 * second writer, it names the running instance (pid, kind, URL) in one line and — without a
 * terminal to ask in — prints the URL to open and exits 0, starting nothing.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServe, tempDir, type ServeProcess } from '../v1/serve-process';

const ROOT = path.resolve(import.meta.dirname, '../..');
let server: ServeProcess | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

function npmStart(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    // stdin and stdout are pipes: no TTY, so it must not ask.
    const child = spawn(process.execPath, ['scripts/start.mjs', ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '', BROWSER: '' } });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('npm start with RunLens already running', () => {
  it('names the running serve and its URL, prints the URL to open and exits 0 without a terminal', async () => {
    const dataDir = tempDir();
    server = await startServe({ dataDir });
    const { code, out } = await npmStart(['--browser', '--data-dir', dataDir]);
    expect(out).toContain(`RunLens is already running on this database: RunLens serve (pid ${server.child.pid}) at ${server.url}.`);
    expect(out).toContain(`RunLens: open ${server.url} in a browser.`);
    expect(out).not.toContain('Open it in your browser?');
    expect(out).not.toContain('RunLens listening on');
    expect(code).toBe(0);
  }, 90_000);
});
