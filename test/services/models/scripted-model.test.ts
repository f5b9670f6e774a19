/** The scripted model: ordered rules rehearse a whole conversation design offline. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssistantTool } from '../../../electron/contract/objects';
import type { ScriptedRule } from '../../../electron/contract/scripted';
import { openTestServices, waitForStatus, type TestServices } from '../../helpers/services';

let s: TestServices;
beforeEach(() => {
  s = openTestServices({ env: {} });
});
afterEach(async () => {
  await s.dispose();
});

const refund: AssistantTool = {
  type: 'function',
  function: { name: 'lookup_order', parameters: { type: 'object', properties: { order: { type: 'string' } }, required: ['order'] } },
};

const RULES: ScriptedRule[] = [
  { when: { type: 'regex', pattern: 'refund (?<order>\\d+)' }, then: { type: 'call', calls: [{ name: 'lookup_order', arguments: '{"order":"{{order}}"}' }] } },
  { when: { type: 'after_function', name: 'lookup_order' }, then: { type: 'reply', template: 'Order status: {{output.lookup_order}}. Refund started.' } },
  { when: { type: 'contains', text: 'angry' }, then: { type: 'fail', code: 'rate_limit_exceeded', message: 'Too many angry customers.' } },
  { when: { type: 'default' }, then: { type: 'reply', template: 'How can I help with "{{message}}"?' } },
];

async function runOn(assistantId: string, content: string) {
  const t = s.runtime.createThread({ messages: [{ role: 'user', content }] });
  const run = s.runtime.createRun(t.id, { assistant_id: assistantId }).run;
  return waitForStatus(s, run, ['completed', 'failed', 'requires_action']);
}

describe('scripted model', () => {
  it('calls a function with a named group, replies from its output after it returned, and notes the rule hit', async () => {
    const a = s.runtime.createAssistant({ model: 'scripted', tools: [refund] });
    await s.api.scripted.save(a.id, RULES);
    const waiting = await runOn(a.id, 'Please refund 4711 now');
    expect(waiting.status).toBe('requires_action');
    const call = waiting.required_action!.submit_tool_outputs.tool_calls[0];
    expect(call.function).toEqual({ name: 'lookup_order', arguments: '{"order":"4711"}' });
    const note = s.runtime.readRunEvents(waiting.id, 0).find((e) => e.type === 'model.note');
    expect(note?.data).toMatchObject({ summary: "rule 1 matched 'refund (?<order>\\d+)' (rule set '" + a.id + "' v1)", groups: { order: '4711' } });

    s.runtime.submitToolOutputs(waiting.thread_id, waiting.id, { tool_outputs: [{ tool_call_id: call.id, output: 'shipped' }], source: 'api' });
    const done = await waitForStatus(s, waiting, ['completed', 'failed']);
    expect(done.status).toBe('completed');
    const [reply] = s.runtime.listMessages(done.thread_id, { limit: 1, order: 'desc' }).data;
    expect(reply.content[0]).toMatchObject({ text: { value: 'Order status: shipped. Refund started.' } });
    expect(done.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('fails with the rule error code, falls back to the default rule, and uses named rule sets', async () => {
    const a = s.runtime.createAssistant({ model: 'scripted', tools: [refund] });
    await s.api.scripted.save(a.id, RULES);
    const failed = await runOn(a.id, 'I am angry');
    expect(failed.last_error).toEqual({ code: 'rate_limit_exceeded', message: 'Too many angry customers.' });
    const fallback = await runOn(a.id, 'hello');
    const [reply] = s.runtime.listMessages(fallback.thread_id, { limit: 1, order: 'desc' }).data;
    expect(reply.content[0]).toMatchObject({ text: { value: 'How can I help with "hello"?' } });

    await s.api.scripted.save('support-v2', [{ when: { type: 'default' }, then: { type: 'reply', template: 'v2 speaking' } }]);
    const named = s.runtime.createAssistant({ model: 'scripted/support-v2' });
    const v2 = await runOn(named.id, 'anything');
    expect(v2.status).toBe('completed');
  });

  it('keeps every saved version, refuses bad rules unchanged, and fails a run with no rules clearly', async () => {
    const a = s.runtime.createAssistant({ model: 'scripted' });
    const noRules = await runOn(a.id, 'hi');
    expect(noRules.last_error?.message).toContain('has no rules');
    await s.api.scripted.save(a.id, RULES);
    await s.api.scripted.save(a.id, RULES.slice(3));
    await expect(s.api.scripted.save(a.id, [{ when: { type: 'regex', pattern: '(' }, then: { type: 'reply', template: 'x' } }])).rejects.toThrow(/Rule 1: invalid regex/);
    await expect(s.api.scripted.save(a.id, [{ when: { type: 'default' }, then: { type: 'explode' } } as never])).rejects.toThrow(/unknown action/);
    expect((await s.api.scripted.versions(a.id)).map((v) => [v.version, v.rules.length])).toEqual([
      [2, 1],
      [1, 4],
    ]);
  });
});
