import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/services/db/database';
import { IdleCheckpointer } from '../../../electron/services/db/idle-checkpointer';
import { tempDir } from '../../helpers/services';

describe('idle checkpointer', () => {
  it('checkpoints only after writes have been quiet, and folds the WAL back on close', () => {
    const file = path.join(tempDir(), 'c.db');
    const db = openDatabase(file);
    let clock = 10_000;
    const cp = new IdleCheckpointer(db, 1000, () => clock);
    expect(cp.tick()).toBe(false); // nothing written yet
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('k', 'x'.repeat(20_000));
    cp.noteWrite();
    clock += 500;
    expect(cp.tick()).toBe(false); // still busy
    clock += 600;
    expect(cp.tick()).toBe(true);
    expect(cp.tick()).toBe(false); // nothing new since
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    cp.close();
    expect(statSync(`${file}-wal`).size).toBe(0);
    expect((db.prepare('SELECT length(value) AS n FROM settings').get() as { n: number }).n).toBe(20_000);
    db.close();
  });
});
