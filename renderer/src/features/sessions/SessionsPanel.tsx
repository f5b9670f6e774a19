import { useMemo, useRef, useState, type DragEvent } from 'react';
import type { SearchHit } from '../../../../electron/contract/sessions';
import { useBridge } from '../../bridge/context';
import { EmptyState } from '../../components/EmptyState';
import { useRuns, useStores, useThreads, useUi } from '../../stores';
import { errorMessage } from '../../stores/errors';
import { threadRuns } from '../../stores/selectors';
import { openThread } from '../threads/use-thread-actions';
import { RunSection } from './RunSection';
import { SearchSection } from './SearchSection';
import { TransferSection, type TransferHandle } from './TransferSection';

/** The Sessions tab: search everything, re-run/fork/diff the shown run, export and import. */
export function SessionsPanel() {
  const stores = useStores();
  const bridge = useBridge();
  const { api } = bridge;
  const transfer = useRef<TransferHandle>(null);
  const [dragging, setDragging] = useState(false);
  const threadId = useUi((s) => s.threadId);
  const runId = useUi((s) => s.runId);
  const stored = useThreads((s) => (threadId ? s.runs[threadId] : undefined));
  const live = useRuns((s) => s.live);
  const runs = useMemo(() => (threadId ? threadRuns(threadId, stored, live) : []), [threadId, stored, live]);
  const shown = runId && runs.some((r) => r.id === runId) ? runId : (runs[0]?.id ?? null);

  const openAt = (thread: string, run: string | null, step: string | null) => {
    void openThread(stores, thread, { runId: run, stepId: step });
    stores.ui.getState().set({ rightTab: run ? 'timeline' : 'sessions' });
  };
  const openRun = (run: string, step: string | null) => {
    api.runs.get(run).then(
      (d) => openAt(d.run.thread_id, run, step),
      (e: unknown) => stores.ui.getState().set({ notice: { kind: 'error', text: `Could not open the run: ${errorMessage(e)}` } }),
    );
  };
  // A .runlens file dropped anywhere on the tab is imported (where the transport can take files).
  const hasFiles = (e: DragEvent) => bridge.sessionFiles !== undefined && [...e.dataTransfer.types].includes('Files');
  const dropProps = {
    onDragOver: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    },
    onDragLeave: (e: DragEvent) => {
      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
    },
    onDrop: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(false);
      const file = e.dataTransfer.files[0];
      if (file) transfer.current?.importDropped(file);
    },
  };
  return (
    <div className={dragging ? 'sessions-panel drop-target' : 'sessions-panel'} {...dropProps}>
      {dragging ? (
        <div className="drop-hint" aria-hidden="true">
          Drop the session file to import it
        </div>
      ) : null}
      <SearchSection onOpen={(h: SearchHit) => openAt(h.thread_id, h.run_id, h.step_id)} />
      {shown ? (
        <RunSection runId={shown} runIds={runs.map((r) => r.id)} onOpenRun={openRun} />
      ) : (
        <EmptyState title={threadId ? 'No runs yet' : 'No thread open'}>Open a thread with a finished run to re-run it, fork it or compare it.</EmptyState>
      )}
      <TransferSection ref={transfer} threadId={threadId} />
    </div>
  );
}
