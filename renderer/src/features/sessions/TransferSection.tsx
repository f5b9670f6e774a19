import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { SessionImportProgress, SessionImportResult } from '../../../../electron/contract/sessions';
import { useBridge } from '../../bridge/context';
import { errorMessage } from '../../stores/errors';
import { useSessionSelection } from './selection';

/** What the Sessions panel can hand to the transfer section: a file dropped onto it. */
export interface TransferHandle {
  importDropped(file: File): void;
}

const RUNNING: ReadonlyArray<SessionImportProgress['phase']> = ['checking', 'copying', 'committing'];

function sizeLabel(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

let progressCounter = 0;
function newProgressId(): string {
  progressCounter += 1;
  return `ui-${Date.now().toString(36)}-${progressCounter}`;
}

/** The progress of the import running now (from any face), with the app-is-busy notice. */
function ImportProgressView({ progress, uploading }: { progress: SessionImportProgress | null; uploading: { name: string; size: number } | null }) {
  if (uploading && !progress) {
    return (
      <div className="import-progress" data-testid="import-progress">
        <div className="import-progress-head">
          <strong>Uploading {uploading.name}</strong>
          <span className="muted">{sizeLabel(uploading.size)}</span>
        </div>
        <div className="progress indeterminate" role="progressbar" aria-label="Import progress" aria-valuetext={`Uploading ${uploading.name}`}>
          <div className="progress-fill" />
        </div>
      </div>
    );
  }
  if (!progress) return null;
  const running = RUNNING.includes(progress.phase);
  return (
    <div className={`import-progress ${progress.phase}`} data-testid="import-progress">
      <div className="import-progress-head">
        <strong className="import-name">
          {progress.phase === 'done' ? 'Imported' : progress.phase === 'failed' ? 'Not imported:' : 'Importing'} {progress.name}
        </strong>
        {progress.phase !== 'failed' ? <span className="mono">{progress.percent}%</span> : null}
      </div>
      {progress.phase !== 'failed' ? (
      <div
        className="progress"
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.percent}
        aria-valuetext={`${progress.percent}%: ${progress.message}`}
      >
        <div className="progress-fill" style={{ width: `${progress.percent}%` }} />
      </div>
      ) : null}
      {progress.phase !== 'done' ? (
        <div className="small" aria-live="polite">
          {progress.message}
        </div>
      ) : null}
      {running ? (
        <div className="muted small" role="status">
          RunLens is busy until the import is done: other changes and calls wait for it. It is one transaction, so a refused or failed file changes nothing.
        </div>
      ) : null}
    </div>
  );
}

/**
 * Session files: export the open thread, the threads picked in the list (Ctrl/Cmd+click), or
 * everything — to a file chosen in the save dialog (desktop) or as a download (browser); import
 * a file picked with "Import session file…", dropped on the Sessions tab, or (power users) given
 * by its path on this machine. A running import shows its phase and a progress bar, pushed by
 * the services; then the report of what was added and skipped, or why nothing changed.
 */
