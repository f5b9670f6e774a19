/** The scripted model: ordered rules rehearse a whole conversation design offline. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssistantTool } from '../../../electron/contract/objects';
import type { ScriptedRule } from '../../../electron/contract/scripted';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openTestServices, tempDir, waitForStatus, type TestServices } from '../../helpers/services';

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

  it('keeps the rules with the assistant versions: restoring v1 brings its rules back and a run uses them', async () => {
    const a = await s.api.assistants.create({ model: 'scripted', name: 'Support', tools: [refund] });
    const rulesA: ScriptedRule[] = [{ when: { type: 'default' }, then: { type: 'reply', template: 'A says {{message}}' } }];
    const rulesB: ScriptedRule[] = [{ when: { type: 'default' }, then: { type: 'reply', template: 'B says {{message}}' } }];
    const replyOf = async (content: string) => {
      const run = await runOn(a.id, content);
      expect(run.status).toBe('completed');
      return s.runtime.listMessages(run.thread_id, { limit: 1, order: 'desc' }).data[0].content[0];
    };

    const v2 = await s.api.assistants.update(a.id, { instructions: 'first' }, { scripted_rules: rulesA });
    expect(v2.instructions).toBe('first');
    await s.api.assistants.update(a.id, { instructions: 'second' }, { scripted_rules: rulesB });
    expect(await replyOf('hi')).toMatchObject({ text: { value: 'B says hi' } });
    const versions = await s.api.assistants.versions(a.id);
    expect(versions.map((v) => [v.version, v.snapshot.instructions, v.scripted_rules?.rules ?? null])).toEqual([
      [3, 'second', rulesB],
      [2, 'first', rulesA],
      [1, null, null],
    ]);

    const restored = await s.api.assistants.restoreVersion(a.id, 2);
    expect(restored.instructions).toBe('first');
    expect((await s.api.scripted.get(a.id))?.rules).toEqual(rulesA);
    expect(await replyOf('hello')).toMatchObject({ text: { value: 'A says hello' } });
    expect((await s.api.assistants.versions(a.id))[0]).toMatchObject({ version: 4, scripted_rules: { rules: rulesA } });

    // Version 1 had no rules: restoring it leaves none, and a run says so.
    await s.api.assistants.restoreVersion(a.id, 1);
    expect((await s.api.scripted.get(a.id))?.rules).toEqual([]);
    const none = await runOn(a.id, 'anyone?');
    expect(none.last_error?.message).toContain('has no rules');
  });

  it('saving rules alone also saves an assistant version; bad rules change neither; a duplicate takes the rules along', async () => {
    const a = await s.api.assistants.create({ model: 'scripted', tools: [refund] });
    await s.api.scripted.save(a.id, RULES);
    expect((await s.api.assistants.versions(a.id)).map((v) => [v.version, v.scripted_rules?.rules.length ?? 0])).toEqual([
      [2, 4],
      [1, 0],
    ]);
    await expect(s.api.assistants.update(a.id, { instructions: 'x' }, { scripted_rules: [{ when: { type: 'regex', pattern: '(' } } as never] })).rejects.toThrow(/Rule 1/);
    expect((await s.api.assistants.versions(a.id)).length).toBe(2);
    expect((await s.api.assistants.get(a.id)).instructions).toBeNull();
    // Unchanged rules save no new rule version.
    await s.api.assistants.update(a.id, { instructions: 'y' }, { scripted_rules: RULES });
    expect((await s.api.scripted.versions(a.id)).length).toBe(1);

    const copy = await s.api.assistants.duplicate(a.id);
    expect((await s.api.scripted.get(copy.id))?.rules).toEqual(RULES);
    const waiting = await runOn(copy.id, 'refund 12');
    expect(waiting.required_action?.submit_tool_outputs.tool_calls[0].function.arguments).toBe('{"order":"12"}');
  });

  it('rule sets saved before they were kept with versions still work, as the rules of every earlier version', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'old.db');
    const old = new Database(dbPath);
    old.exec('CREATE TABLE scripted_rule_sets (name TEXT NOT NULL, version INTEGER NOT NULL, created_at INTEGER NOT NULL, rules TEXT NOT NULL, PRIMARY KEY (name, version))');
    old.prepare('INSERT INTO scripted_rule_sets VALUES (?, 1, 0, ?)').run('legacy', JSON.stringify(RULES.slice(3)));
    old.close();
    const t = openTestServices({ env: {}, dbPath }, dir);
    try {
      expect((await t.api.scripted.get('legacy'))?.rules).toEqual(RULES.slice(3));
      await t.api.scripted.save('legacy', RULES);
      expect((await t.api.scripted.versions('legacy')).map((v) => v.version)).toEqual([2, 1]);
      expect(t.liveModels.scripted.atAssistantVersion('legacy', 5)?.version).toBe(2);
    } finally {
      await t.dispose();
    }
  });
});
