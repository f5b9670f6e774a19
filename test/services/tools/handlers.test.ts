import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findEvent } from '../../helpers/event-fixture';
import { validateArguments } from '../../../electron/services/tools/argument-validator';
import { renderTemplate } from '../../../electron/services/tools/handlers';
import { openTestServices, waitForStatus, weatherTool, type TestServices } from '../../helpers/services';

let s: TestServices;
beforeEach(() => {
  s = openTestServices();
});
afterEach(async () => {
  await s.dispose();
});

async function runOnce(assistantId: string, message: string, until: Array<'completed' | 'requires_action' | 'failed'> = ['completed', 'failed']) {
  const thread = s.runtime.createThread({ messages: [{ role: 'user', content: message }] });
  const { run } = s.runtime.createRun(thread.id, { assistant_id: assistantId });
  const done = await waitForStatus(s, run, until);
  const reply = s.runtime.listMessages(thread.id, { limit: 1 }).data[0];
  return { thread, run: done, reply: reply.role === 'assistant' ? (reply.content[0] as { text: { value: string } }).text.value : null, events: s.runtime.readRunEvents(run.id) };
}

describe('function handlers', () => {
  it('manual by default: the run waits in requires_action', async () => {
    const a = s.runtime.createAssistant({ model: 'mock', tools: [weatherTool] });
    const { run } = await runOnce(a.id, 'get_weather city=Paris', ['requires_action']);
    expect(run.status).toBe('requires_action');
    expect((await s.api.handlers.list(a.id))[0]).toMatchObject({ function_name: 'get_weather', mode: 'manual', auto: false });
  });

  it('an automatic static mock answers at requires_action and the run completes with its output', async () => {
    const a = s.runtime.createAssistant({ model: 'mock', tools: [weatherTool] });
    await s.api.handlers.set(a.id, 'get_weather', { mode: 'mock', auto: true, mock: { kind: 'static', output: '{"temp":18}' } });
    const { run, reply, events } = await runOnce(a.id, 'get_weather city=Paris');
    expect(run.status).toBe('completed');
    expect(reply).toBe('get_weather: {"temp":18}');
    const types = events.map((e) => e.type);
    const i = types.indexOf('thread.run.requires_action');
    expect(types.slice(i, i + 4)).toEqual(['thread.run.requires_action', 'tool.execution.started', 'tool.execution.finished', 'tool.outputs.submitted']);
    expect(findEvent(events, 'tool.outputs.submitted').data.source).toBe('auto');
    expect(findEvent(events, 'tool.execution.finished').data.mode).toBe('mock');
  });

  it('template, sequence (the last repeats), simulated latency and simulated error', async () => {
    const a = s.runtime.createAssistant({ model: 'mock', tools: [weatherTool] });
    await s.api.handlers.set(a.id, 'get_weather', { mode: 'mock', auto: true, mock: { kind: 'template', output: 'Sunny in {{city}} ({{unit}})' } });
    expect((await runOnce(a.id, 'get_weather city="San José" unit=f')).reply).toBe('get_weather: Sunny in San José (f)');

    await s.api.handlers.set(a.id, 'get_weather', { mode: 'mock', auto: true, mock: { kind: 'sequence', sequence: ['first', 'second'] } });
    const replies = [];
    for (let i = 0; i < 3; i++) replies.push((await runOnce(a.id, 'get_weather')).reply);
    expect(replies).toEqual(['get_weather: first', 'get_weather: second', 'get_weather: second']);

    await s.api.handlers.set(a.id, 'get_weather', { mode: 'mock', auto: true, mock: { kind: 'static', output: 'late', latency_ms: 120 } });
    const late = await runOnce(a.id, 'get_weather');
    const finished = findEvent(late.events, 'tool.execution.finished').data;
    expect(finished.duration_ms).toBeGreaterThanOrEqual(120);

    await s.api.handlers.set(a.id, 'get_weather', { mode: 'mock', auto: true, mock: { kind: 'error', error: 'upstream down' } });
    const failed = await runOnce(a.id, 'get_weather');
    expect(failed.reply).toBe('get_weather: {"error":"upstream down"}');
    expect(findEvent(failed.events, 'tool.execution.finished').data.error).toBe('upstream down');
  });

  it('never executes invalid arguments: they are recorded and the run waits for a person', async () => {
    const a = s.runtime.createAssistant({ model: 'mock', tools: [weatherTool] });
    await s.api.handlers.set(a.id, 'get_weather', { mode: 'mock', auto: true, mock: { kind: 'static', output: 'x' } });
    const bad = await runOnce(a.id, 'get_weather city=Paris [mock:bad_args]', ['requires_action']);
    expect(bad.run.status).toBe('requires_action');
    expect(bad.events.some((e) => e.type === 'tool.execution.started')).toBe(false);
    const invalid = findEvent(bad.events, 'tool.arguments.invalid').data;
    expect(invalid.errors[0]).toMatch(/not valid JSON/);
    const details = await s.api.runs.get(bad.run.id);
    expect(details.pending_calls[0].validation_errors?.[0]).toMatch(/not valid JSON/);

    // valid JSON that breaks the schema (unit must be c or f)
    const wrong = await runOnce(a.id, 'get_weather city=Paris unit=kelvin', ['requires_action']);
    expect(wrong.run.status).toBe('requires_action');
    const schemaErr = findEvent(wrong.events, 'tool.arguments.invalid').data;
    expect(schemaErr.errors).toEqual(['/unit must be one of ["c","f"]']);
  });

  it('tells every face when a handler changes', async () => {
    const a = s.runtime.createAssistant({ model: 'mock', tools: [weatherTool] });
    const changes: unknown[] = [];
    s.subscribe((name, payload) => {
      if (name === 'entity.changed') changes.push(payload);
    });
    await s.api.handlers.set(a.id, 'get_weather', { mode: 'mock', auto: false });
    expect(changes).toContainEqual({ kind: 'handler', op: 'updated', id: `${a.id}/get_weather` });
    await expect(s.api.handlers.set(a.id, 'nope', { mode: 'mock' })).rejects.toThrow("has no function named 'nope'");
  });

  it('handler choices are stored in SQLite and survive a restart', async () => {
    const a = s.runtime.createAssistant({ model: 'mock', tools: [weatherTool] });
    await s.api.handlers.set(a.id, 'get_weather', { mode: 'mock', auto: true, mock: { kind: 'static', output: 'kept' } });
    await s.close();
    const again = openTestServices({}, s.dir);
    try {
      expect((await again.api.handlers.list(a.id))[0]).toMatchObject({ mode: 'mock', auto: true, mock: { output: 'kept' } });
    } finally {
      await again.close();
    }
  });

  it('validation and templates as units', () => {
    expect(validateArguments(weatherTool.function, '{"city":"x","unit":"c"}')).toBeNull();
    expect(validateArguments(weatherTool.function, '{"unit":"c"}')).toEqual(["(root) is missing required property 'city'"]);
    expect(validateArguments(weatherTool.function, '{"city":5,"unit":"c"}')).toEqual(['/city must be string']);
    expect(renderTemplate('{{function}} {{arguments}} {{missing}} {{args.n}}', 'f', '{"n":{"a":1}}')).toBe('f {"n":{"a":1}} {{missing}} {"a":1}');
  });

  it('a JSON template stays valid JSON whatever the arguments hold, and a broken one is flagged', async () => {
    const a = s.runtime.createAssistant({ model: 'mock', tools: [weatherTool] });
    const template = '{"city":"{{city}}","days":{{days}},"args":{{arguments}}}';
    await s.api.handlers.set(a.id, 'get_weather', { mode: 'mock', mock: { kind: 'template', output: template } });
    // truncated arguments, as [mock:bad_args] produces: the case that broke before
    const bad = await s.api.handlers.preview(a.id, 'get_weather', '{"city":"Paris",');
    expect(JSON.parse(bad.output as string)).toEqual({ city: '{{city}}', days: null, args: '{"city":"Paris",' });
    expect(bad.warning).toBeNull();
    const quoted = await s.api.handlers.preview(a.id, 'get_weather', '{"city":"Pa\\"ris \\n","days":3,"unit":"c"}');
    expect(JSON.parse(quoted.output as string)).toEqual({ city: 'Pa"ris \n', days: 3, args: { city: 'Pa"ris \n', days: 3, unit: 'c' } });

    await s.api.handlers.set(a.id, 'get_weather', { mode: 'mock', mock: { kind: 'template', output: '{"city": {{city}' } });
    const broken = await s.api.handlers.preview(a.id, 'get_weather', '{"city":"Paris","unit":"c"}');
    expect(broken.warning).toMatch(/looks like JSON but is not valid JSON/);
    expect((await s.api.handlers.preview(a.id, 'get_weather', '{}')).output).toBe('{"city": {{city}');
  });
});
