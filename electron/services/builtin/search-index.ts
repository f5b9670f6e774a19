/**
 * The chunk index behind file_search: SQLite FTS5 (porter stemming) ranked with BM25.
 * Chunks belong to a vector store file, or to the pseudo store `attach` for files attached
 * to messages. Scores are mapped into 0–1 so `ranking_options.score_threshold` means the
 * same for a one-file store and a large one: half the share of the query's content words the
 * chunk contains, half the BM25 score squashed by s/(s+1).
 */
import type { Db } from '../db/database';

/** Chunks of files attached to messages (not in any vector store) live under this store id. */
export const ATTACH_STORE = 'attach';

/** One ranked chunk. */
export interface SearchHit {
  file_id: string;
  score: number;
  text: string;
  chunk_index: number;
}

/** Where to look: vector stores, plus single attached files. */
export interface SearchScope {
  vectorStoreIds: string[];
  attachedFileIds: string[];
}

const STOPWORDS = new Set(
  'a an and are as at be but by can could did do does for from had has have how i if in into is it its me my no not of on or our so than that the their them then there these they this to was we were what when where which who why will with would you your'.split(' '),
);

/** The query's words, lower case, without duplicates. */
export function queryTerms(query: string): string[] {
  const words = query.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
  return [...new Set(words)];
}

/** Content words of a query (stop words removed, unless nothing else is left). */
export function contentTerms(query: string): string[] {
  const terms = queryTerms(query);
  const content = terms.filter((t) => !STOPWORDS.has(t) && t.length > 1);
  return content.length > 0 ? content : terms;
}

/** Share of `terms` found in `text` (case-insensitive, as prefixes of its words). */
export function coverage(terms: string[], text: string): number {
  if (terms.length === 0) return 0;
  const lower = text.toLowerCase();
  let found = 0;
  for (const t of terms) {
    const stem = t.length > 5 ? t.slice(0, t.length - 2) : t;
    if (new RegExp(`(?<![\\p{L}\\p{N}_])${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u').test(lower)) found++;
  }
  return found / terms.length;
}

/** The FTS5 index of chunks. */
export class SearchIndex {
  constructor(private readonly db: Db) {}

  /** Replaces the chunks of one file in one store. */
  index(storeId: string, fileId: string, chunks: string[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM file_chunks WHERE store_id = ? AND file_id = ?').run(storeId, fileId);
      const insert = this.db.prepare('INSERT INTO file_chunks (text, store_id, file_id, idx) VALUES (?, ?, ?, ?)');
      chunks.forEach((text, i) => insert.run(text, storeId, fileId, i));
    })();
  }

  has(storeId: string, fileId: string): boolean {
    return this.db.prepare('SELECT 1 FROM file_chunks WHERE store_id = ? AND file_id = ? LIMIT 1').get(storeId, fileId) !== undefined;
  }

  remove(storeId: string, fileId?: string): void {
    if (fileId) this.db.prepare('DELETE FROM file_chunks WHERE store_id = ? AND file_id = ?').run(storeId, fileId);
    else this.db.prepare('DELETE FROM file_chunks WHERE store_id = ?').run(storeId);
  }

  /** Size in bytes of a store's indexed text (its `usage_bytes`). */
  usageBytes(storeId: string, fileId?: string): number {
    const row = (
      fileId
        ? this.db.prepare('SELECT coalesce(sum(length(CAST(text AS BLOB))), 0) AS n FROM file_chunks WHERE store_id = ? AND file_id = ?').get(storeId, fileId)
        : this.db.prepare('SELECT coalesce(sum(length(CAST(text AS BLOB))), 0) AS n FROM file_chunks WHERE store_id = ?').get(storeId)
    ) as { n: number };
    return row.n;
  }

  /** The best chunks for `query` within `scope`, best first, at most `max`, none under `threshold`. */
  search(scope: SearchScope, query: string, max: number, threshold: number): SearchHit[] {
    const terms = queryTerms(query);
    if (terms.length === 0 || (scope.vectorStoreIds.length === 0 && scope.attachedFileIds.length === 0)) return [];
    const match = terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' OR ');
    const where: string[] = [];
    const args: unknown[] = [match];
    if (scope.vectorStoreIds.length > 0) {
      where.push(`store_id IN (${scope.vectorStoreIds.map(() => '?').join(',')})`);
      args.push(...scope.vectorStoreIds);
    }
    if (scope.attachedFileIds.length > 0) {
      where.push(`(store_id = '${ATTACH_STORE}' AND file_id IN (${scope.attachedFileIds.map(() => '?').join(',')}))`);
      args.push(...scope.attachedFileIds);
    }
    const rows = this.db
      .prepare(`SELECT text, file_id, idx, bm25(file_chunks) AS rank FROM file_chunks WHERE file_chunks MATCH ? AND (${where.join(' OR ')}) ORDER BY rank LIMIT ?`)
      .all(...args, Math.max(max * 4, 50)) as Array<{ text: string; file_id: string; idx: number; rank: number }>;
    const content = contentTerms(query);
    const seen = new Set<string>();
    const hits: SearchHit[] = [];
    for (const r of rows) {
      const key = `${r.file_id}:${r.idx}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const s = Math.max(0, -r.rank);
      const score = Math.round((0.5 * coverage(content, r.text) + 0.5 * (s / (s + 1))) * 10_000) / 10_000;
      if (score >= threshold) hits.push({ file_id: r.file_id, score, text: r.text, chunk_index: r.idx });
    }
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, max);
  }
}
