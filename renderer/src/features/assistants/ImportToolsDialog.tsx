import { useEffect, useRef, useState } from 'react';
import type { ImportableTool, ImportSummary } from '../../../../electron/contract/api';
import { Dialog } from '../../components/Dialog';
import { useBridge } from '../../bridge/context';
import { errorMessage } from '../../stores/errors';

type Source = 'connery' | 'mcp';

/**
 * Imports Connery actions or MCP tools as function tools of an assistant. Nothing changes until
 * the person has seen the list (names, descriptions, new / changed / unchanged) and confirms;
 * afterwards it says what was added and what changed. Escape closes it.
 */
export function ImportToolsDialog({ assistantId, onClose, onImported }: { assistantId: string; onClose(): void; onImported(): void }) {
  const { api } = useBridge();
  const [source, setSource] = useState<Source>('connery');
  const [runnerUrl, setRunnerUrl] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [envelope, setEnvelope] = useState<'flat' | 'input'>('flat');
  const [approval, setApproval] = useState(false);
  const [server, setServer] = useState('');
  const [servers, setServers] = useState<string[]>([]);
  const [items, setItems] = useState<ImportableTool[] | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    first.current?.focus();
    void api.workspace.config().then((c) => {
      try {
        const names = Object.keys((JSON.parse(c.text) as { mcp_servers?: Record<string, unknown> }).mcp_servers ?? {});
        setServers(names);
        setServer((s) => s || names[0] || '');
      } catch {
        setServers([]);
      }
    });
  }, [api]);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const list = () =>
    run(async () => {
      setSummary(null);
      const found = source === 'connery' ? await api.workspace.conneryActions(assistantId, { runner_url: runnerUrl.trim(), api_key: apiKey || undefined, envelope }) : await api.workspace.mcpTools(assistantId, server);
      setItems(found);
      setPicked(new Set(found.filter((f) => f.status !== 'same').map((f) => f.name)));
    });
  const importPicked = () =>
    run(async () => {
      const names = [...picked];
      const result =
        source === 'connery'
          ? await api.workspace.importConnery(assistantId, { runner_url: runnerUrl.trim(), api_key: apiKey || undefined, envelope, action_ids: names, approval: approval ? 'ask' : 'auto' })
          : await api.workspace.importMcp(assistantId, server, names);
      setSummary(result);
      setItems(null);
      onImported();
    });

  return (
    <Dialog label="Import tools" onClose={onClose}>
        <header className="dialog-head">
          <h2>Import tools</h2>
          <div className="segmented" role="radiogroup" aria-label="Import from">
            {(['connery', 'mcp'] as const).map((s) => (
              <button key={s} role="radio" aria-checked={source === s} className={source === s ? 'on' : ''} onClick={() => (setSource(s), setItems(null), setSummary(null))}>
                {s === 'connery' ? 'Connery runner' : 'MCP server'}
              </button>
            ))}
          </div>
        </header>
        {source === 'connery' ? (
          <div className="dialog-body">
            <label className="field">
              <span>Runner URL</span>
              <input ref={first} className="mono" aria-label="Runner URL" value={runnerUrl} placeholder="http://127.0.0.1:4201" onChange={(e) => setRunnerUrl(e.target.value)} />
            </label>
            <label className="field">
              <span>API key (kept in the secret store, never shown again) or {'${env:NAME}'}</span>
              <input type="password" autoComplete="off" aria-label="Runner API key" value={apiKey} onChange={(e) => setApiKey(e.target.value)} />
            </label>
            <div className="field-row">
              <label className="inline-field">
                <span>Body</span>
                <select aria-label="Request body" value={envelope} onChange={(e) => setEnvelope(e.target.value as 'flat' | 'input')}>
                  <option value="flat">flat arguments (Connery guide)</option>
                  <option value="input">{'{"input": …} (newer runners)'}</option>
                </select>
              </label>
              <label className="check">
                <input type="checkbox" checked={approval} onChange={(e) => setApproval(e.target.checked)} />
                <span>ask before each call</span>
              </label>
            </div>
          </div>
        ) : (
          <div className="dialog-body">
            {servers.length === 0 ? (
              <div className="muted small">No MCP servers yet: add them under "mcp_servers" in the workspace config (Settings → Workspace config).</div>
            ) : (
              <label className="field">
                <span>Server</span>
                <select aria-label="MCP server" value={server} onChange={(e) => setServer(e.target.value)}>
                  {servers.map((s) => (
                    <option key={s}>{s}</option>
                  ))}
                </select>
              </label>
            )}
          </div>
        )}
        <div className="dialog-actions">
          <button className="btn" disabled={busy || (source === 'connery' ? !runnerUrl.trim() : !server)} onClick={() => void list()}>
            {busy && !items ? 'Reading…' : source === 'connery' ? 'List actions' : 'List tools'}
          </button>
        </div>
        {error ? (
          <div className="inline-error" role="alert">
            {error}
          </div>
        ) : null}
        {items ? (
          items.length === 0 ? (
            <div className="muted small">Nothing to import: the {source === 'connery' ? 'runner has no actions' : 'server has no tools'}.</div>
          ) : (
            <ul className="import-list" aria-label="Importable tools">
              {items.map((t) => (
                <li key={t.name} data-tool={t.name}>
                  <label className="check">
                    <input
                      type="checkbox"
                      aria-label={`Import ${t.name}`}
                      checked={picked.has(t.name)}
                      onChange={(e) => {
                        const next = new Set(picked);
                        if (e.target.checked) next.add(t.name);
                        else next.delete(t.name);
                        setPicked(next);
                      }}
                    />
                    <span className="mono">{t.name}</span>
                    <span className={`badge badge-${t.status}`}>{t.status === 'new' ? 'new' : t.status === 'changed' ? 'changed' : 'unchanged'}</span>
                  </label>
                  <div className="muted small">{t.description || 'No description.'}</div>
                </li>
              ))}
            </ul>
          )
        ) : null}
        {summary ? (
          <div className="import-summary" role="status">
            Added {summary.added.length}, updated {summary.updated.length}, unchanged {summary.unchanged.length}.
            {summary.changes.length ? (
              <ul>
                {summary.changes.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        <div className="dialog-actions">
          {items && items.length > 0 ? (
            <button className="btn btn-primary" disabled={busy || picked.size === 0} onClick={() => void importPicked()}>
              Import {picked.size} {source === 'connery' ? 'action' : 'tool'}
              {picked.size === 1 ? '' : 's'}
            </button>
          ) : null}
          <button className="btn" onClick={onClose}>
            {summary ? 'Done' : 'Cancel'}
          </button>
        </div>
    </Dialog>
  );
}
