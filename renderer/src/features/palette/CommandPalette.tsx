import { useEffect, useMemo, useRef, useState } from 'react';
import { filterCommands, type Command } from './commands';

/** Ctrl/Cmd+K: type to filter commands, threads and assistants; arrows move, Enter runs, Escape closes. */
export function CommandPalette({ commands, onClose }: { commands: Command[]; onClose(): void }) {
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const results = useMemo(() => filterCommands(commands, query).slice(0, 60), [commands, query]);
  useEffect(() => setIndex(0), [query]);
  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView?.({ block: 'nearest' });
  }, [index]);
  const runAt = (i: number) => {
    const c = results[i];
    if (!c) return;
    onClose();
    c.run();
  };
  return (
    <div className="palette-backdrop" onMouseDown={onClose}>
      <div className="palette" role="dialog" aria-label="Command palette" onMouseDown={(e) => e.stopPropagation()}>
        <input
          autoFocus
          className="palette-input"
          placeholder="Type a command, a thread or an assistant…"
          aria-label="Command"
          aria-controls="palette-list"
          aria-activedescendant={results[index] ? `cmd-${results[index].id}` : undefined}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            const keys: Record<string, () => void> = {
              ArrowDown: () => setIndex((i) => Math.min(results.length - 1, i + 1)),
              ArrowUp: () => setIndex((i) => Math.max(0, i - 1)),
              Enter: () => runAt(index),
              Escape: onClose,
            };
            const act = keys[e.key];
            if (act) {
              e.preventDefault();
              act();
            }
          }}
        />
        <ul className="palette-list" id="palette-list" role="listbox" ref={listRef}>
          {results.length === 0 ? <li className="muted palette-empty">Nothing matches “{query}”.</li> : null}
          {results.map((c, i) => (
            <li key={c.id} id={`cmd-${c.id}`} role="option" aria-selected={i === index} className={i === index ? 'active' : ''} onMouseEnter={() => setIndex(i)} onClick={() => runAt(i)}>
              <span className="palette-group">{c.group}</span>
              <span className="palette-title">{c.title}</span>
              {c.hint ? <span className="muted small palette-hint">{c.hint}</span> : null}
              <span className="spacer" />
              {c.shortcut ? <kbd>{c.shortcut}</kbd> : null}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
