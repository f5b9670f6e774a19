import { useState } from 'react';
import type { Metadata } from '../../../../electron/contract/objects';
import { useBridge } from '../../bridge/context';
import { errorMessage } from '../../stores/errors';

/** `key=value` lines ↔ metadata (the title is not a tenant value and stays as it is). */
function toLines(m: Metadata | null | undefined): string {
  return Object.entries(m ?? {})
    .filter(([k]) => k !== 'title')
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}

/**
 * The values a thread pins for the tenant guard (its metadata, e.g. `customer_id`), shown in the
 * thread header and editable there. A pinned tool argument must equal these or the call is blocked.
 */
export function TenantValues({ threadId, metadata }: { threadId: string; metadata: Metadata | null | undefined }) {
  const { api } = useBridge();
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const values = Object.entries(metadata ?? {}).filter(([k]) => k !== 'title');
  const save = async () => {
    if (editing === null) return;
    const next: Metadata = {};
    for (const line of editing.split('\n')) {
      const i = line.indexOf('=');
      if (i > 0) next[line.slice(0, i).trim()] = line.slice(i + 1).trim();
      else if (line.trim()) return setError(`"${line.trim()}" is not key=value`);
    }
    if (metadata?.title) next.title = metadata.title;
    try {
      await api.threads.setMetadata(threadId, next);
      setEditing(null);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  if (editing !== null) {
    return (
      <span className="tenant-values">
        <textarea
          className="mono"
          rows={Math.max(1, editing.split('\n').length)}
          aria-label="Tenant values (key=value per line)"
          autoFocus
          value={editing}
          placeholder="customer_id=cus_123"
          onChange={(e) => setEditing(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save();
            if (e.key === 'Escape') setEditing(null);
          }}
        />
        <button className="btn btn-small btn-primary" onClick={() => void save()}>
          Save
        </button>
        {error ? <span className="inline-error">{error}</span> : null}
      </span>
    );
  }
  return (
    <span className="tenant-values" aria-label="Tenant values">
      {values.map(([k, v]) => (
        <span key={k} className="tenant-chip" data-key={k}>
          {k}={v}
        </span>
      ))}
      <button className="btn btn-small btn-ghost" onClick={() => setEditing(toLines(metadata))} title="Values pinned tool arguments must equal (thread metadata)">
        {values.length ? 'Edit' : 'Set tenant'}
      </button>
    </span>
  );
}
