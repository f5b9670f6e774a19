import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { StatusBadge } from '../../components/StatusBadge';
import { useStores, useThreads, useUi } from '../../stores';
import { relativeTime } from './relative-time';
import { useThreadActions } from './use-thread-actions';
import { formatCost } from '../../../../electron/contract/pricing';
import { useSessionSelection } from '../sessions/selection';

/**
 * The virtual rows; when the list has no measured height yet (a hidden pane, or a DOM
 * without layout) the virtualizer yields none, so the first rows render at estimated places.
 */
function rowsToRender(rows: Array<{ index: number; start: number; size: number }>, count: number) {
  if (rows.length > 0 || count === 0) return rows;
  return Array.from({ length: Math.min(count, 40) }, (_, index) => ({ index, start: index * 44, size: 44 }));
}

/** Every thread, newest activity first, searchable, virtualised so thousands stay fast. */
export function ThreadList() {
  const summaries = useThreads((s) => s.summaries);
  const loaded = useThreads((s) => s.loaded);
  const error = useThreads((s) => s.error);
  const selected = useUi((s) => s.threadId);
  const view = useUi((s) => s.view);
  const { threads } = useStores();
  const actions = useThreadActions();
  const [query, setQuery] = useState(() => threads.getState().search);
  const scrollRef = useRef<HTMLDivElement>(null);
  const picked = useSessionSelection((s) => s.picked);
  const togglePick = useSessionSelection((s) => s.toggle);

  useEffect(() => {
    const t = setTimeout(() => void threads.getState().load(query.trim()), 150);
    return () => clearTimeout(t);
  }, [query, threads]);

  const virtualizer = useVirtualizer({ count: summaries.length, getScrollElement: () => scrollRef.current, estimateSize: () => 44, overscan: 12, initialRect: { width: 260, height: 800 } });

  return (
    <section className="sidebar-section threads-section" aria-label="Threads">
      <header className="section-head">
        <h2>Threads</h2>
        <button className="btn btn-small" onClick={() => void actions.create()} title="New thread (Alt+N)">
          + New
        </button>
      </header>
      <input className="search" type="search" placeholder="Search threads…" aria-label="Search threads" value={query} onChange={(e) => setQuery(e.target.value)} />
      {error ? <div className="inline-error">Could not load threads: {error}</div> : null}
      {loaded && summaries.length === 0 && !error ? (
        <div className="list-empty">{query ? `No thread matches “${query}”.` : 'No threads yet. Press Alt+N or “+ New” to start one.'}</div>
      ) : null}
      <div className="thread-scroll" ref={scrollRef} role="listbox" aria-label="Thread list">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {rowsToRender(virtualizer.getVirtualItems(), summaries.length).map((row) => {
            const s = summaries[row.index];
            const active = view === 'thread' && s.thread.id === selected;
            return (
              <button
                key={s.thread.id}
                role="option"
                aria-selected={active}
                className={`thread-row${active ? ' selected' : ''}${picked.includes(s.thread.id) ? ' picked' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${row.start}px)`, height: row.size }}
                onClick={(e) => (e.ctrlKey || e.metaKey ? togglePick(s.thread.id) : actions.open(s.thread.id))}
                data-picked={picked.includes(s.thread.id) || undefined}
                data-thread-id={s.thread.id}
                title={s.usage ? `${s.title}\n${s.usage.total_tokens} tokens · ${formatCost(s.usage.cost_usd)}` : s.title}
              >
                <span className="thread-title">{s.title}</span>
                <span className="thread-meta">
                  {s.last_run ? <StatusBadge status={s.last_run.status} compact /> : null}
                  <span>{s.message_count} msg</span>
                  <span>·</span>
                  <span>{relativeTime(s.last_activity_at)}</span>
                </span>
              </button>
            );
          })}
        </div>
      </div>
    </section>
  );
}
