import { useState } from 'react';
import { useBridge } from '../../bridge/context';
import { errorMessage } from '../../stores/errors';
import { useSessionSelection } from './selection';

/**
 * Session files: export the open thread, the threads picked in the list (Ctrl/Cmd+click), or
 * everything; import a file by its path on this machine, with the report of what was added
 * and skipped, or the reason it was refused (nothing changes then).
 */
export function TransferSection({ threadId }: { threadId: string | null }) {
  const { api } = useBridge();
  const picked = useSessionSelection((s) => s.picked);
  const clear = useSessionSelection((s) => s.clear);
  const [file, setFile] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [lines, setLines] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const run = async (label: string, fn: () => Promise<string[]>) => {
    setBusy(label);
    setError(null);
    setLines([]);
    try {
      setLines(await fn());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  const doExport = (ids: string[]) =>
    run('Exporting', async () => {
      const r = await api.sessions.export({ thread_ids: ids });
      return [`Exported ${r.counts.threads} threads, ${r.counts.runs} runs, ${r.counts.events} events to`, r.file];
    });
  return (
    <section className="sessions-section" aria-label="Session files">
      <h3>Session files</h3>
      <div className="row-actions">
        <button className="btn btn-small" disabled={!threadId || busy !== null} onClick={() => threadId && void doExport([threadId])}>
          Export this thread
        </button>
        <button className="btn btn-small" disabled={picked.length === 0 || busy !== null} onClick={() => void doExport(picked).then(clear)} title="Ctrl/Cmd+click threads in the list to pick them">
          Export picked ({picked.length})
        </button>
        <button className="btn btn-small" disabled={busy !== null} onClick={() => void doExport([])}>
          Export everything
        </button>
      </div>
      <form
        className="import-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run('Checking and importing (large files take a while)', async () => (await api.sessions.import(file)).lines);
        }}
      >
        <input className="search" placeholder="/path/to/session.runlens" aria-label="Session file to import" value={file} onChange={(e) => setFile(e.target.value)} />
        <button className="btn btn-small" type="submit" disabled={!file.trim() || busy !== null}>
          Import
        </button>
      </form>
      {busy ? (
        <div className="muted small" role="status" aria-live="polite">
          {busy}…
        </div>
      ) : null}
      {error ? <div className="inline-error" role="alert">{error}</div> : null}
      {lines.length > 0 ? (
        <div className="small transfer-report" role="status">
          {lines.map((l, i) => (
            <div key={i} className={i > 0 && l.startsWith('/') ? 'mono' : undefined}>
              {l}
            </div>
          ))}
        </div>
      ) : null}
    </section>
  );
}
