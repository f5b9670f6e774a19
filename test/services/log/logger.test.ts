/**
 * The structured log: a file in the data directory that records failed commits, recoveries
 * and 5xx bridge calls, with secrets masked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../../electron/services/http/bridge/dispatch';
import { closeLogs, logDir, logger, logToFile } from '../../../electron/services/log/logger';
import { openTestServices, tempDir, waitForStatus } from '../../helpers/services';

const dataDir = tempDir('runlens-log-');

async function logLines(): Promise<Array<Record<string, unknown>>> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  const dir = logDir(dataDir);
  const text = fs.readdirSync(dir).filter((f) => f.endsWith('.log')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('');
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

afterAll(async () => {
  await closeLogs();
});

describe('the RunLens log', () => {
  it('records failed commits, recoveries and 5xx bridge calls in <dataDir>/logs, secrets masked', async () => {
    await logToFile(dataDir);
    const s = openTestServices();
    const assistant = await s.api.assistants.create({ model: 'mock' });
    let failures = 1;
    s.log.beforeCommit = () => {
      if (failures-- > 0) throw new Error('disk I/O error while sending Authorization: Bearer sk-live-abcdef123456');
    };
    const thread = await s.api.threads.create({});
    await s.api.messages.create(thread.id, { role: 'user', content: '[mock:delay=60000] slow' });
    const run = await s.api.runs.create(thread.id, { assistant_id: assistant.id });
    await waitForStatus(s, run, ['in_progress']);
    await s.close();
    // Reopened: the run is resumed, and the log says so.
    const again = openTestServices({ dbPath: s.dbPath }, s.dir);
    // A bridge call failing unexpectedly is a 500, logged with its method.
    const broken = { ...again.api, models: { ...again.api.models, list: () => Promise.reject(new Error('boom token=abc123')) } };
    const outcome = await dispatchCall(broken, 'models.list', []);
    expect(outcome).toMatchObject({ ok: false, error: { status: 500 } });
    logger.error({ headers: { authorization: 'Bearer xyz' }, api_key: 'sk-should-not-appear' }, 'secret fields');
    await again.dispose();

    const lines = await logLines();
    const text = JSON.stringify(lines);
    const commit = lines.find((l) => l.msg === 'commit failed; the batch is kept and retried');
    expect(commit).toMatchObject({ level: 50, area: 'storage', attempts: 1 });
    const recovered = lines.find((l) => l.area === 'recovery');
    expect(recovered).toMatchObject({ run_id: run.id, from: 'in_progress', outcome: 'resumed' });
    expect(lines.find((l) => l.msg === 'bridge call failed')).toMatchObject({ method: 'models.list', level: 50 });
    expect(text).not.toContain('sk-live-abcdef123456');
    expect(text).not.toContain('abc123');
    expect(text).not.toContain('Bearer xyz');
    expect(text).not.toContain('sk-should-not-appear');
    expect(text).toContain('Bearer ***');
  });
});
