import { useAssistants, useStores, useUi } from '../../stores';
import { DEFAULT_RUN_OPTIONS, type RunOptions } from '../../stores/ui-store';
import { modelOptionLabel } from '../settings/probe-badge';

/** Every run override of the Assistants API; blank fields use the assistant's own settings. */
export function RunOptionsPanel() {
  const o = useUi((s) => s.options);
  const assistantId = useUi((s) => s.assistantId);
  const assistant = useAssistants((s) => s.list.find((a) => a.id === assistantId));
  const models = useAssistants((s) => s.models);
  const { ui } = useStores();
  const set = (patch: Partial<RunOptions>) => ui.getState().setOptions(patch);
  const fns = (assistant?.tools ?? []).flatMap((t) => (t.type === 'function' ? [t.function.name] : []));
  const changed = JSON.stringify(o) !== JSON.stringify(DEFAULT_RUN_OPTIONS);
  return (
    <form className="form run-options" onSubmit={(e) => e.preventDefault()} aria-label="Run options">
      <p className="muted small">Overrides for the next run. Empty fields use {assistant ? `“${assistant.name || assistant.id}”` : 'the assistant'}’s settings.</p>
      <label className="field">
        <span>Model</span>
        <select aria-label="Model" value={o.model} onChange={(e) => set({ model: e.target.value })}>
          <option value="">assistant’s ({assistant?.model ?? '—'})</option>
          {models.map((m) => (
            <option key={m.id} value={m.id} disabled={m.unavailable}>
              {modelOptionLabel(m)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Instructions (replace)</span>
        <textarea aria-label="Instructions (replace)" rows={3} value={o.instructions} placeholder={assistant?.instructions ?? ''} onChange={(e) => set({ instructions: e.target.value })} />
      </label>
      <label className="field">
        <span>Additional instructions (append)</span>
        <textarea aria-label="Additional instructions (append)" rows={2} value={o.additional_instructions} onChange={(e) => set({ additional_instructions: e.target.value })} />
      </label>
      <label className="field">
        <span>Tool choice</span>
        <select aria-label="Tool choice" value={o.tool_choice} onChange={(e) => set({ tool_choice: e.target.value as RunOptions['tool_choice'] })}>
          <option value="auto">auto — the model decides</option>
          <option value="none">none — never call tools</option>
          <option value="required">required — must call a tool</option>
          {fns.map((f) => (
            <option key={f} value={`function:${f}`}>
              function: {f}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={o.parallel_tool_calls} onChange={(e) => set({ parallel_tool_calls: e.target.checked })} />
        <span>Parallel tool calls</span>
      </label>
      <div className="field-row">
        <label className="field">
          <span>Max prompt tokens</span>
          <input inputMode="numeric" value={o.max_prompt_tokens} placeholder="no limit" onChange={(e) => set({ max_prompt_tokens: e.target.value })} />
        </label>
        <label className="field">
          <span>Max completion tokens</span>
          <input inputMode="numeric" value={o.max_completion_tokens} placeholder="no limit" onChange={(e) => set({ max_completion_tokens: e.target.value })} />
        </label>
      </div>
      {[o.max_prompt_tokens, o.max_completion_tokens].some((v) => v.trim() && !/^\d+$/.test(v.trim())) ? <div className="inline-error">Token limits must be whole numbers.</div> : null}
      <div className="field-row">
        <label className="field">
          <span>Truncation</span>
          <select aria-label="Truncation" value={o.truncation} onChange={(e) => set({ truncation: e.target.value as RunOptions['truncation'] })}>
            <option value="auto">auto</option>
            <option value="last_messages">last messages</option>
          </select>
        </label>
        {o.truncation === 'last_messages' ? (
          <label className="field">
            <span>Keep last</span>
            <input inputMode="numeric" value={o.last_messages} placeholder="1" onChange={(e) => set({ last_messages: e.target.value })} />
          </label>
        ) : null}
      </div>
      <button type="button" className="btn btn-small" disabled={!changed} onClick={() => ui.getState().set({ options: DEFAULT_RUN_OPTIONS })}>
        Reset overrides
      </button>
    </form>
  );
}
