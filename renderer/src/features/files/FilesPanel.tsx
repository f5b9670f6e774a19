import { useEffect, useRef, useState } from 'react';
import type { FileTarget } from '../../../../electron/contract/api';
import { useFiles, useStores } from '../../stores';
import { targetKey, type FileTool } from '../../stores/files-store';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Files of an assistant or a thread: drop files (or choose them) to upload for file_search
 * and/or code_interpreter, then watch each file's indexing status (in_progress → completed,
 * or failed with the reason). Says what the Python sandbox offers offline.
 */
export function FilesPanel({ target, note }: { target: FileTarget; note?: string }) {
  const stores = useStores();
  const key = targetKey(target);
  const available = useFiles((s) => s.available);
  const data = useFiles((s) => s.byTarget[key]);
  const uploading = useFiles((s) => s.uploading[key]);
  const error = useFiles((s) => s.errors[key]);
  const [tools, setTools] = useState<FileTool[]>(['file_search']);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void stores.files.getState().load(target);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, stores]);
  const busy = (data?.files ?? []).some((f) => f.status === 'in_progress');
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => void stores.files.getState().load(target), 400);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [busy, key, stores]);

  if (!available) return <p className="muted small">File uploads need the RunLens services (they are not part of the demo API).</p>;
  const upload = (files: FileList | null) => {
    if (files && files.length > 0) void stores.files.getState().upload(target, [...files], tools);
  };
  const toggle = (t: FileTool) => setTools((xs) => (xs.includes(t) ? xs.filter((x) => x !== t) : [...xs, t]));

  return (
    <div className="files-panel" data-testid="files-panel">
      <div className="field-row">
        {(['file_search', 'code_interpreter'] as const).map((t) => (
          <label key={t} className="check">
            <input type="checkbox" checked={tools.includes(t)} onChange={() => toggle(t)} /> {t}
          </label>
        ))}
      </div>
      <div
        className={`drop-zone${over ? ' drop-over' : ''}`}
        data-testid="file-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          upload(e.dataTransfer.files);
        }}
      >
        <span>Drop files here, or </span>
        <button type="button" className="btn btn-small" disabled={tools.length === 0} onClick={() => input.current?.click()}>
          Choose files…
        </button>
        <input ref={input} type="file" multiple hidden data-testid="file-input" onChange={(e) => {
          upload(e.target.files);
          e.target.value = '';
        }} />
        {tools.length === 0 && <div className="inline-error small">Choose file_search, code_interpreter or both.</div>}
        <div className="muted small">Text, Markdown, JSON, code, HTML and PDF are searchable. {note}</div>
      </div>
      {uploading && uploading.length > 0 && <p className="small" role="status">Uploading {uploading.join(', ')}…</p>}
      {error && <pre className="inline-error small" role="alert">{error}</pre>}
      {data?.vector_store && (
        <p className="muted small" data-testid="vector-store">
          Vector store <code>{data.vector_store.id}</code> · {data.vector_store.status} · {data.vector_store.file_counts.completed} indexed, {data.vector_store.file_counts.in_progress} in progress, {data.vector_store.file_counts.failed} failed
        </p>
      )}
      {data && data.files.length === 0 && <p className="muted small">No files yet. Files you add here are searched by file_search or readable by code_interpreter in /mnt/data.</p>}
      {data && data.files.length > 0 && (
        <ul className="file-list" data-testid="file-list">
          {data.files.map((f) => (
            <li key={f.file_id} data-testid="file-row" data-status={f.status ?? 'attached'}>
              <span className="mono">{f.filename}</span> <span className="muted small">{size(f.bytes)} · {f.tools.join(' + ')}</span>{' '}
              {f.status && (
                <span className={`badge badge-${f.status}`} style={{ ['--st' as string]: `var(--st-${f.status})` }}>
                  <span className="badge-dot" />
                  {f.status}
                </span>
              )}
              <button type="button" className="btn btn-small" aria-label={`Remove ${f.filename}`} onClick={() => void stores.files.getState().detach(target, f.file_id)}>
                Remove
              </button>
              {f.error && <div className="inline-error small">{f.error}</div>}
            </li>
          ))}
        </ul>
      )}
      {tools.includes('code_interpreter') && data && (
        <p className="muted small" data-testid="sandbox-info">
          code_interpreter: {data.sandbox.runtime}. {data.sandbox.packages} {data.sandbox.files}
        </p>
      )}
    </div>
  );
}
