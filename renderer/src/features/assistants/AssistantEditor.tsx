import { useEffect, useMemo, useState } from 'react';
import type { Assistant } from '../../../../electron/contract/objects';
import type { HandlerInput } from '../../../../electron/contract/api';
import type { ScriptedRule } from '../../../../electron/contract/scripted';
import { CodeEditor } from '../../components/CodeEditor';
import { useAssistants, useStores } from '../../stores';
import { errorMessage } from '../../stores/errors';
import { blankDraft, fromDraft, toDraft, type AssistantDraft } from './assistant-draft';
import { FunctionsEditor, type HandlerDrafts } from './FunctionsEditor';
import { rulesProblem, ScriptedRulesEditor } from './ScriptedRulesEditor';
import { VersionHistory } from './VersionHistory';
import { MetadataEditor } from './MetadataEditor';
import { ImportToolsDialog } from './ImportToolsDialog';
import { FilesPanel } from '../files/FilesPanel';
import { modelOptionLabel } from '../settings/probe-badge';

/** Create or edit an assistant. Every save is a new version; versions can be viewed and restored. */
export function AssistantEditor({ assistant }: { assistant: Assistant | null }) {
  const stores = useStores();
  const models = useAssistants((s) => s.models);
  const storedHandlers = useAssistants((s) => (assistant ? s.handlers[assistant.id] : undefined));
  const [draft, setDraft] = useState<AssistantDraft>(() => (assistant ? toDraft(assistant) : blankDraft(models[0]?.id)));
  const [handlers, setHandlers] = useState<HandlerDrafts>({});
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [importing, setImporting] = useState(false);
  /** Edited scripted rules (JSON text), saved with the next version; null while untouched. */
  const [rulesText, setRulesText] = useState<string | null>(null);

  useEffect(() => {
    setDraft(assistant ? toDraft(assistant) : blankDraft(stores.assistants.getState().models[0]?.id));
    setConfirmDelete(false);
    setRulesText(null);
    if (assistant) void stores.assistants.getState().loadHandlers(assistant.id);
  }, [assistant, stores]);
  useEffect(() => {
    setHandlers(Object.fromEntries((storedHandlers ?? []).map((h) => [h.function_name, { mode: h.mode, auto: h.auto, mock: h.mock, live: h.source === 'workspace' ? null : (h.live ?? null) }])));
  }, [storedHandlers]);

  const { problems } = useMemo(() => fromDraft(draft), [draft]);
  const set = (p: Partial<AssistantDraft>) => setDraft((d) => ({ ...d, ...p }));

  const save = async () => {
    const { input } = fromDraft(draft);
    if (!input) return setStatus({ kind: 'error', text: 'Fix the problems marked below before saving.' });
    const withRules = assistant !== null && draft.model === 'scripted' && rulesText !== null;
    const badRules = withRules ? rulesProblem(rulesText) : null;
    if (badRules) return setStatus({ kind: 'error', text: `Could not save: ${badRules}` });
    setSaving(true);
    try {
      const a = assistant
        ? await stores.assistants.getState().update(assistant.id, input, withRules ? { scripted_rules: JSON.parse(rulesText) as ScriptedRule[] } : undefined)
        : await stores.assistants.getState().create(input);
      if (withRules) {
        setRulesText(null);
        await stores.settings.getState().loadRules(a.id);
      }
      const names = new Set(draft.functions.map((f) => f.name));
      for (const [fn, h] of Object.entries(handlers)) {
        if (!names.has(fn)) continue;
        // only what changed is saved, so a function left alone keeps following the workspace config
        const before = storedHandlers?.find((x) => x.function_name === fn);
        const same = before && before.mode === h.mode && before.auto === h.auto && JSON.stringify(before.mock) === JSON.stringify(h.mock) && JSON.stringify(before.source === 'workspace' ? null : (before.live ?? null)) === JSON.stringify(h.live ?? null);
        if (!same) await stores.assistants.getState().setHandler(a.id, fn, h);
      }
      // The editor remounts for a new assistant, so the confirmation goes to the app-wide notice.
      stores.ui.getState().set({ assistantId: a.id, view: 'assistant', notice: { kind: 'info', text: assistant ? 'Saved as a new version.' : 'Assistant created.' } });
      setStatus(null);
    } catch (e) {
      setStatus({ kind: 'error', text: `Could not save: ${errorMessage(e)}` });
    } finally {
      setSaving(false);
    }
  };
  const act = (fn: () => Promise<unknown>) => () => void fn().catch((e) => setStatus({ kind: 'error', text: errorMessage(e) }));

  return (
    <div className="editor" onKeyDown={(e) => e.key === 's' && (e.ctrlKey || e.metaKey) && (e.preventDefault(), void save())}>
      <header className="main-head">
        <h1 className="title">{assistant ? assistant.name || assistant.id : 'New assistant'}</h1>
        {assistant ? <span className="muted mono small">{assistant.id}</span> : null}
        <span className="spacer" />
        {assistant ? (
          <>
            <button className="btn btn-small" onClick={() => setImporting(true)} title="Add Connery actions or MCP tools as functions with live handlers">
              Import tools…
            </button>
            <button className="btn btn-small" onClick={act(async () => stores.ui.getState().set({ assistantId: (await stores.assistants.getState().duplicate(assistant.id)).id }))}>
              Duplicate
            </button>
            {confirmDelete ? (
              <button className="btn btn-small btn-danger" autoFocus onClick={act(async () => (await stores.assistants.getState().remove(assistant.id), stores.ui.getState().set({ view: 'thread', assistantId: stores.assistants.getState().list[0]?.id ?? null })))}>
                Delete for good
              </button>
            ) : (
              <button className="btn btn-small" onClick={() => setConfirmDelete(true)}>
                Delete
              </button>
            )}
          </>
        ) : null}
        <button className="btn btn-primary" onClick={() => void save()} disabled={saving} title="Save (Ctrl/Cmd+S)">
          {saving ? 'Saving…' : assistant ? 'Save version' : 'Create assistant'}
        </button>
      </header>
      {importing && assistant ? (
        <ImportToolsDialog assistantId={assistant.id} onClose={() => setImporting(false)} onImported={() => void stores.assistants.getState().loadHandlers(assistant.id)} />
      ) : null}
      {status ? (
        <div className={status.kind === 'error' ? 'notice notice-error' : 'notice notice-ok'} role={status.kind === 'error' ? 'alert' : 'status'}>
          {status.text}
        </div>
      ) : null}
      <div className="editor-scroll">
        <form className="form" onSubmit={(e) => (e.preventDefault(), void save())} aria-label="Assistant">
          <div className="field-row">
            <label className="field grow">
              <span>Name</span>
              <input value={draft.name} onChange={(e) => set({ name: e.target.value })} placeholder="Weather helper" />
            </label>
            <label className="field">
              <span>Model</span>
              <select aria-label="Model" value={draft.model} onChange={(e) => set({ model: e.target.value })} aria-invalid={!!problems.model}>
                {models.some((m) => m.id === draft.model) ? null : <option value={draft.model}>{draft.model || '—'}</option>}
                {models.map((m) => (
                  <option key={m.id} value={m.id} disabled={m.unavailable}>
                    {modelOptionLabel(m)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label className="field">
            <span>Description</span>
            <input value={draft.description} onChange={(e) => set({ description: e.target.value })} />
          </label>
          <div className="field">
            <span>Instructions</span>
            <CodeEditor language="markdown" label="Instructions" value={draft.instructions} onChange={(instructions) => set({ instructions })} minHeight="90px" />
          </div>
          <h3>Functions</h3>
          <FunctionsEditor functions={draft.functions} onChange={(functions) => set({ functions })} handlers={handlers} stored={storedHandlers} onHandler={(name: string, h: HandlerInput) => setHandlers((x) => ({ ...x, [name]: h }))} problems={problems} />
          {assistant && (
            <>
              <h3>Files</h3>
              <FilesPanel target={{ kind: 'assistant', id: assistant.id }} note="Uploading enables the chosen tools on this assistant." />
            </>
          )}
          <h3>Sampling and output</h3>
          <div className="field-row">
            <label className="field">
              <span>Temperature (0–2)</span>
              <input inputMode="decimal" value={draft.temperature} placeholder="1" onChange={(e) => set({ temperature: e.target.value })} aria-invalid={!!problems.temperature} />
            </label>
            <label className="field">
              <span>top_p (0–1)</span>
              <input inputMode="decimal" value={draft.top_p} placeholder="1" onChange={(e) => set({ top_p: e.target.value })} aria-invalid={!!problems.top_p} />
            </label>
            <label className="field">
              <span>Response format</span>
              <select aria-label="Response format" value={draft.response_format} onChange={(e) => set({ response_format: e.target.value as AssistantDraft['response_format'] })}>
                <option value="auto">auto</option>
                <option value="text">text</option>
                <option value="json_object">json_object</option>
                <option value="json_schema">json_schema</option>
              </select>
            </label>
          </div>
          {problems.temperature ? <div className="inline-error">{problems.temperature}</div> : null}
          {problems.top_p ? <div className="inline-error">{problems.top_p}</div> : null}
          {draft.response_format === 'json_schema' ? (
            <>
              <label className="field">
                <span>Schema name</span>
                <input value={draft.rf_name} onChange={(e) => set({ rf_name: e.target.value })} aria-invalid={!!problems.rf_name} />
              </label>
              {problems.rf_name ? <div className="inline-error">{problems.rf_name}</div> : null}
              <div className="field">
                <span>Response schema</span>
                <CodeEditor language="json" label="Response schema" value={draft.rf_schema} onChange={(rf_schema) => set({ rf_schema })} invalid={!!problems.rf_schema} />
                {problems.rf_schema ? <div className="inline-error">{problems.rf_schema}</div> : null}
              </div>
            </>
          ) : null}
          <h3>Metadata</h3>
          <MetadataEditor rows={draft.metadata} onChange={(metadata) => set({ metadata })} />
          {problems.metadata ? <div className="inline-error">{problems.metadata}</div> : null}
        </form>
        {assistant && draft.model === 'scripted' ? <ScriptedRulesEditor assistantId={assistant.id} text={rulesText} onChange={setRulesText} /> : null}
        {assistant ? (
          <section className="versions-section">
            <h3>Versions</h3>
            <p className="muted small">Every save is a new version; each run records the version it used.</p>
            <VersionHistory
              assistantId={assistant.id}
              onRestored={() => {
                setRulesText(null);
                void stores.settings.getState().loadRules(assistant.id);
                stores.ui.getState().set({ notice: { kind: 'info', text: 'Restored (saved as a new version).' } });
              }}
            />
          </section>
        ) : null}
      </div>
    </div>
  );
}
