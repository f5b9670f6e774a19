/**
 * Splits extracted text into overlapping chunks by `chunking_strategy` (assistants-api.md §1:
 * static max_chunk_size_tokens 100–4096, default 800, overlap default 400, at most half).
 * Tokens are counted as RunLens counts them everywhere (4 characters each); cuts fall on
 * whitespace where one is near, so words are not split.
 */

/** The strategy as stored on a vector store file. */
export interface StaticChunking {
  type: 'static';
  static: { max_chunk_size_tokens: number; chunk_overlap_tokens: number };
}

/** What `auto` means, here as on the platform. */
export const DEFAULT_CHUNKING: StaticChunking = { type: 'static', static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 } };

const CHARS_PER_TOKEN = 4;

/** Chunks of `text`; each at most max tokens long, consecutive ones sharing about `overlap` tokens. */
export function chunkText(text: string, strategy: StaticChunking = DEFAULT_CHUNKING): string[] {
  const size = strategy.static.max_chunk_size_tokens * CHARS_PER_TOKEN;
  const overlap = strategy.static.chunk_overlap_tokens * CHARS_PER_TOKEN;
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      const space = text.lastIndexOf(' ', end);
      const newline = text.lastIndexOf('\n', end);
      const cut = Math.max(space, newline);
      if (cut > start + size / 2) end = cut;
    }
    const chunk = text.slice(start, end).trim();
    if (chunk) chunks.push(chunk);
    if (end >= text.length) break;
    let next = end - overlap;
    if (next <= start) next = end;
    const space = text.indexOf(' ', next);
    if (space >= 0 && space < end) next = space + 1;
    start = next;
  }
  return chunks;
}