export const TransferSection = forwardRef<TransferHandle, { threadId: string | null }>(function TransferSection({ threadId }, ref) {
  const bridge = useBridge();
  const { api } = bridge;
  const files = bridge.sessionFiles;
  const picked = useSessionSelection((s) => s.picked);
  const clear = useSessionSelection((s) => s.clear);
  const [file, setFile] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [lines, setLines] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<SessionImportProgress | null>(null);
  const [uploading, setUploading] = useState<{ name: string; size: number } | null>(null);
  const input = useRef<HTMLInputElement>(null);

  // Every face hears every import: this one shows it, whoever started it.
  useEffect(() => bridge.on('sessions.import.progress', (p) => setProgress(p)), [bridge]);

  const importing = busy !== null || (progress !== null && RUNNING.includes(progress.phase));
  const run = async (label: string, fn: () => Promise<string[] | null>) => {
    setBusy(label);
    setError(null);
    setLines([]);
    try {
      const out = await fn();
      if (out) setLines(out);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
      setUploading(null);
    }
  };
  const startImport = (label: string, fn: (progressId: string) => Promise<SessionImportResult>) => {
    setProgress(null);
    void run(label, async () => (await fn(newProgressId())).lines);
  };
  const importFile = (f: File) => {
    if (!files) return;
    if (files.kind === 'browser') setUploading({ name: f.name, size: f.size });
    startImport(`Importing ${f.name}`, (id) => files.importFile(f, { progress_id: id }));
  };
  useImperativeHandle(ref, () => ({ importDropped: (f: File) => (importing ? setError('An import is already running.') : importFile(f)) }));

  const doExport = (ids: string[]) =>
    run('Exporting', async () => {
      if (files) {
        const r = await files.exportFile(ids);
        if (!r) return null;
        const what = `${r.counts.threads} threads, ${r.counts.runs} runs, ${r.counts.events} events`;
        return files.kind === 'browser' ? [`Exported ${what}: downloading`, r.file] : [`Exported ${what} to`, r.file];
      }
      const r = await api.sessions.export({ thread_ids: ids });
      return [`Exported ${r.counts.threads} threads, ${r.counts.runs} runs, ${r.counts.events} events to`, r.file];
    });
  const chooseImport = () => {
    if (!files) return;
    if (files.chooseImportPath) {
      void files.chooseImportPath().then(
        (chosen) => {
          if (chosen) startImport('Importing', (id) => api.sessions.import(chosen, { progress_id: id }));
        },
        (e: unknown) => setError(errorMessage(e)),
      );
    } else input.current?.click();
  };
  const exportHint = files?.kind === 'browser' ? ' (downloads a .runlens file)' : files ? ' (asks where to save)' : '';
  return (
    <section className="sessions-section" aria-label="Session files">
      <h3>Session files</h3>
      <div className="row-actions">
        <button className="btn btn-small" disabled={!threadId || busy !== null} onClick={() => threadId && void doExport([threadId])} title={`Export the open thread${exportHint}`}>
          Export this thread
        </button>
        <button
          className="btn btn-small"
          disabled={picked.length === 0 || busy !== null}
          onClick={() => void doExport(picked).then(clear)}
          title={`Ctrl/Cmd+click threads in the list to pick them${exportHint}`}
        >
          Export picked ({picked.length})
        </button>
        <button className="btn btn-small" disabled={busy !== null} onClick={() => void doExport([])} title={`Export every thread${exportHint}`}>
          Export everything
        </button>
      </div>
      {files ? (
        <div className="row-actions">
          <button className="btn btn-small" disabled={importing} onClick={chooseImport}>
            Import session file…
          </button>
          <span className="muted small">or drop a .runlens file on this tab</span>
          {files.kind === 'browser' ? (
            <input
              ref={input}
              type="file"
              accept=".runlens,application/vnd.sqlite3,application/x-sqlite3"
              aria-label="Session file to upload"
              hidden
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (f) importFile(f);
              }}
            />
          ) : null}
        </div>
      ) : null}
      <details className="import-by-path" open={!files}>
        <summary className="small">Import by path on this machine</summary>
        <form
          className="import-form"
          onSubmit={(e) => {
            e.preventDefault();
            startImport('Importing', (id) => api.sessions.import(file, { progress_id: id }));
          }}
        >
          <input className="search" placeholder="/path/to/session.runlens" aria-label="Session file to import" value={file} onChange={(e) => setFile(e.target.value)} />
          <button className="btn btn-small" type="submit" disabled={!file.trim() || importing}>
            Import
          </button>
        </form>
      </details>
      <ImportProgressView progress={progress} uploading={uploading} />
      {busy && !uploading && !progress ? (
        <div className="muted small" role="status" aria-live="polite">
          {busy}…
        </div>
      ) : null}
      {error ? (
        <div className="inline-error" role="alert">
          {error}
        </div>
      ) : null}
      {lines.length > 0 ? (
        <div className="small transfer-report" role="status" data-testid="transfer-report">
          {lines.map((l, i) => (
            <div key={i} className={i > 0 && (l.startsWith('/') || l.endsWith('.runlens')) ? 'mono' : undefined}>
              {l}
            </div>
          ))}
        </div>
      ) : null}
    </section>
  );
});
