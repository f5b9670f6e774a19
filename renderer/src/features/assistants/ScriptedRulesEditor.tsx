/**
 * The scripted model's rules for one assistant, as JSON: tried in order, the first whose
 * `when` holds acts. They are part of the assistant: "Save version" keeps them with the new
 * version (bad rules are refused with the rule's number and nothing changes), and restoring a
 * version brings its rules back.
 */
import { useEffect } from 'react';
import { CodeEditor } from '../../components/CodeEditor';
import { useStores } from '../../stores';
import { useSettings } from '../settings/use-settings';

export const EXAMPLE_RULES = `[
  { "when": { "type": "regex", "pattern": "refund (?<order>\\\\d+)" },
    "then": { "type": "call", "calls": [{ "name": "lookup_order", "arguments": "{\\"order\\": \\"{{order}}\\"}" }] } },
  { "when": { "type": "after_function", "name": "lookup_order" },
    "then": { "type": "reply", "template": "Order status: {{output.lookup_order}}" } },
  { "when": { "type": "contains", "text": "angry" },
    "then": { "type": "fail", "code": "rate_limit_exceeded", "message": "Slow down" } },
  { "when": { "type": "default" }, "then": { "type": "reply", "template": "You said: {{message}}" } }
]`;

/** The JSON problem of edited rules text, or null when it parses to an array. */
export function rulesProblem(text: string): string | null {
  try {
    return Array.isArray(JSON.parse(text)) ? null : 'Scripted rules must be a JSON array.';
  } catch (e) {
    return `Scripted rules: ${(e as Error).message}`;
  }
}

/** `text` is the edited rules (null: untouched, the saved ones are shown). */
export function ScriptedRulesEditor({ assistantId, text, onChange }: { assistantId: string; text: string | null; onChange(text: string): void }) {
  const { settings } = useStores();
  const saved = useSettings((s) => s.rules[assistantId]);
  useEffect(() => {
    void settings.getState().loadRules(assistantId);
  }, [settings, assistantId]);
  const hasSaved = !!saved && saved.rules.length > 0;
  const value = text ?? (hasSaved ? JSON.stringify(saved.rules, null, 2) : EXAMPLE_RULES);
  const problem = text === null ? null : rulesProblem(text);
  return (
    <section className="scripted-rules" aria-label="Scripted rules">
      <h3>Scripted rules</h3>
      <p className="muted small">
        For the <code>scripted</code> model: tried in order, the first whose <code>when</code> holds acts (<code>contains</code>, <code>regex</code> with named groups,{' '}
        <code>after_function</code>, <code>default</code>; then <code>call</code>, <code>reply</code> or <code>fail</code>). Templates: <code>{'{{group}}'}</code>,{' '}
        <code>{'{{message}}'}</code>, <code>{'{{output.function}}'}</code>. Kept with the assistant&apos;s versions: <strong>Save version</strong> saves them, restoring a version brings its rules back.{' '}
        <span data-testid="rules-state">
          {text !== null ? 'Edited: not saved yet.' : hasSaved ? `${saved.rules.length} rule${saved.rules.length === 1 ? '' : 's'} in use.` : 'No rules saved yet: the example below is not saved; edit it and save a version.'}
        </span>
      </p>
      <CodeEditor value={value} onChange={onChange} language="json" label="Scripted rules JSON" minHeight="160px" maxHeight="420px" invalid={!!problem} />
      {problem ? <p className="validation bad">{problem}</p> : null}
      {!hasSaved && text === null ? (
        <div>
          <button type="button" className="btn btn-small" onClick={() => onChange(EXAMPLE_RULES)}>
            Start from this example
          </button>
        </div>
      ) : null}
    </section>
  );
}
