/**
 * Bad bridge arguments for every method (IPC and `/api/call` share dispatchCall): a clear 400
 * naming the parameter, in the /v1 error shape, and nothing in the database changes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RUNLENS_METHODS, type RunLensMethodName } from '../../electron/contract/api';
import { dispatchCall } from '../../electron/services/http/bridge/dispatch';
import { openTestServices, type TestServices } from '../helpers/services';

let s: TestServices;
let ids: { assistant: string; thread: string; run: string };

beforeEach(async () => {
  s = openTestServices();
  const a = await s.api.assistants.create({ model: 'mock', tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: {} } } }] });
  const t = await s.api.threads.create({ title: 't' });
  await s.api.messages.create(t.id, { role: 'user', content: 'f' });
  const r = await s.api.runs.create(t.id, { assistant_id: a.id });
  ids = { assistant: a.id, thread: t.id, run: r.id };
});
afterEach(async () => {
  await s.dispose();
});

/** One bad call per method, with the parameter the error must name (null: the argument count). */
function badCalls(): Record<RunLensMethodName, { args: unknown[]; param: string | null }> {
  const { assistant, thread, run } = ids;
  return {
    'app.info': { args: ['extra'], param: null },
    'assistants.list': { args: [1], param: null },
    'assistants.get': { args: [42], param: 'id' },
    'assistants.create': { args: [{ name: 'no model' }], param: 'input.model' },
    'assistants.update': { args: [assistant, { temperature: 7 }], param: 'input.temperature' },
    'assistants.duplicate': { args: [''], param: 'id' },
    'assistants.delete': { args: [], param: 'id' },
    'assistants.versions': { args: [{ id: assistant }], param: 'id' },
    'assistants.restoreVersion': { args: [assistant, 'one'], param: 'version' },
    'threads.list': { args: [{ limit: 0 }], param: 'query.limit' },
    'threads.get': { args: [null], param: 'id' },
    'threads.create': { args: [{ title: 5 }], param: 'input.title' },
    'threads.rename': { args: [thread, ['x']], param: 'title' },
    'threads.setMetadata': { args: [thread, { customer_id: 5 }], param: 'metadata.customer_id' },
    'runs.executeCall': { args: [run, 7], param: 'call_id' },
    'workspace.config': { args: ['x'], param: null },
    'workspace.importConfig': { args: [{}], param: 'text' },
    'workspace.exportConfig': { args: [1], param: null },
    'workspace.setSecret': { args: ['k', 5], param: 'value' },
    'workspace.hasSecret': { args: [''], param: 'name' },
    'workspace.conneryActions': { args: [assistant, {}], param: 'input.runner_url' },
    'workspace.importConnery': { args: [assistant, { runner_url: 'http://h', envelope: 'xml' }], param: 'input.envelope' },
    'workspace.mcpTools': { args: [assistant, 3], param: 'server' },
    'workspace.importMcp': { args: [assistant, 'files', [1]], param: 'tools[0]' },
    'threads.duplicate': { args: [7], param: 'id' },
    'threads.delete': { args: [true], param: 'id' },
    'messages.list': { args: [], param: 'thread_id' },
    'messages.create': { args: [thread, { role: 'system', content: 'hi' }], param: 'input.role' },
    'runs.create': { args: [thread, { assistant_id: assistant, max_prompt_tokens: 'many' }], param: 'input.max_prompt_tokens' },
    'runs.get': { args: [{}], param: 'run_id' },
    'runs.list': { args: [1], param: 'thread_id' },
    'runs.cancel': { args: [], param: 'run_id' },
    'runs.submitToolOutputs': { args: [run, [{ tool_call_id: 'call_1' }]], param: 'outputs[0].output' },
    'runs.events': { args: [run, -1], param: 'after_seq' },
    'runs.eventsPage': { args: [run, 0, 0], param: 'limit' },
    'runs.eventBody': { args: [run, 0], param: 'seq' },
    'handlers.list': { args: [false], param: 'assistant_id' },
    'handlers.set': { args: [assistant, 'f', { mode: 'psychic' }], param: 'input.mode' },
    'handlers.preview': { args: [assistant, 'f', { a: 1 }], param: 'arguments' },
    'models.list': { args: ['mock'], param: 'query' },
    'models.probe': { args: [1], param: 'model' },
    'providers.list': { args: ['x'], param: null },
    'providers.presets': { args: ['x'], param: null },
    'providers.save': { args: ['x'], param: 'input' },
    'providers.remove': { args: [''], param: 'name' },
    'providers.test': { args: [null], param: 'name' },
    'scripted.get': { args: [5], param: 'name' },
    'scripted.versions': { args: [{}], param: 'name' },
    'scripted.save': { args: ['a', 'not rules'], param: 'rules' },
    'prices.list': { args: ['x'], param: null },
    'prices.set': { args: [7], param: 'price' },
    'settings.hasProviderKey': { args: [0], param: 'provider' },
    'settings.setProviderKey': { args: ['openai', 123], param: 'key' },
    'settings.clearProviderKey': { args: [[]], param: 'provider' },
    'settings.serverStatus': { args: [1, 2], param: null },
    'settings.setServerEnabled': { args: ['yes'], param: 'enabled' },
    'settings.apiKey': { args: ['x'], param: null },
    'settings.revealApiKey': { args: [true], param: null },
    'settings.regenerateApiKey': { args: ['now'], param: null },
    'sessions.export': { args: [{ thread_ids: [thread, 3] }], param: 'input.thread_ids[1]' },
    'sessions.import': { args: [''], param: 'file' },
    'sessions.search': { args: [{ q: 'x' }], param: 'query' },
    'sessions.rerun': { args: [run, { mode: 'fast' }], param: 'options.mode' },
    'sessions.fork': { args: [run, 'step_1', { kind: 'everything' }], param: 'edit.kind' },
    'sessions.diff': { args: [run], param: 'run_b' },
    'sessions.lineage': { args: [[run]], param: 'run_id' },
    'files.upload': { args: [{ kind: 'assistant', id: 'asst_x' }, { filename: 'a.txt', content_base64: 'YQ==', tools: ['web'] }], param: 'input.tools[0]' },
    'files.attached': { args: [{ kind: 'run', id: 'x' }], param: 'target.kind' },
    'files.detach': { args: [{ kind: 'thread', id: 'thread_x' }, 5], param: 'file_id' },
    'files.content': { args: [''], param: 'file_id' },
  };
}

