import { useEffect, useRef, useState } from 'react';
import type { WorkspaceConfigInfo } from '../../../../electron/contract/api';
import { Dialog } from '../../components/Dialog';
import { useBridge } from '../../bridge/context';
import { errorMessage } from '../../stores/errors';

/**
 * The workspace config file (providers, MCP servers, live tools) in the app: edit or paste it,
 * import it (refused with the JSON path of any problem, nothing changed), export it to a file.
 * It holds `${env:…}` / `${secret:…}` references only; "Store a secret" keeps a value in the
 * secret store without ever showing it again.
 */
export function WorkspaceConfigDialog({ onClose }: { onClose(): void }) {
  const { api } = useBridge();
  const [info, setInfo] = useState<WorkspaceConfigInfo | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [secretName, setSecretName] = useState('');
  const [secretValue, setSecretValue] = useState('');
  const [loaded, setLoaded] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);

  // The editor stays read-only until the current config is in: text typed or pasted before
  // it arrives would otherwise be replaced by it (and "Import and apply" would apply the old file).
  useEffect(() => {
    void api.workspace.config().then(
      (c) => {
        setInfo(c);
        setText(c.text);
        setLoaded(true);
      },
      (e: unknown) => {
        setError(errorMessage(e));
        setLoaded(true);
      },
    );
  }, [api]);
  useEffect(() => {
    if (loaded) box.current?.focus();
  }, [loaded]);

  const apply = async () => {
    setError(null);
    setSaved(null);
    try {
      const next = await api.workspace.importConfig(text);
      setInfo(next);
      setText(next.text);
      const problems = next.problem ? next.problem.split('\n').length : 0;
      setSaved(problems ? `Imported and applied; ${problems === 1 ? 'one part' : `${problems} parts`} could not be applied (listed above).` : 'Imported and applied.');
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const download = async () => {
    const body = await api.workspace.exportConfig();
    const url = URL.createObjectURL(new Blob([body], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'runlens-workspace.json';
    a.click();
    URL.revokeObjectURL(url);
  };
  const storeSecret = async () => {
    setError(null);
    try {
      await api.workspace.setSecret(secretName.trim(), secretValue);
      setSaved(`Stored; use \${secret:${secretName.trim()}} in the config.`);
      setSecretValue('');
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Dialog label="Workspace config" onClose={onClose}>
        <header className="dialog-head">
          <h2>Workspace config</h2>
          <span className="muted small">{info ? (info.source === 'file' ? `from ${info.file}` : info.source === 'app' ? 'imported in the app' : 'none yet') : 'loading…'}</span>
        </header>
        {info?.problem ? (
          <div className="inline-error config-problems" aria-label="Config problems">
            Not applied right now (the rest of the config is):
            <ul>
              {info.problem.split('\n').map((line) => (
                <li key={line} className="mono small">
                  {line}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <textarea
          className="mono"
          rows={14}
          aria-label="Workspace config JSON"
          ref={box}
          value={text}
          readOnly={!loaded}
          aria-busy={!loaded}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => loaded && e.key === 'Enter' && (e.ctrlKey || e.metaKey) && void apply()}
        />
        {error ? (
          <div className="inline-error" role="alert">
            {error}
          </div>
        ) : null}
        {saved ? <div className="import-summary" role="status">{saved}</div> : null}
        <div className="dialog-actions">
          <button className="btn" onClick={() => void download()}>
            Export to a file
          </button>
          <button className="btn btn-primary" disabled={!loaded} onClick={() => void apply()} title="Ctrl/Cmd+Enter">
            Import and apply
          </button>
        </div>
        <div className="field-row">
          <label className="inline-field">
            <span>Secret name</span>
            <input aria-label="Secret name" value={secretName} placeholder="weather_key" onChange={(e) => setSecretName(e.target.value)} />
          </label>
          <label className="inline-field">
            <span>Value</span>
            <input type="password" autoComplete="off" aria-label="Secret value" value={secretValue} onChange={(e) => setSecretValue(e.target.value)} />
          </label>
          <button className="btn btn-small" disabled={!secretName.trim() || !secretValue} onClick={() => void storeSecret()}>
            Store a secret
          </button>
        </div>
        <div className="dialog-actions">
          <button className="btn" onClick={onClose}>
            Close
          </button>
        </div>
    </Dialog>
  );
}
