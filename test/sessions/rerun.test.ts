/** Deterministic re-run with the replay backend: identical for every kind of recorded run, divergence when the request changes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForStatus } from '../helpers/services';
import { recordRuns, runOnNewThread, type Recorded } from './fixtures';

let r: Recorded;
beforeAll(async () => {
  r = await recordRuns();
});
afterAll(async () => {
  await r.s.dispose();
});

describe('re-run', () => {
  for (const kind of ['tools', 'parallel', 'failed', 'cancelled', 'echo'] as const) {
    it(`replays a ${kind} run identically on a copy of its thread`, async () => {
      const original = r.runs[kind];
      const result = await r.s.sessions.rerun(original.id);
      expect(result.settled).toBe(true);
      expect(result.run.id).not.toBe(original.id);
      expect(result.run.thread_id).not.toBe(original.thread_id);
      expect(result.run.status).toBe(original.status);
      expect(result.diff?.divergence).toBeNull();
      expect(result.origin).toMatchObject({ kind: 'rerun', parent_run_id: original.id, identical: true, mode: 'replay' });
      expect(r.s.sessions.lineage(original.id).children.map((c) => c.run_id)).toContain(result.run.id);
      expect(r.s.sessions.lineage(result.run.id).origin?.parent_run_id).toBe(original.id);
      // The copy starts from the same conversation.
      const firstUser = (id: string) => r.s.runtime.listMessages(id, { order: 'asc' }).data.find((m) => m.role === 'user')?.content;
      expect(firstUser(result.run.thread_id)).toEqual(firstUser(original.thread_id));
    });
  }

  it('replays a run cancelled while the model was answering', async () => {
    const thread = r.s.runtime.createThread({ messages: [{ role: 'user', content: 'slow please [mock:delay=400]' }] });
    const { run } = r.s.runtime.createRun(thread.id, { assistant_id: r.assistantId });
    await waitForStatus(r.s, run, ['in_progress']);
    r.s.runtime.cancelRun(thread.id, run.id);
    const original = await waitForStatus(r.s, run, ['cancelled']);
    const result = await r.s.sessions.rerun(original.id);
    expect(result.run.status).toBe('cancelled');
    expect(result.origin.identical).toBe(true);
  });

  it('replays up to a round and continues live from there', async () => {
    const result = await r.s.sessions.rerun(r.runs.tools.id, { until_round: 1 });
    expect(result.run.status).toBe('completed');
    expect(result.origin).toMatchObject({ mode: 'replay until round 1', identical: true });
  });

  it('live: a manual handler leaves the re-run waiting for a person', async () => {
    const result = await r.s.sessions.rerun(r.runs.tools.id, { mode: 'live' });
    expect(result.settled).toBe(false);
    expect(result.run.status).toBe('requires_action');
    expect(result.origin.identical).toBeNull();
    r.s.runtime.cancelRun(result.run.thread_id, result.run.id);
  });

  it("diverges at the first model round after the assistant's instructions change", async () => {
    const original = await runOnNewThread(r.s, r.assistantId, 'Just say hi', ['completed']);
    r.s.runtime.updateAssistant(r.assistantId, { instructions: 'Be terse.' });
    const result = await r.s.sessions.rerun(original.id);
    expect(result.origin.identical).toBe(false);
    expect(result.diff?.divergence?.reason).toBe('model round 1: the request differs from the recording in its instructions');
    expect(result.run.status).toBe('failed');
  });

  it('refuses a run that is still active', async () => {
    const waiting = await runOnNewThread(r.s, r.assistantId, 'get_time zone=UTC', ['requires_action']);
    await expect(r.s.sessions.rerun(waiting.id)).rejects.toThrow(/still requires_action/);
  });
});
