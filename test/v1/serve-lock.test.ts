/** One writer per database, and a taken port that is explained, for `npm run serve` as a process. */
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServe, tempDir } from './serve-process';

describe('one writer per database', () => {
  it('a second serve on the same database is refused, naming the holder; the first keeps working and readers are not blocked', async () => {
    const dataDir = tempDir();
    const first = await startServe({ dataDir });
    try {
      const asst = await first.client().beta.assistants.create({ model: 'mock', name: 'first' });
      const refused = await startServe({ dataDir }).catch((e: Error) => e);
      expect(refused).toBeInstanceOf(Error);
      const text = (refused as Error).message;
      expect(text).toContain(`is already in use by RunLens serve (pid ${first.child.pid}, at ${first.url})`);
      expect(text).toContain('--db or --data-dir');
      // A read-only reader alongside the writer.
      const reader = new Database(path.join(dataDir, 'runlens.db'), { readonly: true });
      expect(reader.prepare('SELECT COUNT(*) AS n FROM assistants').get()).toEqual({ n: 1 });
      reader.close();
      expect((await first.client().beta.assistants.retrieve(asst.id)).name).toBe('first');
    } finally {
      await first.stop('SIGKILL');
    }
    // The kernel dropped the lock with the killed process: the next start takes it.
    const next = await startServe({ dataDir });
    expect((await next.client().beta.assistants.list()).data.map((a) => a.name)).toEqual(['first']);
    await next.stop();
  });

  it('a port that is taken is explained: which process holds it and how to pick another', async () => {
    const first = await startServe();
    try {
      const port = new URL(first.url).port;
      const refused = await startServe({ portFlag: false, args: ['--port', port] }).catch((e: Error) => e);
      const text = (refused as Error).message;
      expect(text).toContain(`Port ${port} on 127.0.0.1 is already in use by process ${first.child.pid}`);
      expect(text).toContain('--port N');
      expect(text).not.toContain('EADDRINUSE');
    } finally {
      await first.stop();
    }
  });
});
