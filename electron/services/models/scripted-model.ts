/**
 * The `scripted` model: an assistant's ordered rules decide each round, so a whole
 * conversation design can be rehearsed with no model. `scripted` uses the rules saved for the
 * run's assistant, `scripted/<name>` a named rule set. It streams and counts tokens like the
 * mock, and notes which rule matched (shown in the inspector).
 */
import type { ScriptedRule } from '../../contract/scripted';
import { fragments, newCallId, words } from './mock-model';
import { countTokens, ModelError, requestText, type ChatMessage, type ModelBackend, type ModelChunk, type ModelRequest } from './model';
import type { ScriptedRuleStore } from './scripted-rules';

function newestUser(messages: ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i].role === 'user') return messages[i].content as string;
  return '';
}

function trailingResults(messages: ChatMessage[]): Array<{ name: string; output: string }> {
  const out: Array<{ name: string; output: string }> = [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.role !== 'tool') break;
    out.unshift({ name: m.name, output: m.content });
  }
  return out;
}

/** Fills `{{name}}` from `vars`; unknown names become ''. `json` escapes values for use inside JSON strings. */
export function fillTemplate(template: string, vars: Record<string, string>, json = false): string {
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_, key: string) => {
    const v = vars[key] ?? '';
    return json ? JSON.stringify(v).slice(1, -1) : v;
  });
}

function describeCondition(rule: ScriptedRule): string {
  const w = rule.when;
  if (w.type === 'contains') return `contains '${w.text}'`;
  if (w.type === 'regex') return `matched '${w.pattern}'`;
  if (w.type === 'after_function') return `after ${w.name} returned`;
  return 'default';
}

export class ScriptedModel implements ModelBackend {
  readonly name = 'scripted';

  constructor(private readonly rules: ScriptedRuleStore) {}

  handles(model: string): boolean {
    return model === 'scripted' || model.startsWith('scripted/');
  }

  async *generate(request: ModelRequest, signal: AbortSignal): AsyncIterable<ModelChunk> {
    const setName = request.model.startsWith('scripted/') ? request.model.slice('scripted/'.length) : (request.assistant_id ?? '');
    const set = this.rules.latest(setName);
    if (!set || set.rules.length === 0) {
      throw new ModelError('invalid_prompt', `The scripted model has no rules for '${setName}'. Add rules in the assistant editor (Scripted rules).`);
    }
    const u = newestUser(request.messages);
    const results = trailingResults(request.messages);
    const vars: Record<string, string> = { message: u };
    for (const r of results) vars[`output.${r.name}`] = r.output;
    let hit = -1;
    for (const [i, rule] of set.rules.entries()) {
      const w = rule.when;
      if (w.type === 'default') hit = i;
      else if (w.type === 'after_function') hit = results.some((r) => r.name === w.name) ? i : -1;
      else if (results.length > 0) continue;
      else if (w.type === 'contains') hit = u.toLowerCase().includes(w.text.toLowerCase()) ? i : -1;
      else {
        const m = new RegExp(w.pattern, w.flags ?? 'i').exec(u);
        if (m) {
          hit = i;
          for (const [k, v] of Object.entries(m.groups ?? {})) vars[k] = v ?? '';
        }
      }
      if (hit >= 0) break;
    }
    if (hit < 0) throw new ModelError('invalid_prompt', `No scripted rule of '${setName}' v${set.version} matched, and there is no default rule.`);
    const rule = set.rules[hit];
    const groups = Object.fromEntries(Object.entries(vars).filter(([k]) => k !== 'message' && !k.startsWith('output.')));
    yield { type: 'note', data: { summary: `rule ${hit + 1} ${describeCondition(rule)} (rule set '${setName}' v${set.version})`, rule_index: hit, rule_set: setName, version: set.version, groups } };
    const prompt = countTokens(requestText(request));
    const t = rule.then;
    if (t.type === 'fail') throw new ModelError(t.code, fillTemplate(t.message ?? `Scripted failure (rule ${hit + 1}).`, vars));
    if (t.type === 'call') {
      let completion = 0;
      for (const [index, c] of t.calls.entries()) {
        signal.throwIfAborted();
        const args = fillTemplate(c.arguments, vars, true);
        completion += countTokens(c.name + args);
        yield { type: 'tool_call', index, id: newCallId(), name: c.name, arguments: '' };
        for (const part of fragments(args)) yield { type: 'tool_call', index, arguments: part };
      }
      yield { type: 'finish', reason: 'tool_calls', usage: { prompt_tokens: prompt, completion_tokens: completion } };
      return;
    }
    const text = fillTemplate(t.template, vars);
    for (const part of words(text)) {
      signal.throwIfAborted();
      yield { type: 'text', delta: part };
    }
    yield { type: 'finish', reason: 'stop', usage: { prompt_tokens: prompt, completion_tokens: countTokens(text) } };
  }
}
