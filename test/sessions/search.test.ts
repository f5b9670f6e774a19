/** Full-text search: what it finds, where a hit points, and that it follows new events, deletes and imports. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchSessions } from '../../electron/services/sessions/search';
import { importSession } from '../../electron/services/sessions/import-session';
import { openDatabase } from '../../electron/services/db/database';
import { tempDir } from '../helpers/services';
import { recordRuns, runCli, runOnNewThread, type Recorded } from './fixtures';

let r: Recorded;
beforeAll(async () => {
  r = await recordRuns();
});
afterAll(async () => {
  await r.s.dispose();
});

const find = (q: string) => {
  return r.s.sessions.search(q);
};

describe('search', () => {
  it('finds message text with the matched word highlighted, pointing at the run and its step', () => {
    const hits = find('Paris');
    const user = hits.find((h) => h.kind === 'message' && h.run_id === null);
    expect(user).toMatchObject({ thread_id: r.runs.tools.thread_id });
    expect(user!.parts).toContainEqual({ text: 'Paris', hit: true });
    const args = hits.find((h) => h.kind === 'tool_arguments');
    expect(args).toMatchObject({ thread_id: r.runs.tools.thread_id, run_id: r.runs.tools.id });
    const steps = r.s.runtime.listSteps(r.runs.tools.thread_id, r.runs.tools.id, {}).data;
    expect(args!.step_id).toBe(steps.find((s) => s.type === 'tool_calls')!.id);
  });

  it('finds tool outputs and the assistant reply that quotes them', () => {
    const hits = find('sunny');
    expect(hits.map((h) => h.kind).sort()).toEqual(['message', 'tool_output']);
    const reply = hits.find((h) => h.kind === 'message')!;
    const steps = r.s.runtime.listSteps(r.runs.tools.thread_id, r.runs.tools.id, {}).data;
    expect(reply.step_id).toBe(steps.find((s) => s.type === 'message_creation')!.id);
  });

  it('finds run errors and ids; an empty or punctuation-only query finds nothing', () => {
    const failed = find(r.runs.failed.last_error!.message.split(' ').slice(0, 3).join(' '));
    expect(failed.some((h) => h.kind === 'run_error' && h.run_id === r.runs.failed.id)).toBe(true);
    expect(find(r.runs.parallel.id).every((h) => h.run_id === r.runs.parallel.id)).toBe(true);
    expect(find(r.runs.parallel.id).length).toBeGreaterThan(0);
    expect(find('   ')).toEqual([]);
    expect(find('"*:()')).toEqual([]);
  });

  it('is kept up to date as events arrive and threads are deleted', async () => {
    expect(find('Reykjavik')).toEqual([]);
    const run = await runOnNewThread(r.s, r.assistantId, 'Tell me about Reykjavik', ['completed']);
    expect(find('Reykjavik').map((h) => h.thread_id)).toEqual([run.thread_id, run.thread_id]);
    r.s.runtime.deleteThread(run.thread_id);
    expect(find('Reykjavik')).toEqual([]);
  });

  it('indexes imported sessions, and the CLI prints hits with highlights', async () => {
    const dir = tempDir();
    const file = path.join(dir, 's.runlens');
    r.s.sessions.exportTo(file, [r.runs.parallel.thread_id]);
    const target = path.join(dir, 'other.db');
    const db = openDatabase(target);
    importSession(db, file);
    expect(searchSessions(db, 'Oslo').length).toBeGreaterThan(0);
    expect(searchSessions(db, 'Paris')).toEqual([]);
    db.close();
    const cli = await runCli(['search', 'Oslo', '--db', target]);
    expect(cli.code).toBe(0);
    expect(cli.out.some((l) => l.includes('«Oslo»'))).toBe(true);
    const json = await runCli(['search', 'Oslo', '--db', target, '--json']);
    expect(JSON.parse(json.out.join('\n')).hits.length).toBe(cli.out.length);
  });
});
