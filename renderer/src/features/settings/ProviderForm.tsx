/**
 * Adds or edits one provider: a preset fills the name and its default local address; the key
 * field is write-only (a stored key shows as "stored", never in clear; leaving it blank keeps it).
 */
import { useState } from 'react';
import type { ProviderInfo, ProviderPreset } from '../../../../electron/contract/providers';
import { errorMessage } from '../../stores/errors';

export function ProviderForm({
  presets,
  editing,
  onSave,
  onCancel,
}: {
  presets: ProviderPreset[];
  editing: ProviderInfo | null;
  onSave: (input: { name: string; base_url: string; preset: string | null; api_key?: string }) => Promise<unknown>;
  onCancel: () => void;
}) {
  const [preset, setPreset] = useState<string>(editing?.preset ?? '');
  const [name, setName] = useState(editing?.name ?? '');
  const [baseUrl, setBaseUrl] = useState(editing?.base_url ?? '');
  const [key, setKey] = useState('');
  const [clearKey, setClearKey] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const pick = (id: string) => {
    setPreset(id);
    const p = presets.find((x) => x.id === id);
    if (!p) return;
    if (!editing) setName(p.id);
    setBaseUrl(p.base_url);
  };

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await onSave({ name: name.trim(), base_url: baseUrl.trim(), preset: preset || null, ...(clearKey ? { api_key: '' } : key.trim() ? { api_key: key.trim() } : {}) });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="form provider-form"
      aria-label={editing ? `Edit provider ${editing.name}` : 'Add provider'}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="field-row">
        <label className="field">
          <span>Preset</span>
          <select value={preset} onChange={(e) => pick(e.target.value)}>
            <option value="">Custom</option>
            {presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label} ({p.base_url})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Name (models are name/model)</span>
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="local" disabled={!!editing} required />
        </label>
      </div>
      <label className="field">
        <span>Base URL</span>
        <input value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} placeholder="http://127.0.0.1:11434/v1" required />
      </label>
      <label className="field">
        <span>API key {editing?.has_key ? '(a key is stored — leave blank to keep it)' : '(optional for local servers)'}</span>
        <input type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} placeholder={editing?.has_key ? '•••••••• stored' : 'sk-…'} disabled={clearKey} />
      </label>
      {editing?.has_key ? (
        <label className="check">
          <input type="checkbox" checked={clearKey} onChange={(e) => setClearKey(e.target.checked)} /> Remove the stored key
        </label>
      ) : null}
      {error ? (
        <p className="validation bad" role="alert">
          {error}
        </p>
      ) : null}
      <div className="field-row">
        <button className="btn btn-primary" type="submit" disabled={busy}>
          {editing ? 'Save provider' : 'Add provider'}
        </button>
        <button className="btn" type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
