/**
 * A round that mixes live calls with a call a person answers: the live outputs (and a guard
 * block) are decided while the run is in progress, then the run waits for the person. Across a
 * real restart — services closed, reopened on the same SQLite file — the run keeps them: the
 * person's output completes the round with every output, and nothing is executed twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ToolOutputsSubmittedData } from '../../electron/contract/events';
import type { WorkspaceConfig } from '../../electron/contract/workspace-config';
import { validateWorkspaceConfig } from '../../electron/services/config/workspace-config';
import { openTestServices, tempDir, waitForStatus, type TestServices } from '../helpers/services';
import { json, startLoopback, type LoopbackServer } from './fixtures/loopback-server';
import { fn } from './harness';

let s: TestServices | null = null;
let hook: LoopbackServer | null = null;
afterEach(async () => {
  await s?.dispose();
  await hook?.close();
  s = null;
  hook = null;
});

describe('live outputs held for a round that waits for a person', () => {
  it('survive a restart: submitting the manual output completes the run with all outputs, nothing runs twice', async () => {
    hook = await startLoopback({
      '/weather': (req, res) => json(res, 200, { city: (req.body as { arguments: { city: string } }).arguments.city, temp: 21 }),
      '/invoices': (_req, res) => json(res, 200, { invoices: [] }),
    });
    const config: WorkspaceConfig = validateWorkspaceConfig({
      tools: {
        get_weather: { handler: 'webhook', url: `${hook.url}/weather` },
        get_invoices: { handler: 'webhook', url: `${hook.url}/invoices`, pin: { customer_id: 'thread.metadata.customer_id' } },
      },
    });
    const dir = tempDir();
    s = openTestServices({ workspaceConfig: config }, dir);
    await s.workspaceReady;
    const dbPath = s.dbPath;
    const assistant = s.runtime.createAssistant({
      model: 'mock',
      tools: [
        fn('get_weather', { city: { type: 'string' } }, ['city']),
        fn('get_invoices', { customer_id: { type: 'string' } }, ['customer_id']),
        fn('ask_human', { question: { type: 'string' } }, ['question']),
      ],
    });
    const thread = s.runtime.createThread({ metadata: { customer_id: 'cus_1' } });
    s.runtime.createMessage(thread.id, { role: 'user', content: 'get_weather city=Paris get_invoices customer_id=cus_OTHER ask_human question="Ship it?"' });
    const created = s.runtime.createRun(thread.id, { assistant_id: assistant.id }).run;
    const waiting = await waitForStatus(s, created, ['requires_action']);
    // Only the person's call is pending; the live call ran and the other tenant's call was blocked.
    expect(waiting.required_action?.submit_tool_outputs.tool_calls.map((c) => c.function.name)).toEqual(['ask_human']);
    expect(hook.hits('/weather')).toHaveLength(1);
    expect(hook.hits('/invoices')).toHaveLength(0);
    await s.committed();

    // A real restart: close everything, reopen the same file.
    await s.close();
    s = openTestServices({ dbPath, workspaceConfig: config }, dir);
    await s.workspaceReady;
    const restored = s.runtime.getRunById(created.id);
    expect(restored.status).toBe('requires_action');
    const [pending] = restored.required_action!.submit_tool_outputs.tool_calls;
    s.runtime.submitToolOutputs(thread.id, created.id, { tool_outputs: [{ tool_call_id: pending.id, output: '"yes"' }] });
    const done = await waitForStatus(s, created, ['completed', 'failed']);
    expect(done.status).toBe('completed');

    // The model got every output: the live one from before the restart, the block, the person's.
    const reply = s.runtime.listMessages(thread.id, { order: 'desc', limit: 1 }).data[0].content[0];
    expect(reply).toMatchObject({ type: 'text' });
    const text = reply.type === 'text' ? reply.text.value : '';
    expect(text).toContain('get_weather: {"city":"Paris","temp":21}');
    expect(text).toMatch(/get_invoices: \{"error":"blocked: /);
    expect(text).toContain('ask_human: "yes"');
    const submitted = s.runtime.readRunEvents(created.id).filter((e) => e.type === 'tool.outputs.submitted').map((e) => e.data as ToolOutputsSubmittedData);
    expect(submitted).toHaveLength(1);
    expect(submitted[0].tool_outputs).toHaveLength(3);
    const step = s.runtime.listSteps(thread.id, created.id, { order: 'asc' }).data.find((st) => st.step_details.type === 'tool_calls');
    const outputs = step?.step_details.type === 'tool_calls' ? step.step_details.tool_calls.map((c) => (c.type === 'function' ? c.function.output : null)) : [];
    expect(outputs).toEqual(['{"city":"Paris","temp":21}', expect.stringMatching(/^\{"error":"blocked: /), '"yes"']);
    // Nothing was executed again after the restart.
    expect(hook.hits('/weather')).toHaveLength(1);
    expect(hook.hits('/invoices')).toHaveLength(0);
  });
});
