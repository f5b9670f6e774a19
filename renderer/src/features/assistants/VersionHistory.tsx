import { useEffect, useState } from 'react';
import { useAssistants, useStores } from '../../stores';
import { errorMessage } from '../../stores/errors';
import { JsonBlock } from '../../components/JsonBlock';

/** Every saved version of an assistant, newest first; any can be viewed and restored (as a new version). */
export function VersionHistory({ assistantId, onRestored }: { assistantId: string; onRestored(): void }) {
  const versions = useAssistants((s) => s.versions[assistantId]);
  const { assistants } = useStores();
  const [open, setOpen] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void assistants.getState().loadVersions(assistantId).catch((e) => setError(errorMessage(e)));
  }, [assistantId, assistants]);
  if (error) return <div className="inline-error">Could not load versions: {error}</div>;
  if (!versions) return <div className="muted small">Loading versions…</div>;
  const latest = versions[0]?.version;
  return (
    <ol className="versions" aria-label="Versions">
      {versions.map((v) => (
        <li key={v.version} className="version-row">
          <div className="version-line">
            <strong>v{v.version}</strong>
            <span className="muted small">{new Date(v.created_at * 1000).toLocaleString()}</span>
            <span className="muted small">
              {v.snapshot.model} · {v.snapshot.tools.length} tool{v.snapshot.tools.length === 1 ? '' : 's'}
              {v.scripted_rules?.rules.length ? ` · ${v.scripted_rules.rules.length} scripted rule${v.scripted_rules.rules.length === 1 ? '' : 's'}` : ''}
            </span>
            <span className="spacer" />
            <button type="button" className="btn btn-small btn-ghost" onClick={() => setOpen(open === v.version ? null : v.version)}>
              {open === v.version ? 'Hide' : 'Show'}
            </button>
            {v.version === latest ? (
              <span className="tag">current</span>
            ) : (
              <button
                type="button"
                className="btn btn-small"
                onClick={() =>
                  void assistants
                    .getState()
                    .restore(assistantId, v.version)
                    .then(onRestored)
                    .catch((e) => setError(errorMessage(e)))
                }
              >
                Restore
              </button>
            )}
          </div>
          {open === v.version ? (
            <JsonBlock text={JSON.stringify(v.scripted_rules?.rules.length ? { ...v.snapshot, scripted_rules: v.scripted_rules.rules } : v.snapshot)} label={`Version ${v.version}`} />
          ) : null}
        </li>
      ))}
    </ol>
  );
}
