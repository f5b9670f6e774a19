import { useMemo } from 'react';
import { RunTimelinePanel, ThreadTimelinePanel } from '../features/timeline';
import { RunOptionsPanel } from '../features/run-options/RunOptionsPanel';
import { ToolInbox } from '../features/inbox/ToolInbox';
import { EmptyState } from '../components/EmptyState';
import { SessionsPanel } from '../features/sessions/SessionsPanel';
import { useInbox, useRuns, useStores, useThreads, useUi } from '../stores';
import { threadRuns } from '../stores/selectors';
import type { RightTab } from '../stores/ui-store';

function Timeline() {
  const threadId = useUi((s) => s.threadId);
  const runId = useUi((s) => s.runId);
  const stored = useThreads((s) => (threadId ? s.runs[threadId] : undefined));
  const live = useRuns((s) => s.live);
  const { ui } = useStores();
  const runs = useMemo(() => (threadId ? threadRuns(threadId, stored, live) : []), [threadId, stored, live]);
  if (!threadId) return <EmptyState title="No thread open">Open a thread to see its runs on the timeline.</EmptyState>;
  if (runs.length === 0) return <EmptyState title="No runs yet">Run the thread (Ctrl/Cmd+Enter in the composer) and its events appear here.</EmptyState>;
  const shown = runId && runs.some((r) => r.id === runId) ? runId : runs[0].id;
  return (
    <div className="timeline-tab">
      <label className="inline-field">
        <span>Run</span>
        <select value={runId ?? ''} onChange={(e) => ui.getState().set({ runId: e.target.value || null })} aria-label="Run on the timeline">
          <option value="">newest ({runs[0].id})</option>
          <option value="__thread">whole thread</option>
          {runs.map((r) => (
            <option key={r.id} value={r.id}>
              {r.id} · {r.status}
            </option>
          ))}
        </select>
      </label>
      <div className="timeline-host">{runId === '__thread' ? <ThreadTimelinePanel threadId={threadId} /> : <RunTimelinePanel threadId={threadId} runId={shown} />}</div>
    </div>
  );
}

/** Run options, the tool-call inbox (with a count) and the timeline, as tabs. */
export function RightPanel() {
  const tab = useUi((s) => s.rightTab);
  const live = useRuns((s) => s.live);
  const runs = useInbox((s) => s.runs);
  const pending = Object.values(runs).reduce((n, r) => n + ((live[r.runId]?.run?.status ?? 'requires_action') === 'requires_action' ? r.calls.length : 0), 0);
  const { ui } = useStores();
  const tabs: Array<{ id: RightTab; label: string }> = [
    { id: 'options', label: 'Run options' },
    { id: 'inbox', label: 'Inbox' },
    { id: 'timeline', label: 'Timeline' },
    { id: 'sessions', label: 'Sessions' },
  ];
  return (
    <aside className="right" id="run-panel" aria-label="Run panel">
      <div className="tabs" role="tablist">
        {tabs.map((t) => (
          <button key={t.id} role="tab" id={`tab-${t.id}`} aria-selected={tab === t.id} aria-controls={`panel-${t.id}`} className={tab === t.id ? 'on' : ''} onClick={() => ui.getState().set({ rightTab: t.id })}>
            {t.label}
            {t.id === 'inbox' && pending > 0 ? <span className="count" aria-label={`${pending} pending`}>{pending}</span> : null}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'options' ? <RunOptionsPanel /> : tab === 'inbox' ? <ToolInbox /> : tab === 'sessions' ? <SessionsPanel /> : <Timeline />}
      </div>
    </aside>
  );
}
