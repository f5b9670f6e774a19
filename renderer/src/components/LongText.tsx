/**
 * A message too long to render as one markdown block (a reply that streamed 100,000 words):
 * split into chunks at paragraph (else word) boundaries, shown in its own scroll box and
 * virtualized with @tanstack/react-virtual, so only the chunks in view are rendered as
 * markdown and the DOM stays small however long the text grows.
 */
import { useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Markdown } from './Markdown';

/** Texts longer than this (characters) are rendered by `LongText`. */
export const LONG_TEXT_CHARS = 20_000;
const CHUNK = 4_000;

/** Splits `text` into chunks of about CHUNK characters, never inside a ``` fence when it can help it. */
export function chunkText(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text.length - i <= CHUNK * 1.5) {
      out.push(text.slice(i));
      break;
    }
    let end = text.lastIndexOf('\n\n', i + CHUNK * 1.5);
    if (end <= i + CHUNK / 2) end = text.lastIndexOf(' ', i + CHUNK);
    if (end <= i) end = i + CHUNK;
    const fences = (text.slice(i, end).match(/```/g) ?? []).length;
    if (fences % 2 === 1) {
      const close = text.indexOf('```', end);
      if (close !== -1 && close - i < CHUNK * 20) end = close + 3;
    }
    out.push(text.slice(i, end));
    i = end;
  }
  return out;
}

/** The long message: a virtualized list of markdown chunks with a note saying why it scrolls on its own. */
export function LongText({ text }: { text: string }) {
  const chunks = useMemo(() => chunkText(text), [text]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: chunks.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => Math.max(40, Math.ceil(chunks[i].length / 90) * 20),
    overscan: 2,
    initialRect: { width: 600, height: 480 },
  });
  return (
    <div className="long-text" data-testid="long-text" data-chunks={chunks.length}>
      <div className="muted small">
        Long message ({text.length.toLocaleString('en-US')} characters): it scrolls on its own, and only what is in view is rendered.
      </div>
      <div className="long-text-scroll" ref={scrollRef} tabIndex={0} aria-label="Long message text">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((row) => (
            <div key={row.key} data-index={row.index} ref={virtualizer.measureElement} style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${row.start}px)` }}>
              <Markdown text={chunks[row.index]} />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
