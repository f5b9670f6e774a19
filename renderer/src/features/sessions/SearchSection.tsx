import { useEffect, useState } from 'react';
import type { SearchHit } from '../../../../electron/contract/sessions';
import { useBridge } from '../../bridge/context';
import { errorMessage } from '../../stores/errors';

const KIND: Record<SearchHit['kind'], string> = {
  message: 'message',
  tool_arguments: 'tool arguments',
  tool_output: 'tool output',
  tool_error: 'tool error',
  run_error: 'run error',
  step_error: 'step error',
};

/** Full-text search over every thread; a hit opens its thread at that run and step. */
export function SearchSection({ onOpen }: { onOpen: (hit: SearchHit) => void }) {
  const { api } = useBridge();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!query.trim()) {
      setHits(null);
      return;
    }
    let stale = false;
    const t = setTimeout(() => {
      api.sessions.search(query, 50).then(
        (h) => {
          if (!stale) {
            setHits(h);
            setError(null);
          }
        },
        (e: unknown) => !stale && setError(errorMessage(e)),
      );
    }, 150);
    return () => {
      stale = true;
      clearTimeout(t);
    };
  }, [query, api]);
  return (
    <section className="sessions-section" aria-label="Search everything">
      <h3>Search all threads</h3>
      <input
        className="search"
        type="search"
        placeholder="Messages, tool arguments and outputs, errors, ids…"
        aria-label="Search all threads"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {error ? <div className="inline-error">Search failed: {error}</div> : null}
      {hits && hits.length === 0 ? <div className="list-empty">Nothing recorded matches “{query}”.</div> : null}
      {hits && hits.length > 0 ? (
        <ul className="search-hits" aria-label="Search results">
          {hits.map((h) => (
            <li key={`${h.kind}-${h.ref}`}>
              <button className="search-hit" onClick={() => onOpen(h)} data-run-id={h.run_id ?? ''} data-step-id={h.step_id ?? ''}>
                <span className="muted small">
                  {KIND[h.kind]} · <span className="mono">{h.run_id ?? h.thread_id}</span>
                </span>
                <span className="hit-snippet">
                  {h.parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