/** Every row of every table, to prove a refused call changed nothing. */
function snapshot(): string {
  const tables = (s.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>).map((t) => t.name);
  return JSON.stringify(tables.map((t) => [t, s.db.prepare(`SELECT * FROM "${t}"`).all()]));
}

describe('bridge argument validation', () => {
  it('refuses a bad argument to every method with a 400 naming the parameter, and changes nothing', async () => {
    const calls = badCalls();
    expect(Object.keys(calls).sort()).toEqual([...RUNLENS_METHODS].sort());
    await s.committed();
    // Let the run reach a resting state so the snapshot is stable.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await s.committed();
    const before = snapshot();
    for (const name of RUNLENS_METHODS) {
      const { args, param } = calls[name];
      const outcome = await dispatchCall(s.api, name, args);
      expect(outcome.ok, name).toBe(false);
      if (outcome.ok) continue;
      expect(outcome.error, name).toMatchObject({ status: 400, type: 'invalid_request_error', param });
      expect(outcome.error.message.length, name).toBeGreaterThan(10);
    }
    await s.committed();
    expect(snapshot()).toBe(before);
  });

  it('words the error like /v1 does', async () => {
    const outcome = await dispatchCall(s.api, 'runs.create', [ids.thread, { assistant_id: ids.assistant, temperature: 'hot' }]);
    expect(outcome).toEqual({
      ok: false,
      error: { status: 400, type: 'invalid_request_error', param: 'input.temperature', code: 'invalid_type', message: "Invalid type for 'input.temperature': expected a decimal, but got a string instead." },
    });
    const missing = await dispatchCall(s.api, 'threads.get', []);
    expect(missing).toMatchObject({ ok: false, error: { message: "Missing required parameter: 'id'.", param: 'id', code: 'missing_required_parameter' } });
  });
});
