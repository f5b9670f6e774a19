import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { LiveRun } from '../../stores/run-reducer';
import { EmptyState } from '../../components/EmptyState';
import { StatusBadge } from '../../components/StatusBadge';
import { useRuns, useStores, useThreads, useUi } from '../../stores';
import { activeRun, chatItems, isActive, threadRuns } from '../../stores/selectors';
import { MessageBubble } from './MessageBubble';
import { RunBlock } from './RunBlock';
import { Composer } from './Composer';
import { ThreadHeader } from './ThreadHeader';
import { useRunActions } from './use-run-actions';

const EMPTY: never[] = [];

/** The open thread: header, messages and runs streaming in, the lock banner and the composer. */
export function ChatView({ threadId }: { threadId: string }) {
  const summary = useThreads((s) => s.summaries.find((x) => x.thread.id === threadId));
  const messages = useThreads((s) => s.messages[threadId] ?? EMPTY);
  const storedRuns = useThreads((s) => s.runs[threadId]);
  // Only this thread's runs: pushes for other threads do not re-render the chat.
  const live = useRuns(
    useShallow((s) => {
      const mine: Record<string, LiveRun> = {};
      for (const [id, l] of Object.entries(s.live)) if (l.threadId === threadId) mine[id] = l;
      return mine;
    }),
  );
  const runs = useMemo(() => threadRuns(threadId, storedRuns, live), [threadId, storedRuns, live]);
  const items = useMemo(() => chatItems(messages, runs, live), [messages, runs, live]);
  const lock = activeRun(runs);
  const actions = useRunActions();
  const hasAssistant = useUi((s) => !!s.assistantId);
  const lockNotice = useUi((s) => s.notice?.lockRunId ?? null);
  const { ui } = useStores();
  // "Locked… cancel it first" is about one run: once that run has ended, the notice has too.
  useEffect(() => {
    if (lockNotice && lock?.id !== lockNotice && !runs.some((r) => r.id === lockNotice && isActive(r.status))) ui.getState().set({ notice: null });
  }, [lockNotice, lock, runs, ui]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  // Follow the stream while the user is at the bottom; leave them alone when they scrolled up.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [items]);
  useEffect(() => {
    stick.current = true;
  }, [threadId]);

  return (
    <div className="chat">
      <ThreadHeader summary={summary} threadId={threadId} />
      <div
        className="chat-scroll"
        ref={scrollRef}
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
        aria-label="Conversation"
        aria-live="polite"
      >
        {items.length === 0 ? (
          <EmptyState title="This thread is empty">
            {hasAssistant ? 'Write a message below and press Ctrl/Cmd+Enter to run the assistant.' : 'Create an assistant in the sidebar, then write a message below and press Ctrl/Cmd+Enter.'}
            <br />
            Try <code>hello</code>, a function name with arguments like <code>get_weather city=Paris</code>, or <code>[mock:delay=3000]</code> for a slow run.
          </EmptyState>
        ) : (
          items.map((item) => (item.kind === 'message' ? <MessageBubble key={item.message.id} message={item.message} /> : <RunBlock key={item.run.id} run={item.run} parts={item.parts} />))
        )}
      </div>
      {lock ? (
        <div className="lock-banner" role="status" data-testid="lock-banner">
          <StatusBadge status={lock.status} />
          <span>
            This thread is locked by run <span className="mono">{lock.id}</span> until it ends.
            {lock.status === 'requires_action' ? ' It is waiting for tool outputs — answer them in the Inbox.' : ''}
          </span>
          <span className="spacer" />
          <button className="btn btn-small btn-danger" onClick={() => void actions.cancel(lock.id)} disabled={lock.status === 'cancelling'} title="Cancel the run (Alt+X)">
            Cancel run
          </button>
        </div>
      ) : null}
      <Composer locked={!!lock} threadId={threadId} threadAssistantId={runs[0]?.assistant_id ?? summary?.last_run?.assistant_id ?? null} />
    </div>
  );
}
