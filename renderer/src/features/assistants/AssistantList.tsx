import { useAssistants, useStores, useUi } from '../../stores';

/** The assistants in the sidebar: click to edit and to make it the one that runs. */
export function AssistantList() {
  const list = useAssistants((s) => s.list);
  const loaded = useAssistants((s) => s.loaded);
  const error = useAssistants((s) => s.error);
  const selected = useUi((s) => s.assistantId);
  const view = useUi((s) => s.view);
  const editingNew = useUi((s) => s.view === 'assistant' && s.assistantId === null);
  const { ui } = useStores();
  return (
    <section className="sidebar-section assistants-section" aria-label="Assistants">
      <header className="section-head">
        <h2>Assistants</h2>
        <button className="btn btn-small" onClick={() => ui.getState().set({ view: 'assistant', assistantId: null })} aria-pressed={editingNew}>
          + New
        </button>
      </header>
      {error ? <div className="inline-error">Could not load assistants: {error}</div> : null}
      {loaded && list.length === 0 && !error ? <div className="list-empty">No assistants yet. Create one to start running threads.</div> : null}
      <div className="assistant-list" role="listbox" aria-label="Assistant list">
        {list.map((a) => (
          <button
            key={a.id}
            role="option"
            aria-selected={a.id === selected}
            className={`assistant-row${a.id === selected ? ' selected' : ''}${a.id === selected && view === 'assistant' ? ' editing' : ''}`}
            onClick={() => ui.getState().set({ assistantId: a.id, view: 'assistant' })}
          >
            <span className="assistant-name">{a.name || a.id}</span>
            <span className="muted small">
              {a.model} · {a.tools.length} tool{a.tools.length === 1 ? '' : 's'}
            </span>
          </button>
        ))}
      </div>
    </section>
  );
}
