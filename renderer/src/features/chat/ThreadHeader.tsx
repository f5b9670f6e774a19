import { useEffect, useState } from 'react';
import type { ThreadSummary } from '../../../../electron/contract/api';
import { useThreadActions } from '../threads/use-thread-actions';
import { TenantValues } from './TenantValues';
import { useStores } from '../../stores';
import { useBridge } from '../../bridge/context';
import { errorMessage } from '../../stores/errors';

/** The open thread's title (click to rename, kept in metadata.title) and its commands. */
export function ThreadHeader({ summary, threadId }: { summary: ThreadSummary | undefined; threadId: string }) {
  const actions = useThreadActions();
  const { ui } = useStores();
  const { api, sessionFiles } = useBridge();
  // The save dialog (desktop) or a download (browser) where the transport has one; else the data folder.
  const exportThread = () =>
    (sessionFiles ? sessionFiles.exportFile([threadId]) : api.sessions.export({ thread_ids: [threadId] })).then(
      (r) => {
        if (!r) return;
        const what = `Exported this thread (${r.counts.runs} runs, ${r.counts.events} events)`;
        ui.getState().set({ notice: { kind: 'info', text: sessionFiles?.kind === 'browser' ? `${what}: downloading ${r.file}` : `${what} to ${r.file}` } });
      },
      (e: unknown) => ui.getState().set({ notice: { kind: 'error', text: `Could not export: ${errorMessage(e)}` } }),
    );
  const [editing, setEditing] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  // A thread the list does not hold (only the newest 500 are listed, e.g. after a big import) is read on its own.
  const [ownTitle, setOwnTitle] = useState<{ id: string; title: string | null } | null>(null);
  useEffect(() => {
    if (summary) return;
    let live = true;
    void api.threads.get(threadId).then(
      (t) => live && setOwnTitle({ id: threadId, title: typeof t.metadata?.title === 'string' ? t.metadata.title : null }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, summary, threadId]);
  const title = summary?.title ?? (ownTitle?.id === threadId ? ownTitle.title : null) ?? 'Untitled thread';
  const commit = () => {
    if (editing != null && editing.trim() && editing !== title) void actions.rename(threadId, editing.trim());
    setEditing(null);
  };
  return (
    <header className="main-head">
      {editing != null ? (
        <input
          className="title-input"
          aria-label="Thread title"
          autoFocus
          value={editing}
          onChange={(e) => setEditing(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') setEditing(null);
          }}
        />
      ) : (
        <h1 className="title" title="Click to rename">
          <button className="title-button" onClick={() => setEditing(title)}>
            {title}
          </button>
        </h1>
      )}
      <span className="muted mono small">{threadId}</span>
      <TenantValues threadId={threadId} metadata={summary?.thread.metadata} />
      <span className="spacer" />
      <button className="btn btn-small" onClick={() => setEditing(title)}>
        Rename
      </button>
      <button className="btn btn-small" onClick={() => void actions.duplicate(threadId)}>
        Duplicate
      </button>
      <button className="btn btn-small" onClick={() => void exportThread()} title="Write this thread to a .runlens session file">
        Export
      </button>
      {confirmDelete ? (
        <>
          <button className="btn btn-small btn-danger" onClick={() => void actions.remove(threadId)} autoFocus>
            Delete for good
          </button>
          <button className="btn btn-small" onClick={() => setConfirmDelete(false)}>
            Keep
          </button>
        </>
      ) : (
        <button className="btn btn-small" onClick={() => setConfirmDelete(true)}>
          Delete
        </button>
      )}
    </header>
  );
}
