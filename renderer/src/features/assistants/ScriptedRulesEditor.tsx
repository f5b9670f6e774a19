/**
 * The scripted model's rules for one assistant, as JSON: tried in order, the first whose
 * `when` holds acts. Saving keeps a new version; bad rules are refused with the rule's number
 * and nothing changes.
 */
import { useEffect, useState } from 'react';
import { CodeEditor } from '../../components/CodeEditor';
import { useStores } from '../../stores';
import { errorMessage } from '../../stores/errors';
import { useSettings } from '../settings/use-settings';

const EXAMPLE = `[
  { "when": { "type": "regex", "pattern": "refund (?<order>\\\\d+)" },
    "then": { "type": "call", "calls": [{ "name": "lookup_order", "arguments": "{\\"order\\": \\"{{order}}\\"}" }] } },
  { "when": { "type": "after_function", "name": "lookup_order" },
    "then": { "type": "reply", "template": "Order status: {{output.lookup_order}}" } },
  { "when": { "type": "contains", "text": "angry" },
    "then": { "type": "fail", "code": "rate_limit_exceeded", "message": "Slow down" } },
  { "when": { "type": "default" }, "then": { "type": "reply", "template": "You said: {{message}}" } }
]`;

export function ScriptedRulesEditor({ assistantId }: { assistantId: string }) {
  const { settings } = useStores();
  const saved = useSettings((s) => s.rules[assistantId]);
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  useEffect(() => {
    void settings.getState().loadRules(assistantId);
  }, [settings, assistantId]);
  const value = text ?? (saved ? JSON.stringify(saved.rules, null, 2) : EXAMPLE);
  let parseError: string | null = null;
  try {
    JSON.parse(value);
  } catch (e) {
    parseError = (e as Error).message;
  }
  const save = async () => {
    setError(null);
    setInfo(null);
    try {
      const set = await settings.getState().saveRules(assistantId, JSON.parse(value));
      setText(null);
      setInfo(`Saved as version ${set.version} (${set.rules.length} rules).`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <section className="scripted-rules" aria-label="Scripted rules">
      <h3>Scripted rules</h3>
      <p className="muted small">
        For the <code>scripted</code> model: tried in order, the first whose <code>when</code> holds acts (<code>contains</code>, <code>regex</code> with named groups,{' '}
        <code>after_function</code>, <code>default</code>; then <code>call</code>, <code>reply</code> or <code>fail</code>). Templates: <code>{'{{group}}'}</code>,{' '}
        <code>{'{{message}}'}</code>, <code>{'{{output.function}}'}</code>. {saved ? `Version ${saved.version} in use.` : 'No rules saved yet: the example below is not saved.'}
      </p>
      <CodeEditor value={value} onChange={setText} language="json" label="Scripted rules JSON" minHeight="160px" maxHeight="420px" invalid={!!parseError} />
      {parseError ? <p className="validation bad">{parseError}</p> : null}
      {error ? (
        <p className="validation bad" role="alert">
          {error}
        </p>
      ) : null}
      {info ? <p className="validation ok">{info}</p> : null}
      <button type="button" className="btn" onClick={() => void save()} disabled={!!parseError}>
        Save rules
      </button>
    </section>
  );
}
