import { useLayoutEffect, useRef, type MutableRefObject } from 'react';
import { Countdown, useNow } from '../../components/Countdown';
import { EmptyState } from '../../components/EmptyState';
import { useAssistants, useInbox, useRuns, useStores, useThreads, useUi } from '../../stores';
import { checkSubmit } from '../../stores/inbox-rules';
import type { RunInbox } from '../../stores/inbox-store';
import { PendingCallCard } from './PendingCallCard';
import { openThread } from '../threads/use-thread-actions';

/**
 * Where keyboard focus goes when the run group holding it leaves the Inbox (its calls all
 * decided, the run submitted on its own): another run's undecided held call, else the composer,
 * so a keyboard user carries on instead of starting again from <body>.
 */
function refocusAfterRunLeft(): void {
  if (document.activeElement && document.activeElement !== document.body) return;
  const next = document.querySelector<HTMLElement>('.inbox .pending-call[data-approval="ask"]:not([data-decided])');
  if (next) return next.focus();
  document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Message"]')?.focus();
}

function RunGroup({ inbox, focusLost }: { inbox: RunInbox; focusLost: MutableRefObject<boolean> }) {
  const stores = useStores();
  const section = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const el = section.current;
    // Runs as the group unmounts, before its nodes leave the document: did it hold the focus?
    return () => {
      if (el?.contains(document.activeElement)) focusLost.current = true;
    };
  }, [focusLost]);
  const run = useRuns((s) => s.live[inbox.runId]?.run);
  const drafts = useInbox((s) => s.drafts);
  const handlers = useAssistants((s) => s.handlers[inbox.assistantId]);
  const title = useThreads((s) => (run ? s.summaries.find((x) => x.thread.id === run.thread_id)?.title : undefined));
  const openId = useUi((s) => s.threadId);
  const now = useNow();
  const check = checkSubmit({ status: run?.status ?? 'requires_action', expiresAt: run?.expires_at ?? null, nowMs: now, calls: inbox.calls, drafts, submitting: inbox.submitting });
  const submit = () => void stores.inbox.getState().submitAll(inbox.runId, run?.status ?? 'requires_action', run?.expires_at ?? null);
  return (
    <section ref={section} className="inbox-run" data-run-id={inbox.runId} aria-label={`Pending calls of ${inbox.runId}`}>
      <header className="inbox-run-head">
        <span className="mono small">{inbox.runId}</span>
        {run && run.thread_id !== openId ? (
          <button className="link small" title={`Open “${title ?? run.thread_id}”`} onClick={() => void openThread(stores, run.thread_id)}>
            in “{title ?? run.thread_id}”
          </button>
        ) : null}
        <span className="spacer" />
        <Countdown expiresAt={run?.expires_at ?? null} />
      </header>
      {inbox.calls.map((c) => (
        <PendingCallCard key={c.call_id} runId={inbox.runId} call={c} liveAvailable={(c.handler !== undefined && c.handler !== 'manual' && c.handler !== 'mock') || (handlers?.some((h) => h.function_name === c.function && h.mode === 'live') ?? false)} onSubmit={submit} />
      ))}
      {!check.ok && !inbox.submitting ? (
        <ul className="submit-reasons" aria-label="Before you can submit">
          {check.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : null}
      {inbox.error ? (
        <div className="inline-error" role="alert">
          {inbox.error}
        </div>
      ) : null}
      <button className="btn btn-primary wide" disabled={!check.ok} onClick={submit} data-testid="submit-outputs" title="Submit all outputs (Ctrl/Cmd+Enter in an output)">
        {inbox.submitting ? 'Submitting…' : `Submit ${inbox.calls.length} output${inbox.calls.length === 1 ? '' : 's'}`}
      </button>
    </section>
  );
}

/** Every run waiting for tool outputs, the open thread's first; each run's calls are answered and submitted together. */
export function ToolInbox() {
  const runs = useInbox((s) => s.runs);
  const live = useRuns((s) => s.live);
  const openId = useUi((s) => s.threadId);
  const focusLost = useRef(false);
  useLayoutEffect(() => {
    if (!focusLost.current) return;
    focusLost.current = false;
    refocusAfterRunLeft();
  });
  const list = Object.values(runs)
    .filter((r) => r.calls.length > 0 && (live[r.runId]?.run?.status ?? 'requires_action') === 'requires_action')
    .sort((a, b) => Number(live[b.runId]?.threadId === openId) - Number(live[a.runId]?.threadId === openId));
  if (list.length === 0) {
    return (
      <EmptyState title="No calls waiting">
        When a run calls a function whose handler is manual, its calls appear here. Answer each by typing an output or using the function's mock, then submit them together.
      </EmptyState>
    );
  }
  return (
    <div className="inbox">
      {list.map((r) => (
        <RunGroup key={r.runId} inbox={r} focusLost={focusLost} />
      ))}
    </div>
  );
}
