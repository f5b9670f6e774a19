/**
 * The providers list: each with its address, where it comes from, whether a key is set, a
 * Test button (lists its models), Edit and Remove; then every model with its probe badge and
 * a Probe button, so "does this local model really call tools?" is answered in seconds.
 */
import { useState } from 'react';
import type { ProviderInfo } from '../../../../electron/contract/providers';
import { useAssistants, useStores } from '../../stores';
import { errorMessage } from '../../stores/errors';
import { ProbeBadge, probeLines } from './probe-badge';
import { ProviderForm } from './ProviderForm';
import { useSettings } from './use-settings';

function ProviderCard({ p, onEdit }: { p: ProviderInfo; onEdit: () => void }) {
  const { settings, assistants, ui } = useStores();
  const test = useSettings((s) => s.tests[p.name]);
  const probing = useSettings((s) => s.probing);
  const allModels = useAssistants((s) => s.models);
  const models = allModels.filter((m) => m.provider === p.name);
  const [openProbe, setOpenProbe] = useState<string | null>(null);
  const fail = (e: unknown) => ui.getState().set({ notice: { kind: 'error', text: errorMessage(e) } });
  const remove = async () => {
    if (!window.confirm(`Remove provider '${p.name}' and its stored key?`)) return;
    await settings.getState().remove(p.name).catch(fail);
    void assistants.getState().load();
  };
  const probe = async (model: string) => {
    try {
      await settings.getState().probe(model);
      await assistants.getState().load();
      setOpenProbe(model);
    } catch (e) {
      fail(e);
    }
  };
  return (
    <li className="provider-card" data-testid={`provider-${p.name}`}>
      <div className="provider-head">
        <strong className="mono">{p.name}</strong>
        <span className="mono muted small">{p.base_url}</span>
        <span className="spacer" />
        <span className="chip">{p.source === 'settings' ? 'app settings' : p.source === 'config' ? 'workspace config' : 'environment'}</span>
        <span className="chip">{p.has_key ? 'key set' : 'no key'}</span>
      </div>
      <div className="provider-actions">
        <button className="btn btn-small" onClick={() => void settings.getState().test(p.name).then(() => assistants.getState().load())} disabled={test === 'testing'}>
          {test === 'testing' ? 'Testing…' : 'Test'}
        </button>
        {p.editable ? (
          <>
            <button className="btn btn-small" onClick={onEdit}>
              Edit
            </button>
            {p.source === 'settings' ? (
              <button className="btn btn-small btn-danger" onClick={() => void remove()}>
                Remove
              </button>
            ) : null}
          </>
        ) : null}
        {test && test !== 'testing' ? (
          <span className={`small ${test.ok ? 'ok-text' : 'bad-text'}`} role="status">
            {test.message}
          </span>
        ) : null}
      </div>
      {models.length === 0 ? (
        <p className="muted small">No models listed yet: press Test, or check that the server is running.</p>
      ) : (
        <ul className="provider-models">
          {models.map((m) => (
            <li key={m.id}>
              <div className="provider-model">
                <span className="mono">{m.id}</span>
                {m.unavailable ? <span className="bad-text small">{m.description}</span> : <ProbeBadge probe={m.probe} />}
                <span className="spacer" />
                {m.unavailable ? null : (
                  <button className="btn btn-small" onClick={() => void probe(m.id)} disabled={probing[m.id]} aria-label={`Probe ${m.id}`}>
                    {probing[m.id] ? 'Probing…' : 'Probe'}
                  </button>
                )}
                {m.probe ? (
                  <button className="btn btn-small btn-ghost" onClick={() => setOpenProbe(openProbe === m.id ? null : m.id)} aria-expanded={openProbe === m.id}>
                    Details
                  </button>
                ) : null}
              </div>
              {openProbe === m.id && m.probe ? (
                <ul className="probe-details" aria-label={`Probe of ${m.id}`}>
                  {probeLines(m.probe).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                  {m.probe.error ? <li className="bad-text">{m.probe.error}</li> : null}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function ProvidersSection() {
  const providers = useSettings((s) => s.providers);
  const presets = useSettings((s) => s.presets);
  const { settings, assistants } = useStores();
  const [editing, setEditing] = useState<ProviderInfo | 'new' | null>(null);
  return (
    <section className="settings-section" aria-labelledby="providers-h">
      <div className="section-head">
        <h2 id="providers-h">Model providers</h2>
        <span className="spacer" />
        <button className="btn btn-small" onClick={() => void settings.getState().refreshModels().then(() => assistants.getState().load())}>
          Refresh models
        </button>
        <button className="btn btn-small btn-primary" onClick={() => setEditing('new')} disabled={editing !== null}>
          Add provider
        </button>
      </div>
      <p className="muted small">
        Any OpenAI-compatible server: OpenAI, Ollama, LM Studio, vLLM, llama.cpp. Its models are named <code>provider/model</code> in every model picker and in <code>/v1</code>. Keys are kept in
        the system keychain and never shown again.
      </p>
      {editing !== null ? (
        <ProviderForm
          key={editing === 'new' ? 'new' : editing.name}
          presets={presets}
          editing={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSave={async (input) => {
            await settings.getState().save(input);
            setEditing(null);
            await settings.getState().test(input.name);
            await assistants.getState().load();
          }}
        />
      ) : null}
      {providers.length === 0 && editing === null ? (
        <p className="list-empty">No providers yet. Add one from a preset (Ollama, LM Studio, vLLM, llama.cpp, OpenAI), or start RunLens with OPENAI_API_KEY set.</p>
      ) : (
        <ul className="provider-list">
          {providers.map((p) => (
            <ProviderCard key={p.name} p={p} onEdit={() => setEditing(p)} />
          ))}
        </ul>
      )}
    </section>
  );
}
