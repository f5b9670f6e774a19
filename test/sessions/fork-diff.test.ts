/** Fork from a step with one edit, the step-aligned run diff, and both through the command line. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Run } from '../../electron/contract/objects';
import { diffRuns } from '../../electron/services/sessions/run-diff';
import type { RunView, StepView } from '../../electron/services/sessions/run-view';
import { recordRuns, runCli, type Recorded } from './fixtures';

let r: Recorded;
beforeAll(async () => {
  r = await recordRuns();
});
afterAll(async () => {
  await r.s.dispose();
});

const steps = (run: Run) => r.s.runtime.listSteps(run.thread_id, run.id, { order: 'asc' }).data;

describe('fork', () => {
  it('edits a tool output: the prefix comes from the recording, the reply follows the new output', async () => {
    const original = r.runs.tools;
    const toolStep = steps(original)[0];
    const callId = toolStep.step_details.type === 'tool_calls' ? toolStep.step_details.tool_calls[0].id : '';
    const result = await r.s.sessions.fork(original.id, { step_id: toolStep.id, edit: { kind: 'tool_output', call_id: callId, output: 'hail' } });
    expect(result.run.status).toBe('completed');
    const reply = r.s.runtime.listMessages(result.run.thread_id, { order: 'desc', limit: 1 }).data[0];
    expect(reply.content[0]).toMatchObject({ text: { value: 'get_weather: hail' } });
    expect(result.origin).toMatchObject({ kind: 'fork', parent_run_id: original.id, parent_step_id: toolStep.id, identical: false });
    expect(result.diff!.divergence).toMatchObject({ row: 0, reason: 'step 1: calls[0].output differ' });
    expect(result.diff!.rows.map((row) => row.kind)).toEqual(['changed', 'changed']);
    expect(r.s.sessions.lineage(original.id).children.some((c) => c.run_id === result.run.id && c.kind === 'fork')).toBe(true);
  });

  it('edits the user message: a different function is called, shown as a deleted and an inserted step', async () => {
    const original = r.runs.tools;
    const result = await r.s.sessions.fork(original.id, { step_id: steps(original)[0].id, edit: { kind: 'user_message', text: 'get_time zone=Tokyo' } });
    expect(result.settled).toBe(false);
    expect(result.run.status).toBe('requires_action');
    r.s.runtime.submitToolOutputs(result.run.thread_id, result.run.id, {
      tool_outputs: [{ tool_call_id: result.run.required_action!.submit_tool_outputs.tool_calls[0].id, output: '09:00' }],
    });
    const d = r.s.sessions.diff(original.id, result.run.id);
    expect(d.rows.map((row) => [row.kind, row.a?.key ?? row.b?.key])).toEqual(
      expect.arrayContaining([
        ['deleted', 'tools:get_weather'],
        ['inserted', 'tools:get_time'],
      ]),
    );
    expect(d.divergence?.row).toBe(0);
  });

  it('changes the model: the fork runs with it and fails where the model does not exist', async () => {
    const original = r.runs.echo;
    const result = await r.s.sessions.fork(original.id, { step_id: steps(original)[0].id, edit: { kind: 'model', model: 'nowhere/none' } });
    expect(result.run.model).toBe('nowhere/none');
    expect(result.run.status).toBe('failed');
    expect(result.origin.divergence?.reason).toMatch(/^step 1: run B has no message step here|the runs end differently/);
  });

  it('refuses an unknown step or a call that is not in the step', async () => {
    await expect(r.s.sessions.fork(r.runs.tools.id, { step_id: 'step_nope', edit: { kind: 'model', model: 'mock' } })).rejects.toThrow(/has no step/);
    const first = steps(r.runs.tools)[0];
    await expect(r.s.sessions.fork(r.runs.tools.id, { step_id: first.id, edit: { kind: 'tool_output', call_id: 'call_nope', output: 'x' } })).rejects.toThrow(/no tool call/);
  });
});

function view(keys: string[], status: Run['status'] = 'completed'): RunView {
  const stepViews: StepView[] = keys.map((key, index) => ({
    index, id: `step_${index}_${key}`, type: key === 'message' ? 'message_creation' : 'tool_calls', key, status: 'completed',
    text: key === 'message' ? 'hello' : null, calls: key === 'message' ? [] : [{ name: key.slice(6), arguments: '{"a":1}', output: 'ok' }],
    tokens: 10, latency_ms: 5, error: null,
  }));
  return {
    run: { id: `run_${keys.join('_')}`, status, last_error: null, model: 'mock' } as unknown as Run,
    steps: stepViews, tokens: { prompt: 5, completion: 5, total: 10 * keys.length }, latency_ms: 5 * keys.length, cost_usd: 0,
  };
}

describe('run diff alignment', () => {
  it('aligns by type and function name: an extra round is one insertion, not a shift', () => {
    const d = diffRuns(view(['tools:a', 'tools:c', 'message']), view(['tools:a', 'tools:b', 'tools:c', 'message']));
    expect(d.rows.map((row) => row.kind)).toEqual(['same', 'inserted', 'same', 'same']);
    expect(d.divergence).toMatchObject({ row: 1, reason: 'step 2: run B has an extra tools:b step' });
    expect(d.tokens.delta).toBe(10);
    expect(d.latency_ms.delta).toBe(5);
  });

  it('JSON diffs compare values, not spelling', () => {
    const a = view(['tools:a']);
    const b = view(['tools:a']);
    b.steps[0].calls[0].arguments = '{ "a" : 1 }';
    expect(diffRuns(a, b).divergence).toBeNull();
    b.steps[0].calls[0].arguments = '{"a":2}';
    const d = diffRuns(a, b);
    expect(d.rows[0].changes[0]).toMatchObject({ field: 'calls[0].arguments' });
    expect(d.rows[0].changes[0].lines).toEqual(expect.arrayContaining([{ op: 'del', text: '  "a": 1' }, { op: 'add', text: '  "a": 2' }]));
  });
});

describe('rerun, diff and fork on the command line', () => {
  it('works on a database file and uses the fixed exit codes', async () => {
    const other = await recordRuns();
    const runId = other.runs.tools.id;
    const toolStep = other.s.runtime.listSteps(other.runs.tools.thread_id, runId, { order: 'asc' }).data[0];
    const callId = toolStep.step_details.type === 'tool_calls' ? toolStep.step_details.tool_calls[0].id : '';
    await other.s.close();
    const db = other.s.dbPath;
    const rerun = await runCli(['rerun', runId, '--db', db, '--json']);
    expect(rerun.code).toBe(0);
    const summary = JSON.parse(rerun.out.join('\n'));
    expect(summary).toMatchObject({ original_run_id: runId, status: 'completed', identical: true, divergence: null });
    const diff = await runCli(['diff', runId, summary.run_id, '--db', db]);
    expect(diff.code).toBe(0);
    expect(diff.out.at(-1)).toBe('Identical (apart from ids and times).');
    const fork = await runCli(['fork', runId, '--db', db, '--step', toolStep.id, '--output', `${callId}=fog`]);
    expect(fork.code).toBe(0);
    expect(fork.out[1]).toBe('Differs from the parent: step 1: calls[0].output differ');
    expect((await runCli(['rerun', 'run_missing', '--db', db])).code).toBe(1);
    expect((await runCli(['fork', runId, '--db', db])).code).toBe(2);
    expect((await runCli(['diff', runId, '--db', db])).code).toBe(2);
    await other.s.dispose();
  });
});
