import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestServices, tempDir, type TestServices } from '../../helpers/services';

const child = path.join(__dirname, 'fixtures', 'crash-child.ts');
const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');

interface Crashed {
  threads: string[];
  runs: string[];
  committed: number[];
}

/** Runs the child until it reports READY, then kills it with SIGKILL mid-run. */
function crashChild(dbPath: string, expirySeconds: number): Promise<Crashed> {
  return new Promise((resolve, reject) => {
    const proc = spawn(tsx, [child, dbPath, String(expirySeconds)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const committed: number[] = [];
    let buffer = '';
    let stderr = '';
    let ready: { threads: string[]; runs: string[] } | null = null;
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('COMMITTED ')) committed.push(Number(line.split(' ')[1]));
        if (line.startsWith('READY ') && !ready) {
          ready = JSON.parse(line.slice(6)) as { threads: string[]; runs: string[] };
          proc.kill('SIGKILL');
        }
      }
    });
    proc.on('exit', (_code, signal) => {
      if (ready && signal === 'SIGKILL') resolve({ ...ready, committed });
      else reject(new Error(`child ended without READY (signal ${signal}): ${stderr}`));
    });
  });
}

let s: TestServices | null = null;
afterEach(async () => {
  await s?.dispose();
  s = null;
});

describe('crash recovery', () => {
  it('after SIGKILL mid-run: the file is intact, committed events are kept, active runs fail as interrupted, threads unlock', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'runlens.db');
    const crashed = await crashChild(dbPath, 600);

    const raw = new Database(dbPath);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = new Set((raw.prepare('SELECT id FROM events').all() as Array<{ id: number }>).map((r) => r.id));
    raw.close();
    expect(crashed.committed.length).toBeGreaterThan(10);
    for (const id of crashed.committed) expect(stored.has(id)).toBe(true);

    s = openTestServices({ dbPath }, dir);
    const [waiting, slow, done] = crashed.runs.map((id) => s!.runtime.getRunById(id));
    expect(done.status).toBe('completed');
    for (const run of [waiting, slow]) {
      expect(run.status).toBe('failed');
      expect(run.last_error).toEqual({ code: 'server_error', message: expect.stringContaining('interrupted') });
      const events = s.runtime.readRunEvents(run.id);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(events.at(-1)?.type).toBe('thread.run.failed');
    }
    expect(s.runtime.listSteps(waiting.thread_id, waiting.id, {}).data[0].status).toBe('failed');
    for (const threadId of crashed.threads) {
      expect(() => s!.runtime.createMessage(threadId, { role: 'user', content: 'still usable' })).not.toThrow();
    }
  });

  it('runs past their expiry when the app comes back are expired instead', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'runlens.db');
    const crashed = await crashChild(dbPath, 600);
    // The app comes back eleven minutes later: past the 600 s expiry.
    s = openTestServices({ dbPath, now: () => Date.now() + 11 * 60_000 }, dir);
    const waiting = s.runtime.getRunById(crashed.runs[0]);
    expect(waiting.status).toBe('expired');
    expect(s.runtime.listSteps(waiting.thread_id, waiting.id, {}).data[0].status).toBe('expired');
  });
});
