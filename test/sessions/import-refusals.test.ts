/**
 * Import refuses bad session files whole: each case gets a clear one-line error (exit 1) and
 * the target database keeps exactly the rows it had (every table and the search index).
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/services/db/database';
import { openTestServices, tempDir } from '../helpers/services';
import { recordRuns, rowCounts, runCli } from './fixtures';

let dir: string;
let good: string;
let target: string;

beforeAll(async () => {
  dir = tempDir('runlens-refusals-');
  const { s } = await recordRuns();
  await s.close();
  good = path.join(dir, 'good.runlens');
  expect((await runCli(['export', '--db', s.dbPath, '--out', good])).code).toBe(0);
  // The target already holds work of its own, so "unchanged" means something.
  const t = openTestServices({}, tempDir());
  const a = t.runtime.createAssistant({ model: 'mock', name: 'Mine' });
  const thread = t.runtime.createThread({ messages: [{ role: 'user', content: 'my own thread' }] });
  t.runtime.createRun(thread.id, { assistant_id: a.id });
  await new Promise((r) => setTimeout(r, 50));
  await t.close();
  target = t.dbPath;
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of the good file, changed by `edit` through SQLite. */
function variant(name: string, edit: (db: Database.Database) => void): string {
  const file = path.join(dir, name);
  fs.copyFileSync(good, file);
  const db = new Database(file);
  edit(db);
  db.close();
  return file;
}

async function expectRefused(file: string, message: RegExp): Promise<void> {
  const before = rowCounts(target);
  const { code, err } = await runCli(['import', '--db', target, file]);
  expect(code).toBe(1);
  expect(err).toHaveLength(1);
  expect(err[0]).toMatch(message);
  expect(rowCounts(target)).toEqual(before);
}

describe('import refuses bad files and changes nothing', () => {
  it('a truncated file', async () => {
    const bytes = fs.readFileSync(good);
    const file = path.join(dir, 'truncated.runlens');
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectRefused(file, /truncated/);
  });

  it('a file that is not SQLite', async () => {
    const file = path.join(dir, 'notes.runlens');
    fs.writeFileSync(file, 'these are my notes, not a database\n'.repeat(20));
    await expectRefused(file, /not a RunLens session file: it is not an SQLite database/);
  });

  it('an SQLite file from another program', async () => {
    const file = path.join(dir, 'other.sqlite');
    const db = new Database(file);
    db.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada')");
    db.close();
    await expectRefused(file, /another program/);
  });

  it('a RunLens app database instead of a session file', async () => {
    const file = path.join(dir, 'app.db');
    openDatabase(file).close();
    await expectRefused(file, /is a RunLens database, not a session file/);
  });

  it('an integrity failure', async () => {
    const file = path.join(dir, 'corrupt.runlens');
    const bytes = Buffer.from(fs.readFileSync(good));
    const pageSize = bytes.readUInt16BE(16);
    const pages = bytes.length / pageSize;
    expect(pages).toBeGreaterThan(4);
    // Scribble over the b-tree headers of every page after the schema page.
    for (let p = 2; p < pages; p++) bytes.fill(0xa5, (p - 1) * pageSize, (p - 1) * pageSize + 16);
    fs.writeFileSync(file, bytes);
    await expectRefused(file, /integrity check|damaged|malformed/);
  });

  it('a reference to a missing object', async () => {
    const runs = variant('orphan-run.runlens', (db) => db.exec("DELETE FROM threads WHERE id = (SELECT thread_id FROM runs LIMIT 1)"));
    await expectRefused(runs, /a (run|message) refers to a missing thread/);
    const events = variant('orphan-events.runlens', (db) => db.exec('DELETE FROM runs WHERE id = (SELECT run_id FROM events LIMIT 1)'));
    await expectRefused(events, /refers to a (missing run|run that is not in the file)/);
    const assistant = variant('orphan-assistant.runlens', (db) => db.exec('DELETE FROM assistants; DELETE FROM assistant_versions; DELETE FROM handlers'));
    await expectRefused(assistant, /a run refers to a missing assistant/);
    const json = variant('bad-json.runlens', (db) => db.exec("UPDATE messages SET data = '{oops' WHERE rowid = 1"));
    await expectRefused(json, /not valid JSON/);
  });

  it('a newer format version, naming the version needed', async () => {
    const file = variant('future.runlens', (db) => db.exec("UPDATE manifest SET value = '7' WHERE key = 'format_version'"));
    await expectRefused(file, /needs a RunLens that reads session format version 7; this one reads up to version 2/);
  });

  it('a database in use by another process', async () => {
    const before = rowCounts(target);
    const holder = openTestServices({ dbPath: target }, tempDir());
    try {
      const { code, err } = await runCli(['import', '--db', target, good]);
      expect(code).toBe(1);
      expect(err[0]).toMatch(/is already in use by RunLens serve \(pid \d+\)/);
    } finally {
      await holder.close();
    }
    expect(rowCounts(target)).toEqual(before);
  });

  it('the good file imports once; a second import adds nothing and says what it skipped', async () => {
    const before = rowCounts(target);
    const first = await runCli(['import', '--db', target, good]);
    expect(first.code).toBe(0);
    expect(first.out[0]).toMatch(/^Added 5 threads, 5 runs, \d+ events/);
    const after = rowCounts(target);
    expect(after.threads).toBe(before.threads + 5);
    const second = await runCli(['import', '--db', target, good]);
    expect(second.code).toBe(0);
    expect(second.out).toEqual(['Added nothing.', expect.stringMatching(/^Skipped \(already present\) 5 threads, 5 runs, \d+ events/)]);
    expect(rowCounts(target)).toEqual(after);
  });
});
