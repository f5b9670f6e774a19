import { useMemo, useState } from 'react';
import type { RunDetails } from '../../../../electron/contract/api';
import type { ForkEdit } from '../../../../electron/contract/sessions';

type Kind = ForkEdit['kind'];

const KINDS: Array<{ id: Kind; label: string }> = [
  { id: 'tool_output', label: 'a tool output' },
  { id: 'user_message', label: 'the user message' },
  { id: 'instructions', label: 'the instructions' },
  { id: 'model', label: 'the model' },
  { id: 'handler', label: 'a handler (answer live from here)' },
];

/** Pick a step and one thing to change; the fork continues from there on a new thread. */
export function ForkForm({ details, busy, onFork, onCancel }: { details: RunDetails; busy: boolean; onFork: (stepId: string, edit: ForkEdit) => void; onCancel: () => void }) {
  const steps = details.steps;
  const [stepId, setStepId] = useState(steps[0]?.id ?? '');
  const [kind, setKind] = useState<Kind>('tool_output');
  const step = steps.find((s) => s.id === stepId);
  const calls = useMemo(() => (step?.step_details.type === 'tool_calls' ? step.step_details.tool_calls.flatMap((c) => (c.type === 'function' ? [c] : [])) : []), [step]);
  const functions = details.run.tools.flatMap((t) => (t.type === 'function' ? [t.function.name] : []));
  const [callId, setCallId] = useState('');
  const [text, setText] = useState('');
  const call = calls.find((c) => c.id === callId) ?? calls[0];
  const edit = (): ForkEdit | null => {
    switch (kind) {
      case 'tool_output':
        return call ? { kind, call_id: call.id, output: text } : null;
      case 'user_message':
        return text.trim() ? { kind, text } : null;
      case 'instructions':
        return { kind, instructions: text };
      case 'model':
        return text.trim() ? { kind, model: text.trim() } : null;
      case 'handler':
        return text ? { kind, function: text } : null;
    }
  };
  const ready = edit();
  if (steps.length === 0) return <div className="list-empty">This run has no steps to fork from.</div>;
  return (
    <form
      className="fork-form"
      aria-label="Fork"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) onFork(stepId, ready);
      }}
    >
      <label className="inline-field">
        <span>At step</span>
        <select value={stepId} onChange={(e) => setStepId(e.target.value)} aria-label="Fork at step">
          {steps.map((s, i) => (
            <option key={s.id} value={s.id}>
              {i + 1}. {s.type === 'message_creation' ? 'message' : `tools: ${s.step_details.type === 'tool_calls' ? s.step_details.tool_calls.map((c) => (c.type === 'function' ? c.function.name : c.type)).join(', ') : ''}`}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span>Change</span>
        <select value={kind} onChange={(e) => { setKind(e.target.value as Kind); setText(''); }} aria-label="What to change">
          {KINDS.map((k) => (
            <option key={k.id} value={k.id} disabled={k.id === 'tool_output' && calls.length === 0}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      {kind === 'tool_output' && calls.length > 1 ? (
        <label className="inline-field">
          <span>Call</span>
          <select value={call?.id ?? ''} onChange={(e) => setCallId(e.target.value)} aria-label="Tool call">
            {calls.map((c) => (
              <option key={c.id} value={c.id}>
                {c.function.name} {c.id}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {kind === 'handler' ? (
        <select value={text} onChange={(e) => setText(e.target.value)} aria-label="Function whose handler answers">
          <option value="">choose a function…</option>
          {functions.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      ) : (
        <textarea
          aria-label="New value"
          rows={kind === 'model' ? 1 : 3}
          placeholder={kind === 'tool_output' ? (call?.function.output ?? 'new output') : kind === 'model' ? 'mock' : ''}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      )}
      {kind === 'tool_output' && calls.length === 0 ? <div className="muted small">Pick a step with tool calls to edit an output.</div> : null}
      <div className="row-actions">
        <button className="btn btn-small btn-primary" type="submit" disabled={!ready || busy}>
          Fork
        </button>
        <button className="btn btn-small" type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
